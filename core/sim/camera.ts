/**
 * The simulated robot's AI camera: sees colour blobs, tags, labelled objects and the floor line from the scene
 * geometry, with occlusion (rays through the physics world), quantised to integer pixels of a 320 × 240 image.
 *
 * What it sees:
 * - props (cubes, posts, figures): the box around their projected corners; a blob of their colour (red, green, blue
 *   or yellow), their tag (when `Prop.tag` is set and the box is at least 10 px wide) and their class (when
 *   `Prop.objectClass` is set, at least 12 px). A prop counts as seen when at least a third of the sample points
 *   on it that fall inside the image have a clear line of sight; the box is the whole prop's (no cut-outs).
 * - other robot cars: objects of class `car` (at least 12 px).
 * - coloured floor zones: a blob around the part in front of the camera, seen when a third of its sample points are
 *   not hidden by walls, props or robots.
 * - the floor line: scanned along four image rows from the bottom up, reported as HuskyLens's arrow. Objects
 *   standing on the line do not hide it (a simplification).
 *
 * Cost: computed only when a program reads the camera (or the camera view asks), at most once per tick and part;
 * nothing random is drawn, so reading the camera never changes the run (same state hash with or without it).
 */
import type RAPIER from '@dimforge/rapier3d-deterministic-compat';
import {
  BLOB_COLOURS, CAMERA_HEIGHT_PX, CAMERA_WIDTH_PX, EMPTY_CAMERA_FRAME, OBJECT_CLASSES,
  type BlobColour, type CameraFrame, type CameraNeed, type ColourBlob, type LineArrow, type ObjectDetection, type TagDetection,
} from '../device/camera';
import type { Prop, Zone } from './arena';
import { CAMERA_MOUNT, CameraPose, rotate } from './camera-optics';
import { GROUP_DYNAMIC, GROUP_STATIC, queryOnly, type SimContext } from './context';
import { ROBOT_GEOMETRY } from './robot';

/** A prop the camera may see, with its physics parts (for its pose and to recognise it in ray hits). */
export interface CameraTarget {
  readonly prop: Prop;
  readonly collider: RAPIER.Collider;
  /** The body of a movable prop; null for a fixed one (its pose is the arena's). */
  readonly body: RAPIER.RigidBody | null;
}

/** The robot the camera sits on: pose after the last step, and its body (rays ignore it). */
export interface CameraCarrier {
  readonly x: number;
  readonly z: number;
  readonly fx: number;
  readonly fz: number;
  readonly body: RAPIER.RigidBody;
}

/** Smallest boxes reported, pixels of width and height. Tags and figures need more pixels to be recognised. */
export const MIN_BLOB_PX = 3;
export const MIN_TAG_PX = 10;
export const MIN_OBJECT_PX = 12;
/** Image rows scanned for the line, bottom first; every `LINE_STEP_PX` pixels along each. */
export const LINE_ROWS_PX: readonly number[] = [228, 196, 164, 132];
const LINE_STEP_PX = 4;
/** Sample points are pulled this far from the prop's corners towards its centre before the visibility rays. */
const SAMPLE_PULL = 0.7;
/** Rays see through everything but the floor (walls, props, robots). */
const SOLIDS = queryOnly(GROUP_DYNAMIC | GROUP_STATIC);
const CHROMATIC: ReadonlySet<string> = new Set(BLOB_COLOURS);

// Corner offsets (unit half-size) of a cube, and of an upright cylinder's top and bottom rims (8 points each;
// 0.7071… is exact enough and the same everywhere since it is a literal).
const R2 = 0.7071067811865476;
const CUBE_CORNERS: readonly (readonly [number, number, number])[] = [
  [-1, -1, -1], [1, -1, -1], [-1, 1, -1], [1, 1, -1], [-1, -1, 1], [1, -1, 1], [-1, 1, 1], [1, 1, 1],
];
const RIM: readonly (readonly [number, number])[] = [[1, 0], [R2, R2], [0, 1], [-R2, R2], [-1, 0], [-R2, -R2], [0, -1], [R2, -R2]];
const CYLINDER_POINTS: readonly (readonly [number, number, number])[] = [
  ...RIM.map(([a, b]) => [a, -1, b] as const), ...RIM.map(([a, b]) => [a, 1, b] as const),
];

interface PropsPart {
  readonly blobs: ColourBlob[];
  readonly tags: TagDetection[];
  readonly objects: ObjectDetection[];
}

export class VirtualCamera {
  private readonly pose = new CameraPose();
  private readonly ray: RAPIER.Ray;
  private readonly vec: [number, number, number] = [0, 0, 0];
  private readonly floorPoint: [number, number] = [0, 0];
  /** Visibility sample points, x, y, z flattened (reused). */
  private readonly samples: number[] = [];
  private readonly zones: readonly Zone[];
  /** Tick time the cached parts belong to; parts are null until asked for in that tick. */
  private cachedAtMs = -1;
  private propsPart: PropsPart | null = null;
  private linePart: LineArrow | null | undefined = undefined;
  private cachedFrame: CameraFrame | null = null;
  /** Frames computed so far (each part counts once); tests and the bench read it. */
  computations = 0;

  constructor(
    private readonly ctx: SimContext,
    private readonly carrier: CameraCarrier,
    private readonly targets: readonly CameraTarget[],
    /** Every robot in the world (this camera's own is skipped); others are seen as cars. */
    private readonly robots: readonly { readonly body: RAPIER.RigidBody; readonly collider: RAPIER.Collider }[] = [],
  ) {
    this.ray = new ctx.rapier.Ray({ x: 0, y: 0, z: 0 }, { x: 0, y: 0, z: 1 });
    this.zones = ctx.arena.zones.filter((z) => CHROMATIC.has(z.colour));
  }

  /** What the camera sees now, with at least the part `need` filled in (the rest as far as already computed). */
  frame(need: CameraNeed): CameraFrame {
    const now = this.ctx.timeMs();
    if (now !== this.cachedAtMs) {
      this.cachedAtMs = now;
      this.propsPart = null;
      this.linePart = undefined;
      this.cachedFrame = null;
    }
    let changed = false;
    if (need === 'line') {
      if (this.linePart === undefined) {
        this.linePart = this.computeLine();
        changed = true;
      }
    } else if (!this.propsPart) {
      this.propsPart = this.computeProps();
      changed = true;
    }
    if (changed || !this.cachedFrame) {
      const p = this.propsPart;
      this.cachedFrame = Object.freeze({
        blobs: p ? p.blobs : EMPTY_CAMERA_FRAME.blobs,
        tags: p ? p.tags : EMPTY_CAMERA_FRAME.tags,
        objects: p ? p.objects : EMPTY_CAMERA_FRAME.objects,
        line: this.linePart ?? null,
      });
    }
    return this.cachedFrame;
  }

  /** Everything the camera sees now (the camera view asks for this). */
  fullFrame(): CameraFrame {
    this.frame('colour');
    return this.frame('line');
  }

  // ---- props and zones ------------------------------------------------------------------------------------------

  private computeProps(): PropsPart {
    this.computations++;
    const c = this.carrier;
    this.pose.setRobot(c.x, c.z, c.fx, c.fz);
    const blobs: ColourBlob[] = [];
    const tags: TagDetection[] = [];
    const objects: ObjectDetection[] = [];
    for (const t of this.targets) {
      const box = this.seeProp(t);
      if (!box) continue;
      const p = t.prop;
      if (box.width >= MIN_BLOB_PX && box.height >= MIN_BLOB_PX && CHROMATIC.has(p.colour)) blobs.push({ colour: p.colour as BlobColour, ...box });
      if (p.tag !== undefined && box.width >= MIN_TAG_PX && box.height >= MIN_TAG_PX) tags.push({ id: p.tag, ...box });
      if (p.objectClass !== undefined && box.width >= MIN_OBJECT_PX && box.height >= MIN_OBJECT_PX) objects.push({ objectClass: p.objectClass, ...box });
    }
    // Other robot cars: object recognition calls them cars.
    const g = ROBOT_GEOMETRY;
    for (const r of this.robots) {
      if (r.body === c.body) continue;
      const tr = r.body.translation();
      const q = r.body.rotation();
      const box = this.seeSolid(tr.x, tr.y, tr.z, q.x, q.y, q.z, q.w, g.widthM / 2, g.heightM / 2, g.lengthM / 2, CUBE_CORNERS, r.collider);
      if (box && box.width >= MIN_OBJECT_PX && box.height >= MIN_OBJECT_PX) objects.push({ objectClass: 'car', ...box });
    }
    for (const z of this.zones) {
      const box = this.seeZone(z);
      if (box && box.width >= MIN_BLOB_PX && box.height >= MIN_BLOB_PX) blobs.push({ colour: z.colour as BlobColour, ...box });
    }
    blobs.sort((a, b) => b.width * b.height - a.width * a.height || a.x - b.x || a.y - b.y || (a.colour < b.colour ? -1 : a.colour > b.colour ? 1 : 0));
    tags.sort((a, b) => a.id - b.id || a.x - b.x || a.y - b.y);
    objects.sort((a, b) => OBJECT_CLASSES.indexOf(a.objectClass) - OBJECT_CLASSES.indexOf(b.objectClass) || a.x - b.x || a.y - b.y);
    return { blobs: Object.freeze(blobs) as ColourBlob[], tags: Object.freeze(tags) as TagDetection[], objects: Object.freeze(objects) as ObjectDetection[] };
  }

  /** The prop's box in the image if enough of it is in view and not hidden, else null. */
  private seeProp(t: CameraTarget): Box | null {
    const p = t.prop;
    const half = p.size / 2;
    if (!t.body) return this.seeSolid(p.x, half, p.z, 0, 0, 0, 1, half, half, half, p.shape === 'cube' ? CUBE_CORNERS : CYLINDER_POINTS, t.collider);
    const tr = t.body.translation();
    const q = t.body.rotation();
    return this.seeSolid(tr.x, tr.y, tr.z, q.x, q.y, q.z, q.w, half, half, half, p.shape === 'cube' ? CUBE_CORNERS : CYLINDER_POINTS, t.collider);
  }

  /**
   * The box around a solid at (px, py, pz) rotated by q, whose unit corner offsets `corners` scale by the half sizes
   * (hx, hy, hz), if enough of it is in view and not hidden; else null.
   */
  private seeSolid(
    px: number, py: number, pz: number, qx: number, qy: number, qz: number, qw: number,
    hx: number, hy: number, hz: number, corners: readonly (readonly [number, number, number])[], collider: RAPIER.Collider,
  ): Box | null {
    const dxh = px - this.pose.cx, dzh = pz - this.pose.cz;
    if (dxh * dxh + dzh * dzh > CAMERA_MOUNT.farM * CAMERA_MOUNT.farM) return null;
    const bounds = new Bounds();
    const v = this.vec;
    // Every corner must be in front of the near plane: a solid straddling it is too close to recognise.
    for (let i = 0; i < corners.length; i++) {
      const c = corners[i];
      rotate(qx, qy, qz, qw, c[0] * hx, c[1] * hy, c[2] * hz, v);
      if (!this.pose.project(px + v[0], py + v[1], pz + v[2])) return null;
      bounds.add(this.pose.u, this.pose.v);
    }
    const box = bounds.clippedBox();
    if (!box) return null;
    // Visibility: the centre and the corners pulled towards it (for a cylinder, every other rim point), those that
    // land in the image.
    const samples = this.samples;
    samples.length = 0;
    const step = corners.length > 8 ? 2 : 1;
    const k = SAMPLE_PULL;
    for (let i = -step; i < corners.length; i += step) {
      if (i >= 0) {
        const c = corners[i];
        rotate(qx, qy, qz, qw, c[0] * hx * k, c[1] * hy * k, c[2] * hz * k, v);
      } else {
        v[0] = 0; v[1] = 0; v[2] = 0;
      }
      const sx = px + v[0], sy = py + v[1], sz = pz + v[2];
      if (this.pose.project(sx, sy, sz) && inImage(this.pose.u, this.pose.v)) samples.push(sx, sy, sz);
    }
    return this.enoughInSight(samples, collider) ? box : null;
  }

  /**
   * True when at least a third of the sample points (x, y, z flattened) have a clear line of sight (to `target`, or
   * to the point itself). Casts rays only until the answer is certain: an object in plain view costs a third of them.
   */
  private enoughInSight(samples: readonly number[], target: RAPIER.Collider | null): boolean {
    const n = samples.length / 3;
    if (n === 0) return false;
    const need = Math.ceil(n / 3);
    let clear = 0;
    for (let i = 0; i < n; i++) {
      if (this.lineOfSight(samples[3 * i], samples[3 * i + 1], samples[3 * i + 2], target)) clear++;
      if (clear >= need) return true;
      if (clear + (n - 1 - i) < need) return false;
    }
    return false;
  }

  /** The box around the part of floor zone `z` in front of the camera, if enough of it is not hidden. */
  private seeZone(z: Zone): Box | null {
    const x0 = z.x - z.w / 2, x1 = z.x + z.w / 2, z0 = z.z - z.d / 2, z1 = z.z + z.d / 2;
    // The nearest point of the zone must be within range.
    const nx = clamp(this.pose.cx, x0, x1) - this.pose.cx, nz = clamp(this.pose.cz, z0, z1) - this.pose.cz;
    if (nx * nx + nz * nz > CAMERA_MOUNT.farM * CAMERA_MOUNT.farM) return null;
    // Clip the rectangle against the near plane (Sutherland–Hodgman, one plane), in world coordinates.
    const quad: [number, number][] = [[x0, z0], [x1, z0], [x1, z1], [x0, z1]];
    const kept: [number, number][] = [];
    const near = CAMERA_MOUNT.nearM + 1e-6;
    for (let i = 0; i < 4; i++) {
      const a = quad[i], b = quad[(i + 1) % 4];
      const da = this.depthOf(a[0], a[1]), db = this.depthOf(b[0], b[1]);
      if (da >= near) kept.push(a);
      if ((da >= near) !== (db >= near)) {
        const s = (near - da) / (db - da);
        kept.push([a[0] + (b[0] - a[0]) * s, a[1] + (b[1] - a[1]) * s]);
      }
    }
    if (kept.length < 3) return null;
    const bounds = new Bounds();
    let mx = 0, mz = 0;
    for (const [x, zz] of kept) {
      this.pose.project(x, 0, zz);
      bounds.add(this.pose.u, this.pose.v);
      mx += x; mz += zz;
    }
    const box = bounds.clippedBox();
    if (!box) return null;
    mx /= kept.length; mz /= kept.length;
    // Visibility samples just above the floor: the middle of the seen part and its corners pulled towards it.
    const samples = this.samples;
    samples.length = 0;
    for (let i = -1; i < kept.length; i++) {
      const sx = i < 0 ? mx : mx + (kept[i][0] - mx) * SAMPLE_PULL;
      const sz = i < 0 ? mz : mz + (kept[i][1] - mz) * SAMPLE_PULL;
      if (this.pose.project(sx, 0.002, sz) && inImage(this.pose.u, this.pose.v)) samples.push(sx, 0.002, sz);
    }
    return this.enoughInSight(samples, null) ? box : null;
  }

  private depthOf(x: number, z: number): number {
    const p = this.pose;
    return (x - p.cx) * p.fx + (0 - p.cy) * p.fy + (z - p.cz) * p.fz;
  }

  /** True when a ray from the lens to (x, y, z) reaches it, or first hits `target` on the way. */
  private lineOfSight(x: number, y: number, z: number, target: RAPIER.Collider | null): boolean {
    const p = this.pose;
    const dx = x - p.cx, dy = y - p.cy, dz = z - p.cz;
    const len = Math.sqrt(dx * dx + dy * dy + dz * dz);
    if (len < 1e-9) return true;
    const r = this.ray;
    r.origin.x = p.cx; r.origin.y = p.cy; r.origin.z = p.cz;
    r.dir.x = dx / len; r.dir.y = dy / len; r.dir.z = dz / len;
    const hit = this.ctx.physics.castRay(r, len, true, undefined, SOLIDS, undefined, this.carrier.body);
    if (!hit) return true;
    return target !== null && hit.collider.handle === target.handle;
  }

  // ---- the floor line -------------------------------------------------------------------------------------------

  private computeLine(): LineArrow | null {
    this.computations++;
    const c = this.carrier;
    this.pose.setRobot(c.x, c.z, c.fx, c.fz);
    const floor = this.ctx.floor;
    const out = this.floorPoint;
    let tail: [number, number] | null = null;
    let head: [number, number] | null = null;
    let prevX = CAMERA_WIDTH_PX / 2;
    for (const v of LINE_ROWS_PX) {
      // Runs of line pixels along the row; keep the one nearest the previous row's (or the image centre).
      let best = -1, bestDist = Infinity, runStart = -1;
      for (let u = LINE_STEP_PX / 2; u <= CAMERA_WIDTH_PX; u += LINE_STEP_PX) {
        const inside = u < CAMERA_WIDTH_PX;
        const dist = inside ? this.pose.floorAt(u, v, out) : -1;
        const on = inside && dist >= 0 && dist <= CAMERA_MOUNT.farM && floor.onLine(out[0], out[1]);
        if (on && runStart < 0) runStart = u;
        if (!on && runStart >= 0) {
          const centre = (runStart + u - LINE_STEP_PX) / 2;
          const d = Math.abs(centre - prevX);
          if (d < bestDist) { bestDist = d; best = centre; }
          runStart = -1;
        }
      }
      if (best < 0) {
        if (tail) break;
        continue;
      }
      const point: [number, number] = [Math.round(best), v];
      if (!tail) tail = point;
      head = point;
      prevX = best;
    }
    if (!tail || !head) return null;
    return Object.freeze({ xTail: tail[0], yTail: tail[1], xHead: head[0], yHead: head[1] });
  }
}

interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Running bounds of projected points, clipped to the image and rounded outwards to whole pixels. */
class Bounds {
  minU = Infinity; maxU = -Infinity; minV = Infinity; maxV = -Infinity;
  add(u: number, v: number): void {
    if (u < this.minU) this.minU = u;
    if (u > this.maxU) this.maxU = u;
    if (v < this.minV) this.minV = v;
    if (v > this.maxV) this.maxV = v;
  }
  clippedBox(): Box | null {
    const u0 = Math.floor(clamp(this.minU, 0, CAMERA_WIDTH_PX)), u1 = Math.ceil(clamp(this.maxU, 0, CAMERA_WIDTH_PX));
    const v0 = Math.floor(clamp(this.minV, 0, CAMERA_HEIGHT_PX)), v1 = Math.ceil(clamp(this.maxV, 0, CAMERA_HEIGHT_PX));
    if (u1 - u0 < 1 || v1 - v0 < 1) return null;
    return { x: Math.round((u0 + u1) / 2), y: Math.round((v0 + v1) / 2), width: u1 - u0, height: v1 - v0 };
  }
}

const inImage = (u: number, v: number) => u >= 0 && u <= CAMERA_WIDTH_PX && v >= 0 && v <= CAMERA_HEIGHT_PX;

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}
