/**
 * Training and loading of the lab's models, one place for every kind: `trainModel` turns a dataset into a saved
 * model (state + scores), `loadPredictor` turns a saved model (from the project file, so untrusted: its state is
 * checked with zod) into something that predicts. Q-learning models are another helper's (core/ai/qlearning*).
 */
import { z } from 'zod';
import type { Dataset, ModelKind, SavedModel } from './contracts';
import { AiError } from './errors';
import { distinctPoints, kmeansSteps, nearestCentroid, pickStartCentroids } from './kmeans';
import { knnState, loadKnn } from './knn';
import { fitLinear, loadLinear } from './linear';
import { chooseIndices, classificationMetrics, regressionMetrics, sortedLabels, splitIndices } from './split';
import { predictTree, trainTree, type TreeNodeInfo } from './tree';

/** Kinds trained from a dataset. */
export type DatasetModelKind = Exclude<ModelKind, 'qlearning'>;

/** Block inputs a model is trained with. */
export interface TrainParams {
  /** KNN neighbours / K-means clusters. */
  readonly k?: number;
  readonly maxDepth?: number;
  /** Share of the samples kept back to test the model, 0–90. */
  readonly testPercent?: number;
}

/** Ranges of the block inputs (a value outside is an error on the block, not silently clamped). */
export const LIMITS = {
  k: { min: 1, max: 50 },
  clusters: { min: 1, max: 20 },
  maxDepth: { min: 1, max: 20 },
  testPercent: { min: 0, max: 90 },
} as const;

/** K-means runs above this many points keep only the final result, not every step (saved-file size). */
export const KMEANS_STEPS_MAX_POINTS = 2000;

/**
 * Most samples a decision tree trains on. ml-cart tries every boundary between differently labelled neighbours of
 * every feature and splits the whole set again for each, so its time grows with the square of the samples
 * (measured on a busy 2-core machine: 1,000 → 0.2 s, 3,000 → 1.2 s, 10,000 → 11 s); a train block runs inside one
 * simulation tick and must not freeze it for more than about a second, so larger training sets are cut to this many
 * (0.7–0.9 s there), chosen with the run's seeded random.
 */
export const TREE_MAX_TRAIN = 2000;
/**
 * Most samples a classifier is scored on (KNN scoring costs test × training distances: 20,000 × 80,000 would take
 * seconds). Larger test splits are scored on this many, evenly spread; `metrics.scoredSize` then says so.
 */
export const MAX_SCORED = 2000;

/** `count` indices spread evenly over `indices` (all of them when there are not more). */
function evenlySpread(indices: readonly number[], count: number): number[] {
  if (indices.length <= count) return indices.slice();
  return Array.from({ length: count }, (_, i) => indices[Math.floor((i * indices.length) / count)]);
}

const num = z.number().refine(Number.isFinite);
const KnnStateSchema = z.object({
  k: z.number().int().min(1),
  labels: z.array(z.string()).min(1),
  points: z.array(z.array(num)).min(1),
  classes: z.array(z.number().int().min(0)),
}).refine((s) => s.points.length === s.classes.length && s.classes.every((c) => c < s.labels.length));
const TreeNodeSchema = z.object({
  id: z.number().int().min(0),
  depth: z.number().int().min(0),
  feature: z.number().int().min(0).nullable(),
  threshold: num.nullable(),
  left: z.number().int().min(0).nullable(),
  right: z.number().int().min(0).nullable(),
  counts: z.array(z.number().int().min(0)),
  prediction: z.string(),
});
const TreeStateSchema = z.object({
  maxDepth: z.number().int().min(1),
  labels: z.array(z.string()).min(1),
  nodes: z.array(TreeNodeSchema).min(1),
  cart: z.unknown(),
}).refine((s) => s.nodes.every((n, i) => n.id === i && n.counts.length === s.labels.length
  && (n.left === null || (n.left > i && n.left < s.nodes.length)) && (n.right === null || (n.right > i && n.right < s.nodes.length))));
const LinearStateSchema = z.object({ slope: num, intercept: num });
const KmeansStateSchema = z.object({
  centroids: z.array(z.array(num)).min(1),
  initialCentroids: z.array(z.array(num)),
  steps: z.array(z.object({ assignments: z.array(z.number().int().min(0)), centroids: z.array(z.array(num)) })),
  converged: z.boolean(),
});
export type KmeansState = z.infer<typeof KmeansStateSchema>;

/** A decision tree for drawing: nodes with their question and class counts, or null when `model` is not a valid tree. */
export function describeTree(model: SavedModel): { labels: string[]; features: string[]; nodes: TreeNodeInfo[] } | null {
  if (model.kind !== 'tree') return null;
  const s = TreeStateSchema.safeParse(model.state);
  if (!s.success) return null;
  return { labels: s.data.labels, features: model.features.slice(), nodes: s.data.nodes };
}

export interface Prediction {
  /** Class label (KNN, tree), number (linear), or cluster number 1…k (K-means). */
  readonly value: string | number;
  /** 0–1 (classifiers only). */
  readonly confidence: number | null;
  /** 1…k (K-means only). */
  readonly cluster: number | null;
}

export interface Predictor {
  readonly kind: ModelKind;
  /** Number of feature values `predict` takes. */
  readonly featureCount: number;
  predict(x: readonly number[]): Prediction;
}

/**
 * Ready-to-predict form of a saved model. Throws AiError 'error.untrainedModel' for a model without a state (made in
 * the panel, never trained), 'error.modelDamaged' when the saved state is not a trained model of its kind (a
 * hand-edited or damaged file), and 'error.notPredictable' for Q-learning models.
 */
export function loadPredictor(model: SavedModel): Predictor {
  if (model.kind !== 'qlearning' && (model.state === null || model.state === undefined)) throw new AiError('error.untrainedModel', { name: model.name });
  const damaged = () => new AiError('error.modelDamaged', { name: model.name });
  const featureCount = model.features.length;
  switch (model.kind) {
    case 'knn': {
      const s = KnnStateSchema.safeParse(model.state);
      if (!s.success || s.data.points.some((p) => p.length !== featureCount)) throw damaged();
      const knn = loadKnn(s.data);
      return { kind: 'knn', featureCount, predict: (x) => { const p = knn.predict(x); return { value: p.label, confidence: p.confidence, cluster: null }; } };
    }
    case 'tree': {
      const s = TreeStateSchema.safeParse(model.state);
      if (!s.success || s.data.nodes.some((n) => n.feature !== null && n.feature >= featureCount)) throw damaged();
      const state = s.data;
      return { kind: 'tree', featureCount, predict: (x) => { const p = predictTree(state, x); return { value: p.label, confidence: p.confidence, cluster: null }; } };
    }
    case 'linear': {
      const s = LinearStateSchema.safeParse(model.state);
      if (!s.success) throw damaged();
      const line = loadLinear(s.data);
      return { kind: 'linear', featureCount, predict: (x) => ({ value: line.predict(x[0]), confidence: null, cluster: null }) };
    }
    case 'kmeans': {
      const s = KmeansStateSchema.safeParse(model.state);
      if (!s.success || s.data.centroids.some((c) => c.length !== featureCount)) throw damaged();
      const centroids = s.data.centroids;
      return { kind: 'kmeans', featureCount, predict: (x) => ({ value: nearestCentroid(centroids, x) + 1, confidence: null, cluster: nearestCentroid(centroids, x) + 1 }) };
    }
    default:
      throw new AiError('error.notPredictable', { name: model.name });
  }
}

function checkRange(name: keyof typeof LIMITS, value: number, key: string): number {
  const { min, max } = LIMITS[name];
  if (!Number.isInteger(value) || value < min || value > max) throw new AiError(key, { value, min, max });
  return value;
}

/**
 * Trains a model of `kind` on `dataset` and returns it ready to save (the caller gives it an id). Deterministic for
 * the same dataset, params and random stream. Errors (AiError): empty dataset, too few different values, labels that
 * are not numbers (linear), inputs out of range.
 */
export function trainModel(kind: DatasetModelKind, name: string, dataset: Dataset, params: TrainParams, random: () => number): Omit<SavedModel, 'id'> {
  const samples = dataset.samples;
  if (samples.length === 0) throw new AiError('error.emptyDataset', { name: dataset.name });
  const base = { name, kind, datasetId: dataset.id, features: dataset.features.slice() };
  switch (kind) {
    case 'knn':
    case 'tree': {
      const testPercent = checkRange('testPercent', params.testPercent ?? 0, 'error.badTestPercent');
      const k = kind === 'knn' ? checkRange('k', params.k ?? 3, 'error.badK') : 0;
      const maxDepth = kind === 'tree' ? checkRange('maxDepth', params.maxDepth ?? 3, 'error.badDepth') : 0;
      const labels = sortedLabels(samples.map((s) => s.label));
      const split = splitIndices(samples.length, testPercent, random);
      let trainRows = split.train;
      // A seeded choice of TREE_MAX_TRAIN training rows for a large tree (see TREE_MAX_TRAIN).
      if (kind === 'tree' && trainRows.length > TREE_MAX_TRAIN) trainRows = chooseIndices(trainRows.length, TREE_MAX_TRAIN, random).map((i) => split.train[i]);
      const trainX = trainRows.map((i) => samples[i].values);
      const trainY = trainRows.map((i) => samples[i].label);
      let predict: (x: readonly number[]) => string;
      let state: unknown;
      if (kind === 'knn') {
        const s = knnState(trainX, trainY, labels, k);
        const m = loadKnn(s);
        predict = (x) => m.predict(x).label;
        state = s;
      } else {
        const index = new Map(labels.map((l, i) => [l, i]));
        const s = trainTree(trainX, trainY.map((l) => index.get(l)!), labels, maxDepth);
        predict = (x) => predictTree(s, x).label;
        state = s;
      }
      // Scored on the test split; without one, on the training data (what the student can still learn from).
      const pool = split.test.length > 0 ? split.test : trainRows;
      const scored = evenlySpread(pool, MAX_SCORED);
      const metrics = {
        ...classificationMetrics(labels, scored.map((i) => samples[i].label), scored.map((i) => predict(samples[i].values)), trainRows.length, split.test.length),
        ...(scored.length < pool.length ? { scoredSize: scored.length } : {}),
      };
      const p: Record<string, number> = kind === 'knn' ? { k, testPercent } : { maxDepth, testPercent };
      return { ...base, params: p, state, metrics };
    }
    case 'linear': {
      const x = samples.map((s) => s.values[0] ?? 0);
      const y = samples.map((s, row) => {
        const t = s.label.trim();
        const v = t === '' ? NaN : Number(t);
        if (!Number.isFinite(v)) throw new AiError('error.labelNotNumber', { name: dataset.name, row: row + 1, label: s.label });
        return v;
      });
      const line = fitLinear(x, y);
      if (!line) throw new AiError('error.needTwoX', { name: dataset.name });
      const fitted = x.map((v) => line.slope * v + line.intercept);
      return { ...base, features: base.features.slice(0, 1), params: {}, state: line, metrics: regressionMetrics(y, fitted, samples.length, 0) };
    }
    case 'kmeans': {
      const k = checkRange('clusters', params.k ?? 2, 'error.badClusters');
      const points = samples.map((s) => s.values);
      const distinct = distinctPoints(points);
      if (distinct < k) throw new AiError('error.tooFewPoints', { name: dataset.name, k, distinct });
      const run = kmeansSteps(points, pickStartCentroids(points, k, random));
      const keepSteps = points.length <= KMEANS_STEPS_MAX_POINTS;
      const state: KmeansState = {
        centroids: run.centroids,
        initialCentroids: keepSteps ? run.initialCentroids : [],
        steps: keepSteps ? run.steps : [],
        converged: run.converged,
      };
      return { ...base, params: { k }, state, metrics: { trainSize: samples.length, testSize: 0 } };
    }
  }
}
