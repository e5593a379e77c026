import { beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '../runtime/random';
import { runUntil } from '../sim/testing/stepping';
import { initPhysics, SimWorld } from '../sim/world';
import { GridFollow, newCellTracker, trackedIndex } from './grid-follow';
import { gridWorldForArena } from './grid-world';
import { greedyPath, trainQLearning } from './qlearning';

beforeAll(async () => {
  await initPhysics();
});

/** Real rapier world, the real virtual robot: the learned path is driven by physics, not by the grid model. */
function follow(arenaId: string, episodes: number, seed: number) {
  const grid = gridWorldForArena(arenaId)!;
  const path = greedyPath(grid, trainQLearning(grid, { episodes, alpha: 0.5, gamma: 0.9, epsilon: 0.2 }, createRandom(seed)).q);
  const world = new SimWorld({ arena: arenaId, seed: 1, trace: false });
  const robot = world.deviceSets[0].robot!;
  const tracker = newCellTracker();
  const timedOut: unknown[] = [];
  world.onDidSimEvent((e) => { if (e.type === 'actionTimedOut') timedOut.push(e); });
  const seen: number[] = [];
  const c = new GridFollow(robot, grid, path.actions, path.cells.slice(1), tracker, grid.start);
  let ticks = 0;
  while (!c.isDone() && ticks < 20_000) {
    if (seen.at(-1) !== trackedIndex(tracker)) seen.push(trackedIndex(tracker));
    for (const s of world.deviceSets) s.sample();
    world.step();
    ticks++;
  }
  if (seen.at(-1) !== trackedIndex(tracker)) seen.push(trackedIndex(tracker));
  runUntil(world, { isDone: () => true });
  return { grid, path, world, tracker, seen, ticks, timedOut, pose: world.robots[0] };
}

describe('following the learned path in the simulator', () => {
  it('drives the simulated robot from the start to the green goal of the 5 × 5 grid, cell by cell', () => {
    const { grid, path, world, tracker, seen, ticks, timedOut, pose } = follow('grid-5x5', 300, 7);
    expect(path.outcome).toBe('goal');
    // The goal cell is row 0, column 3: its centre is (1.75, 0.25) m.
    expect(Math.abs(pose.x - 1.75)).toBeLessThan(0.03);
    expect(Math.abs(pose.z - 0.25)).toBeLessThan(0.03);
    expect(world.deviceSets[0].robot!.readings().colourUnder).toBe('green');
    expect(tracker.cell).toEqual({ row: 0, col: 3 });
    // The tracker walked through every cell of the path in order.
    expect(seen).toEqual(path.cells.map((c) => c.row * grid.cols + c.col));
    // Nine cells and three turns take well under a minute of device time.
    expect(ticks * 20).toBeLessThan(60_000);
    // Every turn and drive finished on the gyro/odometry, none by its time limit.
    expect(timedOut).toEqual([]);
  });

  it('drives the maze serpentine without touching a wall (12 cells, 5 turns)', () => {
    const { pose, tracker, world } = follow('maze', 500, 3);
    expect(tracker.cell).toEqual({ row: 0, col: 3 });
    expect(Math.abs(pose.x - 2.1)).toBeLessThan(0.04);
    expect(Math.abs(pose.z - 0.3)).toBeLessThan(0.04);
    expect(world.deviceSets[0].robot!.readings().colourUnder).toBe('green');
  });

  it('is done at once for an empty path and leaves the tracker at the start', () => {
    const grid = gridWorldForArena('grid-5x5')!;
    const world = new SimWorld({ arena: 'grid-5x5', seed: 1, trace: false });
    const tracker = newCellTracker();
    expect(new GridFollow(world.deviceSets[0].robot!, grid, [], [], tracker, grid.start).isDone()).toBe(true);
    expect(tracker.cell).toEqual({ row: 4, col: 0 });
  });
});
