// @vitest-environment jsdom
/**
 * The model pictures as a student sees them, rendered by React in jsdom with the real strings: what each picture
 * must show (neighbours and their vote, a tree's questions and answers, the confusion cells, the fitted line and its
 * errors, the K-means steps when stepped) and that each says it in Chinese when the app is in Chinese.
 */
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { click, render, type Rendered } from '../test-render';
import { ConfusionMatrix } from './ConfusionMatrix';
import { KMeansPicture, KMEANS_STEP_MS } from './KMeansPicture';
import { KnnPicture } from './KnnPicture';
import { RegressionPicture } from './RegressionPicture';
import { TreePicture } from './TreePicture';
import { layoutTree, majority, type TreeNodeView } from './tree-layout';

let view: Rendered | null = null;
afterEach(() => {
  view?.unmount();
  view = null;
  vi.useRealTimers();
});

describe('KNN picture', () => {
  const points = [
    { x: 1, y: 1, label: 'red' },
    { x: 1.2, y: 0.8, label: 'red' },
    { x: 5, y: 5, label: 'blue' },
    { x: 5.5, y: 4.5, label: 'blue' },
    { x: 1.1, y: 1.3, label: 'blue' },
  ];

  it('marks exactly the k neighbours, joins each to the query and shows their vote and the answer', () => {
    view = render(<KnnPicture points={points} labels={['blue', 'red']} query={{ x: 1, y: 1.1 }} neighbours={[0, 4, 1]} predicted="red" xLabel="r" yLabel="g" />);
    expect(view.all('knn-neighbour').map((c) => c.dataset.label).sort()).toEqual(['blue', 'red', 'red']);
    expect(view.all('knn-point')).toHaveLength(2);
    expect(view.all('knn-neighbour-line')).toHaveLength(3);
    expect(view.one('knn-vote').textContent).toBe('votes for red: 2, votes for blue: 1');
    expect(view.one('knn-predicted').textContent).toContain('predicted red');
    // A label that names a colour is drawn in that colour.
    const red = view.all('knn-neighbour').find((c) => c.dataset.label === 'red')!;
    expect(red.getAttribute('fill')).toBe('#e53935');
  });

  it('clicking the plot reports a new query point in data coordinates', () => {
    const moved: [number, number][] = [];
    view = render(<KnnPicture points={points} labels={['blue', 'red']} query={{ x: 3, y: 3 }} neighbours={[]} predicted={null} xLabel="r" yLabel="g" onMoveQuery={(x, y) => moved.push([x, y])} />);
    const svg = view.container.querySelector('svg')!;
    // jsdom has no layout: give the SVG the size of its viewBox so pixels map 1:1.
    svg.getBoundingClientRect = () => ({ left: 0, top: 0, width: 420, height: 300, right: 420, bottom: 300, x: 0, y: 0, toJSON: () => ({}) });
    act(() => svg.dispatchEvent(new MouseEvent('click', { bubbles: true, clientX: 44, clientY: 266 })));
    expect(moved).toHaveLength(1);
    // The bottom-left corner of the plot area is the padded minimum of both axes (data min 1 / 0.8, 5 % padding).
    expect(moved[0]![0]).toBeCloseTo(1 - 0.05 * 4.5, 5);
    expect(moved[0]![1]).toBeCloseTo(0.8 - 0.05 * 4.2, 5);
    // A click in the margin (on the axis labels) is not a query.
    act(() => svg.dispatchEvent(new MouseEvent('click', { bubbles: true, clientX: 5, clientY: 5 })));
    expect(moved).toHaveLength(1);
  });

  it('speaks Chinese in a Chinese app', () => {
    view = render(<KnnPicture points={points} labels={['blue', 'red']} query={{ x: 1, y: 1 }} neighbours={[0]} predicted="red" xLabel="r" yLabel="g" />, 'zh-CN');
    expect(view.one('knn-predicted').textContent).toContain('预测为 red');
    expect(view.container.textContent).toContain('点击图上任意位置');
  });
});

describe('decision tree picture', () => {
  const tree: TreeNodeView = {
    feature: '红', threshold: 120, counts: { red: 10, blue: 8, green: 6 },
    left: { feature: '蓝', threshold: 90.25, counts: { blue: 8, green: 6 }, left: { counts: { green: 6 } }, right: { counts: { blue: 7, green: 1 } } },
    right: { counts: { red: 10 } },
  };

  it('layout puts leaves side by side, parents over their children, no two nodes in one place', () => {
    const l = layoutTree(tree);
    expect(l.leaves).toBe(3);
    expect(l.depth).toBe(2);
    const at = new Set(l.nodes.map((n) => `${n.col},${n.row}`));
    expect(at.size).toBe(l.nodes.length);
    const root = l.nodes.find((n) => n.id === 'n')!;
    const kids = l.nodes.filter((n) => n.id === 'nL' || n.id === 'nR');
    expect(root.col).toBe((kids[0]!.col + kids[1]!.col) / 2);
    expect(l.edges).toHaveLength(4);
    expect(majority({ blue: 7, green: 1 })).toEqual({ label: 'blue', count: 7, total: 8 });
    expect(majority({ b: 2, a: 2 })!.label).toBe('a');
  });

  it('draws every question and every leaf answer with its counts', () => {
    view = render(<TreePicture root={tree} labels={['blue', 'green', 'red']} />, 'zh-CN');
    const splits = view.all('tree-split').map((g) => g.textContent);
    expect(splits).toEqual(expect.arrayContaining([expect.stringContaining('红 < 120？'), expect.stringContaining('蓝 < 90.25？')]));
    expect(view.all('tree-leaf').map((g) => g.dataset.label).sort()).toEqual(['blue', 'green', 'red']);
    expect(view.all('tree-leaf').find((g) => g.dataset.label === 'blue')!.textContent).toContain('blue 7 · green 1');
    expect(view.all('tree-edge').map((e) => e.textContent).sort()).toEqual(['否', '否', '是', '是']);
  });
});

describe('confusion matrix', () => {
  it('shows accuracy as a percentage and each cell, mix-ups marked as wrong', () => {
    view = render(<ConfusionMatrix confusion={{ labels: ['blue', 'red'], matrix: [[4, 1], [0, 5]] }} accuracy={0.9} testSize={10} trainSize={40} />);
    expect(view.one('model-accuracy').textContent).toBe('90%');
    expect(view.container.textContent).toContain('on 10 test samples; trained on 40');
    expect(view.one('confusion-0-0').textContent).toBe('4');
    expect(view.one('confusion-0-1').className).toBe('wrong');
    expect(view.one('confusion-0-1').title).toBe('said red when it was blue: 1 ×');
    expect(view.one('confusion-1-0').className).toBe('');
    expect(view.one('confusion-1-1').className).toBe('right');
    // The split bar: 40 to train, 10 to test, in proportion.
    const bar = view.one('split-bar');
    expect(bar.textContent).toBe('train 40test 10');
    expect((bar.firstElementChild as HTMLElement).style.width).toBe('80%');
  });

  it('warns that accuracy on the training data is optimistic', () => {
    view = render(<ConfusionMatrix confusion={{ labels: ['a'], matrix: [[3]] }} accuracy={1} testSize={0} trainSize={3} />, 'zh-CN');
    expect(view.container.textContent).toContain('没有留出测试集');
  });
});

describe('regression picture', () => {
  it('draws the points, the least-squares line, one error segment per point and the RMSE', () => {
    const points = [{ x: 0, y: 1 }, { x: 1, y: 3.2 }, { x: 2, y: 4.8 }, { x: 3, y: 7.1 }];
    view = render(<RegressionPicture points={points} slope={2} intercept={1} rmse={0.158} xLabel="x" yLabel="y" />);
    expect(view.all('regression-point')).toHaveLength(4);
    const residuals = view.all('regression-residual');
    expect(residuals).toHaveLength(4);
    // The first point lies on the line: its error segment has no length; the others do.
    const len = (l: HTMLElement) => Math.abs(Number(l.getAttribute('y1')) - Number(l.getAttribute('y2')));
    expect(len(residuals[0]!)).toBeLessThan(1e-9);
    expect(len(residuals[3]!)).toBeGreaterThan(0.5);
    expect(view.one('regression-equation').textContent).toBe('y = 2 × x + 1');
    expect(view.one('regression-rmse').textContent).toBe('0.158');
  });
});

describe('K-means picture', () => {
  const points = [[0, 0], [0, 1], [10, 10], [10, 11]];
  const steps = [
    { centroids: [[0, 0], [0, 1]], assignments: [0, 1, 1, 1] },
    { centroids: [[0, 0], [6.67, 7.33]], assignments: [0, 0, 1, 1] },
    { centroids: [[0, 0.5], [10, 10.5]], assignments: [0, 0, 1, 1] },
  ];

  it('steps through the iterations: points change group, centres move, the end says converged', () => {
    view = render(<KMeansPicture points={points} steps={steps} xLabel="a" yLabel="b" />);
    const clusters = () => view!.all('kmeans-point').map((p) => p.dataset.cluster);
    expect(clusters()).toEqual(['0', '1', '1', '1']);
    expect(view.all('kmeans-centroid')).toHaveLength(2);
    click(view.one('kmeans-step'));
    expect(clusters()).toEqual(['0', '0', '1', '1']);
    expect(view.one('kmeans-status').textContent).toBe('Step 2/3 · points that changed group: 1');
    click(view.one('kmeans-step'));
    expect(view.one('kmeans-status').textContent).toContain('done');
    expect((view.one('kmeans-step') as HTMLButtonElement).disabled).toBe(true);
    click(view.one('kmeans-reset'));
    expect(view.one('kmeans-picture').dataset.step).toBe('0');
  });

  it('Play advances one step per interval and stops at the end', () => {
    vi.useFakeTimers();
    view = render(<KMeansPicture points={[[1], [2], [9]]} steps={[{ centroids: [[1], [2]], assignments: [0, 1, 1] }, { centroids: [[1], [5.5]], assignments: [0, 0, 1] }]} xLabel="light" />);
    click(view.one('kmeans-play'));
    expect(view.one('kmeans-play').textContent).toBe('Pause');
    act(() => vi.advanceTimersByTime(KMEANS_STEP_MS + 10));
    expect(view.one('kmeans-picture').dataset.step).toBe('1');
    act(() => vi.advanceTimersByTime(KMEANS_STEP_MS * 3));
    expect(view.one('kmeans-play').textContent).toBe('▶ Play');
    // 1D data sits on one line.
    const ys = new Set(view.all('kmeans-point').map((p) => p.getAttribute('cy')));
    expect(ys.size).toBe(1);
  });
});
