/**
 * What the model pictures need, read from a saved model through core/ai (never re-derived here): the tree's nodes,
 * the line, the K-means steps, the KNN training points, and a model's accuracy on another dataset. A saved model
 * comes from the project file, so `loadPredictor` checks its state first; a damaged one gives an error message
 * instead of a picture.
 */
import type { Dataset, ModelMetrics, SavedModel } from '../../../core/ai/contracts';
import { nearestCentroid } from '../../../core/ai/kmeans';
import { describeTree, loadPredictor, type KmeansState, type Predictor } from '../../../core/ai/models';
import type { KnnState } from '../../../core/ai/knn';
import type { LinearState } from '../../../core/ai/linear';
import { classificationMetrics } from '../../../core/ai/split';
import type { KMeansStep } from './pictures/KMeansPicture';
import type { TreeNodeView } from './pictures/tree-layout';

export type Checked<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** The predictor of a saved model, or the error `loadPredictor` gave (damaged state, Q-learning). */
export function checkedPredictor(model: SavedModel): Checked<Predictor> {
  try {
    return { ok: true, value: loadPredictor(model) };
  } catch (error) {
    return { ok: false, error };
  }
}

/**
 * The tree of a tree model (core/ai's `describeTree`: flat nodes with indices), nested as the picture draws it, with
 * feature names and the class counts at each node. Null when the model is not a valid tree.
 */
export function treeView(model: SavedModel): TreeNodeView | null {
  const tree = describeTree(model);
  if (!tree) return null;
  const build = (id: number): TreeNodeView => {
    const n = tree.nodes[id]!;
    const counts: Record<string, number> = {};
    n.counts.forEach((c, i) => {
      if (c > 0) counts[tree.labels[i]!] = c;
    });
    if (n.feature === null || n.left === null || n.right === null || n.threshold === null) return { counts };
    return { feature: tree.features[n.feature] ?? `x${n.feature + 1}`, threshold: n.threshold, counts, left: build(n.left), right: build(n.right) };
  };
  return build(0);
}

/** The fitted line of a (checked) linear model. */
export function lineOf(model: SavedModel): LinearState {
  const s = model.state as LinearState;
  return { slope: s.slope, intercept: s.intercept };
}

/**
 * K-means as frames to animate: the start centres with nothing assigned, then for each iteration the assignment
 * (points coloured, centres still where they were) and the update (centres moved). When the model kept no steps
 * (more points than core/ai keeps steps for) there is one frame: the final clusters.
 */
export function kmeansFrames(model: SavedModel, points: readonly (readonly number[])[]): KMeansStep[] {
  const s = model.state as KmeansState;
  const pointCount = points.length;
  if (s.steps.length === 0 || s.initialCentroids.length === 0) {
    // Too many points for core/ai to keep every step: show the final clusters as one frame.
    return [{ centroids: s.centroids, assignments: points.map((p) => nearestCentroid(s.centroids, p)), phase: 'update' }];
  }
  const frames: KMeansStep[] = [{ centroids: s.initialCentroids, assignments: new Array<number>(pointCount).fill(-1), phase: 'start' }];
  let centres = s.initialCentroids;
  for (const step of s.steps) {
    frames.push({ centroids: centres, assignments: step.assignments, phase: 'assign' });
    frames.push({ centroids: step.centroids, assignments: step.assignments, phase: 'update' });
    centres = step.centroids;
  }
  return frames;
}

/** Training points of a (checked) KNN model with their labels. */
export function knnTraining(model: SavedModel): { points: number[][]; labels: string[]; k: number } {
  const s = model.state as KnnState;
  return { points: s.points, labels: s.classes.map((c) => s.labels[c]!), k: s.k };
}

/**
 * Indices of the k training points nearest `x` (Euclidean over all features, nearest first, ties: the earlier
 * sample), the same rule core/ai's KNN votes with; found again here only to draw them, because the model's predict
 * does not hand them out.
 */
export function nearestIndices(points: readonly (readonly number[])[], x: readonly number[], k: number): number[] {
  const d = points.map((p, i) => {
    let sum = 0;
    for (let j = 0; j < x.length; j++) sum += ((p[j] ?? 0) - (x[j] ?? 0)) ** 2;
    return [sum, i] as const;
  });
  d.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return d.slice(0, Math.max(0, Math.min(k, points.length))).map(([, i]) => i);
}

/**
 * A classifier's accuracy and confusion on another dataset (another arena, other light): every sample predicted,
 * scored with core/ai's metrics. Null when the dataset's features differ from the model's (it cannot be tested).
 */
export function evaluateOn(predictor: Predictor, model: SavedModel, dataset: Dataset): ModelMetrics | null {
  if (dataset.features.length !== model.features.length || dataset.samples.length === 0) return null;
  const actual = dataset.samples.map((s) => s.label);
  const predicted = dataset.samples.map((s) => String(predictor.predict(s.values).value));
  const labels = [...new Set([...(model.metrics.confusion?.labels ?? []), ...actual, ...predicted])].sort();
  return classificationMetrics(labels, actual, predicted, model.metrics.trainSize, dataset.samples.length);
}

/** Most points a picture draws as SVG elements; beyond this the browser slows down for no gain in what is seen. */
export const MAX_DRAWN_POINTS = 1500;

/**
 * Indices of the points to draw: all of them up to `max`, else an even spread of `max` (every n-th, so the picture
 * keeps the data's shape) plus every index in `keep` (the KNN neighbours must always be drawn).
 */
export function drawnIndices(count: number, keep: Iterable<number> = [], max = MAX_DRAWN_POINTS): number[] {
  if (count <= max) return Array.from({ length: count }, (_, i) => i);
  const chosen = new Set<number>();
  const stride = count / max;
  for (let i = 0; i < max; i++) chosen.add(Math.floor(i * stride));
  for (const k of keep) if (k >= 0 && k < count) chosen.add(k);
  return [...chosen].sort((a, b) => a - b);
}
