/**
 * AI lab model speed, as a class uses it: a colour dataset of 1,000 samples.
 * - `ai.knn_1000_ms`: train KNN (k = 5) on 1,000 samples (3 features, 3 classes) and predict all 1,000 (the scoring
 *   pass `trainModel` does without a test split) — what one "train" block costs on a large dataset.
 * - `ai.kmeans_1000_ms`: K-means (k = 3) on 1,000 2-D points in three overlapping groups, keeping every step for the
 *   animation.
 * - `ai.tree_1000_ms` (information): the decision tree (depth 4) on the same colour data, with its scoring pass.
 * Each figure is the median of 15 runs after 5 warm-up runs; the data is seeded, so every run does the same work.
 *
 *   node --import tsx bench/ai.bench.ts
 */
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Dataset } from '../core/ai/contracts';
import { trainModel, type DatasetModelKind, type TrainParams } from '../core/ai/models';
import { lcg } from '../core/ai/test-data';

const RUNS = 15;
const WARMUP = 5;

function colours(n: number): Dataset {
  const r = lcg(42);
  const centres: [number, number, number, string][] = [[200, 40, 40, 'red'], [40, 180, 60, 'green'], [40, 60, 200, 'blue']];
  const samples = Array.from({ length: n }, (_, i) => {
    const [cr, cg, cb, label] = centres[i % 3];
    return { values: [cr + (r() - 0.5) * 120, cg + (r() - 0.5) * 120, cb + (r() - 0.5) * 120], label };
  });
  return { id: 'dataset-1', name: 'colours', features: ['r', 'g', 'b'], samples };
}

function points(n: number): Dataset {
  const r = lcg(7);
  const centres = [[10, 10], [50, 80], [90, 20]];
  const samples = Array.from({ length: n }, (_, i) => ({ values: centres[i % 3].map((c) => c + (r() - 0.5) * 90), label: 'p' }));
  return { id: 'dataset-2', name: 'points', features: ['x', 'y'], samples };
}

function medianMs(kind: DatasetModelKind, data: Dataset, params: TrainParams): { ms: number; detail: string } {
  const times: number[] = [];
  let detail = '';
  for (let i = -WARMUP; i < RUNS; i++) {
    const t0 = performance.now();
    const m = trainModel(kind, 'm', data, params, lcg(1));
    const ms = performance.now() - t0;
    if (i >= 0) times.push(ms);
    detail = m.metrics.accuracy !== undefined ? `accuracy ${(m.metrics.accuracy * 100).toFixed(1)} %` : `${(m.state as { steps: unknown[] }).steps.length} steps`;
  }
  times.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 100) / 100;
  console.log(`[bench] ${kind}: median ${round(times[Math.floor(RUNS / 2)])} ms, best ${round(times[0])}, worst ${round(times[RUNS - 1])} (${detail})`);
  return { ms: round(times[Math.floor(RUNS / 2)]), detail };
}

const knn = medianMs('knn', colours(1000), { k: 5, testPercent: 0 });
console.log(`BENCH ${JSON.stringify({ name: 'ai.knn_1000_ms', value: knn.ms, unit: 'ms' })}`);
const kmeans = medianMs('kmeans', points(1000), { k: 3 });
console.log(`BENCH ${JSON.stringify({ name: 'ai.kmeans_1000_ms', value: kmeans.ms, unit: 'ms' })}`);
const tree = medianMs('tree', colours(1000), { maxDepth: 4, testPercent: 0 });
console.log(`BENCH ${JSON.stringify({ name: 'ai.tree_1000_ms', value: tree.ms, unit: 'ms' })}`);
console.log(`[bench] load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores`);
