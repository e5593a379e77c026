/** Dataset builders for core/ai tests (no test framework imports). */
import type { Dataset } from './contracts';

export function dataset(rows: readonly (readonly [readonly number[], string])[], name = 'data', id = 'dataset-1'): Dataset {
  const n = rows[0]?.[0].length ?? 1;
  return { id, name, features: Array.from({ length: n }, (_, i) => `x${i + 1}`), samples: rows.map(([values, label]) => ({ values: values.slice(), label })) };
}

/** A small seeded PRNG for test data (not the run's: tests must not depend on core/runtime). */
export function lcg(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
