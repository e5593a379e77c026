/**
 * Host methods of the lesson player (spread into `HOST_METHODS`): the units the app can teach (bundled with the app
 * in `curricula/`, or installed into `<data>/units/` by a teacher's package), their files, and each student's
 * progress. A student is a local profile — a name or a seat ("3班 12号") typed in the player, no account.
 */
import { z } from 'zod';
import { DatasetSchema, ProjectSchema } from './project';
import { SavedModelSchema } from '../ai/contracts';
import { LocalizedSchema, UnitPathSchema, UnitSchema } from '../lessons/unit-schema';

const UnitId = z.string().regex(/^[a-z0-9][a-z0-9-]{1,59}$/);
const LessonId = z.string().min(1).max(60);

/** A local student profile name: letters (any script), digits, spaces, `-` `_` `.` `#`, 1–40 characters. */
export const StudentIdSchema = z.string().trim().min(1).max(40).regex(/^[\p{L}\p{N} _.#-]+$/u);

export const UnitSummarySchema = z.object({
  id: UnitId,
  grade: z.enum(['4', '7', 'club']),
  order: z.number().int(),
  title: LocalizedSchema,
  summary: LocalizedSchema,
  classHours: z.number().int(),
  kit: z.enum(['robot', 'drone', 'sensorkit']),
  /** Where it came from: shipped with the app, or installed from a teacher's package (installed wins on a tie). */
  source: z.enum(['bundled', 'installed']),
  lessons: z.array(z.object({ id: LessonId, title: LocalizedSchema })),
});
export type UnitSummary = z.infer<typeof UnitSummarySchema>;

/** What the player remembers of one lesson for one student. */
export const LessonProgressSchema = z.object({
  /** Step shown last (0-based). */
  step: z.number().int().min(0).max(1000).default(0),
  /** Hints shown so far, per step id (hints are revealed one at a time and stay revealed). */
  hints: z.record(z.string().max(60), z.number().int().min(0).max(100)).default({}),
  /** Result of the last "Check my work", per check id. */
  checks: z.record(z.string().max(60), z.boolean()).default({}),
  /** Every check passed at least once. */
  completed: z.boolean().default(false),
  completedAt: z.string().max(40).optional(),
  /** The student's answer to the reflection question. */
  reflection: z.string().max(4000).default(''),
  /** The student's program for this lesson (Blockly workspace JSON), so they continue where they stopped. */
  workspace: z.record(z.string(), z.unknown()).optional(),
  /** The datasets and models the student made in this lesson (AI units), kept with the program. */
  datasets: z.array(DatasetSchema).max(100).optional(),
  models: z.array(SavedModelSchema).max(100).optional(),
});
export type LessonProgress = z.infer<typeof LessonProgressSchema>;

export const ProgressSchema = z.object({
  format: z.literal('ailab-progress'),
  version: z.literal(1),
  student: StudentIdSchema,
  /** unit id → lesson id → progress. */
  units: z.record(z.string().max(60), z.record(z.string().max(60), LessonProgressSchema)).default({}),
  updatedAt: z.string().max(40),
});
export type Progress = z.infer<typeof ProgressSchema>;

/** Largest progress file accepted (a student's programs for every lesson of a year fit many times over). */
export const PROGRESS_MAX_BYTES = 8 * 1024 * 1024;

export const LESSON_METHODS = {
  /** Every unit the app can open (valid ones only; broken units are logged by the host and left out). */
  'lessons.list': { params: z.object({}).strict(), result: z.array(UnitSummarySchema) },
  /** One unit's full description (unit.json, validated). */
  'lessons.get': { params: z.object({ unitId: UnitId }).strict(), result: z.object({ unit: UnitSchema, source: z.enum(['bundled', 'installed']) }) },
  /**
   * A file of a unit: Markdown steps and teacher notes as text, images (svg, png, jpg, gif, webp) as base64.
   * Only files inside the unit folder; nothing else on disk is reachable.
   */
  'lessons.readFile': {
    params: z.object({ unitId: UnitId, path: UnitPathSchema }).strict(),
    result: z.object({ path: z.string(), mime: z.string().max(100), text: z.string().optional(), base64: z.string().optional() }),
  },
  /** A lesson's starter (what the student begins with) or reference solution (teacher view). */
  'lessons.project': {
    params: z.object({ unitId: UnitId, lessonId: LessonId, which: z.enum(['starter', 'solution']) }).strict(),
    result: z.object({ project: ProjectSchema }),
  },
  /** Student profiles that have progress on this computer, most recently active first. */
  'progress.students': { params: z.object({}).strict(), result: z.array(z.object({ student: z.string(), updatedAt: z.string() })) },
  /** A student's progress (an empty record for a new student). */
  'progress.get': { params: z.object({ student: StudentIdSchema }).strict(), result: ProgressSchema },
  /** Saves one lesson's progress (merged into the student's record, written atomically). */
  'progress.save': {
    params: z.object({ student: StudentIdSchema, unitId: UnitId, lessonId: LessonId, lesson: LessonProgressSchema }).strict(),
    result: z.object({ updatedAt: z.string() }),
  },
} as const;
