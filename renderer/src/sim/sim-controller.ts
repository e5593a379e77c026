/**
 * SimController: the UI's handle on the simulator. Owns the sim worker, sends it the requests of
 * core/contracts/sim-worker.ts and validates every message it sends back before anyone sees it.
 *
 *   const sim = new SimController();                 // starts the worker (rapier init happens there)
 *   sim.load(program, 'line-track', 1);              // program = fromBlockly(...) IR
 *   sim.run();                                       // paced to wall time × speed
 *   sim.onSnapshot((s) => ...); sim.onStateChange((state) => ...); sim.onRuntimeEvent((e) => ...);
 *   sim.onVariables((vars) => ...);                  // name → value for the watch panel (capped, see watchValue)
 *   sim.stop();                                      // instant: between two ticks in the worker
 *
 * Requests made before the worker is ready are queued and sent in order once it is.
 *
 * Test hook: the controller created with `exposeTestHook: true` (the app's main controller) installs
 * `window.__ailab.{ snapshot(), state(), stateHash(), timeMs(), load(program, arenaId, seed, robotCount?),
 * runFor(seconds) → Promise<{ state, timeMs, stateHash }>, variables(), sim }`, merged into any `window.__ailab` the app already
 * has. End-to-end tests and browser benchmarks read the simulator through it; the product never does.
 */
import {
  parseSimResponse,
  type KitInputName,
  type SimRequest,
  type SimRunState,
  type SimSpeed,
} from '../../../core/contracts/sim-worker';
import type { AiState } from '../../../core/ai/contracts';
import type { Program, Value } from '../../../core/program/ir';
import type { RuntimeEvent } from '../../../core/runtime/types';
import type { Snapshot } from '../../../core/sim/snapshot';

/** The part of `Worker` the controller uses (tests may pass another implementation of it). */
export interface WorkerLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  terminate(): void;
}

export interface SimControllerOptions {
  /** Creates the worker; default: the real module worker (`sim-worker.ts`). */
  readonly createWorker?: () => WorkerLike;
  /** Install `window.__ailab` for end-to-end tests (see the file comment). */
  readonly exposeTestHook?: boolean;
}

export interface SimStateInfo {
  readonly state: SimRunState;
  readonly timeMs: number;
  readonly stateHash: string;
}

export interface SimErrorInfo {
  /** Key in the `app` i18n namespace, e.g. `sim.error.load`. */
  readonly code: string;
  /** English detail for logs. */
  readonly detail: string;
}

export type RunForResult = SimStateInfo;

type Listener<T> = (value: T) => void;

function createDefaultWorker(): WorkerLike {
  return new Worker(new URL('./sim-worker.ts', import.meta.url), { type: 'module', name: 'ailab-sim' });
}

export class SimController {
  private readonly worker: WorkerLike;
  private ready = false;
  private queue: SimRequest[] = [];
  private disposed = false;
  private readonly snapshotListeners = new Set<Listener<Snapshot>>();
  private readonly eventListeners = new Set<Listener<RuntimeEvent>>();
  private readonly stateListeners = new Set<Listener<SimStateInfo>>();
  private readonly errorListeners = new Set<Listener<SimErrorInfo>>();
  private readonly readyListeners = new Set<() => void>();
  private readonly loadListeners = new Set<Listener<string>>();
  private readonly variablesListeners = new Set<Listener<Record<string, Value>>>();
  private readonly aiStateListeners = new Set<Listener<AiState>>();
  private readonly runForWaiters = new Map<number, (result: RunForResult) => void>();
  private nextRequestId = 1;
  private _state: SimRunState = 'idle';
  private _timeMs = 0;
  private _stateHash = '';
  private _snapshot: Snapshot | null = null;
  private _speed: SimSpeed = 1;
  private _arenaId: string | null = null;
  private _loaded = false;
  private _variables: Record<string, Value> = {};

  constructor(options: SimControllerOptions = {}) {
    this.worker = (options.createWorker ?? createDefaultWorker)();
    this.worker.addEventListener('message', (event) => this.receive(event.data));
    this.worker.addEventListener('error', (event) => {
      console.error(`[SimController] worker error: ${event.message}`);
      this.emit(this.errorListeners, { code: 'sim.error.internal', detail: event.message || 'worker error' });
    });
    if (options.exposeTestHook) this.installTestHook();
  }

  /** Run state as last reported by the worker. */
  get state(): SimRunState {
    return this._state;
  }
  /** Rolling state hash (hex) as last reported; equal to `ailab run … --json`'s `stateHash` after the same run. */
  get stateHash(): string {
    return this._stateHash;
  }
  /** Device time, ms, as last reported. */
  get timeMs(): number {
    return this._timeMs;
  }
  get latestSnapshot(): Snapshot | null {
    return this._snapshot;
  }
  /** Global variables as last reported (name → value; long lists and strings cut, see `watchValue`); `{}` before
   *  the first load. */
  get latestVariables(): Record<string, Value> {
    return this._variables;
  }
  get speed(): SimSpeed {
    return this._speed;
  }
  /** Arena of the last `load`, or null. */
  get arenaId(): string | null {
    return this._arenaId;
  }
  /** True once a program has been loaded (run/step make sense). */
  get loaded(): boolean {
    return this._loaded;
  }
  get isReady(): boolean {
    return this.ready;
  }

  /** Builds a fresh world for `program` in `arenaId` with noise `seed`; the program waits for `run()`. */
  load(program: Program, arenaId: string, seed: number, robotCount?: number, ai?: AiState): void {
    this._arenaId = arenaId;
    this._loaded = true;
    this.emit(this.loadListeners, arenaId);
    this.send({ type: 'sim.load', program, arenaId, seed, ...(robotCount === undefined ? {} : { robotCount }), ...(ai ? { ai } : {}) });
  }
  run(): void {
    this.send({ type: 'sim.run' });
  }
  /** Stops every thread and puts the devices in their safe state; the worker handles it before its next tick. */
  stop(): void {
    this.send({ type: 'sim.stop' });
  }
  pause(): void {
    this.send({ type: 'sim.pause' });
  }
  resume(): void {
    this.send({ type: 'sim.resume' });
  }
  /** One statement while paused (starts the program paused if it has not started). */
  step(): void {
    this.send({ type: 'sim.step' });
  }
  /** Back to the moment after the last `load` (robot at the start, program not started). */
  reset(): void {
    this.send({ type: 'sim.reset' });
  }
  setSpeed(speed: SimSpeed): void {
    this._speed = speed;
    this.send({ type: 'sim.setSpeed', speed });
  }
  pressButton(button: 'A' | 'B'): void {
    this.send({ type: 'sim.pressButton', button });
  }
  /** The stage's camera view opened (true) or closed: snapshots carry the robot's camera frame only while open. */
  setCameraView(open: boolean): void {
    this.send({ type: 'sim.setCameraView', open });
  }
  /** Feeds an on-screen sensor-kit input (slider or toggle) into the virtual kit. */
  setKitInput(name: KitInputName, value: number | boolean): void {
    this.send({ type: 'sim.setKitInput', name, value });
  }
  /** Runs `seconds` of device time as fast as possible (tests, benchmarks); resolves with the state after it. */
  runFor(seconds: number): Promise<RunForResult> {
    const requestId = this.nextRequestId++;
    return new Promise((resolve) => {
      this.runForWaiters.set(requestId, resolve);
      this.send({ type: 'sim.runFor', seconds, requestId });
    });
  }

  onSnapshot(listener: Listener<Snapshot>): () => void {
    return this.subscribe(this.snapshotListeners, listener);
  }
  onRuntimeEvent(listener: Listener<RuntimeEvent>): () => void {
    return this.subscribe(this.eventListeners, listener);
  }
  onStateChange(listener: Listener<SimStateInfo>): () => void {
    return this.subscribe(this.stateListeners, listener);
  }
  onError(listener: Listener<SimErrorInfo>): () => void {
    return this.subscribe(this.errorListeners, listener);
  }
  /** Variable watch: called with every variable's value after load/reset and whenever one changed (at most at
   *  display rate while running; at once after stop, step and the end of a run, so the final values show). */
  onVariables(listener: Listener<Record<string, Value>>): () => void {
    return this.subscribe(this.variablesListeners, listener);
  }
  /**
   * The run's datasets and models after AI blocks changed them (samples recorded, models trained): at most once a
   * second while running and once when it stops or ends. The app writes them into the project.
   */
  onAiState(listener: Listener<AiState>): () => void {
    return this.subscribe(this.aiStateListeners, listener);
  }
  /** A program was loaded into `arenaId` (the stage shows the arena the simulation really runs in). */
  onDidLoad(listener: Listener<string>): () => void {
    return this.subscribe(this.loadListeners, listener);
  }
  onReady(listener: () => void): () => void {
    if (this.ready) queueMicrotask(listener);
    this.readyListeners.add(listener);
    return () => this.readyListeners.delete(listener);
  }

  /** Terminates the worker; the controller is unusable afterwards. */
  dispose(): void {
    this.disposed = true;
    this.worker.terminate();
    this.snapshotListeners.clear();
    this.eventListeners.clear();
    this.stateListeners.clear();
    this.errorListeners.clear();
    this.readyListeners.clear();
    this.loadListeners.clear();
    this.variablesListeners.clear();
    this.aiStateListeners.clear();
  }

  private send(request: SimRequest): void {
    if (this.disposed) return;
    if (this.ready) this.worker.postMessage(request);
    else this.queue.push(request);
  }

  private receive(data: unknown): void {
    const parsed = parseSimResponse(data);
    if (!parsed.ok) {
      console.warn(`[SimController] dropped a malformed message from the worker: ${parsed.detail}`);
      return;
    }
    const msg = parsed.response;
    switch (msg.type) {
      case 'sim.ready': {
        this.ready = true;
        const queued = this.queue;
        this.queue = [];
        for (const request of queued) this.worker.postMessage(request);
        for (const listener of [...this.readyListeners]) listener();
        return;
      }
      case 'sim.snapshot':
        this._snapshot = msg.snapshot;
        this.emit(this.snapshotListeners, msg.snapshot);
        return;
      case 'sim.variables':
        this._variables = msg.variables;
        this.emit(this.variablesListeners, msg.variables);
        return;
      case 'sim.runtimeEvent':
        this.emit(this.eventListeners, msg.event);
        return;
      case 'sim.aiState':
        this.emit(this.aiStateListeners, msg.ai);
        return;
      case 'sim.state': {
        const changed = msg.state !== this._state || msg.timeMs !== this._timeMs || msg.stateHash !== this._stateHash;
        this._state = msg.state;
        this._timeMs = msg.timeMs;
        this._stateHash = msg.stateHash;
        if (changed) this.emit(this.stateListeners, { state: msg.state, timeMs: msg.timeMs, stateHash: msg.stateHash });
        return;
      }
      case 'sim.ranFor': {
        this._state = msg.state;
        this._timeMs = msg.timeMs;
        this._stateHash = msg.stateHash;
        const waiter = this.runForWaiters.get(msg.requestId);
        this.runForWaiters.delete(msg.requestId);
        waiter?.({ state: msg.state, timeMs: msg.timeMs, stateHash: msg.stateHash });
        return;
      }
      case 'sim.error':
        console.warn(`[SimController] ${msg.code}: ${msg.detail}`);
        this.emit(this.errorListeners, { code: msg.code, detail: msg.detail });
        return;
    }
  }

  private subscribe<T>(set: Set<Listener<T>>, listener: Listener<T>): () => void {
    set.add(listener);
    return () => set.delete(listener);
  }

  private emit<T>(set: Set<Listener<T>>, value: T): void {
    for (const listener of [...set]) {
      try {
        listener(value);
      } catch (err) {
        console.error('[SimController] listener failed', err);
      }
    }
  }

  private installTestHook(): void {
    const w = globalThis as unknown as { __ailab?: Record<string, unknown> };
    const hook = w.__ailab ?? {};
    Object.assign(hook, {
      sim: this,
      snapshot: () => this._snapshot,
      state: () => this._state,
      stateHash: () => this._stateHash,
      timeMs: () => this._timeMs,
      variables: () => this._variables,
      load: (program: Program, arenaId: string, seed: number, robotCount?: number) => this.load(program, arenaId, seed, robotCount),
      runFor: (seconds: number) => this.runFor(seconds),
    });
    w.__ailab = hook;
  }
}
