/**
 * Messages between the lesson player and its check worker (check-worker.ts), validated on arrival at both ends.
 * The worker runs core/lessons' `runLessonChecks` — the same code as `ailab check` — off the UI thread.
 */
import { z } from 'zod';
import { ProjectSchema } from '../../../core/contracts/project';
import { LessonSchema, LocalizedSchema } from '../../../core/lessons/unit-schema';
import type { LessonRun } from '../../../core/lessons/run-lesson';

export const CheckRequestSchema = z.object({ type: z.literal('check.run'), id: z.number().int().nonnegative(), project: ProjectSchema, lesson: LessonSchema });
export type CheckRequest = z.input<typeof CheckRequestSchema>;

const CheckResultSchema = z.object({
  id: z.string().max(60),
  type: z.string().max(40),
  passed: z.boolean(),
  atMs: z.number().int().nonnegative().optional(),
  message: LocalizedSchema,
});

const LessonRunSchema = z.object({
  passed: z.boolean(),
  results: z.array(CheckResultSchema).max(500),
  error: LocalizedSchema.optional(),
  stateHash: z.string().max(64).optional(),
  simSeconds: z.number().optional(),
});

export const CheckResponseSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('check.ready') }),
  z.object({ type: z.literal('check.result'), id: z.number().int(), run: LessonRunSchema }),
  z.object({ type: z.literal('check.error'), id: z.number().int(), detail: z.string().max(2000) }),
]);
export type CheckResponse = z.output<typeof CheckResponseSchema>;

/** The parsed run, typed as core's `LessonRun` (the schema mirrors it). */
export type CheckedRun = LessonRun;
