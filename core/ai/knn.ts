/**
 * k-nearest-neighbours classification: the k training samples nearest to a new one (Euclidean distance) vote, the
 * most votes win, and the confidence is the share of the k votes the winner got.
 *
 * Why not ml-knn: ml-knn 3.0 (the mljs package, last released 2019) stores each sample's class as an extra
 * coordinate of its KD-tree, so a query (which has no class) can never prune a branch: every prediction measured
 * the distance to every sample twice (2,000,000 distance calls for 1,000 predictions on 1,000 samples, 1.2 s).
 * Its `predict` also gives no vote counts, which the confidence block needs. A plain scan over the samples is
 * exact, 25× faster at classroom sizes, and what the lesson explains anyway ("measure the distance to every
 * sample, keep the k nearest").
 *
 * Ties: among samples at the same distance the earlier one in the dataset is nearer; among classes with the same
 * number of votes the one with the nearest neighbour wins, then the earlier label. k larger than the training set
 * uses every training sample.
 */

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
  /**
   * Indices (into `state.points`) of the k training samples nearest `x`, nearest first: exactly the ones that vote in
   * `predict` (for pictures that draw them).
   */
  neighbours(x: readonly number[]): number[];
}

/** A ready-to-predict model (the samples are packed into one typed array here, once). */
export function loadKnn(state: KnnState): KnnModel {
  const n = state.points.length;
  const dim = n > 0 ? state.points[0].length : 0;
  const flat = new Float64Array(n * dim);
  state.points.forEach((p, i) => flat.set(p, i * dim));
  const k = Math.max(1, Math.min(state.k, n));
  const nearD = new Float64Array(k);
  const nearI = new Int32Array(k);
  const votes = new Int32Array(state.labels.length);
  const closest = new Float64Array(state.labels.length);
  /** Fills nearD/nearI with the k nearest samples (squared distances), nearest first; unused slots have index −1. */
  const scan = (x: readonly number[]): void => {
    nearD.fill(Infinity);
    nearI.fill(-1);
    for (let i = 0; i < n; i++) {
      let d = 0;
      for (let j = 0, o = i * dim; j < dim; j++) {
        const t = flat[o + j] - x[j];
        d += t * t;
      }
      if (d >= nearD[k - 1]) continue;
      // Insertion into the sorted k nearest; `>` keeps an earlier sample ahead of a later one at the same distance.
      let at = k - 1;
      while (at > 0 && nearD[at - 1] > d) {
        nearD[at] = nearD[at - 1];
        nearI[at] = nearI[at - 1];
        at--;
      }
      nearD[at] = d;
      nearI[at] = i;
    }
  };
  return {
    neighbours(x) {
      scan(x);
      return Array.from(nearI).filter((i) => i >= 0);
    },
    predict(x) {
      scan(x);
      votes.fill(0);
      closest.fill(Infinity);
      let used = 0;
      for (let m = 0; m < k; m++) {
        if (nearI[m] < 0) continue;
        const c = state.classes[nearI[m]];
        votes[c]++;
        if (nearD[m] < closest[c]) closest[c] = nearD[m];
        used++;
      }
      let best = 0;
      for (let c = 1; c < votes.length; c++) {
        if (votes[c] > votes[best] || (votes[c] === votes[best] && closest[c] < closest[best])) best = c;
      }
      return { label: state.labels[best], confidence: used > 0 ? votes[best] / used : 0 };
    },
  };
}
