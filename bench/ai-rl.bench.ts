/**
 * Q-learning speed on the 5 × 5 grid arena (`grid-5x5`).
 *
 * - `ai.qlearning_episodes_per_s` (goal ≥ 50): training episodes per wall second, episodes of at most 50 moves,
 *   α 0.5, γ 0.9, ε 0.2 (the block's defaults), 500 episodes a training as in a lesson, seeded. Training runs on the
 *   grid model read off the arena's own walls and zones (core/ai/grid-world.ts), not in rapier: see below.
 * - `ai.grid_moves_per_s_rapier`: the same moves driven by the simulated robot in the real rapier world (turn to the
 *   move's heading, drive one 50 cm cell, `GridFollow`), moves per wall second. This is what an episode would cost
 *   if training stepped physics; the log line turns it into episodes per second for 50-move episodes, which is why
 *   training uses the grid model and only the trained policy drives the physical robot.
 *
 * Medians of 7 samples after 3 warm-up samples (a training sample is 20 trainings of 500 episodes); best and worst logged with the load average (build machines are shared).
 *
 *   node --import tsx bench/ai-rl.bench.ts
 */
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { GridFollow, newCellTracker } from '../core/ai/grid-follow';
import { gridWorldForArena } from '../core/ai/grid-world';
import { greedyPath, trainQLearning } from '../core/ai/qlearning';
import { createRandom } from '../core/runtime/random';
import { initPhysics, SimWorld } from '../core/sim/world';

const RUNS = 7;
const WARMUP = 3;
const EPISODES = 500;
const TRAININGS = 20;
const PARAMS = { episodes: EPISODES, alpha: 0.5, gamma: 0.9, epsilon: 0.2, maxSteps: 50 };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const grid = gridWorldForArena('grid-5x5');
if (!grid) throw new Error('[bench] grid-5x5 arena missing');

// Training on the grid model.
const rates: number[] = [];
let moves = 0;
let longest = 0;
for (let i = -WARMUP; i < RUNS; i++) {
  // One sample = TRAININGS fresh trainings (different seeds), long enough for the timer and the machine's noise.
  const t0 = performance.now();
  let last = trainQLearning(grid, PARAMS, createRandom(1000 * i));
  for (let k = 1; k < TRAININGS; k++) last = trainQLearning(grid, PARAMS, createRandom(1000 * i + k));
  const s = (performance.now() - t0) / 1000;
  if (i >= 0) {
    rates.push((EPISODES * TRAININGS) / s);
    moves = last.episodes.reduce((sum, e) => sum + e.steps, 0);
    longest = Math.max(longest, ...last.episodes.map((e) => e.steps));
  }
}
const episodesPerS = Math.round(median(rates));
console.log(`[bench] Q-learning on the grid model: median ${episodesPerS} episodes/s, best ${Math.round(Math.max(...rates))}, worst ${Math.round(Math.min(...rates))}; ` +
  `${EPISODES} episodes took ${moves} moves (longest episode ${longest} moves, cap 50)`);
console.log(`BENCH ${JSON.stringify({ name: 'ai.qlearning_episodes_per_s', value: episodesPerS, unit: 'episodes/s' })}`);

// The same kind of moves in rapier: follow the learned path (9 moves) with the simulated robot.
await initPhysics();
const path = greedyPath(grid, trainQLearning(grid, PARAMS, createRandom(7)).q);
const moveRates: number[] = [];
let ticksPerMove = 0;
for (let i = -WARMUP; i < RUNS; i++) {
  const world = new SimWorld({ arena: 'grid-5x5', seed: 1, trace: false });
  const t0 = performance.now();
  const c = new GridFollow(world.deviceSets[0].robot!, grid, path.actions, path.cells.slice(1), newCellTracker(), grid.start);
  let ticks = 0;
  while (!c.isDone() && ticks < 100_000) {
    for (const set of world.deviceSets) set.sample();
    world.step();
    ticks++;
  }
  const s = (performance.now() - t0) / 1000;
  world.free();
  if (i >= 0) {
    moveRates.push(path.actions.length / s);
    ticksPerMove = ticks / path.actions.length;
  }
}
const movesPerS = Math.round(median(moveRates) * 10) / 10;
const avgMoves = moves / EPISODES;
console.log(`[bench] rapier: median ${movesPerS} grid moves/s (${ticksPerMove.toFixed(0)} ticks = ${(ticksPerMove * 0.02).toFixed(1)} s device time a move); ` +
  `training in rapier would give ~${(movesPerS / 50).toFixed(1)} episodes/s for 50-move episodes, ~${(movesPerS / avgMoves).toFixed(1)} for this training's average ${avgMoves.toFixed(1)} moves`);
console.log(`BENCH ${JSON.stringify({ name: 'ai.grid_moves_per_s_rapier', value: movesPerS, unit: 'moves/s' })}`);
console.log(`[bench] load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores`);
