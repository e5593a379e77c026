/** K-means against obvious groups, its steps for the animation, determinism, and its errors. */
import { describe, expect, it } from 'vitest';
import { distinctPoints, kmeansSteps, nearestCentroid, pickStartCentroids } from './kmeans';
import { loadPredictor, trainModel, type KmeansState } from './models';
import { dataset, lcg } from './test-data';

const oneD = dataset([1, 2, 3, 10, 11, 12].map((v) => [[v], 'x'] as const));

describe('K-means', () => {
  it('1-D: 1,2,3 and 10,11,12 make groups at 2 and 11 whatever the seed; group 1 is the left one', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const m = trainModel('kmeans', 'k', oneD, { k: 2 }, lcg(seed));
      const s = m.state as KmeansState;
      expect(s.centroids).toEqual([[2], [11]]);
      expect(s.steps[s.steps.length - 1].assignments).toEqual([0, 0, 0, 1, 1, 1]);
      expect(s.converged).toBe(true);
    }
  });

  it('2-D: three blobs give three centroids at the blob centres, sorted by x', () => {
    const r = lcg(4);
    const centres = [[80, 20], [10, 10], [40, 90]];
    const rows = centres.flatMap(([cx, cy]) => Array.from({ length: 30 }, () => [[cx + (r() - 0.5) * 4, cy + (r() - 0.5) * 4], 'p'] as const));
    const m = trainModel('kmeans', 'k', dataset(rows), { k: 3 }, lcg(2));
    const s = m.state as KmeansState;
    const expected = [[10, 10], [40, 90], [80, 20]];
    s.centroids.forEach((c, i) => {
      expect(c[0]).toBeCloseTo(expected[i][0], 0);
      expect(c[1]).toBeCloseTo(expected[i][1], 0);
    });
    const p = loadPredictor({ ...m, id: 'x' });
    expect(p.predict([39, 88])).toEqual({ value: 2, confidence: null, cluster: 2 });
  });

  it('exposes every step: start centroids, then each step\'s assignments and moved centroids, until nothing moves', () => {
    const points = [[0], [1], [2], [9], [10], [11]];
    const run = kmeansSteps(points, [[0], [1]]);
    expect(run.initialCentroids).toEqual([[0], [1]]);
    expect(run.steps.length).toBeGreaterThan(1);
    // Step 1 assigns to the start centroids: only 0 is nearer to 0 than to 1.
    expect(run.steps[0].assignments).toEqual([0, 1, 1, 1, 1, 1]);
    expect(run.steps[0].centroids).toEqual([[0], [6.6]]);
    const last = run.steps[run.steps.length - 1];
    expect(last.centroids).toEqual([[1], [10]]);
    expect(last.assignments).toEqual([0, 0, 0, 1, 1, 1]);
    expect(run.converged).toBe(true);
  });

  it('same seed → same start and steps; the start centroids are different samples', () => {
    const pts = [[1, 1], [1, 1], [2, 2], [5, 5], [9, 9]];
    expect(pickStartCentroids(pts, 3, lcg(8))).toEqual(pickStartCentroids(pts, 3, lcg(8)));
    const start = pickStartCentroids(pts, 4, lcg(8));
    expect(new Set(start.map((p) => p.join())).size).toBe(4);
    expect(distinctPoints(pts)).toBe(4);
    expect(trainModel('kmeans', 'k', dataset(pts.map((p) => [p, 'x'] as const)), { k: 2 }, lcg(3))).toEqual(trainModel('kmeans', 'k', dataset(pts.map((p) => [p, 'x'] as const)), { k: 2 }, lcg(3)));
  });

  it('more groups than different points is an error; nearestCentroid breaks ties to the lower group', () => {
    expect(() => trainModel('kmeans', 'k', dataset([[[1], 'x'], [[1], 'x'], [[2], 'x']]), { k: 3 }, lcg(1))).toThrow(expect.objectContaining({ key: 'error.tooFewPoints', params: { name: 'data', k: 3, distinct: 2 } }));
    expect(nearestCentroid([[0], [2]], [1])).toBe(0);
  });
});
