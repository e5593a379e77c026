/**
 * Headless runs: the same interpreter and simulator as the app, without a stage, as fast as the CPU allows.
 * Used by `ailab run`, lesson checks, competition re-simulation and the determinism tests.
 *
 * The run ends at `seconds` of device time, or earlier once every program has ended and nothing moves any more
 * (robots' motors off, drones landed). Same (program, arena, seed, seconds, robotCount) ⇒ same summary and hash.
 */
import { translateBoth } from '../i18n/index';
import type { Program, TargetKit, Value } from '../program/ir';
import type { RuntimeErrorInfo, StopReason } from '../runtime/types';
import type { Arena } from './arena';
import { ARENAS, arenaById } from './arenas/index';
import { DT_MS, type SimEvent } from './context';
import { wrapDeg360 } from './det-math';
import { describeSimEvent } from './event-text';
import type { KitInputName } from './sensor-kit';
import { SimSession, type InterpreterFactory } from './session';
import type { AiState } from '../ai/contracts';
import type { SimTrace } from './trace';

export interface HeadlessOptions {
  readonly program: Program;
  /** A built-in arena id (`ARENAS`); with `arena` set, only the name reported for that data. */
  readonly arenaId: string;
  /** Arena data to use instead of a built-in one (a lesson unit's own arena). */
  readonly arena?: Arena;
  readonly seed: number;
  /** Longest run, seconds of device time (rounded to whole 20 ms ticks). */
  readonly seconds: number;
  readonly robotCount?: number;
  /** Which kit the program drives; default `program.target`. */
  readonly kit?: TargetKit;
  readonly stepBudget?: number;
  /** Keep the full per-tick trace in the result (lesson checks); default false. */
  readonly keepTrace?: boolean;
  /** Override the interpreter (tests); default core/runtime's `Interpreter`. */
  readonly createInterpreter?: InterpreterFactory;
  /**
   * Scripted sensor-kit inputs (lesson checks): each is set just before the first tick starting at or after `atMs`,
   * as if a student moved the slider then. In time order; later entries for one input override earlier ones.
   */
  readonly kitInputs?: readonly ScriptedKitInput[];
  /** Datasets and models the run starts from (the project's); default none. AI blocks change a copy. */
  readonly ai?: AiState;
}

/** One scripted change of a sensor-kit input during a headless run. */
export interface ScriptedKitInput {
  /** Device time, ms (rounded up to the next 20 ms tick). */
  readonly atMs: number;
  readonly input: KitInputName;
  readonly value: number | boolean;
}

/** Where a movable prop (sorting cube) ended up. */
export interface FinalPropPosition {
  readonly id: string;
  /** Metres, rounded to 0.1 mm. */
  readonly x: number;
  readonly y: number;
  readonly z: number;
}

export interface FinalPose {
  readonly id: string;
  /** Metres, rounded to 0.1 mm. */
  readonly x: number;
  readonly z: number;
  /** World heading, degrees 0–360 clockwise from −z, rounded to 0.01°. */
  readonly headingDeg: number;
}

export interface FinalDronePose extends FinalPose {
  readonly y: number;
  readonly flying: boolean;
  readonly batteryPercent: number;
  readonly ringsPassed: readonly string[];
}

/** One line of the run's story: a program log, an error, a stop, or something the world noticed. */
export type RunEvent =
  | { readonly type: 'log'; readonly timeMs: number; readonly agent: number; readonly blockId: string; readonly text: string }
  | { readonly type: 'error'; readonly timeMs: number; readonly agent: number; readonly error: RuntimeErrorInfo }
  | { readonly type: 'stopped'; readonly timeMs: number; readonly agent: number; readonly reason: StopReason }
  | { readonly type: 'sim'; readonly timeMs: number; readonly event: SimEvent; readonly message: { readonly 'zh-CN': string; readonly en: string } };

export interface RunSummary {
  readonly arenaId: string;
  readonly seed: number;
  readonly robotCount: number;
  readonly stateHash: string;
  readonly simSeconds: number;
  readonly ticks: number;
  readonly stopReason: StopReason;
  readonly robots: readonly FinalPose[];
  readonly drones: readonly FinalDronePose[];
  readonly events: readonly RunEvent[];
  /** Global variables of the first program (robot 1's interpreter) when the run ended. */
  readonly variables: Readonly<Record<string, Value>>;
  /** Final positions of the arena's movable props (empty when it has none). */
  readonly props: readonly FinalPropPosition[];
  /** Present when `keepTrace` was set. */
  readonly trace?: SimTrace;
  /** Datasets and models after the run (what AI blocks recorded and trained), to save into the project. */
  readonly ai: AiState;
}

/** Thrown for an unknown arena id; `message` is English, `localized` has both languages. */
export class UnknownArenaError extends Error {
  readonly localized: { readonly 'zh-CN': string; readonly en: string };
  constructor(readonly arenaId: string) {
    const localized = translateBoth('sim', 'error.unknownArena', { id: arenaId, ids: ARENAS.map((a) => a.id).join(', ') });
    super(`[Headless] ${localized.en}`);
    this.localized = localized;
  }
}

export async function runHeadless(options: HeadlessOptions): Promise<RunSummary> {
  if (!options.arena && !arenaById(options.arenaId)) throw new UnknownArenaError(options.arenaId);
  const robotCount = Math.max(1, Math.floor(options.robotCount ?? 1));
  const session = await SimSession.create({
    program: options.program,
    arenaId: options.arenaId,
    arena: options.arena,
    seed: options.seed,
    robotCount,
    kit: options.kit,
    stepBudget: options.stepBudget,
    trace: options.keepTrace ?? false,
    createInterpreter: options.createInterpreter,
    ai: options.ai,
  });
  try {
    const events: RunEvent[] = [];
    session.onDidEmit((e) => {
      if (e.source === 'sim') {
        events.push({ type: 'sim', timeMs: e.event.timeMs, event: e.event, message: describeSimEvent(e.event) });
        return;
      }
      const ev = e.event;
      if (ev.type === 'log') events.push({ type: 'log', timeMs: ev.timeMs, agent: e.agent, blockId: ev.blockId, text: ev.text });
      else if (ev.type === 'error') events.push({ type: 'error', timeMs: ev.timeMs, agent: e.agent, error: ev.error });
      else if (ev.type === 'stopped') events.push({ type: 'stopped', timeMs: ev.timeMs, agent: e.agent, reason: ev.reason });
    });

    const maxTicks = Math.max(0, SimSession.ticksFor(options.seconds));
    const inputs = [...(options.kitInputs ?? [])].sort((a, b) => a.atMs - b.atMs);
    let nextInput = 0;
    session.start();
    while (session.ticks < maxTicks) {
      while (nextInput < inputs.length && inputs[nextInput].atMs <= session.timeMs) {
        const { input, value } = inputs[nextInput++];
        session.setKitInput(input, value);
      }
      session.tick();
      if (session.programsDone && !session.devicesMoving) break;
    }
    let stopReason: StopReason;
    if (!session.programsDone) {
      session.stop('timeLimit');
      stopReason = 'timeLimit';
    } else {
      const reasons = events.filter((e): e is RunEvent & { type: 'stopped' } => e.type === 'stopped').map((e) => e.reason);
      stopReason = reasons.includes('error') ? 'error' : reasons.includes('stopAll') ? 'stopAll' : reasons[0] ?? 'finished';
      session.stop(stopReason);
    }

    const world = session.world;
    const round4 = (v: number) => Math.round(v * 10000) / 10000;
    const round2 = (v: number) => Math.round(v * 100) / 100;
    return {
      arenaId: options.arenaId,
      seed: options.seed,
      robotCount,
      stateHash: session.stateHash,
      simSeconds: (session.ticks * DT_MS) / 1000,
      ticks: session.ticks,
      stopReason,
      robots: world.robots.map((r) => ({ id: r.id, x: round4(r.x), z: round4(r.z), headingDeg: round2(wrapDeg360(r.headingUnwrapped)) % 360 })),
      drones: world.drones.map((d) => ({
        id: d.id, x: round4(d.x), y: round4(d.y), z: round4(d.z), headingDeg: round2(wrapDeg360(d.heading)) % 360,
        flying: d.flying, batteryPercent: Math.floor(d.battery), ringsPassed: d.ringsPassed.slice(),
      })),
      events,
      variables: session.interpreters[0]?.variables() ?? {},
      props: session.snapshot().props.map((p) => ({ id: p.id, x: round4(p.position[0]), y: round4(p.position[1]), z: round4(p.position[2]) })),
      ...(options.keepTrace ? { trace: world.trace } : {}),
      ai: session.ai,
    };
  } finally {
    session.dispose();
  }
}
