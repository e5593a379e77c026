/**
 * Scatter of two features coloured by label, drawn by uPlot in its faceted mode (one series per label, points only):
 * canvas drawing stays smooth with 10,000 samples where an SVG of 10,000 circles would not. uPlot is imported when a
 * chart is first drawn, not with this module, because it reads the screen's pixel ratio (matchMedia) as it loads.
 * Where no canvas is available (jsdom in unit tests) it shows a one-line text summary instead of failing.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { labelColour } from './label-colours';

export interface ScatterSeries {
  readonly label: string;
  readonly xs: number[];
  readonly ys: number[];
}

/** Splits the samples into one series per label, in `labels` order (the uPlot data layout). */
export function scatterSeries(points: readonly { x: number; y: number; label: string }[], labels: readonly string[]): ScatterSeries[] {
  const by = new Map<string, ScatterSeries>(labels.map((l) => [l, { label: l, xs: [], ys: [] }]));
  for (const p of points) {
    const s = by.get(p.label);
    if (!s || !Number.isFinite(p.x) || !Number.isFinite(p.y)) continue;
    s.xs.push(p.x);
    s.ys.push(p.y);
  }
  return [...by.values()];
}

/** Dot radius, CSS pixels. */
const DOT_PX = 3;

/**
 * uPlot path builder that draws the series as filled dots straight onto the chart's canvas (the way uPlot's own
 * scatter example does) and returns no path, so uPlot draws no line.
 */
function drawDots(u: uPlot, seriesIdx: number, colour: string): null {
  const data = u.data[seriesIdx] as unknown as [number[], number[]];
  const xs = u.scales.x!;
  const ys = u.scales.y!;
  const r = DOT_PX * (window.devicePixelRatio || 1);
  const dots = new Path2D();
  for (let i = 0; i < data[0].length; i++) {
    const x = data[0][i]!;
    const y = data[1][i]!;
    if (x < xs.min! || x > xs.max! || y < ys.min! || y > ys.max!) continue;
    const cx = u.valToPos(x, 'x', true);
    const cy = u.valToPos(y, 'y', true);
    dots.moveTo(cx + r, cy);
    dots.arc(cx, cy, r, 0, 2 * Math.PI);
  }
  u.ctx.fillStyle = colour;
  u.ctx.fill(dots);
  return null;
}

function canDraw(): boolean {
  try {
    return typeof document !== 'undefined' && !!document.createElement('canvas').getContext('2d');
  } catch {
    return false;
  }
}

export function ScatterChart(props: { series: readonly ScatterSeries[]; labels: readonly string[]; xLabel: string; yLabel: string; height?: number }) {
  const { t } = useTranslation('aiui');
  const box = useRef<HTMLDivElement>(null);
  const [drawable] = useState(canDraw);
  const [width, setWidth] = useState(400);
  const height = props.height ?? 240;

  useEffect(() => {
    const el = box.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => setWidth(Math.max(200, Math.floor(el.clientWidth))));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    const el = box.current;
    if (!el || !drawable) return;
    const textColour = getComputedStyle(el).color || '#000';
    const opts: uPlot.Options = {
      mode: 2,
      width,
      height,
      legend: { show: false },
      cursor: { show: false },
      scales: { x: { time: false } },
      // Axis text in the theme's text colour (uPlot's default is black, unreadable on the dark theme).
      axes: [props.xLabel, props.yLabel].map((label) => ({ label, stroke: textColour, grid: { stroke: 'rgba(128,128,128,0.25)' }, ticks: { stroke: 'rgba(128,128,128,0.4)' } })),
      series: [
        {},
        ...props.series.map((s) => {
          const colour = labelColour(s.label, props.labels);
          return {
            label: s.label,
            stroke: colour,
            // Points only, drawn by `drawDots`: there is no line through samples that have no order.
            paths: (u: uPlot, i: number) => drawDots(u, i, colour),
            points: { show: false },
            facets: [{ scale: 'x', auto: true }, { scale: 'y', auto: true }],
          } as uPlot.Series;
        }),
      ],
    };
    const data = [null, ...props.series.map((s) => [s.xs, s.ys])] as unknown as uPlot.AlignedData;
    let chart: uPlot | null = null;
    let gone = false;
    void import('uplot').then(({ default: UPlot }) => {
      if (!gone) chart = new UPlot(opts, data, el);
    });
    return () => {
      gone = true;
      chart?.destroy();
    };
  }, [drawable, width, height, props.series, props.labels, props.xLabel, props.yLabel]);

  const total = props.series.reduce((n, s) => n + s.xs.length, 0);
  return (
    <div className="ai-scatter" ref={box} data-testid="data-scatter" data-points={total} role="img" aria-label={t('data.scatterTitle', { x: props.xLabel, y: props.yLabel })}>
      {!drawable && <p className="hint">{t('data.scatterText', { count: total, x: props.xLabel, y: props.yLabel })}</p>}
    </div>
  );
}
