/** KNN against hand-worked answers and an independent sort-everything neighbour search. */
import { describe, expect, it } from 'vitest';
import { loadKnn, knnState } from './knn';
import { loadPredictor, trainModel } from './models';
import { sortedLabels } from './split';
import { dataset, lcg } from './test-data';

const line = dataset([[[1], 'a'], [[2], 'a'], [[3], 'a'], [[10], 'b'], [[11], 'b'], [[12], 'b']]);

function model(points: number[][], labels: string[], k: number) {
  return loadKnn(knnState(points, labels, sortedLabels(labels), k));
}

describe('KNN', () => {
  it('predicts the majority of the k nearest samples, confidence = their share (6.4 → a, 2 of 3)', () => {
    const m = model([[1], [2], [3], [10], [11], [12]], ['a', 'a', 'a', 'b', 'b', 'b'], 3);
    expect(m.predict([2.5])).toEqual({ label: 'a', confidence: 1 });
    // Nearest to 6.4: 3 (3.4, a), 10 (3.6, b), 2 (4.4, a).
    expect(m.predict([6.4])).toEqual({ label: 'a', confidence: 2 / 3 });
    expect(m.predict([7.4])).toEqual({ label: 'b', confidence: 2 / 3 });
  });

  it('a tie goes to the class with the nearest neighbour, then to the earlier label', () => {
    // k = 2 at 6.8: 3 (3.8, a) and 10 (3.2, b) → b is nearer.
    expect(model([[3], [10]], ['a', 'b'], 2).predict([6.8]).label).toBe('b');
    // k = 2 at 6.5: both 3.5 away → the earlier label.
    expect(model([[3], [10]], ['b', 'a'], 2).predict([6.5]).label).toBe('a');
  });

  it('samples at the same distance: the earlier one in the dataset counts as nearer', () => {
    // k = 1 at 5: 3 (a) and 7 (b) are both 2 away; 3 comes first in the dataset.
    expect(model([[3], [7]], ['a', 'b'], 1).predict([5]).label).toBe('a');
    expect(model([[7], [3]], ['b', 'a'], 1).predict([5]).label).toBe('b');
  });

  it('neighbours gives the k voters, nearest first (for the picture that draws them)', () => {
    const m = model([[1], [2], [3], [10], [11], [12]], ['a', 'a', 'a', 'b', 'b', 'b'], 3);
    expect(m.neighbours([6.4])).toEqual([2, 3, 1]);
    expect(model([[3], [7]], ['a', 'b'], 5).neighbours([0])).toEqual([0, 1]);
  });

  it('k larger than the training set votes with every sample', () => {
    expect(model([[0], [1], [5]], ['x', 'y', 'y'], 10).predict([0])).toEqual({ label: 'y', confidence: 2 / 3 });
  });

  it('agrees with sorting every sample by distance (300 random 3-D points, 200 queries, k = 5)', () => {
    const r = lcg(11);
    const labels = ['red', 'green', 'blue'];
    const pts = Array.from({ length: 300 }, () => [r() * 255, r() * 255, r() * 255]);
    const ys = pts.map(() => labels[Math.floor(r() * 3)]);
    const m = model(pts, ys, 5);
    for (let q = 0; q < 200; q++) {
      const x = [r() * 255, r() * 255, r() * 255];
      const near = pts.map((p, i) => ({ d: Math.hypot(p[0] - x[0], p[1] - x[1], p[2] - x[2]), y: ys[i] })).sort((a, b) => a.d - b.d).slice(0, 5);
      const votes = new Map<string, { n: number; d: number }>();
      for (const { d, y } of near) votes.set(y, { n: (votes.get(y)?.n ?? 0) + 1, d: Math.min(votes.get(y)?.d ?? Infinity, d) });
      const best = [...votes].sort((a, b) => b[1].n - a[1].n || a[1].d - b[1].d || (a[0] < b[0] ? -1 : 1))[0];
      expect(m.predict(x)).toEqual({ label: best[0], confidence: best[1].n / 5 });
    }
  });

  it('trainModel scores on the training data without a test split: one "b" among the "a"s → 7/8 and its confusion matrix', () => {
    const d = dataset([[[0], 'a'], [[1], 'a'], [[2], 'a'], [[3], 'a'], [[2.1], 'b'], [[10], 'b'], [[11], 'b'], [[12], 'b']]);
    const m = trainModel('knn', 'm', d, { k: 3, testPercent: 0 }, lcg(1));
    expect(m.metrics).toEqual({ trainSize: 8, testSize: 0, accuracy: 7 / 8, confusion: { labels: ['a', 'b'], matrix: [[4, 0], [1, 3]] } });
    expect(m.params).toEqual({ k: 3, testPercent: 0 });
  });

  it('a 50 % test split keeps half the samples out of training and scores only those; same seed, same split', () => {
    const a = trainModel('knn', 'm', line, { k: 1, testPercent: 50 }, lcg(5));
    const b = trainModel('knn', 'm', line, { k: 1, testPercent: 50 }, lcg(5));
    expect(a.metrics.trainSize).toBe(3);
    expect(a.metrics.testSize).toBe(3);
    expect(a).toEqual(b);
    const p = loadPredictor({ ...a, id: 'x' });
    expect(p.predict([1.2]).value).toMatch(/^[ab]$/);
  });

  it('saved state survives JSON (the project file) and predicts the same', () => {
    const m = trainModel('knn', 'm', line, { k: 3, testPercent: 0 }, lcg(1));
    const back = JSON.parse(JSON.stringify({ ...m, id: 'model-1' }));
    expect(loadPredictor(back).predict([6.4])).toEqual({ value: 'a', confidence: 2 / 3, cluster: null });
  });
});
