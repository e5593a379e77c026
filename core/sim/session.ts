/**
 * A simulated run: the world and one interpreter per robot (each running the same program), in lockstep.
 * This is what the UI's sim worker and the headless runner drive.
 *
 *   const s = await SimSession.create({ program, arenaId: 'line-track', seed: 1 });
 *   s.start();
 *   every display frame: s.tick() × (ticks due);  post s.snapshot()
 *   s.stop();                                     // Stop always wins: threads halt, devices go to their safe state
 *
 * One tick (20 ms of device time): every device set samples its sensors; each interpreter runs its threads at the
 * tick's time; the world steps; the trace and hash record the result. While paused the world does not move.
 * After stop (or when the programs end) `tick()` still steps the world, so a landing drone lands and the stage can
 * keep drawing; interpreters no longer run.
 */
import { createAiContext, type AiContext } from '../ai/context';
import { EMPTY_AI_STATE, type AiState } from '../ai/contracts';
import type { Program, TargetKit } from '../program/ir';
import { Interpreter } from '../runtime/interpreter';
import { createRandom } from '../runtime/random';
import type { InterpreterApi, InterpreterOptions, RuntimeEvent, StopReason } from '../runtime/types';
import type { DeviceSet } from '../device/device-set';
import type { Arena } from './arena';
import { DT_MS } from './context';
import type { KitInputName } from './sensor-kit';
import type { Snapshot } from './snapshot';
import type { TraceEvent } from './trace';
import { initPhysics, SimWorld } from './world';

/** Builds an interpreter for one device set; defaults to core/runtime's `Interpreter`. */
export type InterpreterFactory = (program: Program, devices: DeviceSet, options: InterpreterOptions) => InterpreterApi;

export interface SimSessionOptions {
  readonly program: Program;
  /** Arena id (see `ARENAS`), or `arena` with the data itself. */
  readonly arenaId?: string;
  readonly arena?: Arena;
  /** Seeds the world's noise and every interpreter's random blocks. */
  readonly seed: number;
  /** Robots (or drones), each running its own copy of the program. Default 1. */
  readonly robotCount?: number;
  /** Which kit the program drives; default `program.target`. */
  readonly kit?: TargetKit;
  /** Interpreter statements per thread per tick (default: the interpreter's, 10 000). */
  readonly stepBudget?: number;
  /** Record a trace frame every tick (default true), at most `traceLimit` frames/events (default 30 minutes). */
  readonly trace?: boolean;
  readonly traceLimit?: number;
  readonly createInterpreter?: InterpreterFactory;
  /**
   * Datasets and models the run starts from (the project's). Every robot's program works on one shared copy; read
   * the result from `ai` (e.g. after the run, to save it into the project).
   */
  readonly ai?: AiState;
}

export type SessionState = 'ready' | 'running' | 'paused' | 'stopped';

const defaultFactory: InterpreterFactory = (program, devices, options) => new Interpreter(program, devices, options);

/** Salt separating each robot's program random stream from the others (and from the world's noise). */
const AGENT_SEED_STRIDE = 0x9e37;
/** Salt of the AI context's random stream (train/test splits, K-means starts), apart from the random blocks'. */
const AI_SEED_SALT = 0x5a17;

export class SimSession {
  readonly world: SimWorld;
  readonly interpreters: readonly InterpreterApi[];
  private stateNow: SessionState = 'ready';
  private readonly listeners = new Set<(event: TraceEvent) => void>();
  private readonly unsubscribe: (() => void)[] = [];
  private readonly aiContext: AiContext;

  /** Loads the physics engine if needed and builds the session. */
  static async create(options: SimSessionOptions): Promise<SimSession> {
    await initPhysics();
    return new SimSession(options);
  }

  /** Synchronous constructor: `initPhysics()` must have finished. */
  constructor(options: SimSessionOptions) {
    const arena = options.arena ?? options.arenaId;
    if (!arena) throw new Error('[SimSession] arenaId or arena is required');
    const kit = options.kit ?? options.program.target;
    this.world = new SimWorld({ arena, seed: options.seed, kit, count: options.robotCount ?? 1, trace: options.trace, traceLimit: options.traceLimit });
    const factory = options.createInterpreter ?? defaultFactory;
    this.aiContext = createAiContext(options.ai ?? EMPTY_AI_STATE, createRandom((options.seed + AI_SEED_SALT) | 0));
    this.interpreters = this.world.deviceSets.map((devices, agent) => {
      const interp = factory(options.program, devices, {
        random: createRandom((options.seed + agent * AGENT_SEED_STRIDE) | 0),
        stepBudget: options.stepBudget,
        ai: this.aiContext,
      });
      this.unsubscribe.push(interp.onDidEmit((event) => this.onRuntimeEvent(agent, event)));
      return interp;
    });
    this.unsubscribe.push(this.world.onDidSimEvent((event) => this.forward({ source: 'sim', event })));
  }

  get state(): SessionState {
    return this.stateNow;
  }

  /** Device time now, ms. */
  get timeMs(): number {
    return this.world.timeMs;
  }

  get ticks(): number {
    return this.world.tick;
  }

  /** Rolling hash of every tick so far (16 hex digits). Same (program, arena, seed, inputs) ⇒ same hash. */
  get stateHash(): string {
    return this.world.stateHash;
  }

  /** Datasets and models now (a copy): the start state plus what AI blocks recorded and trained so far. */
  get ai(): AiState {
    return this.aiContext.snapshot();
  }

  /** True once an AI block changed a dataset or a model in this run (the app then saves the new state). */
  get aiChanged(): boolean {
    return this.aiContext.changed;
  }

  /** Counts AI state changes in this run (0 = none), so the sim worker sends the state only after a change. */
  get aiVersion(): number {
    return this.aiContext.version;
  }

  /** True when no interpreter is still running or paused (programs ended, errored or were stopped). */
  get programsDone(): boolean {
    return this.interpreters.every((i) => i.state === 'finished' || i.state === 'stopped' || i.state === 'error' || i.state === 'idle');
  }

  /** True while any robot drives or any drone flies. */
  get devicesMoving(): boolean {
    return this.world.robots.some((r) => r.moving) || this.world.drones.some((d) => d.moving);
  }

  /** Starts every program's `when started` scripts. */
  start(): void {
    if (this.stateNow !== 'ready') return;
    this.stateNow = 'running';
    for (const i of this.interpreters) i.start();
  }

  /** One tick: sample → interpreters → world step → trace/hash. Does nothing while paused. */
  tick(): void {
    if (this.stateNow === 'paused') return;
    const t = this.world.timeMs;
    const sets = this.world.deviceSets;
    for (const set of sets) set.sample();
    if (this.stateNow === 'running') for (const i of this.interpreters) i.tick(t);
    this.world.step();
  }

  /** Runs `n` ticks. */
  runTicks(n: number): void {
    for (let k = 0; k < n; k++) this.tick();
  }

  /** Ticks due for `seconds` of device time (50 per second). */
  static ticksFor(seconds: number): number {
    return Math.round((seconds * 1000) / DT_MS);
  }

  pause(): void {
    if (this.stateNow !== 'running') return;
    this.stateNow = 'paused';
    for (const i of this.interpreters) i.pause();
  }

  resume(): void {
    if (this.stateNow !== 'paused') return;
    this.stateNow = 'running';
    for (const i of this.interpreters) i.resume();
  }

  /** While paused: each interpreter runs one statement, then the world advances one tick. Stays paused. */
  stepOnce(): void {
    if (this.stateNow !== 'paused') return;
    const t = this.world.timeMs;
    for (const set of this.world.deviceSets) set.sample();
    for (const i of this.interpreters) i.stepOnce(t);
    this.world.step();
  }

  /** Stops every program and puts every device in its safe state. Always wins; never throws. */
  stop(reason: StopReason = 'user'): void {
    if (this.stateNow === 'stopped') return;
    this.stateNow = 'stopped';
    for (const i of this.interpreters) {
      try {
        i.stop(reason);
      } catch {
        // Stop must win even if an interpreter misbehaves.
      }
    }
    for (const set of this.world.deviceSets) set.safeState();
  }

  /** A robot's on-board button held (`pressed`) or released; a press also fires `when button pressed` scripts. */
  setButton(agent: number, button: 'A' | 'B', pressed: boolean): void {
    this.world.robots[agent]?.setButton(button, pressed);
    if (pressed && this.stateNow === 'running') this.interpreters[agent]?.pressButton(button);
  }

  /** An on-screen sensor-kit input (slider, switch); `null` returns it to the arena's value. */
  setKitInput(name: KitInputName, value: number | boolean | null): void {
    this.world.kit?.setInput(name, value);
  }

  /** Sends a message to every program (`when I receive`). */
  broadcast(message: string): void {
    if (this.stateNow !== 'running') return;
    for (const i of this.interpreters) i.broadcast(message);
  }

  snapshot(): Snapshot {
    return this.world.snapshot();
  }

  /** Runtime events of every interpreter (tagged with the robot index) and simulator events. */
  onDidEmit(listener: (event: TraceEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops the run and releases the physics memory. */
  dispose(): void {
    this.stop('user');
    for (const u of this.unsubscribe) u();
    this.world.free();
  }

  private onRuntimeEvent(agent: number, event: RuntimeEvent): void {
    this.world.recordRuntimeEvent(agent, event);
    this.forward({ source: 'runtime', agent, event });
  }

  private forward(event: TraceEvent): void {
    for (const l of this.listeners) l(event);
  }
}
