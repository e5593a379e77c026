/**
 * Places a decision tree's nodes for drawing: leaves side by side left to right in visiting order, each inner node
 * centred over its children, one row per depth. The tidy-tree idea in its simplest form: giving every leaf its own
 * column means nothing can overlap, and the trees a class builds are small enough that the width this costs is fine.
 */

/** A tree node as the picture needs it: a split question or a leaf, with the class counts that reached it. */
export interface TreeNodeView {
  /** Split: samples with `feature < threshold` go left (as ml-cart splits). Absent on leaves. */
  readonly feature?: string;
  readonly threshold?: number;
  /** Training samples of each class that reached this node. */
  readonly counts: Readonly<Record<string, number>>;
  readonly left?: TreeNodeView;
  readonly right?: TreeNodeView;
}

export interface PlacedNode {
  readonly id: string;
  readonly node: TreeNodeView;
  /** Column in leaf units (0 … leaves-1, inner nodes between) and row (depth). */
  readonly col: number;
  readonly row: number;
  readonly leaf: boolean;
}

export interface PlacedEdge {
  readonly from: string;
  readonly to: string;
  /** True for the "yes, < threshold" branch. */
  readonly yes: boolean;
}

export interface TreeLayout {
  readonly nodes: readonly PlacedNode[];
  readonly edges: readonly PlacedEdge[];
  readonly leaves: number;
  readonly depth: number;
}

export function layoutTree(root: TreeNodeView): TreeLayout {
  const nodes: PlacedNode[] = [];
  const edges: PlacedEdge[] = [];
  let nextLeaf = 0;
  let depth = 0;
  const visit = (node: TreeNodeView, id: string, row: number): number => {
    depth = Math.max(depth, row);
    const kids: [TreeNodeView, string, boolean][] = [];
    if (node.left) kids.push([node.left, `${id}L`, true]);
    if (node.right) kids.push([node.right, `${id}R`, false]);
    let col: number;
    if (kids.length === 0) col = nextLeaf++;
    else {
      const cols = kids.map(([child, childId, yes]) => {
        edges.push({ from: id, to: childId, yes });
        return visit(child, childId, row + 1);
      });
      col = (cols[0]! + cols[cols.length - 1]!) / 2;
    }
    nodes.push({ id, node, col, row, leaf: kids.length === 0 });
    return col;
  };
  visit(root, 'n', 0);
  return { nodes, edges, leaves: nextLeaf, depth };
}

/** The class with the most samples at a node (ties: first in label order, as the models break them). */
export function majority(counts: Readonly<Record<string, number>>): { label: string; count: number; total: number } | null {
  let best: string | null = null;
  let total = 0;
  for (const label of Object.keys(counts).sort()) {
    const n = counts[label]!;
    total += n;
    if (best === null || n > counts[best]!) best = label;
  }
  return best === null ? null : { label: best, count: counts[best]!, total };
}
