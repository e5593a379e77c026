/**
 * The route the colour-sorting robot drives on the sorting table, as plain moves (turn, drive). The e2e program is
 * built from it: the robot visits each cube, looks at it, asks the KNN model which colour it is, and pushes it into
 * the bin of that colour along a route planned here in advance for each possible answer.
 *
 * Geometry (core/sim/arenas/sorting-table.ts, core/sim/robot.ts): metres, x to the east, z to the south; heading 0
 * faces −z (north, towards the bins) and grows clockwise. The robot's front is 7.5 cm ahead of its centre; cubes are
 * 5 cm. A push goes straight from behind the cube through it to the bin's centre.
 */

export interface Pose {
  x: number;
  z: number;
  headingDeg: number;
}

export type Move = { kind: 'turn'; deg: number } | { kind: 'drive'; cm: number };

const FRONT_M = 0.075;
const CUBE_HALF_M = 0.025;

function wrap180(deg: number): number {
  let d = ((deg % 360) + 360) % 360;
  if (d > 180) d -= 360;
  return d;
}

/** Heading (degrees clockwise from −z) of the direction from (x0, z0) to (x1, z1). */
export function bearing(x0: number, z0: number, x1: number, z1: number): number {
  return (Math.atan2(x1 - x0, -(z1 - z0)) * 180) / Math.PI;
}

/** Moves that take the robot from `pose` to (x, z) in a straight line; `pose` is updated. */
export function goTo(pose: Pose, x: number, z: number): Move[] {
  const dist = Math.hypot(x - pose.x, z - pose.z);
  if (dist < 0.005) return [];
  const moves = face(pose, bearing(pose.x, pose.z, x, z));
  moves.push({ kind: 'drive', cm: Math.round(dist * 1000) / 10 });
  pose.x = x;
  pose.z = z;
  return moves;
}

/** A turn to face `headingDeg` (the shorter way); `pose` is updated. */
export function face(pose: Pose, headingDeg: number): Move[] {
  const turn = Math.round(wrap180(headingDeg - pose.headingDeg) * 10) / 10;
  pose.headingDeg = pose.headingDeg + turn;
  return Math.abs(turn) < 0.05 ? [] : [{ kind: 'turn', deg: turn }];
}

/** Robot position that puts its front `gapM` behind a cube at (cx, cz), for pushing it towards (tx, tz). */
export function behind(cx: number, cz: number, tx: number, tz: number, gapM: number): { x: number; z: number; headingDeg: number } {
  const d = Math.hypot(tx - cx, tz - cz);
  const ux = (tx - cx) / d;
  const uz = (tz - cz) / d;
  const back = FRONT_M + CUBE_HALF_M + gapM;
  return { x: cx - ux * back, z: cz - uz * back, headingDeg: bearing(cx, cz, tx, tz) };
}

/**
 * Pushes a cube at (cx, cz) until its centre reaches (tx, tz): goes to a point `gapM` behind the cube on the line to
 * the target (far enough back that turning there cannot touch the cube), faces along the line, drives through, then
 * backs off `backOffCm`.
 */
export function push(pose: Pose, cx: number, cz: number, tx: number, tz: number, gapM: number, backOffCm: number): Move[] {
  const start = behind(cx, cz, tx, tz, gapM);
  const moves = [...goTo(pose, start.x, start.z), ...face(pose, start.headingDeg)];
  const travel = Math.hypot(tx - cx, tz - cz) + gapM;
  moves.push({ kind: 'drive', cm: Math.round(travel * 1000) / 10 });
  const ux = (tx - cx) / Math.hypot(tx - cx, tz - cz);
  const uz = (tz - cz) / Math.hypot(tx - cx, tz - cz);
  pose.x += ux * travel;
  pose.z += uz * travel;
  moves.push({ kind: 'drive', cm: -backOffCm });
  pose.x -= (ux * backOffCm) / 100;
  pose.z -= (uz * backOffCm) / 100;
  return moves;
}
