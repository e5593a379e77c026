/**
 * The virtual AI camera's optics: a pinhole camera on the robot's nose, pitched down so it sees the floor ahead and
 * things on the table. Pure arithmetic (+ − × ÷ √, constants from det-math), so the same pose projects to the same
 * pixels in every engine.
 *
 * Camera axes (world coordinates, y up): F forward (pitched down), U up (perpendicular to F), R right (level).
 * A point P projects to u = 160 + f·(d·R)/(d·F), v = 120 − f·(d·U)/(d·F) with d = P − C.
 */
import { CAMERA_HEIGHT_PX, CAMERA_WIDTH_PX } from '../device/camera';
import { sinCosDeg } from './det-math';

/** Where the camera sits on the robot and what it sees. Metres and degrees. */
export const CAMERA_MOUNT = {
  /** Ahead of the robot's centre (the body's front face is at 0.075). */
  forwardM: 0.06,
  /** Above the floor (the body's top is at 0.065). */
  heightM: 0.1,
  /** Tilted down so the bottom of the image shows the floor ~11 cm ahead of the lens. */
  pitchDownDeg: 20,
  /** Horizontal field of view; the vertical one follows from the 4:3 image (~47°). */
  horizontalFovDeg: 60,
  /** Nothing nearer than this (along the view axis) or further than `farM` (on the floor) is seen. */
  nearM: 0.03,
  farM: 3,
} as const;

const HALF_W = CAMERA_WIDTH_PX / 2;
const HALF_H = CAMERA_HEIGHT_PX / 2;
const halfFov = sinCosDeg(CAMERA_MOUNT.horizontalFovDeg / 2);
/** Focal length in pixels: half the width over tan(half the field of view). */
export const FOCAL_PX = HALF_W / (halfFov[0] / halfFov[1]);
const pitch = sinCosDeg(CAMERA_MOUNT.pitchDownDeg);
const SIN_PITCH = pitch[0];
const COS_PITCH = pitch[1];
/** Image row of the horizon (a level line far away): above the centre by f·tan(pitch). */
export const HORIZON_V_PX = HALF_H - (FOCAL_PX * SIN_PITCH) / COS_PITCH;

/** The camera's position and axes for one robot pose; reused (mutated) frame after frame. */
export class CameraPose {
  cx = 0; cy = CAMERA_MOUNT.heightM; cz = 0;
  fx = 0; fy = 0; fz = -1;
  ux = 0; uy = 1; uz = 0;
  rx = 1; rz = 0;
  /** Last projection's image coordinates and depth along F. */
  u = 0; v = 0; depth = 0;

  /** Places the camera on a robot at (x, z) whose unit forward vector on the floor is (hx, hz). */
  setRobot(x: number, z: number, hx: number, hz: number): void {
    this.cx = x + hx * CAMERA_MOUNT.forwardM;
    this.cz = z + hz * CAMERA_MOUNT.forwardM;
    this.fx = hx * COS_PITCH; this.fy = -SIN_PITCH; this.fz = hz * COS_PITCH;
    this.ux = hx * SIN_PITCH; this.uy = COS_PITCH; this.uz = hz * SIN_PITCH;
    // Right on the floor: heading + 90°.
    this.rx = -hz; this.rz = hx;
  }

  /**
   * Projects world point (x, y, z): sets `u`, `v` (pixels, may lie outside the image) and `depth` (metres along the
   * view axis). Returns false when the point is nearer than the near plane or behind the camera.
   */
  project(x: number, y: number, z: number): boolean {
    const dx = x - this.cx, dy = y - this.cy, dz = z - this.cz;
    const depth = dx * this.fx + dy * this.fy + dz * this.fz;
    this.depth = depth;
    if (depth < CAMERA_MOUNT.nearM) return false;
    const right = dx * this.rx + dz * this.rz;
    const up = dx * this.ux + dy * this.uy + dz * this.uz;
    this.u = HALF_W + (FOCAL_PX * right) / depth;
    this.v = HALF_H - (FOCAL_PX * up) / depth;
    return true;
  }

  /**
   * Where the ray through pixel (u, v) meets the floor (y = 0): writes [x, z] into `out` and returns the distance from
   * the lens, or −1 when the ray points at or above the horizon.
   */
  floorAt(u: number, v: number, out: [number, number]): number {
    const a = (u - HALF_W) / FOCAL_PX, b = (HALF_H - v) / FOCAL_PX;
    const dx = this.fx + a * this.rx + b * this.ux;
    const dy = this.fy + b * this.uy;
    const dz = this.fz + a * this.rz + b * this.uz;
    if (dy >= -1e-9) return -1;
    const t = -this.cy / dy;
    out[0] = this.cx + t * dx;
    out[1] = this.cz + t * dz;
    return t * Math.sqrt(dx * dx + dy * dy + dz * dz);
  }
}

/** Rotates (x, y, z) by unit quaternion (qx, qy, qz, qw) into `out`. */
export function rotate(qx: number, qy: number, qz: number, qw: number, x: number, y: number, z: number, out: [number, number, number]): void {
  // v' = v + 2w(q × v) + 2 q × (q × v)
  const tx = 2 * (qy * z - qz * y), ty = 2 * (qz * x - qx * z), tz = 2 * (qx * y - qy * x);
  out[0] = x + qw * tx + (qy * tz - qz * ty);
  out[1] = y + qw * ty + (qz * tx - qx * tz);
  out[2] = z + qw * tz + (qx * ty - qy * tx);
}
