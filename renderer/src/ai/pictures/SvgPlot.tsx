/**
 * The frame every scatter-style model picture shares: an SVG with axes, axis names and end values, and data → pixel
 * maps handed to the children. A click inside the plot area reports data coordinates (the KNN picture moves its
 * query point that way). SVG rather than canvas so each point is an element the tests (and screen readers) can find.
 */
import type { ReactNode } from 'react';
import { linearMap, linearUnmap, shortNumber, type Extent } from './plot-scale';

export const PLOT_MARGIN = { left: 44, right: 12, top: 10, bottom: 34 } as const;

export interface PlotMaps {
  readonly sx: (v: number) => number;
  readonly sy: (v: number) => number;
}

export function SvgPlot(props: {
  width: number;
  height: number;
  x: Extent;
  y: Extent;
  xLabel: string;
  yLabel: string;
  title: string;
  testId?: string;
  onClickData?: (x: number, y: number) => void;
  children: (maps: PlotMaps) => ReactNode;
}) {
  const { width, height, x, y } = props;
  const left = PLOT_MARGIN.left;
  const right = width - PLOT_MARGIN.right;
  const top = PLOT_MARGIN.top;
  const bottom = height - PLOT_MARGIN.bottom;
  const sx = linearMap(x, left, right);
  const sy = linearMap(y, bottom, top);
  const onClick = props.onClickData
    ? (e: React.MouseEvent<SVGSVGElement>) => {
        const box = e.currentTarget.getBoundingClientRect();
        // The SVG is drawn at its viewBox size scaled to the box; undo that scale first.
        const px = ((e.clientX - box.left) / (box.width || width)) * width;
        const py = ((e.clientY - box.top) / (box.height || height)) * height;
        if (px < left || px > right || py < top || py > bottom) return;
        props.onClickData!(linearUnmap(x, left, right)(px), linearUnmap(y, bottom, top)(py));
      }
    : undefined;
  return (
    <svg
      className="ai-plot"
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      role="img"
      aria-label={props.title}
      data-testid={props.testId}
      onClick={onClick}
      style={props.onClickData ? { cursor: 'crosshair' } : undefined}
    >
      <title>{props.title}</title>
      <rect x={left} y={top} width={right - left} height={bottom - top} className="ai-plot-area" />
      <line x1={left} y1={bottom} x2={right} y2={bottom} className="ai-axis" />
      <line x1={left} y1={top} x2={left} y2={bottom} className="ai-axis" />
      <text x={left} y={bottom + 14} className="ai-tick" textAnchor="start">{shortNumber(x.min)}</text>
      <text x={right} y={bottom + 14} className="ai-tick" textAnchor="end">{shortNumber(x.max)}</text>
      <text x={left - 4} y={bottom} className="ai-tick" textAnchor="end">{shortNumber(y.min)}</text>
      <text x={left - 4} y={top + 10} className="ai-tick" textAnchor="end">{shortNumber(y.max)}</text>
      <text x={(left + right) / 2} y={height - 4} className="ai-axis-label" textAnchor="middle">{props.xLabel}</text>
      <text x={12} y={(top + bottom) / 2} className="ai-axis-label" textAnchor="middle" transform={`rotate(-90 12 ${(top + bottom) / 2})`}>
        {props.yLabel}
      </text>
      {props.children({ sx, sy })}
    </svg>
  );
}
