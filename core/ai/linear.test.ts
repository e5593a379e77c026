/** Least-squares line against worked answers, and its errors for data that has no line. */
import { describe, expect, it } from 'vitest';
import { loadPredictor, trainModel } from './models';
import { dataset, lcg } from './test-data';

describe('least-squares line', () => {
  it('exact data y = 2x + 1: slope 2, intercept 1, no error, predicts 21 at 10', () => {
    const m = trainModel('linear', 'l', dataset([[[0], '1'], [[1], '3'], [[2], '5'], [[3], '7']]), {}, lcg(1));
    expect(m.state).toEqual({ slope: 2, intercept: 1 });
    expect(m.metrics).toEqual({ trainSize: 4, testSize: 0, rmse: 0, r2: 1 });
    expect(loadPredictor({ ...m, id: 'x' }).predict([10]).value).toBe(21);
  });

  it('(0,0) (1,1) (2,1): slope 1/2, intercept 1/6, RMSE √(1/18), R² 3/4', () => {
    const m = trainModel('linear', 'l', dataset([[[0], '0'], [[1], '1'], [[2], '1']]), {}, lcg(1));
    const s = m.state as { slope: number; intercept: number };
    expect(s.slope).toBeCloseTo(0.5, 12);
    expect(s.intercept).toBeCloseTo(1 / 6, 12);
    expect(m.metrics.rmse).toBeCloseTo(Math.sqrt(1 / 18), 12);
    expect(m.metrics.r2).toBeCloseTo(0.75, 12);
  });

  it('uses only the first feature as x', () => {
    const m = trainModel('linear', 'l', dataset([[[0, 99], '0'], [[1, -5], '2'], [[2, 7], '4']]), {}, lcg(1));
    expect(m.features).toEqual(['x1']);
    expect(loadPredictor({ ...m, id: 'x' }).predict([3]).value).toBeCloseTo(6, 12);
  });

  it('a label that is not a number is an error naming the sample; a single x value cannot make a line', () => {
    expect(() => trainModel('linear', 'l', dataset([[[0], '1'], [[1], '很快']]), {}, lcg(1))).toThrow(expect.objectContaining({ key: 'error.labelNotNumber', params: { name: 'data', row: 2, label: '很快' } }));
    expect(() => trainModel('linear', 'l', dataset([[[2], '1'], [[2], '3']]), {}, lcg(1))).toThrow(expect.objectContaining({ key: 'error.needTwoX' }));
  });
});
