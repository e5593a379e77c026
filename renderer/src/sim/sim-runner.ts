/**
 * The sim worker's brain, apart from its transport: takes parsed requests, drives a simulation session (interpreter
 * + world in lockstep) paced to wall time × speed, and posts snapshots, state and runtime events. No DOM and no
 * `self` here — the worker entry (sim-worker.ts) wires it to `postMessage`; tests drive it directly with the real
 * session and a hand-turned clock.
 *
 * Pacing (Fix Your Timestep): every pump adds elapsed wall ms × speed to a debt of device time and runs
 * floor(debt / 20 ms) ticks, at most `MAX_TICKS_PER_PUMP` and at most `PUMP_BUDGET_MS` of wall time per pump. Debt
 * beyond that is dropped, so a slow machine runs the simulation slower instead of spiralling. Requests (Stop above
 * all) are handled between pumps, so Stop waits at most one pump (≤ ~25 ms) — each tick itself is bounded by the
 * interpreter's step budget even while a program spins in `forever`.
 */
import { watchVariables, type SimRequestParsed, type SimResponse, type KitInputName } from '../../../core/contracts/sim-worker';
import type { AiState } from '../../../core/ai/contracts';
import type { Program, Value } from '../../../core/program/ir';
import type { RunState, RuntimeEvent } from '../../../core/runtime/types';
import type { Snapshot } from '../../../core/sim/snapshot';

/** Device time one tick advances (core/sim's fixed dt), ms. */
export const TICK_MS = 20;
/** Wall ms between snapshots posted to the UI (~30 Hz). */
export const DISPLAY_INTERVAL_MS = 33;
/** Wall ms between pumps while running. */
export const PUMP_INTERVAL_MS = 8;
/** Upper bound of ticks one paced pump may run (×4 speed needs ~2 per 8 ms pump; the rest is catch-up). */
export const MAX_TICKS_PER_PUMP = 12;
/** Upper bound of wall time one pump may spend before it yields to pending requests, ms. */
export const PUMP_BUDGET_MS = 12;
/** Non-highlight events forwarded per pump; beyond that they are counted and dropped (a `print` in a tight loop
 *  would otherwise flood the UI with thousands of lines per tick). */
export const MAX_EVENTS_PER_PUMP = 200;
/** Wall ms between `sim.aiState` posts while running (datasets can be large; the app only needs them to save). */
export const AI_STATE_INTERVAL_MS = 1000;
/**
 * Above this many samples in all datasets the AI state is sent only when the run stops or ends, not while it runs:
 * copying and checking 100,000 samples takes most of a second (measured ~0.6 s to clone, ~0.2 s to validate), which
 * would stall the stage every second.
 */
export const AI_STATE_LIVE_MAX_SAMPLES = 5000;

/** What the runner needs of a simulation session (implemented over core/sim's SimSession in session-adapter.ts). */
export interface RunnerSession {
  /** Device time of the world, ms. */
  readonly timeMs: number;
  /** Rolling state hash over every tick so far (hex). */
  readonly stateHash: string;
  /** Interpreter state; 'idle' before `start()`. */
  readonly state: RunState;
  /** True while a device still moves after the program ended or was stopped (a drone landing): the world keeps
   *  stepping so the stage shows it. */
  readonly settling: boolean;
  start(): void;
  /** One lockstep tick: sample, interpreter tick, world step (20 ms). */
  tick(): void;
  stop(): void;
  pause(): void;
  resume(): void;
  /** While paused: one statement (and the world tick it belongs to). */
  stepOnce(): void;
  pressButton(button: 'A' | 'B'): void;
  setKitInput(name: KitInputName, value: number | boolean): void;
  /** The world now; with `camera`, plus what the first robot's AI camera sees (costs a frame of camera work). */
  snapshot(options?: { readonly camera?: boolean }): Snapshot;
  /** Global variables of the program on screen (the first robot's interpreter), current values. */
  variables(): Record<string, Value>;
  /** Counts changes of the AI state (0 = none since the session was made). */
  readonly aiVersion: number;
  /** Datasets and models now (a copy). */
  aiState(): AiState;
  onRuntimeEvent(listener: (event: RuntimeEvent) => void): () => void;
  dispose(): void;
}

export interface SessionOptions {
  readonly program: Program;
  readonly arenaId: string;
  readonly seed: number;
  readonly robotCount: number;
  /** Datasets and models the run starts from (the project's). */
  readonly ai?: AiState;
}

export interface RunnerDeps {
  post(message: SimResponse): void;
  /** Monotonic wall clock, ms (performance.now in the worker). */
  now(): number;
  /** setTimeout; returns a cancel function. */
  schedule(fn: () => void, delayMs: number): () => void;
  /** Builds a session; throws `UnknownArenaError`-like errors with a message for unknown arenas. */
  createSession(options: SessionOptions): RunnerSession;
}

type Mode = 'stopped' | 'paced' | 'runFor';

function sampleCount(ai: AiState | undefined): number {
  return ai ? ai.datasets.reduce((n, d) => n + d.samples.length, 0) : 0;
}

/** The world ticks while the program runs, and afterwards while a device settles (a drone landing) — the same
 *  rule as core/sim's runHeadless, so a browser run and `ailab run` end on the same tick. */
function canTick(s: RunnerSession): boolean {
  return s.state === 'running' || (s.state !== 'paused' && s.state !== 'idle' && s.settling);
}

export class SimRunner {
  private session: RunnerSession | null = null;
  private options: SessionOptions | null = null;
  private unsubscribe: (() => void) | null = null;
  private speed = 1;
  private mode: Mode = 'stopped';
  private cancelPump: (() => void) | null = null;
  private lastPumpWall = 0;
  private debtMs = 0;
  private lastDisplayWall = -Infinity;
  private lastState: RunState | null = null;
  private pendingHighlight: RuntimeEvent | null = null;
  private pendingEvents: RuntimeEvent[] = [];
  private droppedEvents = 0;
  private runFor: { requestId: number; untilMs: number } | null = null;
  /** The stage's camera view is open: snapshots carry the camera frame. Kept across loads. */
  private cameraView = false;
  /** JSON of the last `sim.variables` posted, so an unchanged watch is not re-sent; null after a load (send). */
  private lastVariablesKey: string | null = null;
  /** AI state version last posted (0 after a load: nothing changed yet) and when, wall ms. */
  private postedAiVersion = 0;
  private lastAiWall = -Infinity;
  /** Samples in all datasets as last known (the loaded state, then each posted one). */
  private aiSamples = 0;

  constructor(private readonly deps: RunnerDeps) {}

  /** Handles one request (already validated against the contract). */
  handle(request: SimRequestParsed): void {
    switch (request.type) {
      case 'sim.load':
        this.load({ program: request.program, arenaId: request.arenaId, seed: request.seed, robotCount: request.robotCount ?? 1, ai: request.ai });
        return;
      case 'sim.reset':
        if (this.options) this.load(this.options);
        return;
      case 'sim.run':
        if (!this.session) return this.noProgram();
        if (this.session.state === 'idle') this.session.start();
        else if (this.session.state === 'paused') this.session.resume();
        else if (this.session.state !== 'running') return this.postState();
        this.startPacing();
        return;
      case 'sim.stop':
        this.halt();
        this.runFor = null;
        this.session?.stop();
        this.afterChange();
        if (this.session?.settling) this.startPacing();
        return;
      case 'sim.pause':
        if (this.session?.state !== 'running') return;
        this.halt();
        this.session.pause();
        this.afterChange();
        return;
      case 'sim.resume':
        if (this.session?.state !== 'paused') return;
        this.session.resume();
        this.startPacing();
        return;
      case 'sim.step':
        if (!this.session) return this.noProgram();
        if (this.session.state === 'idle') {
          this.session.start();
          this.session.pause();
        }
        if (this.session.state !== 'paused') return;
        this.session.stepOnce();
        this.afterChange();
        return;
      case 'sim.setSpeed':
        this.speed = request.speed;
        return;
      case 'sim.pressButton':
        this.session?.pressButton(request.button);
        return;
      case 'sim.setCameraView':
        this.cameraView = request.open;
        // While stopped nothing else would post: show (or drop) the camera frame at once.
        if (this.session && this.mode === 'stopped') this.deps.post({ type: 'sim.snapshot', snapshot: this.session.snapshot({ camera: this.cameraView }) });
        return;
      case 'sim.setKitInput':
        this.session?.setKitInput(request.name, request.value);
        if (this.session && this.mode === 'stopped') this.afterChange();
        return;
      case 'sim.runFor': {
        if (!this.session) {
          this.noProgram();
          this.deps.post({ type: 'sim.ranFor', requestId: request.requestId, state: 'idle', timeMs: 0, stateHash: '' });
          return;
        }
        if (this.session.state === 'idle') this.session.start();
        else if (this.session.state === 'paused') this.session.resume();
        this.halt();
        this.runFor = { requestId: request.requestId, untilMs: this.session.timeMs + Math.round(request.seconds * 1000) };
        this.mode = 'runFor';
        this.pumpSoon(0);
        return;
      }
    }
  }

  /** Frees the session (worker shutting down). */
  dispose(): void {
    this.halt();
    this.unsubscribe?.();
    this.session?.dispose();
    this.session = null;
  }

  private load(options: SessionOptions): void {
    this.halt();
    this.runFor = null;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.session?.dispose();
    this.session = null;
    this.pendingEvents = [];
    this.pendingHighlight = null;
    try {
      this.session = this.deps.createSession(options);
    } catch (err) {
      this.deps.post({ type: 'sim.error', code: 'sim.error.load', detail: err instanceof Error ? err.message : String(err) });
      return;
    }
    this.options = options;
    this.unsubscribe = this.session.onRuntimeEvent((event) => this.queueEvent(event));
    this.lastState = null;
    this.lastVariablesKey = null;
    this.postedAiVersion = 0;
    this.aiSamples = sampleCount(options.ai);
    this.afterChange();
  }

  private noProgram(): void {
    this.deps.post({ type: 'sim.error', code: 'sim.error.noProgram', detail: 'no program loaded' });
  }

  private queueEvent(event: RuntimeEvent): void {
    if (event.type === 'highlight') {
      this.pendingHighlight = event;
      return;
    }
    if (this.pendingEvents.length >= MAX_EVENTS_PER_PUMP && event.type !== 'stopped' && event.type !== 'error') {
      this.droppedEvents++;
      return;
    }
    this.pendingEvents.push(event);
  }

  private startPacing(): void {
    this.halt();
    this.mode = 'paced';
    this.lastPumpWall = this.deps.now();
    // The first tick runs at once, so the first command reaches the UI without waiting for a timer.
    this.debtMs = TICK_MS;
    this.pump();
  }

  private halt(): void {
    this.cancelPump?.();
    this.cancelPump = null;
    this.mode = 'stopped';
  }

  private pumpSoon(delayMs: number): void {
    this.cancelPump?.();
    this.cancelPump = this.deps.schedule(() => {
      this.cancelPump = null;
      this.pump();
    }, delayMs);
  }

  private pump(): void {
    const session = this.session;
    if (!session || this.mode === 'stopped') return;
    const start = this.deps.now();
    let ticks = 0;
    let done: boolean;
    if (this.mode === 'paced') {
      this.debtMs += (start - this.lastPumpWall) * this.speed;
      this.lastPumpWall = start;
      while (this.debtMs >= TICK_MS && ticks < MAX_TICKS_PER_PUMP && canTick(session)) {
        session.tick();
        this.debtMs -= TICK_MS;
        ticks++;
        if (this.deps.now() - start > PUMP_BUDGET_MS) break;
      }
      // Never spiral: whatever could not run in this pump is forgotten (the sim runs slower than wall × speed).
      if (this.debtMs > TICK_MS) this.debtMs = TICK_MS;
      done = !canTick(session);
    } else {
      // Tick, then check — runHeadless's order — so both end on the same tick with the same hash.
      const untilMs = this.runFor?.untilMs ?? 0;
      done = session.timeMs >= untilMs || session.state === 'paused' || session.state === 'idle';
      while (!done) {
        session.tick();
        ticks++;
        done = session.timeMs >= untilMs || !canTick(session);
        if ((ticks & 7) === 0 && this.deps.now() - start > PUMP_BUDGET_MS) break;
      }
    }
    this.flushEvents();
    if (done) {
      this.mode = 'stopped';
      this.afterChange();
      if (this.runFor) this.finishRunFor();
      return;
    }
    if (this.lastState !== session.state || this.deps.now() - this.lastDisplayWall >= DISPLAY_INTERVAL_MS) this.postDisplay();
    if (this.deps.now() - this.lastAiWall >= AI_STATE_INTERVAL_MS && this.aiSamples <= AI_STATE_LIVE_MAX_SAMPLES) this.postAiState();
    this.pumpSoon(this.mode === 'runFor' ? 0 : PUMP_INTERVAL_MS);
  }

  private finishRunFor(): void {
    const r = this.runFor;
    const s = this.session;
    this.runFor = null;
    if (!r || !s) return;
    this.deps.post({ type: 'sim.ranFor', requestId: r.requestId, state: s.state, timeMs: s.timeMs, stateHash: s.stateHash });
  }

  /** Posts everything the UI should see after a state change (load, stop, step, end of run): events, snapshot,
   *  variables if they changed since the last post (so the final values show), state. */
  private afterChange(): void {
    this.flushEvents();
    this.postDisplay();
    this.postAiState();
  }

  /** Posts the AI state if AI blocks changed it since the last post. */
  private postAiState(): void {
    const s = this.session;
    if (!s || s.aiVersion === this.postedAiVersion) return;
    this.postedAiVersion = s.aiVersion;
    this.lastAiWall = this.deps.now();
    const ai = s.aiState();
    this.aiSamples = sampleCount(ai);
    this.deps.post({ type: 'sim.aiState', ai });
  }

  private flushEvents(): void {
    const events = this.pendingEvents;
    this.pendingEvents = [];
    for (const event of events) this.deps.post({ type: 'sim.runtimeEvent', event });
    if (this.droppedEvents > 0) {
      console.warn(`[SimWorker] dropped ${this.droppedEvents} runtime events (more than ${MAX_EVENTS_PER_PUMP} in one pump)`);
      this.droppedEvents = 0;
    }
  }

  /** Display-rate output. Variables go only when they changed since the last post (always after a load). */
  private postDisplay(): void {
    const s = this.session;
    if (!s) return;
    this.lastDisplayWall = this.deps.now();
    if (this.pendingHighlight) {
      this.deps.post({ type: 'sim.runtimeEvent', event: this.pendingHighlight });
      this.pendingHighlight = null;
    }
    this.deps.post({ type: 'sim.snapshot', snapshot: s.snapshot({ camera: this.cameraView }) });
    this.postVariables();
    this.postState();
  }

  private postVariables(): void {
    const s = this.session;
    if (!s) return;
    const variables = watchVariables(s.variables());
    const key = JSON.stringify(variables);
    // Unchanged values are already on screen; the UI may also have cleared its watch on purpose (a new document).
    if (key === this.lastVariablesKey) return;
    this.lastVariablesKey = key;
    this.deps.post({ type: 'sim.variables', variables });
  }

  private postState(): void {
    const s = this.session;
    if (!s) return;
    this.lastState = s.state;
    this.deps.post({ type: 'sim.state', state: s.state, timeMs: s.timeMs, stateHash: s.stateHash });
  }
}
