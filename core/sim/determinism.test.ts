import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runHeadless } from './headless';
import { lineFollowProgram, wallApproachProgram } from './testing/programs';
import { initPhysics } from './world';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

beforeAll(() => initPhysics());

/** Runs the same headless run in a fresh Node process (`node --import tsx`) and returns its hash and poses. */
function runInChildProcess(program: 'wallApproach' | 'lineFollow', arenaId: string, seed: number, seconds: number, robotCount = 1) {
  const script = `
    import { runHeadless } from './core/sim/headless.ts';
    import * as programs from './core/sim/testing/programs.ts';
    const s = await runHeadless({ program: programs.${program}Program(), arenaId: ${JSON.stringify(arenaId)}, seed: ${seed}, seconds: ${seconds}, robotCount: ${robotCount} });
    process.stdout.write(JSON.stringify({ stateHash: s.stateHash, robots: s.robots, ticks: s.ticks }));
  `;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`child failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as { stateHash: string; robots: unknown[]; ticks: number };
}

describe('simulator determinism', () => {
  it('gives the same state hash, poses and log for the same program, arena and seed run twice', async () => {
    const a = await runHeadless({ program: wallApproachProgram(), arenaId: 'open-floor', seed: 4, seconds: 20 });
    const b = await runHeadless({ program: wallApproachProgram(), arenaId: 'open-floor', seed: 4, seconds: 20 });
    expect(a.stateHash).toMatch(/^[0-9a-f]{16}$/);
    expect(b.stateHash).toBe(a.stateHash);
    expect(b.robots).toEqual(a.robots);
    expect(b.events).toEqual(a.events);
  });

  it('gives a different hash for a different seed when sensor noise feeds the program', async () => {
    const a = await runHeadless({ program: wallApproachProgram(), arenaId: 'open-floor', seed: 4, seconds: 20 });
    const b = await runHeadless({ program: wallApproachProgram(), arenaId: 'open-floor', seed: 5, seconds: 20 });
    expect(b.stateHash).not.toBe(a.stateHash);
    // The logged distances differ in their noise, not in their meaning.
    const logs = (s: typeof a) => s.events.flatMap((e) => (e.type === 'log' ? [Number(e.text)] : []));
    expect(logs(a)).not.toEqual(logs(b));
    expect(logs(a).length).toBeGreaterThan(5);
    logs(a).forEach((d, i) => expect(Math.abs(d - logs(b)[i])).toBeLessThan(1));
  });

  it('gives the same hash in two separate Node processes as in this one', async () => {
    const here = await runHeadless({ program: wallApproachProgram(), arenaId: 'open-floor', seed: 4, seconds: 20 });
    const one = runInChildProcess('wallApproach', 'open-floor', 4, 20);
    const two = runInChildProcess('wallApproach', 'open-floor', 4, 20);
    expect(one.stateHash).toBe(here.stateHash);
    expect(two.stateHash).toBe(here.stateHash);
    expect(one.robots).toEqual(here.robots);
  }, 120_000);

  it('gives the same hash across processes for four line-following robots', async () => {
    const here = await runHeadless({ program: lineFollowProgram(), arenaId: 'line-track', seed: 11, seconds: 10, robotCount: 4 });
    const child = runInChildProcess('lineFollow', 'line-track', 11, 10, 4);
    expect(child.stateHash).toBe(here.stateHash);
    expect(child.ticks).toBe(500);
  }, 120_000);
});
