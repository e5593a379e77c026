/**
 * The interpreter's public shape. Implemented by `Interpreter` in core/runtime/interpreter.ts; the sim session,
 * the hardware live mode and the headless runner drive it the same way:
 *
 *   const interp = new Interpreter(program, devices, { random });
 *   interp.start();
 *   every tick: devices.sample(); interp.tick(timeMs); world.step();   // or wait wall time on hardware
 *
 * Time is device time in integer milliseconds passed in by the driver; the interpreter never reads a clock.
 */
import type { AiContext } from '../ai/context';
import type { Value } from '../program/ir';

export type RunState = 'idle' | 'running' | 'paused' | 'stopped' | 'finished' | 'error';

/** Why a run stopped. */
export type StopReason = 'user' | 'stopAll' | 'error' | 'finished' | 'disconnected' | 'timeLimit';

/** A runtime error, located on the block that raised it. `code` is a key of the `runtime` i18n namespace. */
export interface RuntimeErrorInfo {
  readonly blockId: string;
  readonly code: RuntimeErrorCode;
  readonly params: Record<string, string | number>;
  /** The message in both languages, so every consumer (CLI, UI, lesson checker) can show it. */
  readonly message: { readonly 'zh-CN': string; readonly en: string };
}

export type RuntimeErrorCode =
  | 'divisionByZero'
  | 'listIndex'
  | 'recursionDepth'
  | 'notANumber'
  | 'notAList'
  | 'unknownProcedure'
  | 'missingDevice'
  | 'deviceFailed'
  /** A list would grow past `maxListLength` items. */
  | 'listTooLong'
  /** An AI block failed (unknown model, wrong feature count …): params.key is the `ai` i18n key of the message. */
  | 'ai'
  /** A fault in the interpreter itself (a bug, not the student's): reported on the running block. */
  | 'internal';

export type RuntimeEvent =
  /**
   * Blocks now running, one per live thread (for highlighting): the statement each thread ran last — for a waiting
   * thread the wait or blocking block, after a step the statement that step ran; a thread that has not run yet shows
   * its hat. Emitted at most once per tick (only when it changed) and once per `stepOnce`.
   */
  | { readonly type: 'highlight'; readonly blockIds: readonly string[] }
  | { readonly type: 'log'; readonly timeMs: number; readonly blockId: string; readonly text: string }
  | { readonly type: 'error'; readonly timeMs: number; readonly error: RuntimeErrorInfo }
  | { readonly type: 'stopped'; readonly timeMs: number; readonly reason: StopReason }
  /** A device command was issued (for traces and lesson checks). */
  | { readonly type: 'command'; readonly timeMs: number; readonly blockId: string; readonly op: string; readonly args: readonly (number | string)[] };

export interface InterpreterOptions {
  /** Seeded PRNG returning floats in [0, 1); the interpreter never uses Math.random. */
  readonly random: () => number;
  /** Statements a thread may run in one tick before it yields (default 10 000). */
  readonly stepBudget?: number;
  /** Maximum procedure call depth before a `recursionDepth` error (default 200). */
  readonly maxCallDepth?: number;
  /** Longest list a program may build (default 100 000 items). */
  readonly maxListLength?: number;
  /**
   * Datasets and models AI blocks work on (core/ai/context.ts `createAiContext`). Without one the interpreter makes
   * an empty one of its own, so AI blocks still run (their results are then simply not kept).
   */
  readonly ai?: AiContext;
}

export interface InterpreterApi {
  readonly state: RunState;
  /** Starts the `start` scripts (and arms the other triggers). */
  start(): void;
  /** Runs one scheduler tick at device time `timeMs` (devices already sampled): each runnable thread, in a fixed
   *  order, runs until it blocks or spends its step budget; commands go to the devices. */
  tick(timeMs: number): void;
  /** Stops every thread and puts every device in its safe state. Always wins; never throws. */
  stop(reason?: StopReason): void;
  pause(): void;
  resume(): void;
  /** While paused: run exactly one statement of the next runnable thread, then stay paused. */
  stepOnce(timeMs: number): void;
  /** Starts threads whose trigger is this message. */
  broadcast(message: string): void;
  /** Starts threads whose trigger is this button. */
  pressButton(button: 'A' | 'B'): void;
  /** Current value of every global variable (for the watch panel). */
  variables(): Record<string, Value>;
  /** Subscribe to runtime events; returns an unsubscribe function. */
  onDidEmit(listener: (event: RuntimeEvent) => void): () => void;
}
