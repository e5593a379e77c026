/**
 * Display-side interpolation between the last two snapshots (Fix Your Timestep): the stage shows the world a
 * fraction `alpha` of the way from the previous snapshot to the latest one, so motion is smooth at any display
 * rate while the sim posts at ~30 Hz. Pure functions over plain data; the model itself is never touched.
 */
import type { BodySnapshot, Quat, Vec3 } from '../../../core/sim/snapshot';

/** Where between the previous snapshot (0) and the latest (1) the display stands at wall time `nowMs`: the latest
 *  snapshot is reached one arrival interval after it arrived. Clamped to [0, 1]. */
export function interpolationAlpha(prevArrivalMs: number, latestArrivalMs: number, nowMs: number): number {
  const interval = latestArrivalMs - prevArrivalMs;
  if (!(interval > 0)) return 1;
  const alpha = (nowMs - latestArrivalMs) / interval;
  return alpha <= 0 ? 0 : alpha >= 1 ? 1 : alpha;
}

export function lerpVec3(a: Vec3, b: Vec3, t: number): [number, number, number] {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

/** Spherical interpolation along the shorter arc; normalised. */
export function slerpQuat(a: Quat, b: Quat, t: number): [number, number, number, number] {
  let [bx, by, bz, bw] = b;
  let cos = a[0] * bx + a[1] * by + a[2] * bz + a[3] * bw;
  if (cos < 0) {
    cos = -cos;
    bx = -bx; by = -by; bz = -bz; bw = -bw;
  }
  let k0: number;
  let k1: number;
  if (cos > 0.9995) {
    k0 = 1 - t;
    k1 = t;
  } else {
    const theta = Math.acos(cos);
    const sin = Math.sin(theta);
    k0 = Math.sin((1 - t) * theta) / sin;
    k1 = Math.sin(t * theta) / sin;
  }
  const q: [number, number, number, number] = [a[0] * k0 + bx * k1, a[1] * k0 + by * k1, a[2] * k0 + bz * k1, a[3] * k0 + bw * k1];
  const len = Math.hypot(q[0], q[1], q[2], q[3]) || 1;
  return [q[0] / len, q[1] / len, q[2] / len, q[3] / len];
}

/** The pose of `latest` moved back towards the same body in `previous` (matched by id); `latest` alone if the body
 *  is new. A jump longer than `teleportM` (reset, new load) is not interpolated. */
export function interpolateBody(previous: readonly BodySnapshot[] | null, latest: BodySnapshot, alpha: number, teleportM = 0.5): { position: Vec3; rotation: Quat } {
  const prev = previous?.find((b) => b.id === latest.id);
  if (!prev || alpha >= 1) return latest;
  const d = Math.hypot(latest.position[0] - prev.position[0], latest.position[1] - prev.position[1], latest.position[2] - prev.position[2]);
  if (d > teleportM) return latest;
  return { position: lerpVec3(prev.position, latest.position, alpha), rotation: slerpQuat(prev.rotation, latest.rotation, alpha) };
}
