/**
 * The `.ailab` project file: JSON with a schema version. Older versions are migrated on open; newer ones are
 * refused with a clear message (never half-read). The workspace is Blockly's own serialisation
 * (`Blockly.serialization.workspaces.save`), kept as opaque JSON here and turned into IR by core/program.
 */
import { z } from 'zod';
import { SavedModelSchema, type AiState } from '../ai/contracts';

/** The version this build writes. Bump with a migration in `migrateProject`. */
export const PROJECT_SCHEMA_VERSION = 1;
/** Files above this are refused before parsing (a class project is a few hundred kB at most). */
export const PROJECT_MAX_BYTES = 20 * 1024 * 1024;

export const TargetKitSchema = z.enum(['robot', 'drone', 'sensorkit']);

export const DatasetSchema = z.object({
  id: z.string().min(1).max(100),
  name: z.string().max(200),
  features: z.array(z.string().max(100)).max(64),
  samples: z.array(z.object({ values: z.array(z.number()), label: z.string().max(200) })).max(100_000),
});

export const ProjectSchema = z.object({
  format: z.literal('ailab-project'),
  schemaVersion: z.number().int().positive(),
  meta: z.object({
    title: z.string().max(200),
    createdAt: z.string().max(40),
    modifiedAt: z.string().max(40),
    appVersion: z.string().max(40),
  }),
  target: TargetKitSchema,
  /** Arena the simulator opens with, and the seed of its noise. */
  sim: z.object({ arenaId: z.string().max(100), seed: z.number().int().min(0).max(2 ** 31 - 1) }),
  /** Blockly workspace serialisation (opaque here). */
  workspace: z.record(z.string(), z.unknown()),
  datasets: z.array(DatasetSchema).max(100).default([]),
  /** Trained models (core/ai/contracts.ts). Version 1 files from before the AI lab have `models: []`. */
  models: z.array(SavedModelSchema).max(100).default([]),
});

export type Project = z.infer<typeof ProjectSchema>;

/**
 * Datasets and models of the AI lab (core/ai/contracts.ts `AiState`) on their own: what a run starts from and what
 * AI blocks made of it, as it crosses to the sim worker and back from a live run. Same limits as in the project.
 */
export const AiStateSchema: z.ZodType<AiState> = z.object({
  datasets: z.array(DatasetSchema).max(100),
  models: z.array(SavedModelSchema).max(100),
});
export type TargetKitName = z.infer<typeof TargetKitSchema>;

/** A new, empty project for a kit. `now` is an ISO date string (core reads no clock). */
export function newProject(target: TargetKitName, now: string, appVersion: string, title = ''): Project {
  const arenaId = target === 'drone' ? 'drone-rings' : target === 'sensorkit' ? 'open-floor' : 'open-floor';
  return {
    format: 'ailab-project',
    schemaVersion: PROJECT_SCHEMA_VERSION,
    meta: { title, createdAt: now, modifiedAt: now, appVersion },
    target,
    sim: { arenaId, seed: 1 },
    workspace: {},
    datasets: [],
    models: [],
  };
}
