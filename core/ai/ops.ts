/**
 * The AI op table: every AI block compiles to an IR `ai` node whose `op` is a key here. The interpreter coerces the
 * arguments to `args` (numbers, text, lists), calls `run` with the run's AiContext, and turns an AiError into a
 * runtime error on the block. Ops are synchronous and deterministic (randomness only from `ctx.random`).
 *
 * Adding ops: write a group file (`ops-<group>.ts`, exporting a `Record<string, AiOpSpec>`) and spread it into
 * AI_OPS below; add blocks in core/program/blocks/ai-<group>.ts and document them in core/ai/BLOCKS.md.
 */
import type { Completion } from '../device/completion';
import type { DeviceSet } from '../device/device-set';
import type { Value } from '../program/ir';
import type { AiContext } from './context';
import { DATASET_OPS } from './ops-datasets';
import { MODEL_OPS } from './ops-models';
import { RL_OPS } from './ops-rl';
import { TOKEN_OPS } from './ops-tokens';

/** How an argument is coerced before `run` sees it: 'number' → finite number, 'string' → text, 'list' → a list. */
export type AiArgType = 'number' | 'string' | 'list' | 'any';
/** What the op gives back: 'none' for statement ops; 'any' when it depends on the model (predict). */
export type AiReturnType = 'none' | 'number' | 'string' | 'boolean' | 'list' | 'any';

export interface AiOpSpec {
  readonly args: readonly AiArgType[];
  /** Extra arguments beyond `args`, all of this type (the features block takes 1–4 numbers). */
  readonly rest?: AiArgType;
  readonly returns: AiReturnType;
  /**
   * Runs the op. Throws AiError for the student's mistakes (unknown model, wrong feature count …). `devices` are the
   * devices of the program running it (the Q-learning grid-cell readings read the robot's tracked cell).
   */
  run(ctx: AiContext, args: Value[], devices: DeviceSet): Value | void;
  /**
   * Blocking statement ops only (follow a learned path with the robot): starts the action and returns the Completion
   * the thread waits for, polled once a tick like a blocking device command. As a statement the interpreter calls
   * `start` instead of `run`.
   */
  readonly start?: (ctx: AiContext, args: Value[], devices: DeviceSet) => Completion;
}

export const AI_OPS: Readonly<Record<string, AiOpSpec>> = {
  ...DATASET_OPS,
  ...MODEL_OPS,
  ...RL_OPS,
  ...TOKEN_OPS,
};

export function isAiOp(op: string): boolean {
  return Object.prototype.hasOwnProperty.call(AI_OPS, op);
}
