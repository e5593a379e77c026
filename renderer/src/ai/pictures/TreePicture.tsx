/**
 * A decision tree drawn as a tree: each question box ("red < 120?") with its yes/no branches, each leaf coloured by
 * the class it answers with and showing how many training samples of each class ended there, so a student can see
 * which questions the model learnt and how sure each answer is.
 */
import { useTranslation } from 'react-i18next';
import { labelColour } from '../label-colours';
import { shortNumber } from './plot-scale';
import { layoutTree, majority, type TreeNodeView } from './tree-layout';

const BOX_W = 112;
const BOX_H = 40;
const GAP_X = 12;
const ROW_H = 74;

export function TreePicture(props: { root: TreeNodeView; labels: readonly string[] }) {
  const { t } = useTranslation('aiui');
  const layout = layoutTree(props.root);
  const width = Math.max(1, layout.leaves) * (BOX_W + GAP_X) + GAP_X;
  const height = (layout.depth + 1) * ROW_H + 10;
  const cx = (col: number) => GAP_X + col * (BOX_W + GAP_X) + BOX_W / 2;
  const cy = (row: number) => 8 + row * ROW_H + BOX_H / 2;
  const byId = new Map(layout.nodes.map((n) => [n.id, n]));
  return (
    <figure className="ai-picture ai-tree" data-testid="tree-picture">
      <div className="ai-scroll-x">
        <svg viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={t('tree.title')}>
          <title>{t('tree.title')}</title>
          {layout.edges.map((e) => {
            const a = byId.get(e.from)!;
            const b = byId.get(e.to)!;
            const x1 = cx(a.col), y1 = cy(a.row) + BOX_H / 2, x2 = cx(b.col), y2 = cy(b.row) - BOX_H / 2;
            return (
              <g key={`${e.from}-${e.to}`} data-testid="tree-edge">
                <line x1={x1} y1={y1} x2={x2} y2={y2} className="ai-tree-edge" />
                <text x={(x1 + x2) / 2 + (e.yes ? -6 : 6)} y={(y1 + y2) / 2} textAnchor={e.yes ? 'end' : 'start'} className="ai-tick">
                  {e.yes ? t('tree.yes') : t('tree.no')}
                </text>
              </g>
            );
          })}
          {layout.nodes.map((p) => {
            const m = majority(p.node.counts);
            const counts = Object.keys(p.node.counts).sort().map((l) => `${l} ${p.node.counts[l]}`).join(' · ');
            const x = cx(p.col) - BOX_W / 2;
            const y = cy(p.row) - BOX_H / 2;
            return (
              <g key={p.id} data-testid={p.leaf ? 'tree-leaf' : 'tree-split'} data-label={p.leaf ? (m?.label ?? '') : undefined}>
                <rect
                  x={x}
                  y={y}
                  width={BOX_W}
                  height={BOX_H}
                  rx={6}
                  className={p.leaf ? 'ai-tree-leaf' : 'ai-tree-split'}
                  fill={p.leaf && m ? labelColour(m.label, props.labels) : undefined}
                />
                <text x={cx(p.col)} y={y + 16} textAnchor="middle" className={p.leaf ? 'ai-tree-text leaf' : 'ai-tree-text'}>
                  {p.leaf ? (m ? m.label : '—') : t('tree.question', { feature: p.node.feature ?? '?', threshold: shortNumber(p.node.threshold ?? 0) })}
                </text>
                <text x={cx(p.col)} y={y + 32} textAnchor="middle" className={p.leaf ? 'ai-tree-count leaf' : 'ai-tree-count'}>
                  {counts}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
      <figcaption className="hint">{t('tree.hint')}</figcaption>
    </figure>
  );
}
