// @vitest-environment jsdom
/**
 * The Models tab with models trained by core/ai (the real ml-* libraries, seeded), rendered in jsdom with the real
 * strings: each kind gets its own picture and its scores, a damaged model says so instead of crashing the panel,
 * and the "does it still work somewhere else?" check shows a colour model trained under bright light failing under
 * dim light, where every colour reads darker and looks like black.
 */
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Dataset, SavedModel } from '../../../core/ai/contracts';
import { trainModel, type DatasetModelKind, type TrainParams } from '../../../core/ai/models';
import { createRandom } from '../../../core/runtime/random';
import { ModelPanel } from './ModelPanel';
import { render, type Rendered } from './test-render';

let view: Rendered | null = null;
afterEach(() => {
  view?.unmount();
  view = null;
});

const COLOURS: Record<string, [number, number, number]> = {
  red: [210, 40, 35], green: [40, 190, 60], blue: [35, 60, 200], white: [225, 225, 220], black: [25, 25, 30],
};

/**
 * Colour-sensor readings (R, G, B, 0–255) of each colour under a light level: what the sensor reads is the surface's
 * colour times the light falling on it, plus a little deterministic wobble.
 */
function readings(id: string, name: string, light: number, perClass: number): Dataset {
  const samples: Dataset['samples'] = [];
  for (const [label, rgb] of Object.entries(COLOURS)) {
    for (let i = 0; i < perClass; i++) samples.push({ values: rgb.map((v, j) => Math.round(v * light + (((i * 7 + j * 3) % 11) - 5))), label });
  }
  return { id, name, features: ['R', 'G', 'B'], samples };
}

function train(kind: DatasetModelKind, dataset: Dataset, params: TrainParams, name = '模型'): SavedModel {
  return { id: `model-${kind}`, ...trainModel(kind, name, dataset, params, createRandom(7)) };
}

describe('model pictures from trained models', () => {
  const bright = readings('dataset-1', '明亮教室', 1, 10);

  it('KNN: accuracy and confusion matrix, the k neighbours of the query, and the answer', () => {
    const model = train('knn', bright, { k: 5, testPercent: 20 });
    view = render(<ModelPanel models={[model]} datasets={[bright]} selectedId={null} onSelect={() => undefined} />);
    expect(view.one('model-accuracy').textContent).toBe('100%');
    expect(view.container.textContent).toContain('on 10 test samples; trained on 40');
    expect(view.all('knn-neighbour')).toHaveLength(5);
    expect(view.all('knn-point')).toHaveLength(40 - 5);
    expect(view.one('knn-predicted').textContent).toMatch(/predicted (red|green|blue|white|black)/);
  });

  it('decision tree: drawn with its questions about R, G, B and one leaf per answer', () => {
    const model = train('tree', bright, { maxDepth: 3, testPercent: 0 });
    view = render(<ModelPanel models={[model]} datasets={[bright]} selectedId={null} onSelect={() => undefined} />, 'zh-CN');
    expect(view.all('tree-split').length).toBeGreaterThan(0);
    expect(view.all('tree-split')[0]!.textContent).toMatch(/^[RGB] < [\d.]+？/);
    expect(new Set(view.all('tree-leaf').map((l) => l.dataset.label)).size).toBeGreaterThanOrEqual(4);
    expect(view.container.textContent).toContain('没有留出测试集');
  });

  it('linear regression: the line, its equation and RMSE', () => {
    const d: Dataset = { id: 'd', name: '距离', features: ['时间'], samples: [0, 1, 2, 3, 4].map((x) => ({ values: [x], label: String(2 * x + 1 + (x === 2 ? 0.5 : 0)) })) };
    const model = train('linear', d, {});
    view = render(<ModelPanel models={[model]} datasets={[d]} selectedId={null} onSelect={() => undefined} />);
    expect(view.all('regression-point')).toHaveLength(5);
    expect(view.one('regression-equation').textContent).toMatch(/^y = 2 × x \+ 1\.1/);
    expect(Number(view.one('regression-rmse').textContent)).toBeGreaterThan(0);
    expect(Number(view.one('regression-r2').textContent)).toBeGreaterThan(0.95);
  });

  it('K-means: the steps start with nothing assigned and end with every point in a cluster', () => {
    const d: Dataset = { id: 'd', name: '亮度', features: ['light'], samples: [5, 8, 10, 60, 62, 66, 95, 97].map((v) => ({ values: [v], label: '?' })) };
    const model = train('kmeans', d, { k: 3 });
    view = render(<ModelPanel models={[model]} datasets={[d]} selectedId={null} onSelect={() => undefined} />);
    const clusters = () => view!.all('kmeans-point').map((p) => Number(p.dataset.cluster));
    expect(clusters().every((c) => c === -1)).toBe(true);
    expect(view.one('kmeans-status').textContent).toContain('Start: 3 centres');
    // Step to the end.
    for (let i = 0; i < 50 && !(view.one('kmeans-step') as HTMLButtonElement).disabled; i++) act(() => view!.one('kmeans-step').click());
    expect(view.one('kmeans-status').textContent).toContain('done');
    // Every point is in a cluster; clusters are numbered left to right, so along the sorted points they never go back.
    const final = clusters();
    expect(new Set(final)).toEqual(new Set([0, 1, 2]));
    expect(final).toEqual(final.slice().sort((a, b) => a - b));
    expect(Number(view.one('kmeans-picture').dataset.step)).toBeGreaterThanOrEqual(2);
  });

  it('K-means on more points than core/ai keeps steps for shows the final clusters, drawing at most 1,500 points', () => {
    const samples = Array.from({ length: 3000 }, (_, i) => ({ values: [i < 1500 ? i % 50 : 500 + (i % 50)], label: '?' }));
    const d: Dataset = { id: 'd', name: 'big', features: ['v'], samples };
    const model = train('kmeans', d, { k: 2 });
    view = render(<ModelPanel models={[model]} datasets={[d]} selectedId={null} onSelect={() => undefined} />);
    const drawn = view.all('kmeans-point');
    expect(drawn.length).toBeLessThanOrEqual(1500);
    expect(new Set(drawn.map((p) => p.dataset.cluster))).toEqual(new Set(['0', '1']));
    expect(view.one('kmeans-status').textContent).toContain('Step 1/1');
  });

  it('a model whose saved state is damaged says so instead of breaking the panel', () => {
    const model = train('knn', bright, { k: 3, testPercent: 0 });
    const damaged = { ...model, state: { k: 3, labels: [], points: 'x' } };
    view = render(<ModelPanel models={[damaged]} datasets={[bright]} selectedId={null} onSelect={() => undefined} />);
    expect(view.one('model-damaged').textContent).toContain('cannot be drawn');
    expect(view.all('knn-picture')).toHaveLength(0);
  });
});

describe('does it still work somewhere else?', () => {
  it('a colour model trained under bright light fails under dim light, and the panel says it is not reliable there', () => {
    const bright = readings('dataset-1', '明亮教室', 1, 10);
    const dim = readings('dataset-2', '昏暗教室', 0.35, 10);
    const model = train('knn', bright, { k: 3, testPercent: 20 });
    view = render(<ModelPanel models={[model]} datasets={[bright, dim]} selectedId={null} onSelect={() => undefined} />);
    const select = view.one('shift-dataset') as HTMLSelectElement;
    act(() => {
      select.value = 'dataset-2';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    const text = view.one('shift-result').textContent ?? '';
    const accuracy = Number(/Accuracy on "昏暗教室": ([\d.]+)%/.exec(text)?.[1]);
    expect(accuracy).toBeLessThan(50);
    expect(text).toContain('(when trained: 100%)');
    expect(view.one('shift-worse').textContent).toContain('not reliable');
    // Under dim light most colours are taken for black: the confusion matrix's "black" column fills up.
    const labels = ['black', 'blue', 'green', 'red', 'white'];
    const blackCol = labels.indexOf('black');
    const cells = view.one('shift-result').querySelectorAll(`[data-testid$="-${blackCol}"]`);
    const saidBlack = [...cells].reduce((n, c) => n + Number(c.textContent), 0);
    expect(saidBlack).toBeGreaterThanOrEqual(30);
  });

  it('with no other dataset it explains how to try', () => {
    const bright = readings('dataset-1', '明亮教室', 1, 6);
    view = render(<ModelPanel models={[train('knn', bright, { k: 3, testPercent: 0 })]} datasets={[bright]} selectedId={null} onSelect={() => undefined} />, 'zh-CN');
    expect(view.one('shift-none').textContent).toContain('换一个场地或灯光');
  });
});
