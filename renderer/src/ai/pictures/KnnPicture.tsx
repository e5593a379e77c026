/**
 * KNN explained: the training samples on a scatter of two features (coloured by label), a query point, lines to
 * its k nearest neighbours, and the vote they cast. Clicking the plot moves the query point, so a student can see
 * the answer change as the point crosses from one colour's crowd into another's.
 *
 * Neighbours are found in the model's full feature space by the caller; the picture only draws two of the features,
 * so a neighbour can look farther away than a non-neighbour when other features differ (the hint says so).
 */
import { useTranslation } from 'react-i18next';
import { labelColour } from '../label-colours';
import { SvgPlot } from './SvgPlot';
import { paddedExtent } from './plot-scale';

export interface PlotPoint {
  readonly x: number;
  readonly y: number;
  readonly label: string;
}

export interface KnnPictureProps {
  readonly points: readonly PlotPoint[];
  readonly labels: readonly string[];
  readonly query: { readonly x: number; readonly y: number };
  /** Indices into `points` of the k nearest neighbours, nearest first. */
  readonly neighbours: readonly number[];
  readonly predicted: string | null;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly onMoveQuery?: (x: number, y: number) => void;
  readonly width?: number;
  readonly height?: number;
}

export function KnnPicture(props: KnnPictureProps) {
  const { t } = useTranslation('aiui');
  const width = props.width ?? 420;
  const height = props.height ?? 300;
  const xs = [...props.points.map((p) => p.x), props.query.x];
  const ys = [...props.points.map((p) => p.y), props.query.y];
  const near = new Set(props.neighbours);
  const votes = new Map<string, number>();
  for (const i of props.neighbours) {
    const l = props.points[i]?.label;
    if (l !== undefined) votes.set(l, (votes.get(l) ?? 0) + 1);
  }
  return (
    <figure className="ai-picture" data-testid="knn-picture">
      <SvgPlot
        width={width}
        height={height}
        x={paddedExtent(xs)}
        y={paddedExtent(ys)}
        xLabel={props.xLabel}
        yLabel={props.yLabel}
        title={t('knn.title', { k: props.neighbours.length })}
        onClickData={props.onMoveQuery}
      >
        {({ sx, sy }) => (
          <>
            {props.neighbours.map((i) => {
              const p = props.points[i];
              return p ? (
                <line key={`l${i}`} data-testid="knn-neighbour-line" className="ai-knn-line" x1={sx(props.query.x)} y1={sy(props.query.y)} x2={sx(p.x)} y2={sy(p.y)} />
              ) : null;
            })}
            {props.points.map((p, i) => (
              <circle
                key={i}
                data-testid={near.has(i) ? 'knn-neighbour' : 'knn-point'}
                data-label={p.label}
                cx={sx(p.x)}
                cy={sy(p.y)}
                r={near.has(i) ? 5.5 : 3.5}
                fill={labelColour(p.label, props.labels)}
                stroke={near.has(i) ? '#111' : 'none'}
                strokeWidth={near.has(i) ? 1.5 : 0}
              />
            ))}
            <g data-testid="knn-query" transform={`translate(${sx(props.query.x)} ${sy(props.query.y)})`}>
              <circle r={7} fill={props.predicted ? labelColour(props.predicted, props.labels) : '#fff'} stroke="#111" strokeWidth={2} />
              <path d="M -4 0 H 4 M 0 -4 V 4" stroke="#111" strokeWidth={1.5} />
            </g>
          </>
        )}
      </SvgPlot>
      <figcaption>
        <span data-testid="knn-vote">
          {[...votes.entries()].map(([l, n]) => t('knn.votes', { label: l, count: n })).join(t('list.separator'))}
        </span>
        {props.predicted !== null && <strong data-testid="knn-predicted"> → {t('knn.predicted', { label: props.predicted })}</strong>}
        <p className="hint">{t('knn.hint')}</p>
      </figcaption>
    </figure>
  );
}
