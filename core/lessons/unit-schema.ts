/**
 * The lesson unit format: a unit is a folder in `curricula/<grade>/<unit-id>/` holding `unit.json` (this schema),
 * Markdown steps (zh-CN first, English), a starter and a reference-solution `.ailab` per lesson, and teacher notes.
 * Images live in the unit's `assets/` folder and are referenced from Markdown by relative path, never embedded.
 *
 * Checks are data: a small declarative language evaluated on the trace of a headless simulator run of the student's
 * project (core/lessons/checks.ts). Same project, arena and seed ⇒ same verdict.
 *
 * Paths inside a unit are relative to the unit folder, use `/`, and never climb out (`..`) or start at a root.
 */
import { z } from 'zod';

export const UNIT_SCHEMA_VERSION = 1;

export const LocalizedSchema = z.object({ 'zh-CN': z.string().min(1), en: z.string().min(1) });
export type Localized = z.infer<typeof LocalizedSchema>;

/** A path inside the unit folder: relative, forward slashes, no `..`, no drive letter, no leading slash. */
export const UnitPathSchema = z
  .string()
  .min(1)
  .max(200)
  .refine((p) => !p.startsWith('/') && !p.includes('\\') && !/^[A-Za-z]:/.test(p) && !p.split('/').includes('..'), {
    message: 'must be a relative path inside the unit folder (no "..", no leading "/", no drive letter)',
  });

/** One Markdown file per language. */
export const LocalizedFileSchema = z.object({ 'zh-CN': UnitPathSchema, en: UnitPathSchema });

// ---------------------------------------------------------------------------------------------------------------
// Frame predicates: what must hold in one trace frame (one 20 ms tick) for robot/drone `agent` (default 0).
// ---------------------------------------------------------------------------------------------------------------

export const CompareOpSchema = z.enum(['<', '<=', '>', '>=', '==', '!=']);

/**
 * Quantities a predicate can read from a frame:
 * robot — distanceCm, x, z (metres), headingDeg, led (`#rrggbb`), wallContact, bumper, lineLeft, lineRight;
 * drone — droneX, droneY, droneZ (metres, y up), droneFlying, ringsPassed;
 * sensor kit — kitLed, and any kit input (temperatureC, humidityPercent, lightPercent, soundPercent, motion,
 * knobPercent, buttonPressed).
 */
export const FrameQuantitySchema = z.enum([
  'distanceCm', 'x', 'z', 'headingDeg', 'led', 'wallContact', 'bumper', 'lineLeft', 'lineRight',
  'droneX', 'droneY', 'droneZ', 'droneFlying', 'ringsPassed',
  'kitLed', 'temperatureC', 'humidityPercent', 'lightPercent', 'soundPercent', 'motion', 'knobPercent', 'buttonPressed',
]);
export type FrameQuantity = z.infer<typeof FrameQuantitySchema>;

export type FramePredicate =
  | { readonly quantity: FrameQuantity; readonly op: z.infer<typeof CompareOpSchema>; readonly value: number | string | boolean; readonly agent?: number }
  | { readonly inZone: string; readonly agent?: number }
  | { readonly all: readonly FramePredicate[] }
  | { readonly any: readonly FramePredicate[] }
  | { readonly not: FramePredicate };

export const FramePredicateSchema: z.ZodType<FramePredicate> = z.lazy(() =>
  z.union([
    z.object({ quantity: FrameQuantitySchema, op: CompareOpSchema, value: z.union([z.number(), z.string(), z.boolean()]), agent: z.number().int().min(0).optional() }).strict(),
    z.object({ inZone: z.string().min(1), agent: z.number().int().min(0).optional() }).strict(),
    z.object({ all: z.array(FramePredicateSchema).min(1) }).strict(),
    z.object({ any: z.array(FramePredicateSchema).min(1) }).strict(),
    z.object({ not: FramePredicateSchema }).strict(),
  ]),
);

// ---------------------------------------------------------------------------------------------------------------
// Checks. Each has an id (unique in its lesson) and may override the child-friendly pass/fail text; otherwise the
// evaluator words it from the `lessons` i18n namespace. A failed check reports the moment (timeMs) it failed, so the
// stage can replay it.
// ---------------------------------------------------------------------------------------------------------------

const CheckBase = {
  id: z.string().min(1).max(60),
  /** Shown instead of the generated text. */
  pass: LocalizedSchema.optional(),
  fail: LocalizedSchema.optional(),
};

export const CheckSchema = z.discriminatedUnion('type', [
  /** The predicate holds at some tick within `withinS` seconds (default: the whole run). E.g. reaches zone "goal". */
  z.object({ ...CheckBase, type: z.literal('eventually'), when: FramePredicateSchema, withinS: z.number().positive().optional() }).strict(),
  /** The predicate holds on every tick from `fromS` (default 0). */
  z.object({ ...CheckBase, type: z.literal('always'), when: FramePredicateSchema, fromS: z.number().min(0).optional() }).strict(),
  /** The predicate never holds (e.g. never touches a wall: `{quantity:'wallContact', op:'==', value:true}`). */
  z.object({ ...CheckBase, type: z.literal('never'), when: FramePredicateSchema }).strict(),
  /**
   * Whenever `if` holds, `then` holds too, allowing `graceMs` (default 100) for the program to react.
   * `mustHappen` (default true): the `if` situation has to occur at least once, so a program that never meets it
   * (a robot that never moves) does not pass by doing nothing.
   */
  z.object({ ...CheckBase, type: z.literal('whenever'), if: FramePredicateSchema, then: FramePredicateSchema, graceMs: z.number().int().min(0).max(5000).optional(), mustHappen: z.boolean().optional() }).strict(),
  /** A global variable's value when the run ends (numbers compared within `tolerance`, default 1e-9). */
  z.object({ ...CheckBase, type: z.literal('variableEquals'), name: z.string().min(1), value: z.union([z.number(), z.string(), z.boolean()]), tolerance: z.number().min(0).optional() }).strict(),
  /** The drone passes these rings in this order (other rings may come between), then optionally lands in a zone. */
  z.object({ ...CheckBase, type: z.literal('ringsInOrder'), rings: z.array(z.string().min(1)).min(1), landInZone: z.string().optional(), agent: z.number().int().min(0).optional() }).strict(),
  /**
   * The program uses block type `block` at least `min` times and at most `max` times. `min` defaults to 1, or to 0
   * when only `max` is given ("at most 2 forever blocks"). Only blocks that run count: under an event hat or in a
   * procedure definition, not disabled, not shadows.
   */
  z.object({ ...CheckBase, type: z.literal('usesBlock'), block: z.string().min(1), min: z.number().int().min(0).optional(), max: z.number().int().min(0).optional() }).strict(),
  /** The run log contains a line matching `text` (exact) or `pattern` (a plain substring). */
  z.object({ ...CheckBase, type: z.literal('logContains'), text: z.string().optional(), contains: z.string().optional() }).strict(),
  /** No runtime error happened and (with `finishes`) every program ended by itself within the run. */
  z.object({ ...CheckBase, type: z.literal('noErrors'), finishes: z.boolean().optional() }).strict(),
  /** At the end of the run, every prop matching `props` (id prefix, e.g. "cube-red") lies inside `zone`. */
  z.object({ ...CheckBase, type: z.literal('propsInZone'), props: z.string().min(1), zone: z.string().min(1), atLeast: z.number().int().min(1).optional() }).strict(),
  /** A dataset of the project has at least `samples` samples (and `classes` distinct labels) at the end of the run. */
  z.object({ ...CheckBase, type: z.literal('datasetSize'), dataset: z.string().min(1), samples: z.number().int().min(1), classes: z.number().int().min(1).optional() }).strict(),
  /** A model of the project (trained in the run or saved in it) reaches this metric on its test split. */
  z.object({ ...CheckBase, type: z.literal('modelMetric'), model: z.string().min(1), metric: z.enum(['accuracy', 'rmse', 'r2']), op: CompareOpSchema, value: z.number() }).strict(),
]);
export type Check = z.infer<typeof CheckSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Runs, steps, lessons, units.
// ---------------------------------------------------------------------------------------------------------------

/** A scripted sensor-kit input change at a moment of the run (the checker plays these into the virtual kit). */
export const KitInputEventSchema = z.object({
  atS: z.number().min(0),
  input: z.enum(['temperatureC', 'humidityPercent', 'lightPercent', 'soundPercent', 'motion', 'knobPercent', 'buttonPressed']),
  value: z.union([z.number(), z.boolean()]),
});

/** How the checker runs a project: arena, seed, length. One seed gives one verdict. */
export const CheckRunSchema = z.object({
  arenaId: z.string().min(1),
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
  seconds: z.number().positive().max(600),
  robotCount: z.number().int().min(1).max(8).optional(),
  kitInputs: z.array(KitInputEventSchema).max(1000).optional(),
});

/** The toolbox of a step: 'all' for the kit's full toolbox, or the block types shown (grade 4 sees few). */
export const ToolboxSubsetSchema = z.union([z.literal('all'), z.array(z.string().min(1)).min(1)]);

export const StepSchema = z.object({
  id: z.string().min(1).max(60),
  title: LocalizedSchema,
  /** The step text, Markdown, one file per language. */
  text: LocalizedFileSchema,
  toolbox: ToolboxSubsetSchema,
  /** Ids of the lesson's checks this step is about (the player shows these after "Check my work"). */
  checks: z.array(z.string()).default([]),
  /** Shown one at a time, in order. */
  hints: z.array(LocalizedSchema).default([]),
});

export const LessonSchema = z.object({
  id: z.string().min(1).max(60),
  title: LocalizedSchema,
  starter: UnitPathSchema,
  solution: UnitPathSchema,
  run: CheckRunSchema,
  steps: z.array(StepSchema).min(1),
  checks: z.array(CheckSchema).min(1),
  reflection: LocalizedSchema,
});

export const TeacherNotesSchema = z.object({
  /** Markdown: goal, timing, common mistakes, hardware variant. */
  file: LocalizedFileSchema,
});

export const UnitSchema = z.object({
  format: z.literal('ailab-unit'),
  schemaVersion: z.literal(UNIT_SCHEMA_VERSION),
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,59}$/, 'lower-case letters, digits and "-"'),
  grade: z.enum(['4', '7', 'club']),
  /** Position in the grade's sequence (the unit list sorts by it). */
  order: z.number().int().min(0),
  title: LocalizedSchema,
  summary: LocalizedSchema,
  classHours: z.number().int().min(1).max(4),
  target: z.object({
    kit: z.enum(['robot', 'drone', 'sensorkit']),
    /** The simulator arena students use; `null` for units taught without the simulator (discussion units). */
    arenaId: z.string().min(1).nullable(),
    /** Real kits the unit also works with, e.g. ["firmata-uno-car", "ailab-robot", "tello"]. */
    hardware: z.array(z.string()).default([]),
  }),
  prerequisites: z.array(z.string()).default([]),
  lessons: z.array(LessonSchema).min(1),
  teacherNotes: TeacherNotesSchema,
});
export type Unit = z.infer<typeof UnitSchema>;
export type Lesson = z.infer<typeof LessonSchema>;
export type Step = z.infer<typeof StepSchema>;
export type CheckRun = z.infer<typeof CheckRunSchema>;
