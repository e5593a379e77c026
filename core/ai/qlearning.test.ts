import { describe, expect, it } from 'vitest';
import { createRandom } from '../runtime/random';
import { arenaById } from '../sim/arenas/index';
import { gridWorldForArena, gridWorldFromArena, moveIndex, shortestPathLength, SIDE_BIT, type GridWorld } from './grid-world';
import { fromModelState, greedyPath, MAX_CURVE_POINTS, QModelStateSchema, toModelState, trainQLearning } from './qlearning';

const grid = gridWorldForArena('grid-5x5')!;
const LESSON = { episodes: 300, alpha: 0.5, gamma: 0.9, epsilon: 0.2 };

describe('grid world read off the arena data', () => {
  it('finds the 5 × 5 grid, its start, goal, trap and the walls the arena file draws', () => {
    expect(grid.rows).toBe(5);
    expect(grid.cols).toBe(5);
    expect(grid.cellSizeM).toBeCloseTo(0.5);
    expect(grid.start).toEqual({ row: 4, col: 0 });
    expect(grid.kinds[0 * 5 + 3]).toBe('goal');
    expect(grid.kinds[1 * 5 + 3]).toBe('trap');
    expect(grid.kinds.filter((k) => k !== 'free')).toHaveLength(2);
    // The goal's pocket: closed west and south, open east.
    const goal = 3;
    expect(grid.walls[goal] & SIDE_BIT[3]).toBeTruthy();
    expect(grid.walls[goal] & SIDE_BIT[2]).toBeTruthy();
    expect(grid.walls[goal] & SIDE_BIT[1]).toBeFalsy();
    // Walls are seen from both sides: row 1 col 0 cannot go east, row 1 col 1 cannot go west.
    expect(moveIndex(grid, 5, 1)).toBe(5);
    expect(moveIndex(grid, 6, 3)).toBe(6);
    // Open inner edges move one cell; the border bumps.
    expect(moveIndex(grid, 20, 0)).toBe(15);
    expect(moveIndex(grid, 20, 3)).toBe(20);
    expect(moveIndex(grid, 20, 2)).toBe(20);
  });

  it('knows the shortest way to the goal avoids the trap and is 9 moves', () => {
    expect(shortestPathLength(grid)).toBe(9);
  });

  it('reads the 4 × 4 maze as a grid whose only route is the serpentine (12 moves)', () => {
    const maze = gridWorldForArena('maze')!;
    expect(maze.start).toEqual({ row: 3, col: 0 });
    expect(shortestPathLength(maze)).toBe(12);
  });

  it('refuses an arena that is not a grid of square cells', () => {
    expect(() => gridWorldFromArena(arenaById('obstacle-course')!, 5, 5)).toThrow(/not a 5 × 5 grid/);
    expect(gridWorldForArena('open-floor')).toBeUndefined();
  });
});

describe('Q-learning', () => {
  it('learns the shortest path to the goal on the 5 × 5 grid, around the trap', () => {
    const t = trainQLearning(grid, LESSON, createRandom(7));
    const path = greedyPath(grid, t.q);
    expect(path.outcome).toBe('goal');
    expect(path.actions).toHaveLength(shortestPathLength(grid)!);
    expect(path.cells.some((c) => grid.kinds[c.row * 5 + c.col] === 'trap')).toBe(false);
    // The goal can only be entered from the east.
    expect(path.actions.at(-1)).toBe('W');
  });

  it('learns the shortest path for many seeds, not just a lucky one', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const t = trainQLearning(grid, LESSON, createRandom(seed));
      const path = greedyPath(grid, t.q);
      expect({ seed, outcome: path.outcome, moves: path.actions.length }).toEqual({ seed, outcome: 'goal', moves: 9 });
    }
  });

  it('solves the maze arena too (12 moves, every turn of the serpentine)', () => {
    const maze = gridWorldForArena('maze')!;
    const t = trainQLearning(maze, { ...LESSON, episodes: 500 }, createRandom(3));
    const path = greedyPath(maze, t.q);
    expect(path.outcome).toBe('goal');
    expect(path.actions.join('')).toBe('NNNESSSENNNE');
  });

  it('gives the identical Q-table and episode stats for the same seed, and a different one for another seed', () => {
    const a = trainQLearning(grid, LESSON, createRandom(42));
    const b = trainQLearning(grid, LESSON, createRandom(42));
    const c = trainQLearning(grid, LESSON, createRandom(43));
    expect(Array.from(a.q)).toEqual(Array.from(b.q));
    expect(a.episodes).toEqual(b.episodes);
    expect(Array.from(a.q)).not.toEqual(Array.from(c.q));
  });

  it('gets better with practice: later episodes are shorter and earn more than the first ones', () => {
    const t = trainQLearning(grid, LESSON, createRandom(5));
    const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const first = t.episodes.slice(0, 20), last = t.episodes.slice(-50);
    expect(mean(last.map((e) => e.totalReward))).toBeGreaterThan(mean(first.map((e) => e.totalReward)));
    expect(mean(last.map((e) => e.steps))).toBeLessThan(mean(first.map((e) => e.steps)));
    expect(t.episodes.every((e) => e.steps <= 50)).toBe(true);
  });

  it('applies α, γ and the rewards exactly as the update rule says (one hand-checked episode)', () => {
    // A 1 × 3 corridor: start, free, goal. ε = 0, so the first move is a random tie-break among four zeros.
    const corridor: GridWorld = {
      arenaId: 'test', rows: 1, cols: 3, cellSizeM: 1, start: { row: 0, col: 0 }, startHeadingDeg: 90,
      walls: [1 | 4 | 8, 1 | 4, 1 | 2 | 4], kinds: ['free', 'free', 'goal'],
    };
    // A random that always returns 0.3: ε-test fails (0.3 ≥ 0), tie-break picks index floor(0.3 × 4) = 1 (E).
    const t = trainQLearning(corridor, { episodes: 1, alpha: 0.5, gamma: 0.9, epsilon: 0, rewards: { goal: 10, trap: -10, step: -1, wall: -2 } }, () => 0.3);
    // Step 1: 0 → 1, reward −1, Q(0,E) = 0.5 · (−1 + 0.9 · 0) = −0.5. Step 2 from cell 1: all zero, E again → goal,
    // Q(1,E) = 0.5 · 10 = 5.
    expect(t.q[0 * 4 + 1]).toBeCloseTo(-0.5, 12);
    expect(t.q[1 * 4 + 1]).toBeCloseTo(5, 12);
    expect(t.episodes).toEqual([{ steps: 2, totalReward: 9, outcome: 'goal' }]);
  });

  it('with no training the greedy path goes nowhere near the goal (straight north into the border)', () => {
    const t = trainQLearning(grid, { ...LESSON, episodes: 0 }, createRandom(1));
    expect(t.episodes).toHaveLength(0);
    const path = greedyPath(grid, t.q);
    // All zeros: ties go to N, so the path climbs column 0 to the top row and then would bump the border.
    expect(path.actions.join('')).toBe('NNNN');
    expect(path.outcome).toBe('stuck');
  });

  it('clamps silly inputs instead of failing: negative episodes train nothing, ε above 1 counts as 1, huge rewards are capped', () => {
    expect(trainQLearning(grid, { ...LESSON, episodes: -5 }, createRandom(1)).episodes).toHaveLength(0);
    const t = trainQLearning(grid, { ...LESSON, episodes: 3, epsilon: 7 }, createRandom(1));
    expect(t.episodes).toHaveLength(3);
    // Rewards beyond ±1000 are clamped, so the Q-table stays finite and can be saved as JSON.
    const huge = trainQLearning(grid, { ...LESSON, episodes: 50, rewards: { goal: 1e308, trap: -1e308, step: -1e308, wall: Number.NaN } }, createRandom(1));
    expect(Array.from(huge.q).every(Number.isFinite)).toBe(true);
    expect(Math.max(...huge.episodes.map((e) => Math.abs(e.totalReward)))).toBeLessThanOrEqual(50 * 1000);
  });
});

describe('Q-learning model state', () => {
  it('round-trips through JSON and validates', () => {
    const t = trainQLearning(grid, LESSON, createRandom(9));
    const state = toModelState(grid, t);
    const back = fromModelState(JSON.parse(JSON.stringify(state)));
    expect(Array.from(back.q)).toEqual(Array.from(t.q));
    expect(back.world).toEqual(grid);
    expect(greedyPath(back.world, back.q).actions).toEqual(greedyPath(grid, t.q).actions);
    expect(state.curve).toHaveLength(300);
    expect(state.goals).toBeGreaterThan(200);
  });

  it('keeps at most 500 curve points for long trainings, first and last episodes included', () => {
    const t = trainQLearning(grid, { ...LESSON, episodes: 2000 }, createRandom(9));
    const state = toModelState(grid, t);
    expect(state.curve).toHaveLength(MAX_CURVE_POINTS);
    expect(state.curve[0].episode).toBe(1);
    expect(state.curve.at(-1)!.episode).toBeGreaterThan(1990);
  });

  it('rejects a tampered state (wrong number of Q rows, bad wall bits)', () => {
    const state = toModelState(grid, trainQLearning(grid, LESSON, createRandom(9)));
    expect(QModelStateSchema.safeParse({ ...state, q: state.q.slice(1) }).success).toBe(false);
    expect(QModelStateSchema.safeParse({ ...state, grid: { ...state.grid, walls: state.grid.walls.map(() => 99) } }).success).toBe(false);
    expect(() => fromModelState({ nope: 1 })).toThrow();
  });
});
