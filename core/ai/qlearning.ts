/**
 * Tabular Q-learning on a grid world (core/ai/grid-world.ts), for the reinforcement-learning lessons.
 *
 * Hand-written on purpose: the npm ML libraries are about function approximation or bandits; none keeps a plain
 * Q-table over a few dozen states with the run's own seeded random, which is what makes training reproducible
 * (same seed, same Q-table) and small enough for a student to read cell by cell. The update is the textbook one:
 *
 *   Q(s, a) ← Q(s, a) + α · (r + γ · max_a' Q(s', a') − Q(s, a))      (no γ-term when s' ends the episode)
 *
 * Actions are ε-greedy: with probability ε a random action, else the best one (ties broken at random, so an
 * untrained agent does not always try north first). ε stays constant over the run: students see the block's ε at
 * work in every episode. Episodes start at the arena's start cell and end on a goal, on a trap or after `maxSteps`.
 *
 * Deterministic: the only chance comes from `random` (the run's seeded PRNG), consumed in a fixed order.
 */
import { z } from 'zod';
import { ACTIONS, cellIndex, cellOf, moveIndex, type Action, type Cell, type GridWorld } from './grid-world';

export interface QRewards {
  /** Entering a goal cell (ends the episode). */
  readonly goal: number;
  /** Entering a trap cell (ends the episode). */
  readonly trap: number;
  /** Every other move. */
  readonly step: number;
  /** A move into a wall or the border (the agent stays where it is). */
  readonly wall: number;
}

export const DEFAULT_REWARDS: QRewards = { goal: 10, trap: -10, step: -1, wall: -2 };

export interface QParams {
  readonly episodes: number;
  /** Learning rate α, 0–1. */
  readonly alpha: number;
  /** Discount γ, 0–1. */
  readonly gamma: number;
  /** Exploration ε, 0–1. */
  readonly epsilon: number;
  /** Longest episode, moves (default 50). */
  readonly maxSteps?: number;
  readonly rewards?: QRewards;
}

/**
 * Most episodes one training may run. A lesson needs hundreds; training runs inside one interpreter tick, and 20,000
 * episodes of pure exploration (ε = 1, every episode 50 moves) take ~0.2 s on a loaded lab PC, so a typo (3000000)
 * cannot freeze the run for long.
 */
export const MAX_EPISODES = 20_000;
export const DEFAULT_MAX_STEPS = 50;

export interface EpisodeStats {
  readonly steps: number;
  readonly totalReward: number;
  readonly outcome: 'goal' | 'trap' | 'timeout';
}

export interface QTraining {
  /** Q-values, `q[cell × 4 + action]`, actions in ACTIONS order. */
  readonly q: Float64Array;
  readonly episodes: readonly EpisodeStats[];
}

/** Largest reward size; beyond it Q-values could overflow to Infinity, which JSON cannot save. */
export const MAX_REWARD = 1000;

function clampRewards(r: QRewards): QRewards {
  const c = (v: number) => (Number.isFinite(v) ? Math.min(MAX_REWARD, Math.max(-MAX_REWARD, v)) : 0);
  return { goal: c(r.goal), trap: c(r.trap), step: c(r.step), wall: c(r.wall) };
}

/** Parameters clamped to their ranges (block inputs may be anything a student types). */
export function normaliseParams(p: QParams): Required<QParams> {
  const unit = (v: number) => (Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0);
  return {
    episodes: Math.min(MAX_EPISODES, Math.max(0, Math.floor(Number.isFinite(p.episodes) ? p.episodes : 0))),
    alpha: unit(p.alpha),
    gamma: unit(p.gamma),
    epsilon: unit(p.epsilon),
    maxSteps: Math.max(1, Math.floor(p.maxSteps ?? DEFAULT_MAX_STEPS)),
    rewards: p.rewards ? clampRewards(p.rewards) : DEFAULT_REWARDS,
  };
}

/** Trains a fresh Q-table. `random` returns floats in [0, 1) (the run's seeded random). */
export function trainQLearning(world: GridWorld, params: QParams, random: () => number): QTraining {
  const { episodes, alpha, gamma, epsilon, maxSteps, rewards } = normaliseParams(params);
  const nActions = ACTIONS.length;
  const q = new Float64Array(world.rows * world.cols * nActions);
  const terminal = world.kinds.map((k) => k !== 'free');
  const start = cellIndex(world, world.start);
  const stats: EpisodeStats[] = [];
  const best: number[] = [];

  for (let e = 0; e < episodes; e++) {
    let s = start;
    let total = 0;
    let steps = 0;
    let outcome: EpisodeStats['outcome'] = 'timeout';
    while (steps < maxSteps) {
      let a: number;
      if (random() < epsilon) {
        a = Math.floor(random() * nActions);
      } else {
        // Best action, ties at random.
        let max = -Infinity;
        best.length = 0;
        for (let i = 0; i < nActions; i++) {
          const v = q[s * nActions + i];
          if (v > max) { max = v; best.length = 0; best.push(i); } else if (v === max) best.push(i);
        }
        a = best.length === 1 ? best[0] : best[Math.floor(random() * best.length)];
      }
      const t = moveIndex(world, s, a);
      const kind = world.kinds[t];
      const r = t === s ? rewards.wall : kind === 'goal' ? rewards.goal : kind === 'trap' ? rewards.trap : rewards.step;
      let target = r;
      if (!terminal[t]) {
        let max = q[t * nActions];
        for (let i = 1; i < nActions; i++) if (q[t * nActions + i] > max) max = q[t * nActions + i];
        target += gamma * max;
      }
      q[s * nActions + a] += alpha * (target - q[s * nActions + a]);
      total += r;
      steps++;
      s = t;
      if (terminal[t]) {
        outcome = kind === 'goal' ? 'goal' : 'trap';
        break;
      }
    }
    stats.push({ steps, totalReward: total, outcome });
  }
  return { q, episodes: stats };
}

/** Index into ACTIONS of the best action in cell index `s`; ties go to the first in N, E, S, W order. */
export function bestActionIndex(q: ArrayLike<number>, s: number): number {
  let a = 0;
  for (let i = 1; i < ACTIONS.length; i++) if (q[s * ACTIONS.length + i] > q[s * ACTIONS.length + a]) a = i;
  return a;
}

export interface GreedyPath {
  /** Cells visited, the start first. */
  readonly cells: readonly Cell[];
  readonly actions: readonly Action[];
  /** How the path ends: at a goal, in a trap, going round in a loop / into a wall, or still walking after `maxSteps`. */
  readonly outcome: 'goal' | 'trap' | 'stuck' | 'timeout';
}

/**
 * The learned path: from `from` (default the start) always take the best action, until a goal or trap, a cell seen
 * before or a bump (the greedy policy would repeat itself forever: 'stuck'), or `maxSteps` moves.
 */
export function greedyPath(world: GridWorld, q: ArrayLike<number>, from: Cell = world.start, maxSteps = world.rows * world.cols): GreedyPath {
  let s = cellIndex(world, from);
  const cells: Cell[] = [cellOf(world, s)];
  const actions: Action[] = [];
  const seen = new Set<number>([s]);
  if (world.kinds[s] !== 'free') return { cells, actions, outcome: world.kinds[s] as 'goal' | 'trap' };
  for (let i = 0; i < maxSteps; i++) {
    const a = bestActionIndex(q, s);
    const t = moveIndex(world, s, a);
    if (t === s || seen.has(t)) return { cells, actions, outcome: 'stuck' };
    actions.push(ACTIONS[a]);
    cells.push(cellOf(world, t));
    seen.add(t);
    s = t;
    if (world.kinds[t] !== 'free') return { cells, actions, outcome: world.kinds[t] as 'goal' | 'trap' };
  }
  return { cells, actions, outcome: 'timeout' };
}

/** Most episode rewards kept in a saved model for the learning curve (evenly sampled beyond this). */
export const MAX_CURVE_POINTS = 500;

/**
 * What a Q-learning SavedModel keeps in `state`: the grid (to draw it without the arena), the Q-table per cell
 * `[N, E, S, W]`, and a learning curve. Validated whenever it is read back (from a project file or a message).
 */
export const QModelStateSchema = z.object({
  version: z.literal(1),
  grid: z.object({
    arenaId: z.string().max(100),
    rows: z.number().int().min(1).max(20),
    cols: z.number().int().min(1).max(20),
    cellSizeM: z.number().positive().max(10),
    start: z.object({ row: z.number().int().min(0), col: z.number().int().min(0) }),
    startHeadingDeg: z.number().min(-360).max(360),
    walls: z.array(z.number().int().min(0).max(15)),
    kinds: z.array(z.enum(['free', 'goal', 'trap'])),
  }).refine((g) => g.walls.length === g.rows * g.cols && g.kinds.length === g.rows * g.cols && g.start.row < g.rows && g.start.col < g.cols,
    { message: 'grid arrays must have rows × cols entries and the start must lie inside' }),
  q: z.array(z.array(z.number()).length(4)),
  /** Total reward of episodes (every episode up to MAX_CURVE_POINTS, else evenly sampled), with episode numbers. */
  curve: z.array(z.object({ episode: z.number().int().min(1), reward: z.number(), steps: z.number().int().min(0) })).max(MAX_CURVE_POINTS),
  /** Episodes that reached the goal, of all episodes. */
  goals: z.number().int().min(0),
}).refine((s) => s.q.length === s.grid.rows * s.grid.cols, { message: 'one Q row per cell' });
export type QModelState = z.infer<typeof QModelStateSchema>;

/** The saved form of a training. */
export function toModelState(world: GridWorld, training: QTraining): QModelState {
  const n = world.rows * world.cols;
  const q: number[][] = [];
  for (let s = 0; s < n; s++) q.push(Array.from(training.q.subarray(s * 4, s * 4 + 4)));
  const eps = training.episodes;
  const stride = Math.max(1, eps.length / MAX_CURVE_POINTS);
  const curve: QModelState['curve'] = [];
  for (let k = 0; k < Math.min(eps.length, MAX_CURVE_POINTS); k++) {
    const i = Math.min(eps.length - 1, Math.floor(k * stride));
    curve.push({ episode: i + 1, reward: eps[i].totalReward, steps: eps[i].steps });
  }
  return {
    version: 1,
    grid: { ...world, start: { ...world.start }, walls: [...world.walls], kinds: [...world.kinds] },
    q, curve,
    goals: eps.filter((e) => e.outcome === 'goal').length,
  };
}

/** A saved state back as a grid world and a flat Q-table; throws a ZodError when the state is malformed. */
export function fromModelState(state: unknown): { world: GridWorld; q: Float64Array; state: QModelState } {
  const parsed = QModelStateSchema.parse(state);
  return { world: parsed.grid, q: Float64Array.from(parsed.q.flat()), state: parsed };
}
