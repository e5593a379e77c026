/**
 * Simulator speed: a line-follow program on `line-track`, 60 s of device time, run headless.
 * Prints `sim.rtf.1_robot` and `sim.rtf.4_robots` (sim seconds per wall second; goals ≥ 300 and ≥ 100).
 *
 * Uses `examples/line-follow.ailab` through `fromBlockly` when both exist, else the same program built as IR here.
 * Each figure is the median of 5 runs after 10 warm-up runs (V8 and the WASM engine need ~10 runs to tier up fully;
 * the sim worker runs for minutes, so the steady state is what matters); best and worst are logged too,
 * with the load average, because build machines are shared and a busy neighbour halves the figure. Trace frames are
 * not kept, as in `ailab run`; the state hash is computed every tick as always.
 *
 *   node --import tsx bench/sim.bench.ts
 */
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Program } from '../core/program/ir';
import { runHeadless } from '../core/sim/headless';
import { lineFollowProgram } from '../core/sim/testing/programs';
import { initPhysics } from '../core/sim/world';

const SIM_SECONDS = 60;
const RUNS = 5;
/** Runs thrown away first: V8 and the WASM engine tier up hot code over the first few thousand ticks. */
const WARMUP = 10;

async function loadProgram(): Promise<{ program: Program; source: string }> {
  const file = 'examples/line-follow.ailab';
  if (existsSync(file) && existsSync('core/program/from-blockly.ts')) {
    try {
      const { fromBlockly } = await import('../core/program/from-blockly');
      const project = JSON.parse(readFileSync(file, 'utf8'));
      const { program, diagnostics } = fromBlockly(project.workspace, 'robot');
      if (program.scripts.length > 0 && !diagnostics.some((d: { severity?: string }) => d.severity === 'error')) return { program, source: file };
    } catch (e) {
      console.error(`[bench] could not load ${file}: ${(e as Error).message}; using the hand-built IR`);
    }
  }
  return { program: lineFollowProgram(), source: 'hand-built IR (core/sim/testing/programs.ts)' };
}

async function rtf(program: Program, robotCount: number): Promise<{ value: number; hash: string }> {
  const samples: number[] = [];
  const cpuSamples: number[] = [];
  let hash = '';
  for (let i = -WARMUP; i < RUNS; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const s = await runHeadless({ program, arenaId: 'line-track', seed: 1, seconds: SIM_SECONDS, robotCount });
    const wall = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(c0);
    hash = s.stateHash;
    if (i >= 0) {
      samples.push(s.simSeconds / wall);
      cpuSamples.push(s.simSeconds / ((cpu.user + cpu.system) / 1e6));
    }
  }
  samples.sort((a, b) => a - b);
  cpuSamples.sort((a, b) => a - b);
  const median = Math.round(samples[Math.floor(samples.length / 2)]);
  console.log(`[bench] ${robotCount} robot(s): median ${median}x, best ${Math.round(samples[samples.length - 1])}x, worst ${Math.round(samples[0])}x (sim s per wall s); ` +
    `median ${Math.round(cpuSamples[Math.floor(cpuSamples.length / 2)])}x per CPU second of this process (roughly what an idle machine gives)`);
  return { value: median, hash };
}

await initPhysics();
const { program, source } = await loadProgram();
console.log(`[bench] line-follow program from ${source}; ${SIM_SECONDS} s on line-track, median of ${RUNS}`);
const one = await rtf(program, 1);
console.log(`BENCH ${JSON.stringify({ name: 'sim.rtf.1_robot', value: one.value, unit: 'x' })}`);
const four = await rtf(program, 4);
console.log(`BENCH ${JSON.stringify({ name: 'sim.rtf.4_robots', value: four.value, unit: 'x' })}`);
console.log(`[bench] hashes: 1 robot ${one.hash}, 4 robots ${four.hash}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores`);
