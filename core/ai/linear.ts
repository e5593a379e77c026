/**
 * Least-squares line y = slope·x + intercept (ml-regression-simple-linear). The lab trains it on a dataset's first
 * feature (x) and its labels read as numbers (y), so "record [distance] as [speed]" then "train line" works.
 */
import { SimpleLinearRegression } from 'ml-regression-simple-linear';

export interface LinearState {
  readonly slope: number;
  readonly intercept: number;
}

/** Fits the line; null when it cannot be fitted (fewer than two different x values). */
export function fitLinear(x: readonly number[], y: readonly number[]): LinearState | null {
  if (new Set(x).size < 2) return null;
  const r = new SimpleLinearRegression(x.slice(), y.slice());
  if (!Number.isFinite(r.slope) || !Number.isFinite(r.intercept)) return null;
  return { slope: r.slope, intercept: r.intercept };
}

export interface LinearModel {
  predict(x: number): number;
}

export function loadLinear(state: LinearState): LinearModel {
  const r = SimpleLinearRegression.load({ name: 'simpleLinearRegression', slope: state.slope, intercept: state.intercept });
  return { predict: (x) => r.predict(x) };
}
