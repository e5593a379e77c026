import * as THREE from 'three';
import { describe, expect, it } from 'vitest';
import { ARENAS, arenaById } from '../../../core/sim/arenas';
import type { RobotSnapshot } from '../../../core/sim/snapshot';
import { buildArenaScene, buildLineGeometry } from './arena-scene';
import { disposeObject } from './dispose';
import { interpolateBody, interpolationAlpha, slerpQuat } from './interpolate';
import { createRobotModel } from './models';

function meshNames(root: THREE.Object3D): string[] {
  const names: string[] = [];
  root.traverse((o) => {
    if (o.name) names.push(o.name);
  });
  return names;
}

describe('arena built from data', () => {
  it.each(ARENAS.map((a) => [a.id, a] as const))('%s shows its floor, every wall, zone, prop and ring', (_id, arena) => {
    const scene = buildArenaScene(arena);
    const names = meshNames(scene.root);
    expect(names).toContain('floor');
    expect(names.filter((n) => n.startsWith('wall:'))).toHaveLength(arena.walls.length);
    expect(names.filter((n) => n.startsWith('zone:'))).toHaveLength(arena.zones.length);
    expect(names.filter((n) => n.startsWith('prop:'))).toHaveLength(arena.props.length);
    expect(names.filter((n) => n.startsWith('ring:'))).toHaveLength(arena.rings.length);
    expect(names.includes('lines')).toBe(arena.lines.length > 0);
    // Everything sits inside (or on the border of) the arena, so the default camera frames it.
    const box = new THREE.Box3().setFromObject(scene.root);
    expect(box.min.x).toBeGreaterThan(-0.3);
    expect(box.max.x).toBeLessThan(arena.width + 0.3);
    expect(box.min.z).toBeGreaterThan(-0.3);
    expect(box.max.z).toBeLessThan(arena.depth + 0.3);
    disposeObject(scene.root);
  });

  it('the line track is drawn where the tape is: a point on the tape is covered, the arena centre is not', () => {
    const arena = arenaById('line-track')!;
    const geometry = buildLineGeometry(arena.lines);
    const pos = geometry.getAttribute('position');
    const covered = (x: number, z: number) => {
      const p = new THREE.Vector3(x, 0, z);
      const a = new THREE.Vector3();
      const b = new THREE.Vector3();
      const c = new THREE.Vector3();
      const tri = new THREE.Triangle();
      for (let i = 0; i < pos.count; i += 3) {
        a.set(pos.getX(i), 0, pos.getZ(i));
        b.set(pos.getX(i + 1), 0, pos.getZ(i + 1));
        c.set(pos.getX(i + 2), 0, pos.getZ(i + 2));
        tri.set(a, b, c);
        if (tri.containsPoint(p)) return true;
      }
      return false;
    };
    const line = arena.lines[0];
    const [x0, z0] = line.points[0];
    const [x1, z1] = line.points[1];
    expect(covered((x0 + x1) / 2, (z0 + z1) / 2)).toBe(true);
    expect(covered(arena.width / 2, arena.depth / 2)).toBe(false);
    geometry.dispose();
  });

  it('switching arenas frees the old arena’s GPU resources', () => {
    const scene = buildArenaScene(arenaById('sorting-table')!);
    const parent = new THREE.Group();
    parent.add(scene.root);
    let disposed = 0;
    scene.root.traverse((o) => {
      const mesh = o as THREE.Mesh;
      mesh.geometry?.addEventListener('dispose', () => disposed++);
    });
    const freed = disposeObject(scene.root);
    expect(freed).toBeGreaterThan(0);
    expect(disposed).toBeGreaterThan(0);
    expect(scene.root.parent).toBeNull();
  });
});

describe('robot model', () => {
  const robot: RobotSnapshot = {
    id: 'robot-1', position: [1, 0.035, 1], rotation: [0, 0, 0, 1], ledColour: '#ff0000', displayText: '', toneHz: 0,
    leftMotorPercent: 0, rightMotorPercent: 0, ultrasonic: { from: [1, 0.05, 0.92], to: [1, 0.05, 0], distanceCm: 92 },
    lineSensors: [false, false], colourUnder: 'white', headingDeg: 0, bumperPressed: false,
  };

  it('the LED shows the colour the program set', () => {
    const model = createRobotModel();
    model.update(robot);
    let led: THREE.Mesh | undefined;
    model.root.traverse((o) => {
      if (o.name === 'robot-led') led = o as THREE.Mesh;
    });
    const material = led!.material as THREE.MeshStandardMaterial;
    expect(material.emissive.getHex()).toBe(0xff0000);
    model.update({ ...robot, ledColour: '#000000' });
    expect(material.emissive.getHex()).toBe(0x000000);
    disposeObject(model.root);
  });
});

describe('interpolation between snapshots', () => {
  it('the display reaches the latest snapshot one arrival interval after it came', () => {
    expect(interpolationAlpha(0, 33, 33)).toBe(0);
    expect(interpolationAlpha(0, 33, 49.5)).toBeCloseTo(0.5);
    expect(interpolationAlpha(0, 33, 100)).toBe(1);
    expect(interpolationAlpha(33, 33, 40)).toBe(1);
  });

  it('a robot moving 2 cm between snapshots is drawn half way at alpha 0.5', () => {
    const a = { id: 'r', position: [0, 0, 0] as const, rotation: [0, 0, 0, 1] as const };
    const b = { id: 'r', position: [0.02, 0, 0] as const, rotation: [0, 0, 0, 1] as const };
    expect(interpolateBody([a], b, 0.5).position[0]).toBeCloseTo(0.01);
  });

  it('a reset (a jump across the arena) is not smeared across the floor', () => {
    const a = { id: 'r', position: [0, 0, 0] as const, rotation: [0, 0, 0, 1] as const };
    const b = { id: 'r', position: [1.5, 0, 0] as const, rotation: [0, 0, 0, 1] as const };
    expect(interpolateBody([a], b, 0.5).position[0]).toBe(1.5);
  });

  it('turning 90° is drawn as 45° half way, the short way round', () => {
    const s = Math.SQRT1_2;
    const q = slerpQuat([0, 0, 0, 1], [0, -s, 0, s], 0.5);
    const angle = 2 * Math.acos(q[3]);
    expect(angle).toBeCloseTo(Math.PI / 4);
  });
});
