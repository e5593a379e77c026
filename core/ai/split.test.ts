/** Train/test split and scores: sizes, determinism, and the worked numbers behind the accuracy block. */
import { describe, expect, it } from 'vitest';
import { classificationMetrics, regressionMetrics, splitIndices } from './split';
import { lcg } from './test-data';

describe('train/test split', () => {
  it('20 % of 10 samples test, the rest train, both in dataset order, every sample exactly once', () => {
    const { train, test } = splitIndices(10, 20, lcg(1));
    expect(test).toHaveLength(2);
    expect(train).toHaveLength(8);
    expect([...train, ...test].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(test).toEqual(test.slice().sort((a, b) => a - b));
  });

  it('the same seed splits the same way; another seed (usually) differently', () => {
    expect(splitIndices(50, 30, lcg(4))).toEqual(splitIndices(50, 30, lcg(4)));
    expect(splitIndices(50, 30, lcg(4))).not.toEqual(splitIndices(50, 30, lcg(5)));
  });

  it('at least one sample always trains, and the share is capped at 90 %', () => {
    expect(splitIndices(1, 90, lcg(1))).toEqual({ train: [0], test: [] });
    expect(splitIndices(10, 100, lcg(1)).test).toHaveLength(9);
    expect(splitIndices(4, 0, lcg(1))).toEqual({ train: [0, 1, 2, 3], test: [] });
  });
});

describe('scores', () => {
  it('accuracy and confusion matrix rows = actual, columns = predicted', () => {
    const m = classificationMetrics(['cat', 'dog'], ['cat', 'cat', 'dog', 'dog'], ['cat', 'dog', 'dog', 'dog'], 10, 4);
    expect(m).toEqual({ trainSize: 10, testSize: 4, accuracy: 0.75, confusion: { labels: ['cat', 'dog'], matrix: [[1, 1], [0, 2]] } });
  });

  it('RMSE and R² of a regression', () => {
    const m = regressionMetrics([1, 2, 3], [1, 2, 4], 3, 0);
    expect(m.rmse).toBeCloseTo(Math.sqrt(1 / 3), 12);
    expect(m.r2).toBeCloseTo(0.5, 12);
    expect(regressionMetrics([2, 2], [2, 3], 2, 0)).not.toHaveProperty('r2');
  });
});
