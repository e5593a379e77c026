/**
 * Decision tree classification (CART with Gini impurity, ml-cart). ml-cart learns the splits; this file turns its
 * JSON into a flat node list with the training samples' class counts at every node, which is what the lab draws
 * (`describeTree`) and what prediction reads: a sample walks down (`value < threshold` → left, else right, as
 * ml-cart does) to a leaf, whose majority class is the prediction (ties: the earlier label) and whose class share is
 * the confidence. tree.test.ts checks the walk agrees with ml-cart's own `predict`.
 *
 * Depth: `maxDepth` 1 is a single question (a stump); leaves are made when a node has one sample or one class.
 */
import { DecisionTreeClassifier } from 'ml-cart';

export interface TreeNodeInfo {
  /** Index of this node in `nodes` (root 0). */
  readonly id: number;
  readonly depth: number;
  /** Feature index the node asks about, null for a leaf. */
  readonly feature: number | null;
  /** `value < threshold` goes left (yes), else right. Null for a leaf. */
  readonly threshold: number | null;
  readonly left: number | null;
  readonly right: number | null;
  /** Training samples reaching this node, per class (in `labels` order). */
  readonly counts: number[];
  /** Majority class label here (ties: the earlier label). */
  readonly prediction: string;
}

export interface TreeState {
  readonly maxDepth: number;
  readonly labels: string[];
  readonly nodes: TreeNodeInfo[];
  /** ml-cart's own JSON of the trained tree. */
  readonly cart: unknown;
}

interface CartNode {
  splitColumn?: number;
  splitValue?: number;
  left?: CartNode;
  right?: CartNode;
  distribution?: unknown;
}

const isSplit = (n: CartNode): boolean => n.left !== undefined && n.right !== undefined && typeof n.splitColumn === 'number' && typeof n.splitValue === 'number';

/** Trains a tree on samples (`classes` are indices into `labels`). */
export function trainTree(points: number[][], classes: number[], labels: readonly string[], maxDepth: number): TreeState {
  const tree = new DecisionTreeClassifier({ gainFunction: 'gini', splitFunction: 'mean', maxDepth, minNumSamples: 1 });
  tree.train(points.map((p) => p.slice()), classes.slice());
  const cart = JSON.parse(JSON.stringify(tree.toJSON())) as { root: CartNode };
  const nodes: TreeNodeInfo[] = [];
  const build = (n: CartNode, depth: number, rows: number[]): number => {
    const id = nodes.length;
    const counts = labels.map(() => 0);
    for (const r of rows) counts[classes[r]]++;
    const node: { -readonly [K in keyof TreeNodeInfo]: TreeNodeInfo[K] } = {
      id, depth, feature: null, threshold: null, left: null, right: null, counts, prediction: labels[argmax(counts)],
    };
    nodes.push(node);
    if (isSplit(n)) {
      node.feature = n.splitColumn!;
      node.threshold = n.splitValue!;
      const yes = rows.filter((r) => points[r][node.feature!] < node.threshold!);
      const no = rows.filter((r) => !(points[r][node.feature!] < node.threshold!));
      node.left = build(n.left!, depth + 1, yes);
      node.right = build(n.right!, depth + 1, no);
    }
    return id;
  };
  build(cart.root, 0, points.map((_, i) => i));
  return { maxDepth, labels: labels.slice(), nodes, cart };
}

function argmax(xs: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < xs.length; i++) if (xs[i] > xs[best]) best = i;
  return best;
}

export interface TreePrediction {
  readonly label: string;
  /** Share of the leaf's training samples in the predicted class, 0–1. */
  readonly confidence: number;
  /** Node ids from the root to the leaf (the UI lights up the path). */
  readonly path: number[];
}

export function predictTree(state: TreeState, x: readonly number[]): TreePrediction {
  const path: number[] = [];
  let n = state.nodes[0];
  for (;;) {
    path.push(n.id);
    if (n.feature === null || n.left === null || n.right === null || n.threshold === null) break;
    n = state.nodes[x[n.feature] < n.threshold ? n.left : n.right];
  }
  const total = n.counts.reduce((a, b) => a + b, 0);
  const best = argmax(n.counts);
  return { label: state.labels[best], confidence: total > 0 ? n.counts[best] / total : 0, path };
}
