/**
 * The AI op table: every AI block compiles to an IR `ai` node whose `op` is a key here. The interpreter coerces the
 * arguments to `args` (numbers, text, lists), calls `run` with the run's AiContext, and turns an AiError into a
 * runtime error on the block. Ops are synchronous and deterministic (randomness only from `ctx.random`).
 *
 * Adding ops: write a group file (`ops-<group>.ts`, exporting a `Record<string, AiOpSpec>`) and spread it into
 * AI_OPS below; add blocks in core/program/blocks/ai-<group>.ts and document them in core/ai/BLOCKS.md.
 */
import type { Value } from '../program/ir';
import type { AiContext } from './context';
import { DATASET_OPS } from './ops-datasets';
import { MODEL_OPS } from './ops-models';

/** How an argument is coerced before `run` sees it: 'number' → finite number, 'string' → text, 'list' → a list. */
export type AiArgType = 'number' | 'string' | 'list' | 'any';
/** What the op gives back: 'none' for statement ops; 'any' when it depends on the model (predict). */
export type AiReturnType = 'none' | 'number' | 'string' | 'boolean' | 'list' | 'any';

export interface AiOpSpec {
  readonly args: readonly AiArgType[];
  /** Extra arguments beyond `args`, all of this type (the features block takes 1–4 numbers). */
  readonly rest?: AiArgType;
  readonly returns: AiReturnType;
  /** Runs the op. Throws AiError for the student's mistakes (unknown model, wrong feature count …). */
  run(ctx: AiContext, args: Value[]): Value | void;
}

export const AI_OPS: Readonly<Record<string, AiOpSpec>> = {
  ...DATASET_OPS,
  ...MODEL_OPS,
};

export function isAiOp(op: string): boolean {
  return Object.prototype.hasOwnProperty.call(AI_OPS, op);
}
