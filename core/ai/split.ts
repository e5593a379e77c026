/**
 * Train/test split and the scores of a trained model. Pure; the split is random but seeded (the run's PRNG), so the
 * same project, seed and program always split the same way.
 */
import type { ModelMetrics } from './contracts';

/** Largest test share a block may ask for: at least 10 % of the samples always train the model. */
export const MAX_TEST_PERCENT = 90;

/**
 * Indices of the samples that train and that test. `testPercent` (0–90) of `n` samples, rounded, go to the test
 * split, chosen by a seeded shuffle; at least one sample always trains. Both lists are in dataset order.
 */
export function splitIndices(n: number, testPercent: number, random: () => number): { train: number[]; test: number[] } {
  const share = Math.min(Math.max(testPercent, 0), MAX_TEST_PERCENT) / 100;
  const testCount = Math.min(Math.round(n * share), Math.max(0, n - 1));
  const test = chooseIndices(n, testCount, random);
  const inTest = new Set(test);
  return { train: Array.from({ length: n }, (_, i) => i).filter((i) => !inTest.has(i)), test };
}

/** `count` of the indices 0…n−1 chosen by a seeded shuffle, in increasing order (all of them when n ≤ count). */
export function chooseIndices(n: number, count: number, random: () => number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  const take = Math.min(count, n);
  for (let i = 0; i < take; i++) {
    const j = i + Math.floor(random() * (n - i));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order.slice(0, take).sort((a, b) => a - b);
}

/** Accuracy (0–1) and confusion matrix (`matrix[actual][predicted]`, in `labels` order) of a classifier. */
export function classificationMetrics(labels: readonly string[], actual: readonly string[], predicted: readonly string[], trainSize: number, testSize: number): ModelMetrics {
  const index = new Map(labels.map((l, i) => [l, i]));
  const matrix = labels.map(() => labels.map(() => 0));
  let right = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = index.get(actual[i]);
    const p = index.get(predicted[i]);
    if (a !== undefined && p !== undefined) matrix[a][p]++;
    if (actual[i] === predicted[i]) right++;
  }
  return {
    trainSize,
    testSize,
    ...(actual.length > 0 ? { accuracy: right / actual.length } : {}),
    confusion: { labels: labels.slice(), matrix },
  };
}

/** Root-mean-square error and R² of a regression's predictions (R² omitted when every actual value is the same). */
export function regressionMetrics(actual: readonly number[], predicted: readonly number[], trainSize: number, testSize: number): ModelMetrics {
  const n = actual.length;
  if (n === 0) return { trainSize, testSize };
  let se = 0;
  let mean = 0;
  for (let i = 0; i < n; i++) {
    se += (actual[i] - predicted[i]) ** 2;
    mean += actual[i];
  }
  mean /= n;
  let st = 0;
  for (const a of actual) st += (a - mean) ** 2;
  return { trainSize, testSize, rmse: Math.sqrt(se / n), ...(st > 0 ? { r2: 1 - se / st } : {}) };
}

/** Class labels of a dataset's samples, sorted (the order of confusion matrices, class indices and tie breaks). */
export function sortedLabels(labels: Iterable<string>): string[] {
  return [...new Set(labels)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
