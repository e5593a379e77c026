/**
 * Adapts core/sim's SimSession (world + one interpreter per robot, in lockstep) to the runner's `RunnerSession`:
 * maps the session's states onto the contract's run states, turns a button press into press-then-release, maps the
 * kit panel's input names onto the virtual kit's readings, and forwards the first robot's runtime events (the
 * editor highlights and shows errors for the one program on screen).
 */
import type { KitInputName } from '../../../core/contracts/sim-worker';
import type { Value } from '../../../core/program/ir';
import type { RunState, RuntimeEvent } from '../../../core/runtime/types';
import { SimSession } from '../../../core/sim/session';
import type { KitInputName as SimKitInputName } from '../../../core/sim/sensor-kit';
import { initPhysics } from '../../../core/sim/world';
import type { RunnerSession, SessionOptions } from './sim-runner';

/** The kit panel's input names → the virtual kit's reading names. */
const KIT_INPUT_TO_READING: Readonly<Record<KitInputName, SimKitInputName>> = {
  temperature: 'temperatureC',
  humidity: 'humidityPercent',
  light: 'lightPercent',
  sound: 'soundPercent',
  motion: 'motion',
  knob: 'knobPercent',
  button: 'buttonPressed',
};

/** How long an on-screen robot button stays held after a click, in ticks (100 ms: long enough for `if button
 *  pressed` polled in a loop to see it). */
const BUTTON_HOLD_TICKS = 5;

/** Loads rapier's WASM once per worker. */
export function initSimPhysics(): Promise<void> {
  return initPhysics();
}

class SessionAdapter implements RunnerSession {
  private readonly session: SimSession;
  private held: { button: 'A' | 'B'; ticksLeft: number } | null = null;

  constructor(options: SessionOptions) {
    this.session = new SimSession({ program: options.program, arenaId: options.arenaId, seed: options.seed, robotCount: options.robotCount, ai: options.ai });
  }

  get timeMs(): number {
    return this.session.timeMs;
  }
  get stateHash(): string {
    return this.session.stateHash;
  }
  get state(): RunState {
    const s = this.session.state;
    if (s === 'ready') return 'idle';
    if (s === 'paused') return 'paused';
    const interps = this.session.interpreters;
    if (interps.some((i) => i.state === 'error')) return 'error';
    if (s === 'stopped') return 'stopped';
    if (!this.session.programsDone) return 'running';
    return interps.some((i) => i.state === 'stopped') ? 'stopped' : 'finished';
  }
  get settling(): boolean {
    return this.session.devicesMoving;
  }
  start(): void {
    this.session.start();
  }
  tick(): void {
    this.session.tick();
    if (this.held && --this.held.ticksLeft <= 0) {
      this.session.setButton(0, this.held.button, false);
      this.held = null;
    }
  }
  stop(): void {
    this.session.stop('user');
  }
  pause(): void {
    this.session.pause();
  }
  resume(): void {
    this.session.resume();
  }
  stepOnce(): void {
    this.session.stepOnce();
  }
  pressButton(button: 'A' | 'B'): void {
    if (this.held && this.held.button !== button) this.session.setButton(0, this.held.button, false);
    this.session.setButton(0, button, true);
    this.held = { button, ticksLeft: BUTTON_HOLD_TICKS };
  }
  setKitInput(name: KitInputName, value: number | boolean): void {
    this.session.setKitInput(KIT_INPUT_TO_READING[name], value);
  }
  snapshot(options?: { readonly camera?: boolean }) {
    const s = this.session.snapshot();
    const camera = options?.camera ? this.session.world.robots[0]?.cameraDevice?.fullFrame() : undefined;
    return camera ? { ...s, camera } : s;
  }
  variables(): Record<string, Value> {
    return this.session.interpreters[0]?.variables() ?? {};
  }
  get aiVersion(): number {
    return this.session.aiVersion;
  }
  aiState() {
    return this.session.ai;
  }
  onRuntimeEvent(listener: (event: RuntimeEvent) => void): () => void {
    return this.session.onDidEmit((e) => {
      if (e.source === 'runtime' && e.agent === 0) listener(e.event);
    });
  }
  dispose(): void {
    this.session.dispose();
  }
}

/** Builds a session; physics must be initialised (`initSimPhysics`). Throws for an unknown arena. */
export function createRunnerSession(options: SessionOptions): RunnerSession {
  return new SessionAdapter(options);
}
