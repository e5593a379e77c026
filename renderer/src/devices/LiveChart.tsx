/**
 * A line chart of live values, drawn by uPlot on a canvas (cheap to redraw ten times a second). The chart is created
 * once per set of series and fed new data with `setData`. uPlot is loaded on first use (the AI panel loads it the
 * same way), so it stays out of the app's first bundle. Where no canvas exists (jsdom in unit tests) it shows the
 * newest value of each series as text instead.
 */
import { useEffect, useRef, useState } from 'react';
import type uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

const COLOURS = ['#2f6fec', '#d64545', '#1f9d55', '#e08a00', '#8e44ad', '#16a2b8'];

function canDraw(): boolean {
  try {
    return typeof document !== 'undefined' && !!document.createElement('canvas').getContext('2d');
  } catch {
    return false;
  }
}

export interface LiveChartProps {
  readonly x: readonly number[];
  readonly series: readonly { readonly label: string; readonly y: readonly number[] }[];
  readonly xLabel: string;
  readonly height?: number;
  readonly testId?: string;
}

export function LiveChart(props: LiveChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const [drawable] = useState(canDraw);
  const [width, setWidth] = useState(360);
  const height = props.height ?? 160;
  const shape = props.series.map((s) => s.label).join('\u0000');

  useEffect(() => {
    const el = box.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => setWidth(Math.max(200, Math.floor(el.clientWidth))));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // (Re)create the chart when the series or the size change; data updates go through setData below.
  useEffect(() => {
    const el = box.current;
    if (!el || !drawable || props.series.length === 0) return;
    let chart: uPlot | null = null;
    let cancelled = false;
    void import('uplot').then(({ default: UPlot }) => {
      if (cancelled) return;
      chart = new UPlot(
        {
          width,
          height,
          legend: { show: true },
          cursor: { show: false },
          scales: { x: { time: false } },
          axes: [{ label: props.xLabel }, {}],
          series: [{}, ...props.series.map((s, i) => ({ label: s.label, stroke: COLOURS[i % COLOURS.length], width: 2, points: { show: false } }))],
        },
        [[...props.x], ...props.series.map((s) => [...s.y])] as uPlot.AlignedData,
        el,
      );
      plot.current = chart;
    });
    return () => {
      cancelled = true;
      chart?.destroy();
      plot.current = null;
    };
  }, [shape, width, height, drawable, props.xLabel]);

  useEffect(() => {
    plot.current?.setData([[...props.x], ...props.series.map((s) => [...s.y])] as uPlot.AlignedData);
  }, [props.x, props.series]);

  return (
    <div ref={box} className="live-chart" data-testid={props.testId ?? 'live-chart'} data-points={props.x.length}>
      {!drawable && (
        <p className="hint">
          {props.series.map((s) => `${s.label}: ${s.y.at(-1) ?? '–'}`).join(' · ')}
        </p>
      )}
    </div>
  );
}
