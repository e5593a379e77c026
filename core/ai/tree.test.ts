// The test project does not include core's ambient module types; ml-cart's come from core/ai/vendor.d.ts.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./vendor.d.ts" />
/** Decision tree against hand-worked splits, and the node walk against ml-cart's own predictions. */
import { DecisionTreeClassifier } from 'ml-cart';
import { describe, expect, it } from 'vitest';
import { describeTree, loadPredictor, trainModel } from './models';
import { dataset, lcg } from './test-data';
import { predictTree, trainTree } from './tree';

describe('decision tree', () => {
  it('splits 1,2,3 (a) from 7,8,9 (b) at 5 with pure leaves', () => {
    const s = trainTree([[1], [2], [3], [7], [8], [9]], [0, 0, 0, 1, 1, 1], ['a', 'b'], 3);
    expect(s.nodes).toEqual([
      { id: 0, depth: 0, feature: 0, threshold: 5, left: 1, right: 2, counts: [3, 3], prediction: 'a' },
      { id: 1, depth: 1, feature: null, threshold: null, left: null, right: null, counts: [3, 0], prediction: 'a' },
      { id: 2, depth: 1, feature: null, threshold: null, left: null, right: null, counts: [0, 3], prediction: 'b' },
    ]);
    expect(predictTree(s, [4.9])).toEqual({ label: 'a', confidence: 1, path: [0, 1] });
    expect(predictTree(s, [5])).toEqual({ label: 'b', confidence: 1, path: [0, 2] });
  });

  it('max depth 1 asks one question: an impure leaf gives the majority and its share as confidence', () => {
    // x: a a b | b b b, with one 'a' on the right side that only a deeper tree could split off.
    const s = trainTree([[1], [2], [3], [7], [8], [9], [9.5]], [0, 0, 1, 1, 1, 1, 0], ['a', 'b'], 1);
    expect(s.nodes).toHaveLength(3);
    const leaves = s.nodes.filter((n) => n.feature === null);
    expect(leaves.every((n) => n.depth === 1)).toBe(true);
    const p = predictTree(s, [8.5]);
    const leaf = s.nodes[p.path[1]];
    expect(p.label).toBe(leaf.prediction);
    expect(p.confidence).toBeCloseTo(Math.max(...leaf.counts) / leaf.counts.reduce((a, b) => a + b, 0), 12);
    expect(p.confidence).toBeLessThan(1);
  });

  it('our walk predicts exactly what ml-cart predicts (400 random 2-D samples, 3 classes, depth 4)', () => {
    const r = lcg(3);
    const X = Array.from({ length: 400 }, () => [Math.round(r() * 100), Math.round(r() * 100)]);
    const y: number[] = X.map(([a, b]) => (a + b < 80 ? 0 : a > b ? 1 : 2));
    for (let i = 0; i < 40; i++) y[i] = Math.floor(r() * 3); // noise
    const s = trainTree(X, y, ['c0', 'c1', 'c2'], 4);
    const cart = new DecisionTreeClassifier({ gainFunction: 'gini', splitFunction: 'mean', maxDepth: 4, minNumSamples: 1 });
    cart.train(X, y);
    const queries = Array.from({ length: 300 }, () => [r() * 100, r() * 100]);
    const theirs = cart.predict(queries);
    queries.forEach((q, i) => expect(predictTree(s, q).label).toBe(['c0', 'c1', 'c2'][theirs[i]]));
    expect(Math.max(...s.nodes.map((n) => n.depth))).toBeLessThanOrEqual(4);
  });

  it('every node\'s counts add up to its children\'s (the picture shows consistent numbers)', () => {
    const r = lcg(9);
    const X = Array.from({ length: 100 }, () => [r() * 10, r() * 10]);
    const s = trainTree(X, X.map(([a]) => (a < 5 ? 0 : 1)), ['l', 'r'], 3);
    for (const n of s.nodes) if (n.left !== null && n.right !== null) {
      expect(n.counts.map((c, i) => c - s.nodes[n.left!].counts[i] - s.nodes[n.right!].counts[i])).toEqual([0, 0]);
    }
    expect(s.nodes[0].counts.reduce((a, b) => a + b)).toBe(100);
  });

  it('one class only trains a single leaf with confidence 1', () => {
    const m = trainModel('tree', 't', dataset([[[1], 'a'], [[2], 'a']]), { maxDepth: 3, testPercent: 0 }, lcg(1));
    expect(loadPredictor({ ...m, id: 'x' }).predict([5])).toEqual({ value: 'a', confidence: 1, cluster: null });
  });

  it('describeTree gives labels, feature names and nodes of a saved tree, null for other kinds or damaged state', () => {
    const d = dataset([[[1, 0], 'a'], [[2, 0], 'a'], [[8, 0], 'b'], [[9, 0], 'b']]);
    const m = { ...trainModel('tree', 't', d, { maxDepth: 2, testPercent: 0 }, lcg(1)), id: 'model-1' };
    const t = describeTree(m)!;
    expect(t.labels).toEqual(['a', 'b']);
    expect(t.features).toEqual(['x1', 'x2']);
    expect(t.nodes[0]).toMatchObject({ feature: 0, threshold: 5, counts: [2, 2] });
    expect(describeTree({ ...m, kind: 'knn' })).toBeNull();
    expect(describeTree({ ...m, state: { nodes: 'x' } })).toBeNull();
  });

  it('depth out of range is an error, not a clamp', () => {
    expect(() => trainModel('tree', 't', dataset([[[1], 'a']]), { maxDepth: 0, testPercent: 0 }, lcg(1))).toThrow(/badDepth/);
  });
});
