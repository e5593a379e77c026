/**
 * Large datasets stay quick to train (a train block runs inside one simulation tick): a tree trains on at most
 * TREE_MAX_TRAIN samples, and scores are measured on at most MAX_SCORED samples, said so in the metrics.
 */
import { describe, expect, it } from 'vitest';
import type { Dataset } from './contracts';
import { MAX_SCORED, TREE_MAX_TRAIN, trainModel } from './models';
import { lcg } from './test-data';

function colours(n: number): Dataset {
  const r = lcg(1);
  const samples = Array.from({ length: n }, (_, i) => ({ values: [r() * 255, r() * 255, r() * 255], label: ['red', 'green', 'blue'][i % 3] }));
  return { id: 'd', name: 'd', features: ['r', 'g', 'b'], samples };
}

describe('training limits for large datasets', () => {
  it(`a tree on 6,000 samples trains on a seeded choice of ${TREE_MAX_TRAIN} and scores ${MAX_SCORED} of its 1,200 test samples`, () => {
    const a = trainModel('tree', 't', colours(6000), { maxDepth: 4, testPercent: 20 }, lcg(3));
    expect(a.metrics).toMatchObject({ trainSize: TREE_MAX_TRAIN, testSize: 1200 });
    expect(a.metrics.scoredSize).toBeUndefined();
    expect(trainModel('tree', 't', colours(6000), { maxDepth: 4, testPercent: 20 }, lcg(3))).toEqual(a);
  });

  it('KNN with a 5,000-sample test split is scored on 2,000 of them and says so', () => {
    const m = trainModel('knn', 'k', colours(10_000), { k: 3, testPercent: 50 }, lcg(3));
    expect(m.metrics).toMatchObject({ trainSize: 5000, testSize: 5000, scoredSize: MAX_SCORED });
    expect(m.metrics.confusion!.matrix.flat().reduce((a, b) => a + b)).toBe(MAX_SCORED);
  });
});
