/**
 * What lies on the floor, answered analytically (no physics queries): tape lines as polylines, coloured zones as
 * rectangles, walls for light shading. Built once per arena; every query is allocation-free.
 */
import type { ColourName } from '../device/robot';
import type { Arena, Zone } from './arena';

/** Grid cell size for line lookups, metres. */
const GRID_M = 0.1;

export class FloorMap {
  /** Per segment: ax, az, dx, dz, 1/|d|², halfWidth² — flattened. */
  private readonly segments: Float64Array;
  private readonly segmentCount: number;
  /** Bounding box of all line segments, grown by the widest half-width (fast reject). */
  private readonly minX: number;
  private readonly maxX: number;
  private readonly minZ: number;
  private readonly maxZ: number;
  /**
   * Uniform grid over the lines' bounding box (cells of GRID_M): for cell c, segment indices
   * cellSegments[cellStart[c] … cellStart[c + 1]) are those whose width-grown bounding box overlaps the cell, so a
   * query tests a handful of segments instead of all of them.
   */
  private readonly cols: number;
  private readonly rows: number;
  private readonly cellStart: Int32Array;
  private readonly cellSegments: Int32Array;
  private readonly zones: readonly Zone[];
  private readonly wallBoxes: Float64Array;
  /** Footprints of everything that never moves (walls and fixed props), minX, minZ, maxX, maxZ flattened. */
  private readonly staticBoxes: Float64Array;

  constructor(private readonly arena: Arena) {
    const segs: number[] = [];
    let minX = Infinity, maxX = -Infinity, minZ = Infinity, maxZ = -Infinity, maxHalf = 0;
    for (const line of arena.lines) {
      const pts = line.points;
      const n = line.closed ? pts.length : pts.length - 1;
      const half = line.width / 2;
      maxHalf = Math.max(maxHalf, half);
      for (let i = 0; i < n; i++) {
        const [ax, az] = pts[i];
        const [bx, bz] = pts[(i + 1) % pts.length];
        const dx = bx - ax, dz = bz - az;
        const len2 = dx * dx + dz * dz;
        segs.push(ax, az, dx, dz, len2 > 0 ? 1 / len2 : 0, half * half);
        minX = Math.min(minX, ax, bx); maxX = Math.max(maxX, ax, bx);
        minZ = Math.min(minZ, az, bz); maxZ = Math.max(maxZ, az, bz);
      }
    }
    this.segments = Float64Array.from(segs);
    this.segmentCount = segs.length / 6;
    this.minX = minX - maxHalf; this.maxX = maxX + maxHalf;
    this.minZ = minZ - maxHalf; this.maxZ = maxZ + maxHalf;
    this.cols = this.segmentCount ? Math.max(1, Math.ceil((this.maxX - this.minX) / GRID_M)) : 0;
    this.rows = this.segmentCount ? Math.max(1, Math.ceil((this.maxZ - this.minZ) / GRID_M)) : 0;
    const cells: number[][] = Array.from({ length: this.cols * this.rows }, () => []);
    for (let i = 0, o = 0; i < this.segmentCount; i++, o += 6) {
      const half = Math.sqrt(segs[o + 5]);
      const ax = segs[o], az = segs[o + 1], bx = ax + segs[o + 2], bz = az + segs[o + 3];
      const c0 = this.col(Math.min(ax, bx) - half), c1 = this.col(Math.max(ax, bx) + half);
      const r0 = this.row(Math.min(az, bz) - half), r1 = this.row(Math.max(az, bz) + half);
      for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) cells[r * this.cols + c].push(i);
    }
    this.cellStart = new Int32Array(cells.length + 1);
    for (let c = 0; c < cells.length; c++) this.cellStart[c + 1] = this.cellStart[c] + cells[c].length;
    this.cellSegments = Int32Array.from(cells.flat());
    this.zones = arena.zones;
    const boxes: number[] = [];
    for (const w of arena.walls) boxes.push(w.x - w.w / 2, w.z - w.d / 2, w.x + w.w / 2, w.z + w.d / 2);
    this.wallBoxes = Float64Array.from(boxes);
    for (const p of arena.props) if (!p.movable) boxes.push(p.x - p.size / 2, p.z - p.size / 2, p.x + p.size / 2, p.z + p.size / 2);
    this.staticBoxes = Float64Array.from(boxes);
  }

  /** True when the floor point (x, z) lies on a tape line (within half its width of the centre polyline). */
  onLine(x: number, z: number): boolean {
    if (x < this.minX || x > this.maxX || z < this.minZ || z > this.maxZ) return false;
    const s = this.segments;
    const cell = this.row(z) * this.cols + this.col(x);
    for (let k = this.cellStart[cell], end = this.cellStart[cell + 1]; k < end; k++) {
      const o = this.cellSegments[k] * 6;
      const px = x - s[o], pz = z - s[o + 1];
      const dx = s[o + 2], dz = s[o + 3];
      let t = (px * dx + pz * dz) * s[o + 4];
      if (t < 0) t = 0; else if (t > 1) t = 1;
      const ex = px - t * dx, ez = pz - t * dz;
      if (ex * ex + ez * ez <= s[o + 5]) return true;
    }
    return false;
  }

  private col(x: number): number {
    const c = Math.floor((x - this.minX) / GRID_M);
    return c < 0 ? 0 : c >= this.cols ? this.cols - 1 : c;
  }

  private row(z: number): number {
    const r = Math.floor((z - this.minZ) / GRID_M);
    return r < 0 ? 0 : r >= this.rows ? this.rows - 1 : r;
  }

  /** The topmost zone (last in the arena's list) containing (x, z), or null. */
  zoneAt(x: number, z: number): Zone | null {
    for (let i = this.zones.length - 1; i >= 0; i--) {
      const zn = this.zones[i];
      if (Math.abs(x - zn.x) <= zn.w / 2 && Math.abs(z - zn.z) <= zn.d / 2) return zn;
    }
    return null;
  }

  /** Ids of every zone containing (x, z), in arena order; `out` is cleared and reused. */
  zonesAt(x: number, z: number, out: string[]): string[] {
    out.length = 0;
    for (const zn of this.zones) if (Math.abs(x - zn.x) <= zn.w / 2 && Math.abs(z - zn.z) <= zn.d / 2) out.push(zn.id);
    return out;
  }

  /** Colour seen looking straight down at (x, z): zone, else tape (black), else the floor. */
  colourAt(x: number, z: number): ColourName {
    const zone = this.zoneAt(x, z);
    if (zone) return zone.colour;
    if (this.onLine(x, z)) return 'black';
    return this.arena.floorColour;
  }

  /** Distance in metres from (x, z) to the nearest wall footprint (Infinity without walls). */
  wallDistance(x: number, z: number): number {
    return boxDistance(this.wallBoxes, x, z);
  }

  /** Distance in metres from (x, z) to the nearest wall or fixed obstacle footprint (Infinity when none). */
  staticDistance(x: number, z: number): number {
    return boxDistance(this.staticBoxes, x, z);
  }
}

/** Distance from (x, z) to the nearest of the boxes (minX, minZ, maxX, maxZ flattened); 0 inside one. */
function boxDistance(b: Float64Array, x: number, z: number): number {
  let best = Infinity;
  for (let o = 0; o < b.length; o += 4) {
    const dx = Math.max(b[o] - x, 0, x - b[o + 2]);
    const dz = Math.max(b[o + 1] - z, 0, z - b[o + 3]);
    const d2 = dx * dx + dz * dz;
    if (d2 < best) best = d2;
  }
  return Math.sqrt(best);
}
