import { describe, expect, it } from 'vitest';
import { COLOUR_NAMES } from '../../device/robot';
import { FloorMap } from '../floor';
import { ARENAS, arenaById } from './index';

describe('built-in arenas', () => {
  it('offers the nine arenas the lessons and the arena picker name', () => {
    expect(ARENAS.map((a) => a.id)).toEqual(['open-floor', 'line-track', 'maze', 'obstacle-course', 'sorting-table', 'drone-rings', 'grid-5x5', 'light-room', 'line-race']);
    expect(arenaById('maze')?.id).toBe('maze');
    expect(arenaById('nope')).toBeUndefined();
  });

  it('has a name and description in Chinese and English for every arena and zone label', () => {
    for (const a of ARENAS) {
      for (const text of [a.name, a.description, ...a.zones.flatMap((z) => (z.label ? [z.label] : []))]) {
        expect(text['zh-CN'].length, a.id).toBeGreaterThan(0);
        expect(text.en.length, a.id).toBeGreaterThan(0);
        expect(text['zh-CN'], a.id).not.toBe(text.en);
      }
    }
  });

  it('keeps start poses, zones, props and rings inside the arena and ids unique', () => {
    for (const a of ARENAS) {
      const ids = [...a.zones.map((z) => z.id), ...a.props.map((p) => p.id), ...a.rings.map((r) => r.id)];
      expect(new Set(ids).size, a.id).toBe(ids.length);
      for (const p of [a.start, ...(a.starts ?? [])]) {
        expect(p.x, a.id).toBeGreaterThan(0);
        expect(p.x, a.id).toBeLessThan(a.width);
        expect(p.z, a.id).toBeGreaterThan(0);
        expect(p.z, a.id).toBeLessThan(a.depth);
      }
      for (const thing of [...a.zones, ...a.props, ...a.rings]) {
        expect(thing.x, `${a.id} ${thing.id}`).toBeGreaterThanOrEqual(0);
        expect(thing.x, `${a.id} ${thing.id}`).toBeLessThanOrEqual(a.width);
        expect(thing.z, `${a.id} ${thing.id}`).toBeGreaterThanOrEqual(0);
        expect(thing.z, `${a.id} ${thing.id}`).toBeLessThanOrEqual(a.depth);
      }
      for (const z of a.zones) expect(COLOUR_NAMES).toContain(z.colour);
    }
  });

  it('lays the line track as one closed loop of black tape under the robot start', () => {
    const track = arenaById('line-track')!;
    expect(track.lines).toHaveLength(1);
    expect(track.lines[0].closed).toBe(true);
    expect(track.lines[0].points.length).toBeGreaterThan(20);
    const floor = new FloorMap(track);
    for (const s of [track.start, ...(track.starts ?? [])]) expect(floor.onLine(s.x, s.z)).toBe(true);
    // Curves: a point on the east half circle (radius 0.5 around (2.2, 1.0)) is on the tape, its centre is not.
    expect(floor.onLine(2.7, 1.0)).toBe(true);
    expect(floor.onLine(2.2, 1.0)).toBe(false);
    expect(floor.colourAt(2.7, 1.0)).toBe('black');
    expect(floor.colourAt(1.5, 1.0)).toBe('white');
  });

  it('gives the sorting table cubes of the same colours as its bins', () => {
    const table = arenaById('sorting-table')!;
    const cubeColours = new Set(table.props.filter((p) => p.movable).map((p) => p.colour));
    const binColours = new Set(table.zones.filter((z) => z.id.startsWith('bin-')).map((z) => z.colour));
    expect([...cubeColours].sort()).toEqual([...binColours].sort());
  });

  it('puts the drone rings in the air, numbered in flying order, with a landing pad', () => {
    const course = arenaById('drone-rings')!;
    expect(course.rings.map((r) => r.id)).toEqual(['ring-1', 'ring-2', 'ring-3']);
    for (const r of course.rings) expect(r.y - r.radius).toBeGreaterThan(0.3);
    expect(course.zones.some((z) => z.id === 'landing-pad')).toBe(true);
  });
});

describe('floor map', () => {
  it('answers "on the line" exactly as a check against every tape segment would', () => {
    const track = arenaById('line-track')!;
    const floor = new FloorMap(track);
    const [line] = track.lines;
    const pts = line.points;
    const bruteForce = (x: number, z: number) => pts.some(([ax, az], i) => {
      const [bx, bz] = pts[(i + 1) % pts.length];
      const dx = bx - ax, dz = bz - az;
      const t = Math.max(0, Math.min(1, ((x - ax) * dx + (z - az) * dz) / (dx * dx + dz * dz)));
      const ex = x - ax - t * dx, ez = z - az - t * dz;
      return ex * ex + ez * ez <= (line.width / 2) ** 2;
    });
    let onCount = 0;
    for (let x = -0.1; x <= 3.1; x += 0.0037) {
      for (let z = -0.1; z <= 2.1; z += 0.0041) {
        const expected = bruteForce(x, z);
        if (expected) onCount++;
        if (floor.onLine(x, z) !== expected) expect({ x, z, on: floor.onLine(x, z) }).toEqual({ x, z, on: expected });
      }
    }
    expect(onCount).toBeGreaterThan(1000);
  });
});
