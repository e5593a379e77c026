/**
 * Live mode: runs a Program on real devices with the same `Interpreter` the simulator uses, ticks paced by wall time.
 *
 * Each tick (every `tickMs`, 20 ms by default): `devices.sample()`, then `interpreter.tick(elapsed ms)`. Device time
 * is wall time since the start, so `wait 1 s` waits one real second. The next tick is scheduled against the start
 * time (no drift); a late tick runs as soon as it can and `maxLateMs` in the summary says how late ticks came.
 * A program that spins (`forever {}`) still ends each tick at its step budget, so timers, Ctrl+C and `stop()` are
 * always served between ticks: Stop calls `interpreter.stop()`, which puts every device in its safe state (the
 * drone lands), even while the program spins.
 */
import { createAiContext } from '../../core/ai/context';
import { EMPTY_AI_STATE, type AiState } from '../../core/ai/contracts';
import type { DeviceSet } from '../../core/device/device-set';
import type { Program } from '../../core/program/ir';
import { createRandom, Interpreter } from '../../core/runtime';
import type { RuntimeEvent, StopReason } from '../../core/runtime';

export interface LiveRunOptions {
  readonly program: Program;
  readonly devices: DeviceSet;
  /** Tick period, ms (default 20). */
  readonly tickMs?: number;
  /** Seed of the program's random blocks (default 1). */
  readonly seed?: number;
  /** Stops the run with reason 'timeLimit' after this many seconds (default: no limit). */
  readonly maxSeconds?: number;
  /** Every runtime event, as it happens. */
  readonly onEvent?: (event: RuntimeEvent) => void;
  /**
   * Checked every tick before sampling: an Error when a device's link is down (unplugged, out of Wi-Fi range). The
   * run then stops with reason 'disconnected' (devices still get their safe state) and the summary carries the message.
   */
  readonly linkCheck?: () => Error | null;
  /** Datasets and models the run starts from (the project's), so AI blocks record and predict on the real kit too. */
  readonly ai?: AiState;
}

export interface LiveRunSummary {
  readonly stopReason: StopReason;
  /** Wall seconds from start to stop. */
  readonly seconds: number;
  readonly ticks: number;
  /** How late ticks ran against their schedule, ms. */
  readonly meanLateMs: number;
  readonly maxLateMs: number;
  /** Every runtime event of the run, in order. */
  readonly events: readonly RuntimeEvent[];
  /** Why the link was lost, when the stop reason is 'disconnected'. */
  readonly disconnect: string | null;
  /** Datasets and models at the end (samples recorded, models trained on the real kit). */
  readonly ai: AiState;
  /** True when AI blocks changed them (the app then writes `ai` into the project). */
  readonly aiChanged: boolean;
}

export interface LiveRun {
  /** Stops the program now (threads halt, devices go to their safe state). Safe to call more than once. */
  stop(reason?: StopReason): void;
  /** Resolves when the interpreter has stopped (finished, stopped or failed). */
  readonly done: Promise<LiveRunSummary>;
  readonly interpreter: Interpreter;
}

export function startLiveRun(options: LiveRunOptions): LiveRun {
  const tickMs = options.tickMs ?? 20;
  // The AI context's random (train/test splits) is its own stream, salted like the simulator's (core/sim/session.ts).
  const ai = createAiContext(options.ai ?? EMPTY_AI_STATE, createRandom(((options.seed ?? 1) + 0x5a17) | 0));
  const interpreter = new Interpreter(options.program, options.devices, { random: createRandom(options.seed ?? 1), ai });
  const events: RuntimeEvent[] = [];
  let stopReason: StopReason | null = null;
  let resolveDone!: (s: LiveRunSummary) => void;
  const done = new Promise<LiveRunSummary>((r) => (resolveDone = r));
  let timer: ReturnType<typeof setTimeout> | null = null;
  let ticks = 0;
  let lateSum = 0;
  let maxLate = 0;
  const startedAt = performance.now();
  let finished = false;
  let disconnect: string | null = null;

  const finish = () => {
    if (finished) return;
    finished = true;
    if (timer) clearTimeout(timer);
    timer = null;
    resolveDone({
      stopReason: stopReason ?? 'user',
      seconds: Math.round(performance.now() - startedAt) / 1000,
      ticks,
      meanLateMs: ticks ? Math.round((lateSum / ticks) * 10) / 10 : 0,
      maxLateMs: Math.round(maxLate * 10) / 10,
      events,
      disconnect,
      ai: ai.snapshot(),
      aiChanged: ai.changed,
    });
  };

  interpreter.onDidEmit((e) => {
    events.push(e);
    if (e.type === 'stopped') stopReason = e.reason;
    try {
      options.onEvent?.(e);
    } catch (err) {
      console.error(`[LiveRun] event listener failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (e.type === 'stopped') queueMicrotask(finish);
  });

  const tick = () => {
    timer = null;
    if (finished) return;
    const now = performance.now();
    const elapsed = now - startedAt;
    const due = ticks * tickMs;
    const late = Math.max(0, elapsed - due);
    lateSum += late;
    if (late > maxLate) maxLate = late;
    ticks++;
    if (options.maxSeconds !== undefined && elapsed >= options.maxSeconds * 1000) {
      interpreter.stop('timeLimit');
      return;
    }
    const lost = options.linkCheck?.() ?? null;
    if (lost) {
      disconnect = lost.message;
      interpreter.stop('disconnected');
      return;
    }
    try {
      options.devices.sample();
    } catch (err) {
      console.error(`[LiveRun] sampling failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    interpreter.tick(Math.floor(elapsed));
    if (finished || interpreter.state === 'stopped' || interpreter.state === 'finished' || interpreter.state === 'error') return;
    const next = ticks * tickMs - (performance.now() - startedAt);
    timer = setTimeout(tick, Math.max(0, next));
  };

  interpreter.start();
  tick();

  return {
    interpreter,
    done,
    stop(reason: StopReason = 'user') {
      if (finished) return;
      interpreter.stop(reason);
      // The interpreter emits `stopped` synchronously; if it was already over, end the run here.
      queueMicrotask(finish);
    },
  };
}
