/**
 * Seeded training of every dataset model kind, for the Node-vs-Chromium determinism test
 * (core/ai/determinism-chromium.test.ts). No test framework imports: it is bundled for the browser as well.
 */
import type { SavedModel } from './contracts';
import { trainModel } from './models';
import { lcg } from './test-data';

export function trainAll(): Omit<SavedModel, 'id'>[] {
  const r = lcg(2026);
  const colours = {
    id: 'd1', name: 'colours', features: ['r', 'g', 'b'],
    samples: Array.from({ length: 300 }, (_, i) => {
      const c = [[200, 40, 40], [40, 180, 60], [40, 60, 200]][i % 3];
      return { values: c.map((v) => v + (r() - 0.5) * 140), label: ['red', 'green', 'blue'][i % 3] };
    }),
  };
  const line = {
    id: 'd2', name: 'line', features: ['x'],
    samples: Array.from({ length: 50 }, (_, i) => ({ values: [i / 3], label: String(Math.round((1.7 * (i / 3) + 4 + (r() - 0.5) * 3) * 1000) / 1000) })),
  };
  return [
    trainModel('knn', 'knn', colours, { k: 5, testPercent: 25 }, lcg(1)),
    trainModel('tree', 'tree', colours, { maxDepth: 5, testPercent: 25 }, lcg(2)),
    trainModel('linear', 'line', line, {}, lcg(3)),
    trainModel('kmeans', 'groups', colours, { k: 3 }, lcg(4)),
  ];
}
