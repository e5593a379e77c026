/**
 * Lamps for light-seeking lessons: what the robot's light sensor adds on top of the arena's ambient light.
 *
 * The sensor looks forward through a short tube (as in the classroom kit, where students put a paper tube on the
 * light-dependent resistor), so a lamp counts by how squarely the robot faces it — `max(0, cos θ)⁴`, a quarter at
 * 45° — and fades with distance as `r0² / (r0² + d²)` (1 at the lamp, ½ at d = r0). Only + − × ÷ and sqrt, so the
 * value is bit-identical in every engine (no Math.sin/cos: the facing comes from the robot's forward vector).
 */
import type { Lamp } from './arena';

/** Distance at which a lamp's contribution has halved, metres. */
export const LAMP_HALF_DISTANCE_M = 1;

/**
 * Light percent the lamps add at (x, z) for a sensor facing the unit vector (fx, fz). 0 when there are no lamps.
 */
export function lampLightPercent(lamps: readonly Lamp[] | undefined, x: number, z: number, fx: number, fz: number): number {
  if (!lamps || lamps.length === 0) return 0;
  const r0sq = LAMP_HALF_DISTANCE_M * LAMP_HALF_DISTANCE_M;
  let sum = 0;
  for (const lamp of lamps) {
    const dx = lamp.x - x, dz = lamp.z - z;
    const dsq = dx * dx + dz * dz;
    const d = Math.sqrt(dsq);
    const cos = d < 1e-9 ? 1 : (dx * fx + dz * fz) / d;
    const c2 = cos * cos;
    const facing = cos > 0 ? c2 * c2 : 0;
    sum += lamp.intensityPercent * facing * (r0sq / (r0sq + dsq));
  }
  return sum;
}
