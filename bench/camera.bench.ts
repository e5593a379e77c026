/**
 * The virtual AI camera's cost.
 *
 * - `camera.frame_us`: one full frame (props and zones with visibility rays, plus the floor-line scan) on the sorting
 *   table (6 cubes, 2 figures, 4 zones), the robot turning so the view changes; median over 5 runs of 2,000 frames.
 * - `sim.rtf.camera_program`: sim seconds per wall second of a headless run whose program reads the camera every tick
 *   (turn until the red cube is seen, steer to it, then keep circling and looking), 60 s on the sorting table. Compare
 *   with `sim.rtf.1_robot` (bench/sim.bench.ts, a line follower that never reads the camera, so pays nothing).
 *
 *   node --import tsx bench/camera.bench.ts
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Expr, Program } from '../core/program/ir';
import { runHeadless } from '../core/sim/headless';
import { command, num, program, read, str } from '../core/sim/testing/programs';
import { initPhysics, SimWorld } from '../core/sim/world';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

await initPhysics();

// ---- one frame -----------------------------------------------------------------------------------------------
const frameSamples: number[] = [];
const frameCpuSamples: number[] = [];
for (let run = -2; run < 5; run++) {
  const w = new SimWorld({ arena: 'sorting-table', seed: 1, trace: false });
  const robot = w.robots[0];
  robot.setMotors(-20, 20);
  let total = 0;
  let cpu = 0;
  for (let i = 0; i < 2000; i++) {
    for (const s of w.deviceSets) s.sample();
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    robot.cameraDevice!.fullFrame();
    const c = process.cpuUsage(c0);
    total += performance.now() - t0;
    cpu += c.user + c.system;
    w.step();
  }
  w.free();
  if (run >= 0) {
    frameSamples.push((total / 2000) * 1000);
    frameCpuSamples.push(cpu / 2000);
  }
}
const frameUs = Math.round(median(frameSamples) * 10) / 10;
console.log(`[bench] camera frame: median ${frameUs} µs wall (runs: ${frameSamples.map((v) => v.toFixed(1)).join(', ')}), ` +
  `median ${median(frameCpuSamples).toFixed(1)} µs of this process's CPU (what an idle machine gives; cpuUsage has ~µs granularity)`);
console.log(`BENCH ${JSON.stringify({ name: 'camera.frame_us', value: frameUs, unit: 'us' })}`);

// ---- a program that reads the camera every tick ---------------------------------------------------------------
const bin = (op: string, left: Expr, right: Expr): Expr => ({ kind: 'binary', op, left, right, blockId: '' }) as Expr;
const x = read('robot.cameraBlobX', str('red'));
const chaser: Program = program([
  {
    kind: 'forever', blockId: 'loop', body: [
      {
        kind: 'if', blockId: 'if', else: [command('robot.setMotors', num(-20), num(20))],
        branches: [{
          cond: read('robot.cameraSeesColour', str('red')),
          body: [command('robot.setMotors', bin('+', num(20), bin('*', bin('-', x, num(160)), num(0.1))), bin('-', num(20), bin('*', bin('-', x, num(160)), num(0.1))))],
        }],
      },
      { kind: 'wait', seconds: num(0), blockId: 'w' },
    ],
  },
]);
const rtfSamples: number[] = [];
const rtfCpuSamples: number[] = [];
let hash = '';
for (let run = -3; run < 5; run++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const s = await runHeadless({ program: chaser, arenaId: 'sorting-table', seed: 1, seconds: 60 });
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  hash = s.stateHash;
  if (run >= 0) {
    rtfSamples.push(s.simSeconds / wall);
    rtfCpuSamples.push(s.simSeconds / ((c.user + c.system) / 1e6));
  }
}
const rtf = Math.round(median(rtfSamples));
console.log(`[bench] camera program: median ${rtf}x real time (runs: ${rtfSamples.map((v) => Math.round(v)).join(', ')}), ` +
  `median ${Math.round(median(rtfCpuSamples))}x per CPU second of this process; hash ${hash}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log(`BENCH ${JSON.stringify({ name: 'sim.rtf.camera_program', value: rtf, unit: 'x' })}`);
