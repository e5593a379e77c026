/**
 * Deterministic trigonometry for the simulator.
 *
 * `Math.sin`, `Math.cos` and `Math.atan2` are not required by the language to give the same bits on every
 * platform (ENVIRONMENT.md), and whatever feeds the physics world must be bit-identical in Node and Chromium.
 * These use only +, −, ×, ÷ and `Math.sqrt` (correctly rounded by IEEE 754), so every engine agrees.
 * Accuracy is better than 1e-12, far below anything the simulator quantises.
 */

const PI = 3.141592653589793;
const HALF_PI = PI / 2;
const DEG = PI / 180;

/** Sine of `x` radians for |x| ≤ π/4 (Taylor series to x^17). */
function sinKernel(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n <= 8; n++) {
    term *= -x2 / ((2 * n) * (2 * n + 1));
    sum += term;
  }
  return sum;
}

/** Cosine of `x` radians for |x| ≤ π/4 (Taylor series to x^16). */
function cosKernel(x: number): number {
  const x2 = x * x;
  let term = 1;
  let sum = 1;
  for (let n = 1; n <= 8; n++) {
    term *= -x2 / ((2 * n - 1) * (2 * n));
    sum += term;
  }
  return sum;
}

/**
 * Sine and cosine of an angle in degrees, written into `out` as [sin, cos].
 * Exact (0, ±1) at multiples of 90°, so axis-aligned arenas have exact initial conditions.
 */
export function sinCosDeg(deg: number, out: [number, number] = [0, 0]): [number, number] {
  // Reduce to [0, 360) then to the nearest multiple of 90° plus a remainder in [−45°, 45°].
  let d = deg % 360;
  if (d < 0) d += 360;
  const quadrant = Math.round(d / 90);
  const r = (d - quadrant * 90) * DEG;
  const s = r === 0 ? 0 : sinKernel(r);
  const c = r === 0 ? 1 : cosKernel(r);
  switch (quadrant & 3) {
    case 0: out[0] = s; out[1] = c; break;
    case 1: out[0] = c; out[1] = -s; break;
    case 2: out[0] = -s; out[1] = -c; break;
    default: out[0] = -c; out[1] = s; break;
  }
  // Adding 0 turns −0 into +0, so results compare and print the same whichever quadrant they came from.
  out[0] += 0;
  out[1] += 0;
  return out;
}

/** Arctangent of x for |x| ≤ 1, radians (argument halved twice, then an odd series). */
function atanKernel(x: number): number {
  // atan(x) = 2·atan(x / (1 + sqrt(1 + x²))): two halvings bring |x| ≤ tan(π/16) ≈ 0.199.
  const h1 = x / (1 + Math.sqrt(1 + x * x));
  const h2 = h1 / (1 + Math.sqrt(1 + h1 * h1));
  const x2 = h2 * h2;
  let term = h2;
  let sum = h2;
  for (let n = 1; n <= 11; n++) {
    term *= -x2;
    sum += term / (2 * n + 1);
  }
  return 4 * sum;
}

/** atan2(y, x) in radians, (−π, π]. */
export function atan2(y: number, x: number): number {
  if (x === 0 && y === 0) return 0;
  const ax = Math.abs(x);
  const ay = Math.abs(y);
  let a = ay <= ax ? atanKernel(ay / ax) : HALF_PI - atanKernel(ax / ay);
  if (x < 0) a = PI - a;
  // Signed zero as Math.atan2: y = −0 on the negative x axis gives −π.
  return y < 0 || (y === 0 && 1 / y < 0) ? -a : a;
}

/** Radians → degrees. */
export const RAD_TO_DEG = 180 / PI;
/** Degrees → radians. */
export const DEG_TO_RAD = DEG;

/** Wraps degrees into [0, 360). */
export function wrapDeg360(deg: number): number {
  const d = deg % 360;
  return d < 0 ? d + 360 : d;
}

/** Wraps degrees into (−180, 180]. */
export function wrapDeg180(deg: number): number {
  let d = deg % 360;
  if (d <= -180) d += 360;
  else if (d > 180) d -= 360;
  return d;
}
