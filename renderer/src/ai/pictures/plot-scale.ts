/**
 * Linear data → pixel mapping for the SVG pictures. A tiny piece on purpose: the pictures need only a padded
 * extent and a linear map, and pulling in a scale library for that would add more than it saves.
 */

export interface Extent {
  readonly min: number;
  readonly max: number;
}

/** Min/max of `values`, padded by 5 % each side; a single value (or none) gets ±1 so the map stays finite. */
export function paddedExtent(values: Iterable<number>): Extent {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min === Infinity) return { min: 0, max: 1 };
  if (max - min < 1e-9) return { min: min - 1, max: max + 1 };
  const pad = (max - min) * 0.05;
  return { min: min - pad, max: max + pad };
}

/** Maps `extent` onto pixels `[from, to]` (to < from flips the axis, as SVG y grows downwards). */
export function linearMap(extent: Extent, from: number, to: number): (v: number) => number {
  const k = (to - from) / (extent.max - extent.min);
  return (v) => from + (v - extent.min) * k;
}

/** The inverse of `linearMap`, for turning a click back into data coordinates. */
export function linearUnmap(extent: Extent, from: number, to: number): (px: number) => number {
  const k = (extent.max - extent.min) / (to - from);
  return (px) => extent.min + (px - from) * k;
}

/** A short, readable number for axis ends and tooltips (at most 3 decimals, no trailing zeros). */
export function shortNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const r = Math.round(v * 1000) / 1000;
  return String(Object.is(r, -0) ? 0 : r);
}
