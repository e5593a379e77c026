/**
 * The block-program interpreter: runs a Program IR against a DeviceSet in green threads, in device time.
 *
 * Design
 * - The IR is compiled once (constructor) into flat instruction arrays, one per script and per procedure.
 *   Expressions without procedure calls compile to closures (one instruction pushes their value); anything that
 *   can suspend (a procedure call, a wait, a blocking command) goes through an explicit operand stack and call-frame
 *   stack kept on the thread. So a thread can stop between any two instructions — also inside a procedure called
 *   from an expression inside a loop — and resume later: no generators, no host recursion, no eval.
 * - One thread per hat script, run in script order. Each tick a thread runs until it blocks (wait, wait until,
 *   a blocking device command, a broadcast that restarts it) or spends `stepBudget` statements, then yields until
 *   the next tick. Loop iterations do not block; each iteration counts one statement, so `forever {}` still ends its
 *   slice at the budget and costs device time like a real board.
 * - Time is the device time the driver passes to `tick(timeMs)`; nothing here reads a clock. The timer (`clock.timerS`)
 *   counts from the first tick after `start()` (or the last timer reset).
 *
 * Triggers
 * - `start`: runs at start. `button`: `pressButton` starts it (ignored while that script is already running).
 * - `obstacle`: edge-triggered each tick on `robot.distanceCm < cm`: fires once per crossing from "not below" to
 *   "below" (a robot that starts already closer fires on the first tick); ignored while the script runs. It re-arms
 *   when the distance is back at `cm + OBSTACLE_REARM_CM` or more (hysteresis against sensor noise).
 * - `message`: `broadcast` (statement or API) starts matching scripts, restarting them if running. Threads started
 *   during a tick first run in the next tick.
 *
 * End of a run
 * - A program whose scripts all have `start` hats is finished when every thread has ended: state 'finished',
 *   devices to their safe state, `stopped` with reason 'finished'. A program with any event hat (button, obstacle,
 *   message) keeps listening until stopped.
 * - `stop()` / the stop-all block / a runtime error halt every thread at once, call `devices.safeState()` (guarded)
 *   and emit `stopped`; an error emits `error` first. Stop wins even when called from an event listener mid-tick:
 *   the tick ends at the instruction that emitted. A stopped interpreter stays stopped; make a new one to run again.
 */
import { createAiContext, type AiContext } from '../ai/context';
import { EMPTY_AI_STATE } from '../ai/contracts';
import { AiError } from '../ai/errors';
import { AI_OPS, type AiArgType, type AiOpSpec } from '../ai/ops';
import type { Expr, Procedure, Program, Script, Stmt, Value } from '../program/ir';
import type { Completion } from '../device/completion';
import type { DeviceSet } from '../device/device-set';
import { COMMANDS, isClockCommand, isCommandOp, MissingDeviceError, READINGS, type ArgType, type CommandSpec } from '../device/ops';
import { BUNDLES, translate, translateBoth, type Namespace } from '../i18n/index';
import { BUILTINS, LIST_OPS, type BuiltinContext } from './builtins';
import type {
  InterpreterApi,
  InterpreterOptions,
  RunState,
  RuntimeErrorInfo,
  RuntimeEvent,
  StopReason,
} from './types';
import { compareValues, finite, RuntimeFault, snapshotValue, toList, toNumber, toText, truthy, valuesEqual } from './values';

/** A compiled expression: evaluates against the current frame's locals (globals are captured). */
type Fn = (locals: Value[]) => Value;

// Opcodes. Plain numbers keep the dispatch switch compact and monomorphic.
const NOP = 0;
const EXEC = 1; // ins.fn(L), result dropped (simple statements)
const PUSH = 2; // push ins.fn(L)
const POP = 3;
const POPN = 4; // drop ins.a values
const JUMP = 5;
const JUMP_IF_NOT = 6; // pop; jump to ins.a when false
const IF_NOT = 7; // jump to ins.a when !ins.fn(L)
const IF = 8; // jump to ins.a when ins.fn(L)
const JUMP_IF = 9; // pop; jump when true
const AND_TEST = 10; // top false → replace with false, jump; else pop
const OR_TEST = 11; // top true → replace with true, jump; else pop
const TO_BOOL = 12;
const APPLY1 = 13; // top = ins.x(top)
const APPLY2 = 14; // b = pop; top = ins.x(top, b)
const APPLYN = 15; // args = pop ins.a; push ins.x(args, L)
const STORE_G = 16;
const STORE_L = 17;
const REPEAT_INIT = 18; // top = iteration count
const REPEAT_TEST = 19; // count ≤ 0 → pop, jump ins.a; else count--
const FOR_INIT = 20; // pop from, to, by → var = from; push end, inc
const FOR_TEST = 21;
const FOR_STEP = 22;
const FOREACH_INIT = 23; // top = list; push 0
const FOREACH_TEST = 24;
const CALL = 25;
const RET = 26;
const WAIT = 27;
const WAIT_UNTIL = 28; // pop; false → pc = ins.a, yield
const WAIT_UNTIL_PURE = 29; // !ins.fn(L) → stay on this instruction, yield
const COMMAND = 30;
const LOG = 31;
const BROADCAST = 32;
const STOP_ALL = 33;
const END = 34;
const AI_WAIT = 35; // args = pop ins.a; start the blocking AI op ins.x(args) and wait for its Completion

/** One instruction. Every instruction has the same shape so the dispatch loop stays monomorphic. */
interface Instr {
  op: number;
  /** 1 for a statement head (counts against the step budget and sets the highlight), else 0. */
  cost: number;
  /** Block highlighted while this statement runs (heads only). */
  hl: string;
  /** Block an error raised by this instruction is located on. */
  id: string;
  fn: Fn | null;
  /** Jump target, variable slot, argument count. */
  a: number;
  /** Second operand: 1 when a variable slot is local. */
  b: number;
  /** Op-specific payload (a value function, a command, a procedure). */
  x: any;
}

function ins(op: number, id: string, fields: Partial<Pick<Instr, 'fn' | 'a' | 'b' | 'x'>> = {}): Instr {
  return { op, cost: 0, hl: '', id, fn: fields.fn ?? null, a: fields.a ?? 0, b: fields.b ?? 0, x: fields.x ?? null };
}

interface CompiledProc {
  readonly name: string;
  readonly blockId: string;
  readonly params: number;
  code: Instr[];
}

interface Frame {
  readonly code: Instr[];
  readonly pc: number;
  readonly locals: Value[];
  /** Operand stack height to restore on return. */
  readonly base: number;
}

const IDLE = 0; // event script not triggered yet, or ended and waiting for its trigger again
const READY = 1;
const WAIT_TIME = 2;
const WAIT_DEVICE = 3;
const DONE = 4;

class Thread {
  status = IDLE;
  code: Instr[];
  pc = 0;
  locals: Value[] = [];
  readonly stack: Value[] = [];
  readonly frames: Frame[] = [];
  /** Device time (ms) a `wait` resumes at. */
  wakeAt = 0;
  completion: Completion | null = null;
  /** Block a blocking command was issued from (errors while polling its completion go there). */
  waitBlock = '';
  /** First tick this thread may run in (threads started mid-tick run from the next one). */
  notBefore = 0;
  /** Bumped on every (re)start, so a running slice notices that a broadcast restarted its own thread. */
  gen = 0;
  /** Block of the statement this thread is at (for highlighting). */
  at: string;
  /** Obstacle trigger: the distance was below the threshold at the last check. */
  below = false;

  constructor(readonly script: Script, code: Instr[]) {
    this.code = code;
    this.at = script.blockId;
  }

  get live(): boolean {
    return this.status !== IDLE && this.status !== DONE;
  }

  /** (Re)starts at the top of the script. */
  reset(notBefore: number): void {
    this.status = READY;
    this.pc = 0;
    this.locals = [];
    this.stack.length = 0;
    this.frames.length = 0;
    this.completion = null;
    this.notBefore = notBefore;
    this.gen++;
    this.at = this.script.blockId;
  }
}

interface LoopCx {
  /** Operand stack slots this loop keeps while its body runs (popped by `break`). */
  readonly temps: number;
  readonly breaks: Instr[];
  readonly continues: Instr[];
}

interface Cx {
  readonly code: Instr[];
  /** Parameter name → local slot, inside a procedure. */
  readonly locals: ReadonlyMap<string, number> | null;
  readonly loops: LoopCx[];
}

const DEG = Math.PI / 180;

const DEVICE_NAME_KEY: Record<string, string> = { robot: 'device.robot', drone: 'device.drone', kit: 'device.kit', camera: 'device.camera' };

/** Hysteresis of the obstacle hat, cm: after firing it re-arms only beyond threshold + this. */
export const OBSTACLE_REARM_CM = 2;

export class Interpreter implements InterpreterApi {
  private runState: RunState = 'idle';
  private readonly globals: Value[] = [];
  private readonly globalIndex = new Map<string, number>();
  private readonly procs = new Map<string, CompiledProc>();
  private readonly threads: Thread[] = [];
  private readonly listeners: ((e: RuntimeEvent) => void)[] = [];
  private readonly random: () => number;
  private readonly stepBudget: number;
  private readonly maxCallDepth: number;
  private readonly maxListLength: number;
  private readonly hasEventHats: boolean;
  /** Datasets and models of AI blocks. */
  private readonly ai: AiContext;
  /** Device time of the current tick, ms. */
  private now = 0;
  private timerOrigin: number | null = null;
  private tickNo = 0;
  /** Round-robin position for `stepOnce`. */
  private stepCursor = 0;
  private lastHighlight = '';

  constructor(
    program: Program,
    private readonly devices: DeviceSet,
    options: InterpreterOptions,
  ) {
    this.random = options.random;
    this.stepBudget = Math.max(1, Math.floor(options.stepBudget ?? 10_000));
    this.maxCallDepth = Math.max(1, Math.floor(options.maxCallDepth ?? 200));
    this.maxListLength = Math.max(0, Math.floor(options.maxListLength ?? 100_000));
    this.ai = options.ai ?? createAiContext(EMPTY_AI_STATE, this.random);
    for (const name of program.variables) this.slot(name);
    for (const p of program.procedures) {
      if (!this.procs.has(p.name)) this.procs.set(p.name, { name: p.name, blockId: p.blockId, params: p.params.length, code: [] });
    }
    for (const p of program.procedures) {
      const compiled = this.procs.get(p.name);
      if (compiled && compiled.code.length === 0) compiled.code = this.compileProcedure(p);
    }
    for (const s of program.scripts) this.threads.push(new Thread(s, this.compileScript(s)));
    this.hasEventHats = program.scripts.some((s) => s.trigger.kind !== 'start');
  }

  get state(): RunState {
    return this.runState;
  }

  // ── public API ─────────────────────────────────────────────────────────────────────────────────────────────

  start(): void {
    if (this.runState !== 'idle') return;
    this.runState = 'running';
    for (const t of this.threads) if (t.script.trigger.kind === 'start') t.reset(0);
  }

  tick(timeMs: number): void {
    if (this.runState !== 'running') return;
    this.beginTick(timeMs);
    this.pollTriggers();
    for (const t of this.threads) {
      if (this.runState !== 'running') return;
      if (this.runnable(t)) this.run(t, this.stepBudget);
    }
    if (this.runState !== 'running') return;
    this.emitHighlight(false);
    this.finishIfDone();
  }

  stop(reason: StopReason = 'user'): void {
    if (this.isOver()) return;
    this.halt(reason === 'error' ? 'error' : reason === 'finished' ? 'finished' : 'stopped');
    this.safeState();
    this.emit({ type: 'stopped', timeMs: this.now, reason });
  }

  pause(): void {
    if (this.runState === 'running') this.runState = 'paused';
  }

  resume(): void {
    if (this.runState === 'paused') this.runState = 'running';
  }

  stepOnce(timeMs: number): void {
    if (this.runState !== 'paused') return;
    this.beginTick(timeMs);
    this.pollTriggers();
    const n = this.threads.length;
    for (let k = 0; k < n && this.runState === 'paused'; k++) {
      const i = (this.stepCursor + k) % n;
      const t = this.threads[i];
      if (!this.runnable(t)) continue;
      this.stepCursor = (i + 1) % n;
      this.run(t, 1);
      break;
    }
    if (this.runState !== 'paused') return;
    this.emitHighlight(true);
    this.finishIfDone();
  }

  broadcast(message: string): void {
    if (this.runState !== 'running' && this.runState !== 'paused') return;
    this.fireMessage(message);
  }

  pressButton(button: 'A' | 'B'): void {
    if (this.runState !== 'running' && this.runState !== 'paused') return;
    for (const t of this.threads) {
      const trig = t.script.trigger;
      if (trig.kind === 'button' && trig.button === button && !t.live) t.reset(this.tickNo + 1);
    }
  }

  variables(): Record<string, Value> {
    const out: Record<string, Value> = {};
    for (const [name, i] of this.globalIndex) out[name] = snapshotValue(this.globals[i]);
    return out;
  }

  onDidEmit(listener: (event: RuntimeEvent) => void): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  // ── scheduling ─────────────────────────────────────────────────────────────────────────────────────────────

  private beginTick(timeMs: number): void {
    this.now = timeMs;
    this.ai.timeMs = timeMs;
    if (this.timerOrigin === null) this.timerOrigin = timeMs;
    this.tickNo++;
  }

  private isOver(): boolean {
    return this.runState === 'stopped' || this.runState === 'finished' || this.runState === 'error';
  }

  private isActive(): boolean {
    return this.runState === 'running' || this.runState === 'paused';
  }

  /** True when `t` may run now; wakes waiting threads whose condition holds at the current device time. */
  private runnable(t: Thread): boolean {
    switch (t.status) {
      case READY:
        return t.notBefore <= this.tickNo;
      case WAIT_TIME:
        if (this.now < t.wakeAt) return false;
        t.status = READY;
        return true;
      case WAIT_DEVICE: {
        let done: boolean;
        try {
          done = t.completion === null || t.completion.isDone();
        } catch (e) {
          this.fail(deviceFault(e, t.waitBlock, 'device'));
          return false;
        }
        if (!done) return false;
        t.completion = null;
        t.status = READY;
        return true;
      }
      default:
        return false;
    }
  }

  private pollTriggers(): void {
    for (const t of this.threads) {
      const trig = t.script.trigger;
      if (trig.kind !== 'obstacle') continue;
      let d: Value;
      try {
        d = READINGS['robot.distanceCm'].read(this.devices);
      } catch (e) {
        this.fail(deviceFault(e, t.script.blockId, 'robot.distanceCm'));
        return;
      }
      const below = typeof d === 'number' && d < trig.cm;
      if (below && !t.below && !t.live) t.reset(this.tickNo);
      // Schmitt trigger: re-arm only once the distance is clearly back above the threshold, so sensor noise
      // around it (the ultrasonic reads ± a few mm) does not fire the hat again and again.
      if (below) t.below = true;
      else if (typeof d !== 'number' || d >= trig.cm + OBSTACLE_REARM_CM) t.below = false;
    }
  }

  private fireMessage(message: string): void {
    for (const t of this.threads) {
      const trig = t.script.trigger;
      if (trig.kind === 'message' && trig.message === message) t.reset(this.tickNo + 1);
    }
  }

  private finishIfDone(): void {
    if (this.hasEventHats) return;
    for (const t of this.threads) if (t.live) return;
    this.stop('finished');
  }

  private emitHighlight(always: boolean): void {
    const ids: string[] = [];
    for (const t of this.threads) if (t.live && t.at) ids.push(t.at);
    const key = ids.join('\u0000');
    if (!always && key === this.lastHighlight) return;
    this.lastHighlight = key;
    this.emit({ type: 'highlight', blockIds: ids });
  }

  /** Marks every thread done and sets the final state (no events). */
  private halt(state: RunState): void {
    this.runState = state;
    for (const t of this.threads) {
      t.status = DONE;
      t.completion = null;
    }
  }

  private safeState(): void {
    try {
      this.devices.safeState();
    } catch {
      // DeviceSet.safeState must never throw; if a driver breaks that promise the run still ends stopped.
    }
  }

  private fail(fault: RuntimeFault): void {
    if (this.isOver()) return;
    this.halt('error');
    this.emit({ type: 'error', timeMs: this.now, error: errorInfo(fault) });
    this.safeState();
    this.emit({ type: 'stopped', timeMs: this.now, reason: 'error' });
  }

  private emit(event: RuntimeEvent): void {
    for (const l of this.listeners.slice()) {
      try {
        l(event);
      } catch {
        // A broken listener (UI, trace writer) must not take the run down; core has no logger to report it to.
      }
    }
  }

  // ── the dispatch loop ──────────────────────────────────────────────────────────────────────────────────────

  /** Runs `t` until it blocks, ends, or has run `budget` statements. */
  private run(t: Thread, budget: number): void {
    const G = this.globals;
    const S = t.stack;
    const frames = t.frames;
    const gen = t.gen;
    let code = t.code;
    let pc = t.pc;
    let L = t.locals;
    let i: Instr = code[pc];
    try {
      loop: for (;;) {
        i = code[pc];
        if (i.cost !== 0) {
          if (budget === 0) break;
          budget--;
          t.at = i.hl;
        }
        pc++;
        switch (i.op) {
          case EXEC:
            i.fn!(L);
            break;
          case PUSH:
            S.push(i.fn!(L));
            break;
          case IF_NOT:
            if (!truthy(i.fn!(L))) pc = i.a;
            break;
          case IF:
            if (truthy(i.fn!(L))) pc = i.a;
            break;
          case JUMP:
            pc = i.a;
            break;
          case NOP:
            break;
          case POP:
            S.pop();
            break;
          case POPN:
            S.length -= i.a;
            break;
          case JUMP_IF_NOT:
            if (!truthy(S.pop()!)) pc = i.a;
            break;
          case JUMP_IF:
            if (truthy(S.pop()!)) pc = i.a;
            break;
          case AND_TEST:
            if (!truthy(S[S.length - 1])) {
              S[S.length - 1] = false;
              pc = i.a;
            } else S.pop();
            break;
          case OR_TEST:
            if (truthy(S[S.length - 1])) {
              S[S.length - 1] = true;
              pc = i.a;
            } else S.pop();
            break;
          case TO_BOOL:
            S[S.length - 1] = truthy(S[S.length - 1]);
            break;
          case APPLY1:
            S[S.length - 1] = i.x(S[S.length - 1]);
            break;
          case APPLY2: {
            const b = S.pop()!;
            S[S.length - 1] = i.x(S[S.length - 1], b);
            break;
          }
          case APPLYN:
            S.push(i.x(S.splice(S.length - i.a, i.a), L));
            break;
          case STORE_G:
            G[i.a] = S.pop()!;
            break;
          case STORE_L:
            L[i.a] = S.pop()!;
            break;
          case REPEAT_INIT:
            S[S.length - 1] = Math.max(0, Math.ceil(toNumber(S[S.length - 1], i.id)));
            break;
          case REPEAT_TEST: {
            const n = S[S.length - 1] as number;
            if (n <= 0) {
              S.pop();
              pc = i.a;
            } else S[S.length - 1] = n - 1;
            break;
          }
          case FOR_INIT: {
            const by = toNumber(S.pop()!, i.id);
            const to = toNumber(S.pop()!, i.id);
            const from = toNumber(S.pop()!, i.id);
            // Blockly controls_for: the step's sign follows the direction from `from` to `to`.
            const inc = from > to ? -Math.abs(by) : Math.abs(by);
            if (i.b) L[i.a] = from;
            else G[i.a] = from;
            S.push(to, inc);
            break;
          }
          case FOR_TEST: {
            const v = toNumber(i.b ? L[i.a] : G[i.a], i.id);
            const inc = S[S.length - 1] as number;
            const end = S[S.length - 2] as number;
            if (inc >= 0 ? v > end : v < end) {
              S.length -= 2;
              pc = i.x as number;
            }
            break;
          }
          case FOR_STEP: {
            const v = finite(toNumber(i.b ? L[i.a] : G[i.a], i.id) + (S[S.length - 1] as number), i.id);
            if (i.b) L[i.a] = v;
            else G[i.a] = v;
            break;
          }
          case FOREACH_INIT:
            S[S.length - 1] = toList(S[S.length - 1], i.id);
            S.push(0);
            break;
          case FOREACH_TEST: {
            const k = S[S.length - 1] as number;
            const list = S[S.length - 2] as Value[];
            if (k >= list.length) {
              S.length -= 2;
              pc = i.x as number;
            } else {
              if (i.b) L[i.a] = list[k];
              else G[i.a] = list[k];
              S[S.length - 1] = k + 1;
            }
            break;
          }
          case CALL: {
            // Calls of unknown procedures were compiled to a throwing APPLYN, so `x` is always a procedure here.
            const p = i.x as CompiledProc;
            if (frames.length >= this.maxCallDepth) throw new RuntimeFault('recursionDepth', i.id, { max: this.maxCallDepth });
            const argc = i.a;
            const locals: Value[] = new Array(p.params);
            for (let k = argc - 1; k >= 0; k--) {
              const v = S.pop()!;
              if (k < p.params) locals[k] = v;
            }
            for (let k = argc; k < p.params; k++) locals[k] = 0;
            frames.push({ code, pc, locals: L, base: S.length });
            code = p.code;
            pc = 0;
            L = locals;
            break;
          }
          case RET: {
            const v = S.pop()!;
            const f = frames.pop();
            if (f === undefined) {
              t.status = this.restingStatus(t);
              return;
            }
            S.length = f.base;
            S.push(v);
            code = f.code;
            pc = f.pc;
            L = f.locals;
            break;
          }
          case WAIT: {
            const s = toNumber(S.pop()!, i.id);
            t.wakeAt = this.now + Math.max(0, s) * 1000;
            t.status = WAIT_TIME;
            break loop;
          }
          case WAIT_UNTIL:
            if (!truthy(S.pop()!)) {
              pc = i.a;
              break loop;
            }
            break;
          case WAIT_UNTIL_PURE:
            if (!truthy(i.fn!(L))) {
              pc--;
              break loop;
            }
            break;
          case COMMAND: {
            const c = this.command(i, S.splice(S.length - i.a, i.a));
            // A listener may have stopped the run or restarted this thread (broadcast from the UI) meanwhile.
            if (!this.isActive() || t.gen !== gen) return;
            if (c !== null && !this.completed(c, i)) {
              t.completion = c;
              t.waitBlock = i.id;
              t.status = WAIT_DEVICE;
              break loop;
            }
            break;
          }
          case AI_WAIT: {
            const c = (i.x as (args: Value[]) => Completion)(S.splice(S.length - i.a, i.a));
            if (!this.isActive() || t.gen !== gen) return;
            let done: boolean;
            try {
              done = c.isDone();
            } catch (e) {
              throw deviceFault(e, i.id, 'ai');
            }
            if (!done) {
              t.completion = c;
              t.waitBlock = i.id;
              t.status = WAIT_DEVICE;
              break loop;
            }
            break;
          }
          case LOG:
            this.emit({ type: 'log', timeMs: this.now, blockId: i.id, text: toText(S.pop()!) });
            if (!this.isActive() || t.gen !== gen) return;
            break;
          case BROADCAST:
            this.fireMessage(toText(S.pop()!));
            if (!this.isActive() || t.gen !== gen) return;
            break;
          case STOP_ALL:
            t.code = code;
            t.pc = pc;
            this.stop('stopAll');
            return;
          case END:
            t.status = this.restingStatus(t);
            return;
          default:
            throw new RuntimeFault('internal', i.id, { detail: `opcode ${i.op}` });
        }
      }
    } catch (e) {
      t.pc = pc;
      this.fail(e instanceof RuntimeFault ? e : new RuntimeFault('internal', i.id, { detail: errorText(e) }));
      return;
    }
    t.code = code;
    t.pc = pc;
    t.locals = L;
  }

  /** Status of a thread whose script ended: event scripts wait for their trigger again. */
  private restingStatus(t: Thread): number {
    return t.script.trigger.kind === 'start' ? DONE : IDLE;
  }

  /** True when a blocking command has already finished; a driver that throws here is a `deviceFailed` error. */
  private completed(c: Completion, i: Instr): boolean {
    try {
      return c.isDone();
    } catch (e) {
      throw deviceFault(e, i.id, String(i.x));
    }
  }

  /** Issues a device command with coerced args; returns the Completion to wait for, or null. */
  private command(i: Instr, raw: Value[]): Completion | null {
    const op = i.x as string;
    if (isClockCommand(op)) {
      // 'clock.resetTimer', the only clock command: the timer counts from now.
      this.timerOrigin = this.now;
      return null;
    }
    if (!isCommandOp(op)) throw new RuntimeFault('deviceFailed', i.id, { op, detail: 'unknown command' });
    const spec: CommandSpec = COMMANDS[op];
    const args = coerceArgs(spec.args, raw, i.id, true);
    let c: Completion | void;
    try {
      c = spec.run(this.devices, args);
    } catch (e) {
      throw deviceFault(e, i.id, op);
    }
    this.emit({ type: 'command', timeMs: this.now, blockId: i.id, op, args });
    return spec.blocking && c ? c : null;
  }

  // ── compiler ───────────────────────────────────────────────────────────────────────────────────────────────

  /** Global variable slot for `name` (created on first use, initialised to 0). */
  private slot(name: string): number {
    let i = this.globalIndex.get(name);
    if (i === undefined) {
      i = this.globals.length;
      this.globals.push(0);
      this.globalIndex.set(name, i);
    }
    return i;
  }

  /** Where variable `name` lives: a procedure parameter (local) or a global. */
  private varRef(name: string, cx: Cx): { local: boolean; index: number } {
    const l = cx.locals?.get(name);
    return l === undefined ? { local: false, index: this.slot(name) } : { local: true, index: l };
  }

  private compileScript(s: Script): Instr[] {
    const cx: Cx = { code: [], locals: null, loops: [] };
    this.block(s.body, cx);
    cx.code.push(ins(END, s.blockId));
    return cx.code;
  }

  private compileProcedure(p: Procedure): Instr[] {
    const cx: Cx = { code: [], locals: new Map(p.params.map((name, k) => [name, k])), loops: [] };
    this.block(p.body, cx);
    if (p.result) this.expr(p.result, cx);
    else cx.code.push(ins(PUSH, p.blockId, { fn: () => 0 }));
    cx.code.push(ins(RET, p.blockId));
    return cx.code;
  }

  private block(body: readonly Stmt[], cx: Cx): void {
    for (const s of body) this.stmt(s, cx);
  }

  private emit1(cx: Cx, op: number, id: string, fields: Partial<Pick<Instr, 'fn' | 'a' | 'b' | 'x'>> = {}): Instr {
    const x = ins(op, id, fields);
    cx.code.push(x);
    return x;
  }

  private stmt(s: Stmt, cx: Cx): void {
    const start = cx.code.length;
    this.stmtBody(s, cx);
    if (cx.code.length === start) this.emit1(cx, NOP, s.blockId);
    // The statement's first instruction is its head: it costs one step and moves the highlight here.
    const head = cx.code[start];
    head.cost = 1;
    head.hl = s.blockId;
  }

  private stmtBody(s: Stmt, cx: Cx): void {
    const id = s.blockId;
    switch (s.kind) {
      case 'expr':
        if (hasCall(s.expr)) {
          this.expr(s.expr, cx);
          this.emit1(cx, POP, id);
        } else this.emit1(cx, EXEC, id, { fn: this.pure(s.expr, cx) });
        return;
      case 'set': {
        const ref = this.varRef(s.name, cx);
        if (hasCall(s.value)) {
          this.expr(s.value, cx);
          this.emit1(cx, ref.local ? STORE_L : STORE_G, id, { a: ref.index });
          return;
        }
        const v = this.pure(s.value, cx);
        const G = this.globals;
        const k = ref.index;
        this.emit1(cx, EXEC, id, {
          fn: ref.local
            ? (L) => (L[k] = v(L))
            : (L) => (G[k] = v(L)),
        });
        return;
      }
      case 'change': {
        const ref = this.varRef(s.name, cx);
        const G = this.globals;
        const k = ref.index;
        // Blockly math_change: a variable that is not a number counts as 0.
        const add = (old: Value, by: Value): number => {
          const base = typeof old === 'number' ? old : numberOrZero(old);
          return finite(base + toNumber(by, id), id);
        };
        if (hasCall(s.by)) {
          this.expr(s.by, cx);
          this.emit1(cx, APPLYN, id, { a: 1, x: (args: Value[], L: Value[]) => (ref.local ? (L[k] = add(L[k], args[0])) : (G[k] = add(G[k], args[0]))) });
          this.emit1(cx, POP, id);
          return;
        }
        const by = this.pure(s.by, cx);
        this.emit1(cx, EXEC, id, { fn: ref.local ? (L) => (L[k] = add(L[k], by(L))) : (L) => (G[k] = add(G[k], by(L))) });
        return;
      }
      case 'if': {
        const ends: Instr[] = [];
        for (const br of s.branches) {
          const skip = this.condJump(br.cond, cx, false);
          this.block(br.body, cx);
          ends.push(this.emit1(cx, JUMP, id));
          skip.a = cx.code.length;
        }
        if (s.else) this.block(s.else, cx);
        for (const j of ends) j.a = cx.code.length;
        return;
      }
      case 'repeat': {
        if (hasCall(s.times)) this.expr(s.times, cx);
        else this.emit1(cx, PUSH, id, { fn: this.pure(s.times, cx) });
        this.emit1(cx, REPEAT_INIT, id);
        const top = cx.code.length;
        const test = this.emit1(cx, REPEAT_TEST, id);
        test.cost = 1;
        test.hl = id;
        this.loopBody(s.body, cx, 1, top, (end) => (test.a = end));
        return;
      }
      case 'forever': {
        const top = cx.code.length;
        this.emit1(cx, NOP, id);
        this.loopBody(s.body, cx, 0, top, () => undefined);
        return;
      }
      case 'while': {
        const top = cx.code.length;
        // `while cond` leaves when cond is false; `repeat until cond` leaves when cond is true.
        const exit = this.condJump(s.cond, cx, s.until);
        this.loopBody(s.body, cx, 0, top, (end) => (exit.a = end));
        return;
      }
      case 'for': {
        const ref = this.varRef(s.name, cx);
        for (const e of [s.from, s.to, s.by]) {
          if (hasCall(e)) this.expr(e, cx);
          else this.emit1(cx, PUSH, e.blockId, { fn: this.pure(e, cx) });
        }
        this.emit1(cx, FOR_INIT, id, { a: ref.index, b: ref.local ? 1 : 0 });
        const top = cx.code.length;
        const test = this.emit1(cx, FOR_TEST, id, { a: ref.index, b: ref.local ? 1 : 0 });
        test.cost = 1;
        test.hl = id;
        const step = ins(FOR_STEP, id, { a: ref.index, b: ref.local ? 1 : 0 });
        this.loopBody(s.body, cx, 2, top, (end) => (test.x = end), step);
        return;
      }
      case 'forEach': {
        const ref = this.varRef(s.name, cx);
        if (hasCall(s.list)) this.expr(s.list, cx);
        else this.emit1(cx, PUSH, id, { fn: this.pure(s.list, cx) });
        this.emit1(cx, FOREACH_INIT, id);
        const top = cx.code.length;
        const test = this.emit1(cx, FOREACH_TEST, id, { a: ref.index, b: ref.local ? 1 : 0 });
        test.cost = 1;
        test.hl = id;
        this.loopBody(s.body, cx, 2, top, (end) => (test.x = end));
        return;
      }
      case 'break': {
        const loop = cx.loops[cx.loops.length - 1];
        if (!loop) return; // outside a loop: does nothing (the editor flags it)
        if (loop.temps) this.emit1(cx, POPN, id, { a: loop.temps });
        loop.breaks.push(this.emit1(cx, JUMP, id));
        return;
      }
      case 'continue': {
        const loop = cx.loops[cx.loops.length - 1];
        if (!loop) return;
        loop.continues.push(this.emit1(cx, JUMP, id));
        return;
      }
      case 'wait':
        this.exprOrPush(s.seconds, cx);
        this.emit1(cx, WAIT, id);
        return;
      case 'waitUntil':
        if (hasCall(s.cond)) {
          const top = cx.code.length;
          this.expr(s.cond, cx);
          this.emit1(cx, WAIT_UNTIL, id, { a: top });
        } else this.emit1(cx, WAIT_UNTIL_PURE, id, { fn: this.pure(s.cond, cx) });
        return;
      case 'command':
        for (const a of s.args) this.exprOrPush(a, cx);
        this.emit1(cx, COMMAND, id, { a: s.args.length, x: s.op });
        return;
      case 'listOp':
        this.listOp(s, cx);
        return;
      case 'callProc':
        for (const a of s.args) this.exprOrPush(a, cx);
        this.emitCall(s.name, s.args.length, id, cx);
        this.emit1(cx, POP, id);
        return;
      case 'return':
        if (s.value) this.exprOrPush(s.value, cx);
        else this.emit1(cx, PUSH, id, { fn: () => 0 });
        this.emit1(cx, RET, id);
        return;
      case 'broadcast':
        this.exprOrPush(s.message, cx);
        this.emit1(cx, BROADCAST, id);
        return;
      case 'log':
        this.exprOrPush(s.value, cx);
        this.emit1(cx, LOG, id);
        return;
      case 'stopAll':
        this.emit1(cx, STOP_ALL, id);
        return;
      case 'ai': {
        const start = this.aiStartFn(s.op, id);
        if (start) {
          for (const a of s.args) this.exprOrPush(a, cx);
          this.emit1(cx, AI_WAIT, id, { a: s.args.length, x: start });
          return;
        }
        const f = this.aiFn(s.op, id);
        if (s.args.some(hasCall)) {
          for (const a of s.args) this.exprOrPush(a, cx);
          this.emit1(cx, APPLYN, id, { a: s.args.length, x: f });
          this.emit1(cx, POP, id);
          return;
        }
        const fs = s.args.map((a) => this.pure(a, cx));
        this.emit1(cx, EXEC, id, { fn: (L) => f(fs.map((g) => g(L))) });
        return;
      }
      default: {
        // IR from another version or a damaged message: the run fails on this block instead of the constructor
        // throwing, so the editor can point at it.
        const unknown: { kind: string; blockId: string } = s;
        this.emit1(cx, EXEC, id, { fn: internalFault(unknown.blockId, `unknown statement ${unknown.kind}`) });
      }
    }
  }

  /**
   * Compiles a loop body. `temps` operand slots stay on the stack while it runs; `top` is where an iteration
   * starts (continue goes there, or to `step` when the loop has one); `setEnd` patches the exit jump.
   */
  private loopBody(body: readonly Stmt[], cx: Cx, temps: number, top: number, setEnd: (end: number) => void, step?: Instr): void {
    const loop: LoopCx = { temps, breaks: [], continues: [] };
    cx.loops.push(loop);
    this.block(body, cx);
    cx.loops.pop();
    const cont = cx.code.length;
    if (step) cx.code.push(step);
    this.emit1(cx, JUMP, '', { a: top });
    const end = cx.code.length;
    setEnd(end);
    for (const b of loop.breaks) b.a = end;
    for (const c of loop.continues) c.a = step ? cont : top;
  }

  /** Emits a test of `cond` that jumps (target patched by the caller) when cond equals `jumpWhen`. */
  private condJump(cond: Expr, cx: Cx, jumpWhen: boolean): Instr {
    if (hasCall(cond)) {
      this.expr(cond, cx);
      return this.emit1(cx, jumpWhen ? JUMP_IF : JUMP_IF_NOT, cond.blockId);
    }
    return this.emit1(cx, jumpWhen ? IF : IF_NOT, cond.blockId, { fn: this.pure(cond, cx) });
  }

  private emitCall(name: string, argc: number, id: string, cx: Cx): void {
    const p = this.procs.get(name) ?? null;
    const x = this.emit1(cx, CALL, id, { a: argc, x: p });
    if (p === null) {
      // Resolved at compile time; a missing procedure is an error only if the call runs.
      x.op = APPLYN;
      x.x = () => {
        throw new RuntimeFault('unknownProcedure', id, { name });
      };
    }
  }

  private listOp(s: Extract<Stmt, { kind: 'listOp' }>, cx: Cx): void {
    const id = s.blockId;
    const op = LIST_OPS[s.op];
    const ref = this.varRef(s.name, cx);
    const G = this.globals;
    const k = ref.index;
    const ctx = this.builtinContext(id);
    if (!op) {
      for (const a of s.args) this.exprOrPush(a, cx);
      this.emit1(cx, APPLYN, id, {
        a: s.args.length,
        x: () => {
          throw new RuntimeFault('unknownProcedure', id, { name: s.op });
        },
      });
      this.emit1(cx, POP, id);
      return;
    }
    const target = (L: Value[]) => toList(ref.local ? L[k] : G[k], id);
    if (s.args.some(hasCall)) {
      for (const a of s.args) this.exprOrPush(a, cx);
      this.emit1(cx, APPLYN, id, { a: s.args.length, x: (args: Value[], L: Value[]) => (op(target(L), args, ctx), 0) });
      this.emit1(cx, POP, id);
      return;
    }
    const fs = s.args.map((a) => this.pure(a, cx));
    const max = this.maxListLength;
    if (s.op === 'list.add' && fs.length === 1) {
      const v = fs[0];
      // Hot path: appending in a loop.
      this.emit1(cx, EXEC, id, {
        fn: (L) => {
          const l = target(L);
          const x = v(L);
          if (l.length < max) l.push(x);
          else op(l, [x], ctx);
          return 0;
        },
      });
      return;
    }
    this.emit1(cx, EXEC, id, {
      fn: (L) => {
        const l = target(L);
        op(l, fs.map((f) => f(L)), ctx);
        return 0;
      },
    });
  }

  private exprOrPush(e: Expr, cx: Cx): void {
    if (hasCall(e)) this.expr(e, cx);
    else this.emit1(cx, PUSH, e.blockId, { fn: this.pure(e, cx) });
  }

  /** Emits code leaving the value of `e` on the operand stack (for expressions that may call procedures). */
  private expr(e: Expr, cx: Cx): void {
    if (!hasCall(e)) {
      this.emit1(cx, PUSH, e.blockId, { fn: this.pure(e, cx) });
      return;
    }
    const id = e.blockId;
    switch (e.kind) {
      case 'call':
        for (const a of e.args) this.expr(a, cx);
        this.emitCall(e.name, e.args.length, id, cx);
        return;
      case 'binary': {
        if (e.op === 'and' || e.op === 'or') {
          this.expr(e.left, cx);
          const j = this.emit1(cx, e.op === 'and' ? AND_TEST : OR_TEST, id);
          this.expr(e.right, cx);
          this.emit1(cx, TO_BOOL, id);
          j.a = cx.code.length;
          return;
        }
        this.expr(e.left, cx);
        this.expr(e.right, cx);
        this.emit1(cx, APPLY2, id, { x: binaryImpl(e.op, id) });
        return;
      }
      case 'unary':
        this.expr(e.arg, cx);
        this.emit1(cx, APPLY1, id, { x: unaryImpl(e.op, id) });
        return;
      case 'ternary': {
        this.expr(e.cond, cx);
        const toElse = this.emit1(cx, JUMP_IF_NOT, id);
        this.expr(e.then, cx);
        const toEnd = this.emit1(cx, JUMP, id);
        toElse.a = cx.code.length;
        this.expr(e.else, cx);
        toEnd.a = cx.code.length;
        return;
      }
      case 'random':
        this.expr(e.min, cx);
        this.expr(e.max, cx);
        this.emit1(cx, APPLY2, id, { x: randomImpl(this.random, id) });
        return;
      case 'builtin': {
        for (const a of e.args) this.expr(a, cx);
        const f = this.builtinFn(e.name, id);
        this.emit1(cx, APPLYN, id, { a: e.args.length, x: f });
        return;
      }
      case 'read': {
        for (const a of e.args) this.expr(a, cx);
        const r = this.readFn(e.sensor, id);
        this.emit1(cx, APPLYN, id, { a: e.args.length, x: r });
        return;
      }
      case 'ai':
        for (const a of e.args) this.expr(a, cx);
        this.emit1(cx, APPLYN, id, { a: e.args.length, x: this.aiFn(e.op, id) });
        return;
      default:
        this.emit1(cx, PUSH, id, { fn: this.pure(e, cx) });
    }
  }

  private builtinContext(blockId: string): BuiltinContext {
    return { blockId, random: this.random, maxListLength: this.maxListLength };
  }

  private builtinFn(name: string, id: string): (args: Value[]) => Value {
    const f = Object.prototype.hasOwnProperty.call(BUILTINS, name) ? BUILTINS[name] : undefined;
    if (!f) {
      return () => {
        throw new RuntimeFault('unknownProcedure', id, { name });
      };
    }
    const ctx = this.builtinContext(id);
    return (args) => f(args, ctx);
  }

  /** A reading as a function of its (uncoerced) args. */
  private readFn(sensor: string, id: string): (args: Value[]) => Value {
    if (sensor === 'clock.timerS') return () => (this.now - (this.timerOrigin ?? this.now)) / 1000;
    const spec = Object.prototype.hasOwnProperty.call(READINGS, sensor) ? READINGS[sensor as keyof typeof READINGS] : undefined;
    if (!spec) {
      return () => {
        throw new RuntimeFault('deviceFailed', id, { op: sensor, detail: 'unknown reading' });
      };
    }
    const devices = this.devices;
    return (raw) => {
      const args = coerceArgs(spec.args, raw, id, false);
      try {
        return spec.read(devices, args);
      } catch (e) {
        throw deviceFault(e, id, sensor);
      }
    };
  }

  /**
   * An AI op as a function of its (uncoerced) args: coerces them to the op's types, runs it on the run's AI context
   * and turns an AiError into an `ai` runtime error on the block. Statement ops give 0 (dropped by the caller).
   */
  private aiFn(op: string, id: string): (args: Value[]) => Value {
    const spec = Object.prototype.hasOwnProperty.call(AI_OPS, op) ? AI_OPS[op] : undefined;
    if (!spec) {
      return () => {
        throw new RuntimeFault('ai', id, { key: 'error.unknownOp', op });
      };
    }
    const ai = this.ai;
    return (raw) => {
      const args = coerceAiArgs(spec, raw, id);
      try {
        const v = spec.run(ai, args, this.devices);
        return v === undefined ? 0 : v;
      } catch (e) {
        if (e instanceof AiError) throw new RuntimeFault('ai', id, { ...e.params, key: e.key });
        throw e;
      }
    };
  }

  /** A blocking AI op (one with `start`) as a function of its args returning its Completion; null for other ops. */
  private aiStartFn(op: string, id: string): ((args: Value[]) => Completion) | null {
    const spec = Object.prototype.hasOwnProperty.call(AI_OPS, op) ? AI_OPS[op] : undefined;
    const start = spec?.start;
    if (!spec || !start) return null;
    const ai = this.ai;
    return (raw) => {
      try {
        return start(ai, coerceAiArgs(spec, raw, id), this.devices);
      } catch (e) {
        if (e instanceof AiError) throw new RuntimeFault('ai', id, { ...e.params, key: e.key });
        throw deviceFault(e, id, op);
      }
    };
  }

  /** Compiles an expression without procedure calls into a closure. */
  private pure(e: Expr, cx: Cx): Fn {
    const id = e.blockId;
    switch (e.kind) {
      case 'num':
      case 'str':
      case 'bool':
      case 'colour': {
        const v = e.value;
        return () => v;
      }
      case 'var': {
        const ref = this.varRef(e.name, cx);
        const k = ref.index;
        const G = this.globals;
        return ref.local ? (L) => L[k] : () => G[k];
      }
      case 'binary':
        return this.pureBinary(e.op, this.pure(e.left, cx), this.pure(e.right, cx), id);
      case 'unary': {
        const a = this.pure(e.arg, cx);
        if (e.op === 'not') return (L) => !truthy(a(L));
        const f = unaryImpl(e.op, id);
        return (L) => f(a(L));
      }
      case 'ternary': {
        const c = this.pure(e.cond, cx);
        const t = this.pure(e.then, cx);
        const f = this.pure(e.else, cx);
        return (L) => (truthy(c(L)) ? t(L) : f(L));
      }
      case 'random': {
        const lo = this.pure(e.min, cx);
        const hi = this.pure(e.max, cx);
        const f = randomImpl(this.random, id);
        return (L) => f(lo(L), hi(L));
      }
      case 'builtin': {
        const fs = e.args.map((a) => this.pure(a, cx));
        const f = Object.prototype.hasOwnProperty.call(BUILTINS, e.name) ? BUILTINS[e.name] : undefined;
        if (!f) {
          const fail = this.builtinFn(e.name, id);
          return () => fail([]);
        }
        const ctx = this.builtinContext(id);
        if (e.name === 'list.length' && fs.length === 1) {
          const a = fs[0];
          return (L) => {
            const l = a(L);
            return Array.isArray(l) ? l.length : f([l], ctx);
          };
        }
        if (e.name === 'list.get' && fs.length === 3) {
          // Hot path: item n from the start of a list, in range.
          const [a, w, n] = fs;
          return (L) => {
            const l = a(L);
            const where = w(L);
            const at = n(L);
            if (where === 'FROM_START' && Array.isArray(l) && typeof at === 'number' && at >= 1 && at <= l.length && Number.isInteger(at)) return l[at - 1];
            return f([l, where, at], ctx);
          };
        }
        switch (fs.length) {
          case 0:
            return () => f([], ctx);
          case 1: {
            const [a] = fs;
            return (L) => f([a(L)], ctx);
          }
          case 2: {
            const [a, b] = fs;
            return (L) => f([a(L), b(L)], ctx);
          }
          default:
            return (L) => f(fs.map((g) => g(L)), ctx);
        }
      }
      case 'read': {
        const fs = e.args.map((a) => this.pure(a, cx));
        const r = this.readFn(e.sensor, id);
        return (L) => r(fs.map((g) => g(L)));
      }
      case 'ai': {
        const fs = e.args.map((a) => this.pure(a, cx));
        const f = this.aiFn(e.op, id);
        return (L) => f(fs.map((g) => g(L)));
      }
      case 'call':
        // Never reached: calls go through `expr`.
        return () => {
          throw new RuntimeFault('internal', id, { detail: 'call in pure expression' });
        };
      default: {
        const unknown: { kind: string; blockId: string } = e;
        return internalFault(unknown.blockId, `unknown expression ${unknown.kind}`);
      }
    }
  }

  private pureBinary(op: Extract<Expr, { kind: 'binary' }>['op'], l: Fn, r: Fn, id: string): Fn {
    switch (op) {
      case 'and':
        return (L) => truthy(l(L)) && truthy(r(L));
      case 'or':
        return (L) => truthy(l(L)) || truthy(r(L));
      // Fast paths for the arithmetic and comparisons loops spend their time in; the general case is binaryImpl.
      case '+':
        return (L) => {
          const x = l(L);
          const y = r(L);
          if (typeof x === 'number' && typeof y === 'number') {
            const s = x + y;
            if (s - s === 0) return s;
          }
          return arith(x, y, id, add);
        };
      case '-':
        return (L) => {
          const x = l(L);
          const y = r(L);
          if (typeof x === 'number' && typeof y === 'number') {
            const s = x - y;
            if (s - s === 0) return s;
          }
          return arith(x, y, id, sub);
        };
      case '*':
        return (L) => {
          const x = l(L);
          const y = r(L);
          if (typeof x === 'number' && typeof y === 'number') {
            const s = x * y;
            if (s - s === 0) return s;
          }
          return arith(x, y, id, mul);
        };
      case '%':
        return (L) => {
          const x = l(L);
          const y = r(L);
          if (typeof x === 'number' && typeof y === 'number' && y !== 0) {
            const s = x % y;
            if (s - s === 0) return s;
          }
          return mod(x, y, id);
        };
      case '<':
        return (L) => {
          const x = l(L);
          const y = r(L);
          return typeof x === 'number' && typeof y === 'number' ? x < y : compareValues(x, y) < 0;
        };
      case '>':
        return (L) => {
          const x = l(L);
          const y = r(L);
          return typeof x === 'number' && typeof y === 'number' ? x > y : compareValues(x, y) > 0;
        };
      case '<=':
        return (L) => {
          const x = l(L);
          const y = r(L);
          return typeof x === 'number' && typeof y === 'number' ? x <= y : compareValues(x, y) <= 0;
        };
      case '>=':
        return (L) => {
          const x = l(L);
          const y = r(L);
          return typeof x === 'number' && typeof y === 'number' ? x >= y : compareValues(x, y) >= 0;
        };
      case '==':
        return (L) => {
          const x = l(L);
          const y = r(L);
          return typeof x === 'number' && typeof y === 'number' ? x === y : valuesEqual(x, y);
        };
      default: {
        const f = binaryImpl(op, id);
        return (L) => f(l(L), r(L));
      }
    }
  }
}

// ── value operations (shared by the closure and the stack paths) ─────────────────────────────────────────────

const add = (a: number, b: number) => a + b;
const sub = (a: number, b: number) => a - b;
const mul = (a: number, b: number) => a * b;

function arith(x: Value, y: Value, id: string, f: (a: number, b: number) => number): number {
  return finite(f(toNumber(x, id), toNumber(y, id)), id);
}

function mod(x: Value, y: Value, id: string): number {
  const a = toNumber(x, id);
  const b = toNumber(y, id);
  if (b === 0) throw new RuntimeFault('divisionByZero', id);
  return finite(a % b, id);
}

function numberOrZero(v: Value): number {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const n = Number(v.trim());
    return v.trim() !== '' && n - n === 0 ? n : 0;
  }
  return 0;
}

function binaryImpl(op: Extract<Expr, { kind: 'binary' }>['op'], id: string): (x: Value, y: Value) => Value {
  switch (op) {
    case '+':
      return (x, y) => arith(x, y, id, add);
    case '-':
      return (x, y) => arith(x, y, id, sub);
    case '*':
      return (x, y) => arith(x, y, id, mul);
    case '/':
      return (x, y) => {
        const b = toNumber(y, id);
        if (b === 0) throw new RuntimeFault('divisionByZero', id);
        return finite(toNumber(x, id) / b, id);
      };
    case '%':
      return (x, y) => mod(x, y, id);
    case '^':
      return (x, y) => finite(Math.pow(toNumber(x, id), toNumber(y, id)), id);
    case '==':
      return (x, y) => valuesEqual(x, y);
    case '!=':
      return (x, y) => !valuesEqual(x, y);
    case '<':
      return (x, y) => compareValues(x, y) < 0;
    case '<=':
      return (x, y) => compareValues(x, y) <= 0;
    case '>':
      return (x, y) => compareValues(x, y) > 0;
    case '>=':
      return (x, y) => compareValues(x, y) >= 0;
    case 'and':
      return (x, y) => truthy(x) && truthy(y);
    case 'or':
      return (x, y) => truthy(x) || truthy(y);
  }
}

/** Unary math as Blockly's math_single / math_trig / math_round: trigonometry in degrees. */
function unaryImpl(op: Extract<Expr, { kind: 'unary' }>['op'], id: string): (x: Value) => Value {
  const n = (f: (v: number) => number) => (x: Value) => finite(f(toNumber(x, id)), id);
  switch (op) {
    case 'not':
      return (x) => !truthy(x);
    case 'neg':
      return n((v) => -v);
    case 'abs':
      return n(Math.abs);
    case 'sqrt':
      return n(Math.sqrt);
    case 'round':
      return n(Math.round);
    case 'floor':
      return n(Math.floor);
    case 'ceil':
      return n(Math.ceil);
    case 'sin':
      return n((v) => Math.sin(v * DEG));
    case 'cos':
      return n((v) => Math.cos(v * DEG));
    case 'tan':
      return n((v) => Math.tan(v * DEG));
    case 'asin':
      return n((v) => Math.asin(v) / DEG);
    case 'acos':
      return n((v) => Math.acos(v) / DEG);
    case 'atan':
      return n((v) => Math.atan(v) / DEG);
    case 'ln':
      return n(Math.log);
    case 'log10':
      return n(Math.log10);
    case 'exp':
      return n(Math.exp);
    case 'pow10':
      return n((v) => Math.pow(10, v));
  }
}

/** Random block: an integer in [min, max] (both included, order-free) when both are integers, else a float. */
function randomImpl(random: () => number, id: string): (x: Value, y: Value) => Value {
  return (x, y) => {
    let lo = toNumber(x, id);
    let hi = toNumber(y, id);
    if (lo > hi) [lo, hi] = [hi, lo];
    if (Number.isInteger(lo) && Number.isInteger(hi)) return Math.floor(random() * (hi - lo + 1)) + lo;
    return finite(lo + random() * (hi - lo), id);
  };
}

function hasCall(e: Expr): boolean {
  switch (e.kind) {
    case 'call':
      return true;
    case 'binary':
      return hasCall(e.left) || hasCall(e.right);
    case 'unary':
      return hasCall(e.arg);
    case 'ternary':
      return hasCall(e.cond) || hasCall(e.then) || hasCall(e.else);
    case 'random':
      return hasCall(e.min) || hasCall(e.max);
    case 'builtin':
    case 'read':
    case 'ai':
      return e.args.some(hasCall);
    default:
      return false;
  }
}

/** Coerces device args: 'number' → finite number (else `notANumber`), 'string' → text. */
function coerceArgs(types: readonly ArgType[], raw: readonly Value[], id: string, strict: boolean): (number | string)[] {
  const out: (number | string)[] = [];
  for (let k = 0; k < types.length; k++) {
    const v = k < raw.length ? raw[k] : types[k] === 'number' ? 0 : '';
    if (types[k] === 'number') {
      const x = toNumber(v, id);
      out.push(strict ? finite(x, id) : x);
    } else out.push(toText(v));
  }
  return out;
}

/** The args of an AI op call coerced to the op's types (extra ones beyond `args` to `rest`, else dropped). */
function coerceAiArgs(spec: AiOpSpec, raw: readonly Value[], id: string): Value[] {
  const args: Value[] = [];
  for (let k = 0; k < raw.length || k < spec.args.length; k++) {
    const type: AiArgType | undefined = k < spec.args.length ? spec.args[k] : spec.rest;
    if (type === undefined) break;
    args.push(coerceAiArg(type, k < raw.length ? raw[k] : undefined, id));
  }
  return args;
}

/** An AI op argument: 'number' → finite number, 'string' → text, 'list' → a list, 'any' as is; missing → 0 / '' / []. */
function coerceAiArg(type: AiArgType, v: Value | undefined, id: string): Value {
  switch (type) {
    case 'number':
      return finite(toNumber(v ?? 0, id), id);
    case 'string':
      return toText(v ?? '');
    case 'list':
      return toList(v ?? [], id);
    default:
      return v ?? 0;
  }
}

/** A closure that raises an `internal` fault on `blockId` when it runs. */
function internalFault(blockId: string, detail: string): Fn {
  return () => {
    throw new RuntimeFault('internal', blockId, { detail });
  };
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** A device call that threw: a missing device (the project's kit lacks it) or a failing driver. */
function deviceFault(e: unknown, blockId: string, op: string): RuntimeFault {
  if (e instanceof RuntimeFault) return e;
  if (e instanceof MissingDeviceError) return new RuntimeFault('missingDevice', blockId, { device: e.device });
  return new RuntimeFault('deviceFailed', blockId, { op, detail: errorText(e) });
}

/** The error as consumers see it, with its message in both languages. */
export function errorInfo(fault: RuntimeFault): RuntimeErrorInfo {
  let message: { 'zh-CN': string; en: string };
  if (fault.code === 'missingDevice') {
    const key = DEVICE_NAME_KEY[String(fault.params.device)] ?? 'device.robot';
    message = {
      'zh-CN': translate('zh-CN', 'runtime', 'missingDevice', { device: translate('zh-CN', 'runtime', key) }),
      en: translate('en', 'runtime', 'missingDevice', { device: translate('en', 'runtime', key) }),
    };
  } else if (fault.code === 'ai') {
    // AI op groups keep their messages in their own namespace (AiError params `ns`, e.g. 'airl'); default `ai`.
    const ns = typeof fault.params.ns === 'string' && Object.prototype.hasOwnProperty.call(BUNDLES, fault.params.ns) ? fault.params.ns as Namespace : 'ai';
    message = translateBoth(ns, String(fault.params.key), fault.params);
  }
  else message = translateBoth('runtime', fault.code, fault.params);
  return { blockId: fault.blockId, code: fault.code, params: fault.params, message };
}
