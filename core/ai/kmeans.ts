/**
 * K-means clustering (ml-kmeans), in 1D or 2D (any number of features works). Start centroids are k different
 * samples picked with the run's seeded random, so a run always clusters the same way; ml-kmeans' generator gives
 * every iteration, which the lab animates: each step assigns every point to its nearest centroid, then moves each
 * centroid to the mean of its points, until nothing moves (or 100 steps).
 *
 * Clusters are numbered in centroid order (by first feature, then the next …), so "cluster 1" is the leftmost one
 * whatever the random start was.
 */
import { kmeansGenerator } from 'ml-kmeans';

export interface KmeansStep {
  /** Cluster (0-based, final numbering) of every point in this step. */
  readonly assignments: number[];
  /** Centroids after this step's update, in final numbering. */
  readonly centroids: number[][];
}

export interface KmeansRun {
  readonly initialCentroids: number[][];
  readonly steps: KmeansStep[];
  /** Final centroids, sorted (cluster i is centroids[i]). */
  readonly centroids: number[][];
  readonly assignments: number[];
  readonly converged: boolean;
}

/** Most iterations K-means runs. */
export const KMEANS_MAX_ITERATIONS = 100;

/** Number of different points (K-means needs at least k of them). */
export function distinctPoints(points: readonly (readonly number[])[]): number {
  return new Set(points.map((p) => p.join(','))).size;
}

/** Picks k different points as start centroids with a seeded shuffle. Needs `distinctPoints(points) >= k`. */
export function pickStartCentroids(points: readonly (readonly number[])[], k: number, random: () => number): number[][] {
  const order = points.map((_, i) => i);
  const picked: number[][] = [];
  const seen = new Set<string>();
  for (let i = 0; i < order.length && picked.length < k; i++) {
    const j = i + Math.floor(random() * (order.length - i));
    [order[i], order[j]] = [order[j], order[i]];
    const p = points[order[i]];
    const key = p.join(',');
    if (!seen.has(key)) {
      seen.add(key);
      picked.push(p.slice());
    }
  }
  return picked;
}

const compareVectors = (a: readonly number[], b: readonly number[]): number => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
};

/** Runs K-means from the given start centroids and returns every step, renumbered by final centroid order. */
export function kmeansSteps(points: readonly (readonly number[])[], start: readonly (readonly number[])[]): KmeansRun {
  const k = start.length;
  const data = points.map((p) => p.slice());
  const raw: { assignments: number[]; centroids: number[][]; converged: boolean }[] = [];
  for (const r of kmeansGenerator(data, k, { initialization: start.map((c) => c.slice()), maxIterations: KMEANS_MAX_ITERATIONS })) {
    raw.push({ assignments: r.clusters.slice(), centroids: r.centroids.map((c) => c.slice()), converged: r.converged });
  }
  const last = raw[raw.length - 1];
  const order = last.centroids.map((_, i) => i).sort((a, b) => compareVectors(last.centroids[a], last.centroids[b]) || a - b);
  const rename = new Array<number>(k);
  order.forEach((oldIndex, newIndex) => (rename[oldIndex] = newIndex));
  const renumber = (cs: number[][]) => order.map((i) => cs[i]);
  const steps = raw.map((s) => ({ assignments: s.assignments.map((c) => rename[c]), centroids: renumber(s.centroids) }));
  return {
    initialCentroids: renumber(start.map((c) => c.slice())),
    steps,
    centroids: steps[steps.length - 1].centroids,
    assignments: steps[steps.length - 1].assignments,
    converged: last.converged,
  };
}

/** Index of the nearest centroid (squared Euclidean distance; ties: the lower index). */
export function nearestCentroid(centroids: readonly (readonly number[])[], x: readonly number[]): number {
  let best = 0;
  let bestD = Infinity;
  centroids.forEach((c, i) => {
    let d = 0;
    for (let j = 0; j < c.length; j++) d += (c[j] - x[j]) ** 2;
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  });
  return best;
}
