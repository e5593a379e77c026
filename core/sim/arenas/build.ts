/**
 * Helpers for writing arenas as data. Curves become polylines here, with deterministic trigonometry (det-math),
 * so the same arena gives bit-identical geometry in every engine.
 */
import type { Wall } from '../arena';
import { sinCosDeg } from '../det-math';

/** Wall thickness and height of the arena border, metres. */
export const BORDER_THICKNESS = 0.05;
export const BORDER_HEIGHT = 0.2;

/** Four walls just outside x ∈ [0, width], z ∈ [0, depth]. */
export function borderWalls(width: number, depth: number, h = BORDER_HEIGHT): Wall[] {
  const t = BORDER_THICKNESS;
  return [
    { x: width / 2, z: -t / 2, w: width + 2 * t, d: t, h },
    { x: width / 2, z: depth + t / 2, w: width + 2 * t, d: t, h },
    { x: -t / 2, z: depth / 2, w: t, d: depth, h },
    { x: width + t / 2, z: depth / 2, w: t, d: depth, h },
  ];
}

/**
 * Points of a circular arc around (cx, cz) of `radius`, from compass bearing `fromDeg` to `toDeg` (bearing 0 = −z,
 * clockwise), every `stepDeg`, both ends included. Bearings may decrease to go anticlockwise.
 */
export function arc(cx: number, cz: number, radius: number, fromDeg: number, toDeg: number, stepDeg = 10): [number, number][] {
  const n = Math.max(1, Math.round(Math.abs(toDeg - fromDeg) / stepDeg));
  const out: [number, number][] = [];
  const sc: [number, number] = [0, 0];
  for (let i = 0; i <= n; i++) {
    const b = fromDeg + ((toDeg - fromDeg) * i) / n;
    sinCosDeg(b, sc);
    out.push([round6(cx + radius * sc[0]), round6(cz - radius * sc[1])]);
  }
  return out;
}

/** Rounds to micrometres so arena data prints and compares cleanly. */
export const round6 = (v: number): number => Math.round(v * 1e6) / 1e6;
