/**
 * AI ops of the reinforcement-learning blocks: train a Q-learning model on a grid arena, look up its best action and
 * learned path, drive the robot along the path (blocking), and read the robot's grid cell.
 *
 * Training runs on the grid model of the arena (core/ai/grid-world.ts: same walls and zones, ~37,000 episodes/s)
 * and only the trained policy drives the simulated robot (`qFollow`), see grid-world.ts for why. The model is a
 * SavedModel of kind 'qlearning' whose `state` is QModelState (the grid, the Q-table, a learning curve).
 */
import type { DeviceSet } from '../device/device-set';
import type { Value } from '../program/ir';
import type { AiContext } from './context';
import type { SavedModel } from './contracts';
import { AiError } from './errors';
import { GridFollow, newCellTracker, type CellTracker } from './grid-follow';
import { ACTIONS, GRID_ARENA_IDS, gridWorldForArena, type GridWorld } from './grid-world';
import { MAX_MODELS } from './ops-models';
import type { AiOpSpec } from './ops';
import { nameArg } from './ops-values';
import { bestActionIndex, fromModelState, greedyPath, normaliseParams, toModelState, trainQLearning } from './qlearning';

/** An AiError whose message lives in the `airl` namespace. */
const rlError = (key: string, params: Record<string, string | number> = {}) => new AiError(key, { ...params, ns: 'airl' });

/** A Q model's grid and flat Q-table, parsed once per saved model object (`ctx.live`). */
interface LiveQ {
  readonly world: GridWorld;
  readonly q: Float64Array;
}

function qModel(ctx: AiContext, name: Value): { model: SavedModel; live: LiveQ } {
  const modelName = nameArg(name, 'model');
  const model = ctx.model(modelName);
  if (!model) throw new AiError('error.unknownModel', { name: modelName });
  if (model.kind !== 'qlearning') throw rlError('error.notQModel', { name: modelName });
  const live = ctx.live(model, (m): LiveQ | null => {
    try {
      return fromModelState(m.state);
    } catch {
      return null;
    }
  });
  if (!live) throw new AiError('error.modelDamaged', { name: modelName });
  return { model, live };
}

/**
 * Where each robot is on the grid, by the robot object: several robots running one program share the AI context,
 * but each follows its own path. Cleared with the run (a new run has new robot objects).
 */
const trackers = new WeakMap<object, CellTracker>();
function trackerOf(devices: DeviceSet): CellTracker | null {
  const robot = devices.robot;
  if (!robot) return null;
  let t = trackers.get(robot);
  if (!t) trackers.set(robot, (t = newCellTracker()));
  return t;
}

/** A whole number in the grid's range, else an error naming the cell (rows and columns count from 0). */
function cellArg(world: GridWorld, row: number, col: number): number {
  if (!Number.isInteger(row) || !Number.isInteger(col) || row < 0 || col < 0 || row >= world.rows || col >= world.cols) {
    throw rlError('error.cellOutside', { row, col, rows: world.rows, cols: world.cols });
  }
  return row * world.cols + col;
}

export const RL_OPS: Record<string, AiOpSpec> = {
  /** qTrain(model, arenaId, episodes, α, γ, ε, goal reward, trap reward, step reward, wall reward). */
  qTrain: {
    args: ['string', 'string', 'number', 'number', 'number', 'number', 'number', 'number', 'number', 'number'],
    returns: 'none',
    run(ctx, [m, arena, episodes, alpha, gamma, epsilon, goal, trap, step, wall]) {
      const name = nameArg(m, 'model');
      const arenaId = String(arena).trim();
      const world = gridWorldForArena(arenaId);
      if (!world) throw rlError('error.notGridArena', { arena: arenaId, arenas: GRID_ARENA_IDS.join(', ') });
      if (!ctx.model(name) && ctx.models.length >= MAX_MODELS) throw new AiError('error.tooManyModels', { max: MAX_MODELS });
      const params = normaliseParams({
        episodes: episodes as number, alpha: alpha as number, gamma: gamma as number, epsilon: epsilon as number,
        rewards: { goal: goal as number, trap: trap as number, step: step as number, wall: wall as number },
      });
      const training = trainQLearning(world, params, ctx.random);
      ctx.putModel({
        name,
        kind: 'qlearning',
        datasetId: null,
        features: ['row', 'col'],
        params: {
          arena: arenaId, episodes: params.episodes, alpha: params.alpha, gamma: params.gamma, epsilon: params.epsilon, maxSteps: params.maxSteps,
          rewardGoal: params.rewards.goal, rewardTrap: params.rewards.trap, rewardStep: params.rewards.step, rewardWall: params.rewards.wall,
        },
        state: toModelState(world, training),
        metrics: { trainSize: params.episodes, testSize: 0 },
      });
    },
  },
  /** qBestAction(model, row, col) → 'N' | 'E' | 'S' | 'W' (ties: first in that order). */
  qBestAction: {
    args: ['string', 'number', 'number'],
    returns: 'string',
    run(ctx, [m, row, col]) {
      const { live } = qModel(ctx, m);
      return ACTIONS[bestActionIndex(live.q, cellArg(live.world, row as number, col as number))];
    },
  },
  /** qPath(model) → the learned path from the start as a list of actions. */
  qPath: {
    args: ['string'],
    returns: 'list',
    run(ctx, [m]) {
      const { live } = qModel(ctx, m);
      return [...greedyPath(live.world, live.q).actions];
    },
  },
  /**
   * qFollow(model): the robot drives the learned path cell by cell (blocking) from the cell it is tracked in (the
   * start cell the first time), until the goal, a trap or a dead end of the policy.
   */
  qFollow: {
    args: ['string'],
    returns: 'none',
    // Statement only: the interpreter calls `start`.
    run: () => undefined,
    start(ctx, [m], devices) {
      const { live } = qModel(ctx, m);
      const tracker = trackerOf(devices);
      if (!devices.robot || !tracker) throw rlError('error.noRobot');
      const from = tracker.world === live.world && tracker.cell ? tracker.cell : live.world.start;
      const path = greedyPath(live.world, live.q, from);
      return new GridFollow(devices.robot, live.world, path.actions, path.cells.slice(1), tracker, from);
    },
  },
  /** gridRow() / gridCol(): the robot's tracked cell, −1 before it has followed a path. */
  gridRow: { args: [], returns: 'number', run: (_ctx, _args, devices) => trackerOf(devices)?.cell?.row ?? -1 },
  gridCol: { args: [], returns: 'number', run: (_ctx, _args, devices) => trackerOf(devices)?.cell?.col ?? -1 },
};
