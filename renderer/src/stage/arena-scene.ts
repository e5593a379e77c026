/**
 * Builds the 3D arena from its data (core/sim/arena.ts): floor, tape lines, zones, walls, props and rings. Units are
 * metres, y up; the arena spans x ∈ [0, width], z ∈ [0, depth]. Headings are degrees clockwise seen from above with
 * 0 = facing −z, so a heading h is a rotation of −h about +y.
 *
 * Everything here is static for the arena's lifetime except movable props, which the stage moves from snapshots
 * (`ArenaScene.props` by id). Call `disposeObject(scene.root)` to free it.
 */
import * as THREE from 'three';
import type { Arena, FloorLine } from '../../../core/sim/arena';
import { tagMarking } from './camera-markings';
import { colourHex } from './colours';

export interface ArenaScene {
  readonly root: THREE.Group;
  /** Prop meshes by prop id (movable ones follow snapshots). */
  readonly props: ReadonlyMap<string, THREE.Object3D>;
  /** Centre of the floor, for cameras. */
  readonly centre: THREE.Vector3;
  /** Larger of width and depth, m. */
  readonly span: number;
  /** Highest wall or ring top, m (the orbit camera starts above it). */
  readonly height: number;
}

const DEG = Math.PI / 180;
/** Small lifts above the floor so coplanar layers do not flicker (z-fighting). */
const ZONE_Y = 0.001;
const LINE_Y = 0.002;
/** Walls above this height (m) are drawn as see-through netting. */
const NET_HEIGHT_M = 0.5;

/**
 * One flat mesh for all tape lines: a quad per segment plus a disc at every joint, so curves drawn as polylines
 * look continuous. One geometry keeps a 200-point track to one draw call.
 */
export function buildLineGeometry(lines: readonly FloorLine[], discSegments = 12): THREE.BufferGeometry {
  const positions: number[] = [];
  // Winding varies with segment direction; the material is double-sided, so it does not matter.
  const tri = (ax: number, az: number, bx: number, bz: number, cx: number, cz: number) => {
    positions.push(ax, LINE_Y, az, bx, LINE_Y, bz, cx, LINE_Y, cz);
  };
  for (const line of lines) {
    const pts = line.points;
    const half = line.width / 2;
    const segCount = line.closed ? pts.length : pts.length - 1;
    for (let i = 0; i < segCount; i++) {
      const [x0, z0] = pts[i];
      const [x1, z1] = pts[(i + 1) % pts.length];
      const len = Math.hypot(x1 - x0, z1 - z0);
      if (len === 0) continue;
      const nx = (-(z1 - z0) / len) * half;
      const nz = ((x1 - x0) / len) * half;
      tri(x0 + nx, z0 + nz, x1 + nx, z1 + nz, x1 - nx, z1 - nz);
      tri(x0 + nx, z0 + nz, x1 - nx, z1 - nz, x0 - nx, z0 - nz);
    }
    for (const [cx, cz] of pts) {
      for (let k = 0; k < discSegments; k++) {
        const a0 = (k / discSegments) * Math.PI * 2;
        const a1 = ((k + 1) / discSegments) * Math.PI * 2;
        tri(cx, cz, cx + Math.cos(a1) * half, cz + Math.sin(a1) * half, cx + Math.cos(a0) * half, cz + Math.sin(a0) * half);
      }
    }
  }
  const geometry = new THREE.BufferGeometry();
  geometry.setAttribute('position', new THREE.Float32BufferAttribute(positions, 3));
  // Flat on the floor: every normal is straight up.
  const normals = new Float32Array(positions.length);
  for (let i = 1; i < normals.length; i += 3) normals[i] = 1;
  geometry.setAttribute('normal', new THREE.BufferAttribute(normals, 3));
  return geometry;
}

/** Line segments every `step` m across x ∈ [0, width], z ∈ [0, depth], just above the floor. */
function buildGridGeometry(width: number, depth: number, step: number): THREE.BufferGeometry {
  const y = 0.0005;
  const positions: number[] = [];
  for (let i = 0; i <= Math.round(width / step); i++) {
    const x = Math.min(width, i * step);
    positions.push(x, y, 0, x, y, depth);
  }
  for (let j = 0; j <= Math.round(depth / step); j++) {
    const z = Math.min(depth, j * step);
    positions.push(0, y, z, width, y, z);
  }
  const geometry = new THREE.BufferGeometry();
  geometry.setAttribute('position', new THREE.Float32BufferAttribute(positions, 3));
  return geometry;
}

export function buildArenaScene(arena: Arena): ArenaScene {
  const root = new THREE.Group();
  root.name = `arena:${arena.id}`;

  const floor = new THREE.Mesh(
    new THREE.PlaneGeometry(arena.width, arena.depth),
    new THREE.MeshStandardMaterial({ color: colourHex(arena.floorColour), roughness: 0.95 }),
  );
  floor.name = 'floor';
  floor.rotation.x = -Math.PI / 2;
  floor.position.set(arena.width / 2, 0, arena.depth / 2);
  floor.receiveShadow = true;
  root.add(floor);

  // A faint 10 cm grid over exactly the floor helps students judge distances ("drive 30 cm" = three squares).
  const grid = new THREE.LineSegments(
    buildGridGeometry(arena.width, arena.depth, 0.1),
    new THREE.LineBasicMaterial({ color: 0x90a4ae, transparent: true, opacity: 0.35 }),
  );
  grid.name = 'grid';
  root.add(grid);

  for (const zone of arena.zones) {
    const mesh = new THREE.Mesh(
      new THREE.PlaneGeometry(zone.w, zone.d),
      new THREE.MeshStandardMaterial({ color: colourHex(zone.colour), roughness: 0.9, transparent: true, opacity: 0.85 }),
    );
    mesh.name = `zone:${zone.id}`;
    mesh.rotation.x = -Math.PI / 2;
    mesh.position.set(zone.x, ZONE_Y, zone.z);
    root.add(mesh);
  }

  if (arena.lines.length > 0) {
    const lines = new THREE.Mesh(buildLineGeometry(arena.lines), new THREE.MeshStandardMaterial({ color: 0x111111, roughness: 0.8, side: THREE.DoubleSide }));
    lines.name = 'lines';
    root.add(lines);
  }

  if (arena.walls.length > 0) {
    const wallMaterial = new THREE.MeshStandardMaterial({ color: 0x8d6e63, roughness: 0.7 });
    // Walls taller than a robot's view (a drone hall's 3 m net) are drawn as translucent netting, so the cameras see
    // the flight from outside.
    const netMaterial = new THREE.MeshStandardMaterial({ color: 0x607d8b, roughness: 0.9, transparent: true, opacity: 0.18, depthWrite: false });
    for (const [i, wall] of arena.walls.entries()) {
      const mesh = new THREE.Mesh(new THREE.BoxGeometry(wall.w, wall.h, wall.d), wall.h > NET_HEIGHT_M ? netMaterial : wallMaterial);
      mesh.name = `wall:${i}`;
      mesh.position.set(wall.x, wall.h / 2, wall.z);
      mesh.castShadow = wall.h <= NET_HEIGHT_M;
      root.add(mesh);
    }
  }

  const props = new Map<string, THREE.Object3D>();
  for (const prop of arena.props) {
    const geometry = prop.shape === 'cylinder'
      ? new THREE.CylinderGeometry(prop.size / 2, prop.size / 2, prop.size, 24)
      : new THREE.BoxGeometry(prop.size, prop.size, prop.size);
    const mesh = new THREE.Mesh(geometry, new THREE.MeshStandardMaterial({ color: colourHex(prop.colour), roughness: 0.6 }));
    mesh.name = `prop:${prop.id}`;
    mesh.position.set(prop.x, prop.size / 2, prop.z);
    mesh.castShadow = true;
    // The tag the AI camera reads, printed on the prop (camera-markings.ts).
    const marking = tagMarking(prop);
    if (marking) mesh.add(marking);
    root.add(mesh);
    props.set(prop.id, mesh);
  }

  for (const ring of arena.rings) {
    const mesh = new THREE.Mesh(
      new THREE.TorusGeometry(ring.radius, Math.max(0.01, ring.radius * 0.08), 12, 48),
      new THREE.MeshStandardMaterial({ color: 0xff7043, emissive: 0x4a1a00, roughness: 0.5 }),
    );
    mesh.name = `ring:${ring.id}`;
    mesh.position.set(ring.x, ring.y, ring.z);
    // A torus faces ±z when unrotated: heading 0 (facing −z) means fly through it along z.
    mesh.rotation.y = -ring.headingDeg * DEG;
    root.add(mesh);
  }

  return {
    root,
    props,
    centre: new THREE.Vector3(arena.width / 2, 0, arena.depth / 2),
    span: Math.max(arena.width, arena.depth),
    height: Math.max(0, ...arena.walls.filter((w) => w.h <= NET_HEIGHT_M).map((w) => w.h), ...arena.rings.map((r) => r.y + r.radius)),
  };
}
