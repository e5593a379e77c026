/**
 * K-means explained step by step: each iteration colours every point by its nearest centre (assignment), then moves
 * each centre to the middle of its points (update), until nothing changes. Play / pause / step / back to start let
 * a class watch it converge. 1D data is drawn on one line, 2D on a scatter.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { clusterColour } from '../label-colours';
import { SvgPlot } from './SvgPlot';
import { paddedExtent } from './plot-scale';

/** One frame: where the centres are and the cluster of each point (-1: not assigned yet, drawn grey). */
export interface KMeansStep {
  readonly centroids: readonly (readonly number[])[];
  readonly assignments: readonly number[];
  /** What happened in this frame, for the caption: centres picked, points assigned, or centres moved. */
  readonly phase?: 'start' | 'assign' | 'update';
}

/** Time each step stays on screen while playing (ms): slow enough to follow the points change colour. */
export const KMEANS_STEP_MS = 900;

export function KMeansPicture(props: {
  points: readonly (readonly number[])[];
  steps: readonly KMeansStep[];
  xLabel: string;
  yLabel?: string;
}) {
  const { t } = useTranslation('aiui');
  const [step, setStep] = useState(0);
  const [playing, setPlaying] = useState(false);
  const last = Math.max(0, props.steps.length - 1);
  const current = Math.min(step, last);

  useEffect(() => {
    if (!playing) return;
    if (current >= last) {
      setPlaying(false);
      return;
    }
    const timer = setTimeout(() => setStep((s) => Math.min(s + 1, last)), KMEANS_STEP_MS);
    return () => clearTimeout(timer);
  }, [playing, current, last]);

  const s = props.steps[current];
  const twoD = props.points.some((p) => p.length >= 2);
  const allCentroids = props.steps.flatMap((st) => st.centroids);
  const xe = paddedExtent([...props.points.map((p) => p[0] ?? 0), ...allCentroids.map((c) => c[0] ?? 0)]);
  const ye = twoD ? paddedExtent([...props.points.map((p) => p[1] ?? 0), ...allCentroids.map((c) => c[1] ?? 0)]) : { min: -1, max: 1 };
  const prev = current > 0 ? props.steps[current - 1] : undefined;
  // Points that changed group in this frame (a first assignment from "none" is not a change).
  const changed = prev && s ? s.assignments.filter((a, i) => a >= 0 && (prev.assignments[i] ?? -1) >= 0 && a !== prev.assignments[i]).length : 0;

  return (
    <figure className="ai-picture" data-testid="kmeans-picture" data-step={current}>
      <SvgPlot width={420} height={twoD ? 300 : 140} x={xe} y={ye} xLabel={props.xLabel} yLabel={twoD ? (props.yLabel ?? '') : ''} title={t('kmeans.title')}>
        {({ sx, sy }) => (
          <>
            {props.points.map((p, i) => {
              const c = s?.assignments[i] ?? -1;
              return (
                <circle
                  key={i}
                  data-testid="kmeans-point"
                  data-cluster={c}
                  cx={sx(p[0] ?? 0)}
                  cy={twoD ? sy(p[1] ?? 0) : sy(0)}
                  r={3.5}
                  fill={c >= 0 ? clusterColour(c) : '#9e9e9e'}
                  opacity={twoD ? 1 : 0.7}
                />
              );
            })}
            {prev && s && s.centroids.map((c, k) => {
              const from = prev.centroids[k];
              if (!from) return null;
              return <line key={`m${k}`} className="ai-kmeans-move" x1={sx(from[0] ?? 0)} y1={twoD ? sy(from[1] ?? 0) : sy(0)} x2={sx(c[0] ?? 0)} y2={twoD ? sy(c[1] ?? 0) : sy(0)} />;
            })}
            {s?.centroids.map((c, k) => (
              <g key={`c${k}`} data-testid="kmeans-centroid" transform={`translate(${sx(c[0] ?? 0)} ${twoD ? sy(c[1] ?? 0) : sy(0)})`}>
                <path d="M 0 -9 L 8 6 L -8 6 Z" fill={clusterColour(k)} stroke="#111" strokeWidth={1.5} />
              </g>
            ))}
          </>
        )}
      </SvgPlot>
      <div className="ai-controls">
        <button type="button" data-testid="kmeans-reset" onClick={() => { setPlaying(false); setStep(0); }} disabled={current === 0}>{t('kmeans.restart')}</button>
        <button type="button" data-testid="kmeans-play" onClick={() => { if (current >= last) setStep(0); setPlaying((p) => !p); }} disabled={last === 0}>
          {playing ? t('kmeans.pause') : t('kmeans.play')}
        </button>
        <button type="button" data-testid="kmeans-step" onClick={() => { setPlaying(false); setStep((x) => Math.min(x + 1, last)); }} disabled={current >= last}>{t('kmeans.step')}</button>
        <span data-testid="kmeans-status">
          {t('kmeans.status', { step: current + 1, steps: props.steps.length })}
          {s?.phase && ` · ${t(`kmeans.phase.${s.phase}`, { k: s.centroids.length })}`}
          {current > 0 && s?.phase !== 'update' && ` · ${t('kmeans.changed', { count: changed })}`}
          {current === last && last > 0 && ` · ${t('kmeans.converged')}`}
        </span>
      </div>
      <figcaption className="hint">{t('kmeans.hint')}</figcaption>
    </figure>
  );
}
