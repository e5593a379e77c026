/**
 * k-nearest-neighbours classification. ml-knn builds the KD-tree and finds the k nearest training samples
 * (Euclidean distance, exact: checked against a brute-force search in knn.test.ts); the vote is counted here because
 * the lab shows its confidence (the share of the k neighbours that voted for the winner), which ml-knn's `predict`
 * does not return.
 *
 * Labels are turned into class numbers (their index in sorted label order) before they reach ml-knn: it stores the
 * class as a coordinate of each point, and numbers sort and compare cleanly where text would not.
 *
 * Ties: the most votes wins; among tied classes the one with the nearest neighbour wins, then the earlier label.
 * k larger than the training set uses every training sample.
 */
import KNN from 'ml-knn';

export interface KnnState {
  readonly k: number;
  /** Class labels, sorted; class number i is labels[i]. */
  readonly labels: string[];
  /** Training samples' feature values and class numbers. */
  readonly points: number[][];
  readonly classes: number[];
}

export interface KnnPrediction {
  readonly label: string;
  /** Share of the k neighbours that voted for `label`, 0–1. */
  readonly confidence: number;
}

export function knnState(points: number[][], labels: readonly string[], sortedLabels: readonly string[], k: number): KnnState {
  const index = new Map(sortedLabels.map((l, i) => [l, i]));
  return { k, labels: sortedLabels.slice(), points: points.map((p) => p.slice()), classes: labels.map((l) => index.get(l)!) };
}

export interface KnnModel {
  predict(x: readonly number[]): KnnPrediction;
}

/** A ready-to-predict model (the KD-tree is built once here). */
export function loadKnn(state: KnnState): KnnModel {
  const knn = new KNN(state.points, state.classes, { k: state.k });
  const k = Math.max(1, Math.min(state.k, state.points.length));
  return {
    predict(x) {
      const near = knn.kdTree.nearest(x, k);
      const classAt = state.points[0].length;
      const votes = new Map<number, { count: number; nearest: number }>();
      for (const [point, distance] of near) {
        const c = point[classAt];
        const v = votes.get(c);
        if (v) {
          v.count++;
          v.nearest = Math.min(v.nearest, distance);
        } else votes.set(c, { count: 1, nearest: distance });
      }
      let best = -1;
      let bestVote = { count: -1, nearest: Infinity };
      for (const [c, v] of votes) {
        const better = v.count > bestVote.count || (v.count === bestVote.count && (v.nearest < bestVote.nearest || (v.nearest === bestVote.nearest && c < best)));
        if (better) {
          best = c;
          bestVote = v;
        }
      }
      return { label: state.labels[best], confidence: bestVote.count / near.length };
    },
  };
}
