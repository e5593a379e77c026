/**
 * The sim worker contract: every message between the UI (renderer main thread, `SimController`) and the sim worker
 * (a module Web Worker running the interpreter and the world in lockstep). One discriminated union per direction,
 * on `type`, named `'sim.<verb>'`. Plain data only (structured clone); classes never cross. Both ends parse every
 * message on arrival with these schemas and drop (and log) what does not parse.
 *
 * Time in these messages is device time in integer milliseconds since the run started (one tick = 20 ms).
 */
import { z } from 'zod';
import { AiStateSchema } from './project';
import { BLOB_COLOURS, OBJECT_CLASSES, type CameraFrame } from '../device/camera';
import type { Program, Value } from '../program/ir';
import type { RuntimeEvent, RunState } from '../runtime/types';
import type { Snapshot } from '../sim/snapshot';

/** Playback speeds the UI offers: device time per wall time. */
export const SIM_SPEEDS = [0.5, 1, 2, 4] as const;
export type SimSpeed = (typeof SIM_SPEEDS)[number];

/** Sensor-kit inputs the on-screen panel drives (sliders and toggles). Units: °C, %, booleans. */
export const KIT_INPUTS = {
  temperature: { kind: 'number', min: -20, max: 50, step: 0.5, initial: 22 },
  humidity: { kind: 'number', min: 0, max: 100, step: 1, initial: 45 },
  light: { kind: 'number', min: 0, max: 100, step: 1, initial: 60 },
  sound: { kind: 'number', min: 0, max: 100, step: 1, initial: 10 },
  motion: { kind: 'boolean', initial: false },
  knob: { kind: 'number', min: 0, max: 100, step: 1, initial: 50 },
  button: { kind: 'boolean', initial: false },
} as const;
export type KitInputName = keyof typeof KIT_INPUTS;
export const KIT_INPUT_NAMES = Object.keys(KIT_INPUTS) as KitInputName[];

/** Longest run `sim.runFor` accepts in one message (sim seconds); a classroom run is a few minutes at most. */
export const SIM_RUN_FOR_MAX_SECONDS = 3600;

// ---------------------------------------------------------------------------------------------------------------
// Shapes shared by both directions

const Vec3Schema = z.tuple([z.number(), z.number(), z.number()]);
const QuatSchema = z.tuple([z.number(), z.number(), z.number(), z.number()]);
const Text = z.string().max(10_000);

const BodySnapshotShape = { id: z.string().max(100), position: Vec3Schema, rotation: QuatSchema };

const Px = z.number().int().min(0).max(640);
const CameraBoxShape = { x: Px, y: Px, width: Px, height: Px };
/** Mirrors `CameraFrame` in core/device/camera.ts. */
const CameraFrameSchema: z.ZodType<CameraFrame> = z.object({
  blobs: z.array(z.object({ ...CameraBoxShape, colour: z.enum(BLOB_COLOURS) })).max(256),
  tags: z.array(z.object({ ...CameraBoxShape, id: z.number().int().min(0).max(0xffff) })).max(256),
  objects: z.array(z.object({ ...CameraBoxShape, objectClass: z.enum(OBJECT_CLASSES) })).max(256),
  line: z.object({ xTail: Px, yTail: Px, xHead: Px, yHead: Px }).nullable(),
});

/** Mirrors `Snapshot` in core/sim/snapshot.ts (the type annotation keeps the two in step). */
export const SnapshotSchema: z.ZodType<Snapshot> = z.object({
  timeMs: z.number(),
  tick: z.number().int().nonnegative(),
  robots: z.array(z.object({
    ...BodySnapshotShape,
    ledColour: z.string().max(32),
    displayText: Text,
    toneHz: z.number(),
    leftMotorPercent: z.number(),
    rightMotorPercent: z.number(),
    ultrasonic: z.object({ from: Vec3Schema, to: Vec3Schema, distanceCm: z.number() }),
    lineSensors: z.array(z.boolean()).max(16),
    colourUnder: z.string().max(32),
    headingDeg: z.number(),
    bumperPressed: z.boolean(),
  })).max(64),
  drones: z.array(z.object({
    ...BodySnapshotShape,
    flying: z.boolean(),
    heightCm: z.number(),
    batteryPercent: z.number(),
    ringsPassed: z.array(z.string().max(100)).max(1000),
  })).max(64),
  kit: z.object({
    temperatureC: z.number(),
    humidityPercent: z.number(),
    lightPercent: z.number(),
    soundPercent: z.number(),
    motion: z.boolean(),
    knobPercent: z.number(),
    buttonPressed: z.boolean(),
    ledColour: z.string().max(32),
    displayText: Text,
  }).nullable(),
  props: z.array(z.object(BodySnapshotShape)).max(1000),
  camera: CameraFrameSchema.optional(),
});

const LocalizedSchema = z.object({ 'zh-CN': Text, en: Text });

/** Mirrors `RuntimeEvent` in core/runtime/types.ts. */
export const RuntimeEventSchema: z.ZodType<RuntimeEvent> = z.discriminatedUnion('type', [
  z.object({ type: z.literal('highlight'), blockIds: z.array(z.string().max(200)).max(10_000) }),
  z.object({ type: z.literal('log'), timeMs: z.number(), blockId: z.string().max(200), text: Text }),
  z.object({
    type: z.literal('error'),
    timeMs: z.number(),
    error: z.object({
      blockId: z.string().max(200),
      code: z.enum(['divisionByZero', 'listIndex', 'recursionDepth', 'notANumber', 'notAList', 'unknownProcedure', 'missingDevice', 'deviceFailed', 'listTooLong', 'ai', 'internal']),
      params: z.record(z.string(), z.union([z.string(), z.number()])),
      message: LocalizedSchema,
    }),
  }),
  z.object({ type: z.literal('stopped'), timeMs: z.number(), reason: z.enum(['user', 'stopAll', 'error', 'finished', 'disconnected', 'timeLimit']) }),
  z.object({ type: z.literal('command'), timeMs: z.number(), blockId: z.string().max(200), op: z.string().max(100), args: z.array(z.union([z.number(), z.string()])).max(64) }),
]);

/**
 * The Program IR, checked lightly: the top-level shape (version, kit, arrays of scripts and procedures). The deep
 * tree is trusted to the interpreter, which reports bad nodes as runtime errors; the IR comes from our own
 * `fromBlockly` in the same app, so this guards against wiring mistakes, not against an attacker.
 */
const ProgramShapeCheck = z.object({
  irVersion: z.literal(1),
  target: z.enum(['robot', 'drone', 'sensorkit']),
  variables: z.array(z.string().max(200)).max(10_000),
  procedures: z.array(z.looseObject({ blockId: z.string(), name: z.string(), params: z.array(z.string()), body: z.array(z.unknown()) })).max(10_000),
  scripts: z.array(z.looseObject({ blockId: z.string(), trigger: z.looseObject({ kind: z.string() }), body: z.array(z.unknown()) })).max(10_000),
});
export const ProgramShapeSchema = z.custom<Program>((v) => ProgramShapeCheck.safeParse(v).success, {
  message: 'not a Program IR (irVersion 1, target, variables, procedures, scripts)',
});

/**
 * Run state the worker reports. `idle` = nothing loaded or loaded and not started yet (after `sim.load` or
 * `sim.reset`); the rest are the interpreter's `RunState`.
 */
export const SimRunStateSchema = z.enum(['idle', 'running', 'paused', 'stopped', 'finished', 'error']);
export type SimRunState = RunState;

// ---------------------------------------------------------------------------------------------------------------
// Variable watch

/** Items of one list the watch shows; a longer list is cut and ends with the string `…(+N)` (N items not shown). */
export const WATCH_LIST_MAX_ITEMS = 100;
/** Characters of one string the watch shows; a longer string is cut and ends with `…`. */
export const WATCH_STRING_MAX_CHARS = 200;
/** Lists nested deeper than this show as the string `[…]`. */
export const WATCH_MAX_DEPTH = 4;
/** Variables one `sim.variables` message carries (a classroom program has a handful). */
export const WATCH_MAX_VARIABLES = 1000;

/** One watched value after `watchValue`: finite numbers, capped strings, booleans, capped lists. */
export const WatchValueSchema: z.ZodType<Value> = z.lazy(() =>
  z.union([
    z.number(),
    // +1 for the `…` ending a cut string.
    z.string().max(WATCH_STRING_MAX_CHARS + 1),
    z.boolean(),
    // +1 for the `…(+N)` item ending a cut list.
    z.array(WatchValueSchema).max(WATCH_LIST_MAX_ITEMS + 1),
  ]),
);

/**
 * A runtime value made fit for the watch message: lists cut to `WATCH_LIST_MAX_ITEMS` (plus a `…(+N)` item), strings
 * to `WATCH_STRING_MAX_CHARS` (plus `…`), nesting below `WATCH_MAX_DEPTH` shown as `[…]`, and numbers that JSON and
 * the schema cannot carry (NaN, ±Infinity) as their text. Pure; the runtime value is not changed.
 */
export function watchValue(v: Value, depth = 0): Value {
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') return v.length > WATCH_STRING_MAX_CHARS ? `${v.slice(0, WATCH_STRING_MAX_CHARS)}…` : v;
  if (depth >= WATCH_MAX_DEPTH) return '[…]';
  const shown = v.slice(0, WATCH_LIST_MAX_ITEMS).map((x) => watchValue(x, depth + 1));
  if (v.length > WATCH_LIST_MAX_ITEMS) shown.push(`…(+${v.length - WATCH_LIST_MAX_ITEMS})`);
  return shown;
}

/** Every variable made fit for the watch message (see `watchValue`), at most `WATCH_MAX_VARIABLES`, in order. */
export function watchVariables(vars: Readonly<Record<string, Value>>): Record<string, Value> {
  const out: Record<string, Value> = {};
  let n = 0;
  for (const [name, value] of Object.entries(vars)) {
    if (n++ >= WATCH_MAX_VARIABLES) break;
    out[name.slice(0, 200)] = watchValue(value);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// UI → worker

export const SimRequestSchema = z.discriminatedUnion('type', [
  /** Build a fresh world and interpreter for this program; answered by `sim.state` (idle) and a first snapshot. */
  z.object({
    type: z.literal('sim.load'),
    program: ProgramShapeSchema,
    arenaId: z.string().min(1).max(100),
    seed: z.number().int().min(0).max(2 ** 31 - 1),
    robotCount: z.number().int().min(1).max(8).optional(),
    /** The project's datasets and models; AI blocks work on a copy and the result comes back in `sim.aiState`. */
    ai: AiStateSchema.optional(),
  }),
  /** Start the loaded program and pace it to wall time × speed. */
  z.object({ type: z.literal('sim.run') }),
  /** Stop every thread, devices to safe state; processed between ticks, before any further tick. */
  z.object({ type: z.literal('sim.stop') }),
  z.object({ type: z.literal('sim.pause') }),
  z.object({ type: z.literal('sim.resume') }),
  /** While paused: run one statement, then one tick of the world if the program blocked. */
  z.object({ type: z.literal('sim.step') }),
  /** Back to the state right after `sim.load` (same program, arena and seed). */
  z.object({ type: z.literal('sim.reset') }),
  z.object({ type: z.literal('sim.setSpeed'), speed: z.union([z.literal(0.5), z.literal(1), z.literal(2), z.literal(4)]) }),
  z.object({ type: z.literal('sim.pressButton'), button: z.enum(['A', 'B']) }),
  /** The stage's camera view opened or closed: snapshots carry the first robot's camera frame only while open. */
  z.object({ type: z.literal('sim.setCameraView'), open: z.boolean() }),
  z.object({
    type: z.literal('sim.setKitInput'),
    name: z.enum(KIT_INPUT_NAMES as [KitInputName, ...KitInputName[]]),
    value: z.union([z.number().finite(), z.boolean()]),
  }),
  /**
   * Run `seconds` of device time as fast as the machine allows (tests, benchmarks), starting the program if it is
   * idle. Answered by `sim.ranFor`. Still processed in bounded batches so a `sim.stop` sent meanwhile wins.
   */
  z.object({ type: z.literal('sim.runFor'), seconds: z.number().positive().max(SIM_RUN_FOR_MAX_SECONDS), requestId: z.number().int().nonnegative() }),
]);
export type SimRequest = z.input<typeof SimRequestSchema>;
export type SimRequestParsed = z.output<typeof SimRequestSchema>;

// ---------------------------------------------------------------------------------------------------------------
// worker → UI

export const SimResponseSchema = z.discriminatedUnion('type', [
  /** The worker started and physics (rapier WASM) is initialised; requests sent before this are queued by the UI. */
  z.object({ type: z.literal('sim.ready') }),
  /** The latest world state, at display rate (~30 Hz) while running, and after every load/reset/step. */
  z.object({ type: z.literal('sim.snapshot'), snapshot: SnapshotSchema }),
  /** A runtime event; `highlight` is throttled to display rate, the others arrive as they happen. */
  z.object({ type: z.literal('sim.runtimeEvent'), event: RuntimeEventSchema }),
  /** Run state, device time and rolling state hash (hex); sent on every change of state and with snapshots. */
  z.object({ type: z.literal('sim.state'), state: SimRunStateSchema, timeMs: z.number().int().nonnegative(), stateHash: z.string().max(64) }),
  /**
   * Global variables of the program on screen (the first robot's interpreter), made fit by `watchVariables`. Sent
   * only when a value changed since the last one: at most at display rate while running, and at once after stop,
   * step and the end of a run (so the final values show); always after load and reset (initial values).
   */
  z.object({ type: z.literal('sim.variables'), variables: z.record(z.string().max(200), WatchValueSchema) }),
  /**
   * The run's datasets and models after AI blocks changed them (recorded samples, trained models), for the app to
   * write into the project. Sent only after a change: at most once a second while running, and at once when the
   * run stops, ends or steps (so the final state always arrives).
   */
  z.object({ type: z.literal('sim.aiState'), ai: AiStateSchema }),
  /** `sim.runFor` finished (or was cut short by stop/finish): the state right after it. */
  z.object({ type: z.literal('sim.ranFor'), requestId: z.number().int().nonnegative(), state: SimRunStateSchema, timeMs: z.number().int().nonnegative(), stateHash: z.string().max(64) }),
  /**
   * Something the worker could not do (unknown arena, physics init failed, a malformed request). `code` is a key
   * of the `app` i18n namespace (`sim.error.*`); `detail` is English for logs.
   */
  z.object({ type: z.literal('sim.error'), code: z.string().max(100), detail: z.string().max(2000) }),
]);
export type SimResponse = z.output<typeof SimResponseSchema>;

/** Parses a request arriving in the worker; null (with the reason) when it does not fit the contract. */
export function parseSimRequest(data: unknown): { ok: true; request: SimRequestParsed } | { ok: false; detail: string } {
  const r = SimRequestSchema.safeParse(data);
  return r.success ? { ok: true, request: r.data } : { ok: false, detail: z.prettifyError(r.error) };
}

/** Parses a message arriving from the worker. */
export function parseSimResponse(data: unknown): { ok: true; response: SimResponse } | { ok: false; detail: string } {
  const r = SimResponseSchema.safeParse(data);
  return r.success ? { ok: true, response: r.data } : { ok: false, detail: z.prettifyError(r.error) };
}
