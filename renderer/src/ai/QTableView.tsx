/**
 * The Q-table of a Q-learning model, drawn over its grid: each cell coloured by the Q-value of its best action (a
 * red → yellow → green scale over the table's range), an arrow towards that action, the walls, start, goal and trap,
 * and the learned path from the start. Under it the learning curve (reward per episode) and what the path does.
 *
 * Reads the saved model only (core/ai/qlearning.ts `QModelState`, validated): what the student sees is exactly what
 * `ai_q_follow` will drive. Styles are inline with the app's theme variables so the three themes apply.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SavedModel } from '../../../core/ai/contracts';
import { ACTIONS, SIDE_BIT, type GridWorld } from '../../../core/ai/grid-world';
import { bestActionIndex, fromModelState, greedyPath, type GreedyPath, type QModelState } from '../../../core/ai/qlearning';

/** Cell edge in SVG units. */
const CELL = 64;
/** Arrow direction (dx, dy in SVG units) per action, in ACTIONS order. */
const ARROW: readonly (readonly [number, number])[] = [[0, -1], [1, 0], [0, 1], [-1, 0]];
const ARROW_GLYPH = ['↑', '→', '↓', '←'] as const;

/** Colour of a share 0–1 on the red → yellow → green scale. */
export function heatColour(share: number): string {
  const t = Math.min(1, Math.max(0, Number.isFinite(share) ? share : 0));
  return `hsl(${Math.round(t * 120)} 70% 62%)`;
}

/** One decimal, −0 shown as 0. */
const fmt = (v: number) => (Math.round(v * 10) / 10 || 0).toString();

interface Parsed {
  readonly world: GridWorld;
  readonly q: Float64Array;
  readonly state: QModelState;
  readonly path: GreedyPath;
}

function parse(model: SavedModel): Parsed | null {
  try {
    const { world, q, state } = fromModelState(model.state);
    return { world, q, state, path: greedyPath(world, q) };
  } catch {
    return null;
  }
}

/** The grid picture of one parsed model. */
export function QGrid(props: { parsed: Parsed; showPath: boolean }) {
  const { t } = useTranslation('airl');
  const { world, q, path } = props.parsed;
  const n = world.rows * world.cols;
  const maxQ = Array.from({ length: n }, (_, s) => q[s * 4 + bestActionIndex(q, s)]);
  // Terminal cells are never updated (their value is the reward of entering them), so they stay out of the scale.
  const free = maxQ.filter((_, s) => world.kinds[s] === 'free');
  const lo = Math.min(...free, 0);
  const hi = Math.max(...free, 0);
  const share = (v: number) => (hi > lo ? (v - lo) / (hi - lo) : 0.5);
  const w = world.cols * CELL, h = world.rows * CELL;
  const centre = (r: number, c: number) => [c * CELL + CELL / 2, r * CELL + CELL / 2] as const;

  return (
    <svg viewBox={`-4 -4 ${w + 8} ${h + 8}`} width={Math.min(420, w + 8)} role="img" aria-label={t('qtable.title')} data-testid="qtable-grid" style={{ display: 'block', maxWidth: '100%' }}>
      {Array.from({ length: n }, (_, s) => {
        const r = Math.floor(s / world.cols), c = s % world.cols;
        const kind = world.kinds[s];
        const best = bestActionIndex(q, s);
        const visited = [0, 1, 2, 3].some((a) => q[s * 4 + a] !== 0);
        const [cx, cy] = centre(r, c);
        const fill = kind === 'goal' ? '#2e7d32' : kind === 'trap' ? '#c62828' : visited ? heatColour(share(maxQ[s])) : 'var(--bg, #f4f4f4)';
        const values = { row: r, col: c, n: fmt(q[s * 4]), e: fmt(q[s * 4 + 1]), s: fmt(q[s * 4 + 2]), w: fmt(q[s * 4 + 3]) };
        return (
          <g key={s} data-testid={`qcell-${r}-${c}`} data-kind={kind} data-best={kind === 'free' && visited ? ACTIONS[best] : ''} data-max={fmt(maxQ[s])}>
            <title>{t('qtable.cellValues', values)}</title>
            <rect x={c * CELL} y={r * CELL} width={CELL} height={CELL} fill={fill} stroke="var(--border, #bbb)" strokeWidth={1} />
            {kind === 'free' && visited && (
              <>
                <line x1={cx} y1={cy} x2={cx + ARROW[best][0] * CELL * 0.3} y2={cy + ARROW[best][1] * CELL * 0.3} stroke="#222" strokeWidth={3} markerEnd="url(#qarrow)" />
                <text x={c * CELL + 4} y={r * CELL + 14} fontSize={11} fill="#111">{fmt(maxQ[s])}</text>
              </>
            )}
            {kind !== 'free' && (
              <text x={cx} y={cy + 5} fontSize={14} fill="#fff" textAnchor="middle" fontWeight={700}>{t(kind === 'goal' ? 'qtable.goal' : 'qtable.trap')}</text>
            )}
            {r === world.start.row && c === world.start.col && (
              <text x={c * CELL + CELL - 4} y={r * CELL + CELL - 5} fontSize={11} fill="#0d47a1" textAnchor="end" fontWeight={700}>{t('qtable.start')}</text>
            )}
          </g>
        );
      })}
      {/* Walls: each closed side once (north and west sides of every cell, plus the east and south borders). */}
      {Array.from({ length: n }, (_, s) => {
        const r = Math.floor(s / world.cols), c = s % world.cols;
        const x = c * CELL, y = r * CELL, bits = world.walls[s];
        const lines: [number, number, number, number][] = [];
        if (bits & SIDE_BIT[0]) lines.push([x, y, x + CELL, y]);
        if (bits & SIDE_BIT[3]) lines.push([x, y, x, y + CELL]);
        if (c === world.cols - 1 && bits & SIDE_BIT[1]) lines.push([x + CELL, y, x + CELL, y + CELL]);
        if (r === world.rows - 1 && bits & SIDE_BIT[2]) lines.push([x, y + CELL, x + CELL, y + CELL]);
        return lines.map(([x1, y1, x2, y2], i) => <line key={`w${s}-${i}`} data-testid="qtable-wall" x1={x1} y1={y1} x2={x2} y2={y2} stroke="var(--fg, #222)" strokeWidth={5} strokeLinecap="round" />);
      })}
      {props.showPath && path.cells.length > 1 && (
        <polyline
          data-testid="qtable-path"
          points={path.cells.map((p) => centre(p.row, p.col).join(',')).join(' ')}
          fill="none" stroke="#1565c0" strokeWidth={5} strokeOpacity={0.75} strokeLinejoin="round" strokeDasharray="10 6"
        />
      )}
      <defs>
        <marker id="qarrow" viewBox="0 0 10 10" refX={5} refY={5} markerWidth={4} markerHeight={4} orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" fill="#222" />
        </marker>
      </defs>
    </svg>
  );
}

/** Reward per episode as a small line chart (plain SVG: one series, no axes library needed). */
function Curve(props: { state: QModelState }) {
  const { t } = useTranslation('airl');
  const pts = props.state.curve;
  if (pts.length < 2) return null;
  const W = 320, H = 90;
  const lo = Math.min(...pts.map((p) => p.reward)), hi = Math.max(...pts.map((p) => p.reward));
  const first = pts[0].episode, last = pts[pts.length - 1].episode;
  const x = (e: number) => ((e - first) / Math.max(1, last - first)) * (W - 40) + 36;
  const y = (v: number) => H - 14 - ((v - lo) / Math.max(1e-9, hi - lo)) * (H - 24);
  return (
    <figure style={{ margin: '4px 0' }}>
      <figcaption style={{ fontSize: 13 }}>{t('qtable.curve')}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} width={W} role="img" aria-label={t('qtable.curve')} data-testid="qtable-curve" style={{ maxWidth: '100%' }}>
        <line x1={36} y1={H - 14} x2={W - 4} y2={H - 14} stroke="var(--border, #bbb)" />
        <line x1={36} y1={6} x2={36} y2={H - 14} stroke="var(--border, #bbb)" />
        <text x={32} y={12} fontSize={10} textAnchor="end" fill="var(--fg, #222)">{fmt(hi)}</text>
        <text x={32} y={H - 14} fontSize={10} textAnchor="end" fill="var(--fg, #222)">{fmt(lo)}</text>
        <text x={36} y={H - 2} fontSize={10} fill="var(--fg, #222)">{first}</text>
        <text x={W - 4} y={H - 2} fontSize={10} textAnchor="end" fill="var(--fg, #222)">{last}</text>
        <polyline points={pts.map((p) => `${x(p.episode).toFixed(1)},${y(p.reward).toFixed(1)}`).join(' ')} fill="none" stroke="#2e7d32" strokeWidth={1.5} />
      </svg>
    </figure>
  );
}

/**
 * The Q-table panel over the project's models: picks the Q-learning ones, collapsible like the other panels.
 * `defaultOpen` for tests and for lessons that start with it open.
 */
export function QTableView(props: { models: readonly SavedModel[]; defaultOpen?: boolean }) {
  const { t } = useTranslation('airl');
  const qModels = props.models.filter((m) => m.kind === 'qlearning');
  const [open, setOpen] = useState(props.defaultOpen ?? false);
  const [pickedId, setPickedId] = useState<string | null>(null);
  const [showPath, setShowPath] = useState(true);
  const model = qModels.find((m) => m.id === pickedId) ?? qModels[0];
  const parsed = useMemo(() => (model ? parse(model) : null), [model]);

  return (
    <section className="panel qtable-panel" data-testid="qtable-panel" aria-label={t('qtable.title')}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
        <button type="button" data-testid="qtable-toggle" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          {open ? '▾' : '▸'} {t('qtable.title')}{qModels.length > 0 ? ` (${qModels.length})` : ''}
        </button>
        {open && qModels.length > 1 && (
          <select data-testid="qtable-model" value={model?.id} onChange={(e) => setPickedId(e.target.value)} aria-label={t('qtable.title')}>
            {qModels.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
          </select>
        )}
        {open && parsed && (
          <label>
            <input type="checkbox" data-testid="qtable-show-path" checked={showPath} onChange={(e) => setShowPath(e.target.checked)} /> {t('qtable.showPath')}
          </label>
        )}
      </div>
      {open && !model && <p className="hint" data-testid="qtable-empty">{t('qtable.empty')}</p>}
      {open && model && !parsed && <p className="hint" role="alert" data-testid="qtable-damaged">{t('qtable.damaged')}</p>}
      {open && model && parsed && (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'flex-start' }}>
          <div>
            <QGrid parsed={parsed} showPath={showPath} />
            <div aria-hidden="true" style={{ display: 'flex', alignItems: 'center', gap: 4, fontSize: 12, marginTop: 4 }}>
              {t('qtable.legendLow')}
              <span style={{ display: 'inline-block', width: 120, height: 10, borderRadius: 3, background: `linear-gradient(to right, ${heatColour(0)}, ${heatColour(0.5)}, ${heatColour(1)})` }} />
              {t('qtable.legendHigh')}
            </div>
          </div>
          <div style={{ maxWidth: 340 }}>
            <p className="hint" style={{ marginTop: 0 }}>{t('qtable.caption')}</p>
            <p data-testid="qtable-summary">{t('qtable.episodes', { episodes: model.metrics.trainSize, goals: parsed.state.goals })}</p>
            <p data-testid="qtable-path-summary">
              {t('qtable.pathSteps', { steps: parsed.path.actions.length })} {parsed.path.actions.map((a) => ARROW_GLYPH[ACTIONS.indexOf(a)]).join(' ')} — {t(`qtable.outcome.${parsed.path.outcome}`)}
            </p>
            <Curve state={parsed.state} />
          </div>
        </div>
      )}
    </section>
  );
}
