/**
 * Contracts of the AI lab, shared by the interpreter (AI blocks), the simulator session and headless runs, the lesson
 * checker (`datasetSize`, `modelMetric` checks), the renderer's data and model panels, and the `.ailab` file.
 *
 * Datasets and models belong to the project. A run starts from the project's datasets and models (`AiState`), AI
 * blocks change that state while the program runs (record a sample, train a model), and the run hands the final
 * state back so the app can save it into the project and the checker can judge it.
 *
 * AI blocks compile to IR `ai` nodes (an expression or a statement with an op name and argument expressions); the
 * interpreter looks the op up in `AI_OPS` (core/ai/ops.ts) and calls it with the run's `AiContext`. Ops are
 * synchronous and deterministic: training on the same data gives the same model, ties break in a fixed order (KNN:
 * the class with the nearest neighbour, then label order; trees: label order), random splits and K-means starts use
 * the run's seeded random.
 */
import { z } from 'zod';
// Type-only: project.ts imports SavedModelSchema from here at run time, so this side must not import project.ts.
import type { DatasetSchema } from '../contracts/project';

export type Dataset = z.infer<typeof DatasetSchema>;

export const ModelKindSchema = z.enum(['knn', 'tree', 'linear', 'kmeans', 'qlearning']);
export type ModelKind = z.infer<typeof ModelKindSchema>;

/** Confusion matrix: `matrix[actual][predicted]`, rows and columns in `labels` order. */
export const ConfusionSchema = z.object({
  labels: z.array(z.string()),
  matrix: z.array(z.array(z.number().int().min(0))),
});

export const ModelMetricsSchema = z.object({
  /** Samples used to train and to test (test 0 when the whole dataset trained the model). */
  trainSize: z.number().int().min(0),
  testSize: z.number().int().min(0),
  /**
   * Samples the scores were measured on, when fewer than the test split (or the training data): very large splits
   * are scored on an evenly spread part of them so training stays quick. Absent when every sample was scored.
   */
  scoredSize: z.number().int().min(0).optional(),
  /** Classification, on the test split (on the training data when there is no test split). */
  accuracy: z.number().min(0).max(1).optional(),
  confusion: ConfusionSchema.optional(),
  /** Regression, on the test split (or the training data). */
  rmse: z.number().min(0).optional(),
  r2: z.number().optional(),
});
export type ModelMetrics = z.infer<typeof ModelMetricsSchema>;

/**
 * A trained model as saved in the project. `state` is the model's own JSON (the library's `toJSON()` where it has
 * one), enough to predict again without retraining; `params` are the block inputs it was trained with (k, max depth,
 * ε, α, γ …). Names are what blocks refer to ("model 颜色分类器").
 */
export const SavedModelSchema = z.object({
  id: z.string().min(1).max(100),
  name: z.string().min(1).max(100),
  kind: ModelKindSchema,
  /** Dataset it was trained on (by id), null for Q-learning (trained on an arena). */
  datasetId: z.string().max(100).nullable(),
  features: z.array(z.string().max(100)).max(64),
  params: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
  state: z.unknown(),
  metrics: ModelMetricsSchema,
});
export type SavedModel = z.infer<typeof SavedModelSchema>;

/** The datasets and models a run starts from and ends with. */
export interface AiState {
  readonly datasets: readonly Dataset[];
  readonly models: readonly SavedModel[];
}

export const EMPTY_AI_STATE: AiState = { datasets: [], models: [] };
