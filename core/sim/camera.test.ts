/**
 * The virtual AI camera: what a student's program would notice — it sees the cubes in front of the robot (not those
 * beside it), not through walls, the line where it is, and always the same thing for the same run.
 */
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { CAMERA_WIDTH_PX, linePosition, type CameraFrame } from '../device/camera';
import type { Expr, Program, Stmt } from '../program/ir';
import type { Arena } from './arena';
import { sortingTable } from './arenas/sorting-table';
import { runHeadless } from './headless';
import { recordCameraFrames } from './testing/camera-frames';
import { command, num, program, read, str } from './testing/programs';
import { steps } from './testing/stepping';
import { initPhysics, SimWorld } from './world';

beforeAll(() => initPhysics());

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const bin = (op: string, left: Expr, right: Expr): Expr => ({ kind: 'binary', op, left, right, blockId: '' }) as Expr;
const wait0: Stmt = { kind: 'wait', seconds: num(0), blockId: 'w' };

/** A bare 2 m × 2 m floor with these props, the robot at (1, 1.6) facing north. */
function floorWith(props: Arena['props'], extra: Partial<Arena> = {}): Arena {
  return {
    ...sortingTable, id: 'camera-test', zones: [], props, walls: [], lines: [], width: 2, depth: 2,
    start: { x: 1, z: 1.6, headingDeg: 0 }, starts: [], ...extra,
  };
}

function frameIn(arena: string | Arena, ticks = 0): CameraFrame {
  const w = new SimWorld({ arena, seed: 1, trace: false });
  try {
    steps(w, ticks);
    return w.robots[0].cameraDevice!.fullFrame();
  } finally {
    w.free();
  }
}

describe('virtual AI camera', () => {
  it('sees the two cubes straight ahead on the sorting table, with their tags, and not the red ones off to the sides', () => {
    const f = frameIn('sorting-table');
    const cubes = f.blobs.filter((b) => b.height > 20);
    expect(cubes.map((b) => b.colour).sort()).toEqual(['blue', 'green']);
    const green = cubes.find((b) => b.colour === 'green')!;
    const blue = cubes.find((b) => b.colour === 'blue')!;
    // Green cube (0.8, 0.8) is left of the robot (x = 1), blue (1.2, 0.8) right, mirror images of each other.
    expect(green.x).toBeLessThan(CAMERA_WIDTH_PX / 2);
    expect(blue.x).toBeGreaterThan(CAMERA_WIDTH_PX / 2);
    expect(green.x + blue.x).toBe(CAMERA_WIDTH_PX);
    expect(f.tags.map((t) => t.id)).toEqual([2, 3]);
    expect(f.tags[0]).toMatchObject({ x: green.x, y: green.y, width: green.width });
    // The coloured bins along the far edge are thin blobs high in the image.
    expect(f.blobs.some((b) => b.colour === 'red' && b.height < 20 && b.y < 100)).toBe(true);
    for (const b of f.blobs) {
      expect(Number.isInteger(b.x) && Number.isInteger(b.y) && Number.isInteger(b.width) && Number.isInteger(b.height)).toBe(true);
    }
  });

  it('reports a figure by its class and a closer cube as a bigger blob', () => {
    const near = frameIn(floorWith([{ id: 'c', shape: 'cube', x: 1, z: 1.2, size: 0.05, colour: 'red', movable: false }]));
    const far = frameIn(floorWith([{ id: 'c', shape: 'cube', x: 1, z: 0.6, size: 0.05, colour: 'red', movable: false }]));
    expect(near.blobs[0].width).toBeGreaterThan(2 * far.blobs[0].width);
    expect(near.blobs[0].x).toBe(160);
    // Further away the cube sits higher in the image (closer to the horizon).
    expect(far.blobs[0].y).toBeLessThan(near.blobs[0].y);
    const cat = frameIn(floorWith([{ id: 'cat', shape: 'cylinder', x: 0.8, z: 1.0, size: 0.06, colour: 'black', movable: false, objectClass: 'cat' }]));
    expect(cat.objects).toHaveLength(1);
    expect(cat.objects[0].objectClass).toBe('cat');
    expect(cat.objects[0].x).toBeLessThan(160);
    // Black is not a colour the camera learns, so the cat gives no blob.
    expect(cat.blobs).toEqual([]);
  });

  it('sees another robot car ahead as a car, and not itself', () => {
    const arena = floorWith([], { starts: [{ x: 1, z: 1.0, headingDeg: 90 }] });
    const w = new SimWorld({ arena, seed: 1, count: 2, trace: false });
    try {
      const seenBy = (i: number) => w.robots[i].cameraDevice!.fullFrame();
      expect(seenBy(0).objects.map((o) => [o.objectClass, o.x])).toEqual([['car', 160]]);
      // The second robot faces east, away from the first: it sees no car.
      expect(seenBy(1).objects).toEqual([]);
    } finally {
      w.free();
    }
  });

  it('does not see a cube hidden behind a wall or a bigger box, and sees it again when the wall is gone', () => {
    const cube = { id: 'c', shape: 'cube', x: 1, z: 0.8, size: 0.05, colour: 'red', movable: false, tag: 7 } as const;
    const open = frameIn(floorWith([cube]));
    expect(open.blobs.map((b) => b.colour)).toEqual(['red']);
    expect(open.tags.map((t) => t.id)).toEqual([7]);
    const walled = frameIn(floorWith([cube], { walls: [{ x: 1, z: 1.1, w: 0.6, d: 0.04, h: 0.2 }] }));
    expect(walled.blobs).toEqual([]);
    expect(walled.tags).toEqual([]);
    const boxed = frameIn(floorWith([cube, { id: 'box', shape: 'cube', x: 1, z: 1.2, size: 0.15, colour: 'yellow', movable: false }]));
    expect(boxed.blobs.map((b) => b.colour)).toEqual(['yellow']);
    expect(boxed.tags).toEqual([]);
  });

  it('sees the line track straight ahead at the start, and off to one side when the robot stands beside it', () => {
    const on = frameIn('line-track');
    expect(on.line).not.toBeNull();
    expect(linePosition(on)).toBe(0);
    // The loop's bottom straight runs along z = 1.5 heading east; 3 cm to its right (south) the line appears left.
    const track = frameIn({ ...frameArena('line-track'), start: { x: 1.2, z: 1.53, headingDeg: 90 } });
    expect(linePosition(track)).toBeLessThan(-10);
    expect(track.line!.yTail).toBeGreaterThan(track.line!.yHead);
    const none = frameIn('open-floor');
    expect(none.line).toBeNull();
    expect(linePosition(none)).toBe(0);
  });

  it('gives identical frames in two runs with the same seed, and reading it leaves the state hash unchanged', () => {
    const record = (readCamera: boolean) => {
      const w = new SimWorld({ arena: 'sorting-table', seed: 9, trace: false });
      const frames: string[] = [];
      const robot = w.robots[0];
      for (let tick = 0; tick < 400; tick++) {
        for (const s of w.deviceSets) s.sample();
        // Turn slowly on the spot so cubes pass through the view, then drive into the table.
        if (tick === 0) robot.setMotors(-15, 15);
        if (tick === 200) robot.setMotors(40, 40);
        if (readCamera && tick % 5 === 0) frames.push(JSON.stringify(robot.cameraDevice!.fullFrame()));
        w.step();
      }
      const out = { hash: w.stateHash, frames, computations: (robot.cameraDevice as unknown as { computations: number }).computations };
      w.free();
      return out;
    };
    const a = record(true);
    const b = record(true);
    const without = record(false);
    expect(b.frames).toEqual(a.frames);
    expect(a.frames.length).toBe(80);
    // The frames are not all the same (the robot turned): the camera really looked.
    expect(new Set(a.frames).size).toBeGreaterThan(20);
    expect(b.hash).toBe(a.hash);
    expect(without.hash).toBe(a.hash);
    // Computed only when asked: 80 frames × 2 parts; never when no one reads.
    expect(a.computations).toBe(160);
    expect(without.computations).toBe(0);
  });

  it('gives the same camera frames in a separate Node process as in this one', () => {
    const here = recordCameraFrames('obstacle-course', 2);
    const script = `
      import { initPhysics } from './core/sim/world.ts';
      import { recordCameraFrames } from './core/sim/testing/camera-frames.ts';
      await initPhysics();
      process.stdout.write(JSON.stringify(recordCameraFrames('obstacle-course', 2)));
    `;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(here);
    // The boxes, tags and figures along the course pass through the view.
    expect(here.some((f) => f.includes('"id":1'))).toBe(true);
    expect(new Set(here).size).toBeGreaterThan(10);
  }, 90_000);

  it('follows the whole line track with the camera alone (line position steers), never more than 4 cm off the tape', async () => {
    const pos = read('robot.cameraLinePosition');
    const steer = bin('*', pos, num(0.25));
    const prog = program([
      { kind: 'forever', blockId: 'loop', body: [command('robot.setMotors', bin('+', num(40), steer), bin('-', num(40), steer)), wait0] },
    ]);
    const s = await runHeadless({ program: prog, arenaId: 'line-track', seed: 1, seconds: 45, keepTrace: true });
    // The loop: straights z = 0.5 and 1.5 for x in [0.8, 2.2], half circles of radius 0.5 round (0.8, 1) and (2.2, 1).
    const offTape = (x: number, z: number) => {
      if (x >= 0.8 && x <= 2.2) return Math.min(Math.abs(z - 0.5), Math.abs(z - 1.5));
      const cx = x < 0.8 ? 0.8 : 2.2;
      return Math.abs(Math.hypot(x - cx, z - 1) - 0.5);
    };
    const frames = s.trace!.frames;
    expect(frames.length).toBe(2250);
    // The camera sits 6 cm ahead of the centre, so the centre cuts curves a little: measure the camera's footprint.
    let worst = 0, leftTurns = 0, prevHeading = frames[0].robots[0].headingDeg;
    for (const f of frames) {
      const r = f.robots[0];
      const h = (r.headingDeg * Math.PI) / 180;
      worst = Math.max(worst, offTape(r.x + Math.sin(h) * 0.06, r.z - Math.cos(h) * 0.06));
      leftTurns += ((prevHeading - r.headingDeg + 540) % 360) - 180;
      prevHeading = r.headingDeg;
    }
    expect(worst).toBeLessThan(0.04);
    // A lap of the 5.9 m loop is 360° of left turning; 45 s at 40 % (16 cm/s) is about 7 m, more than a lap.
    expect(leftTurns).toBeGreaterThan(360);
  });

  it('turns until it sees the red cube, then drives up to it (a headless run of a camera program)', async () => {
    const x: Expr = read('robot.cameraBlobX', str('red'));
    const turnLeft = command('robot.setMotors', num(-20), num(20));
    const prog: Program = program([
      { kind: 'while', until: true, cond: read('robot.cameraSeesColour', str('red')), body: [turnLeft, wait0], blockId: 'search' },
      {
        kind: 'while', until: true, blockId: 'approach', cond: bin('<', read('robot.distanceCm'), num(6)),
        body: [
          { kind: 'set', name: 'steer', value: bin('*', bin('-', x, num(160)), num(0.15)), blockId: 's' },
          {
            kind: 'if', blockId: 'seen', else: [command('robot.setMotors', num(25), num(25))],
            branches: [{ cond: read('robot.cameraSeesColour', str('red')), body: [command('robot.setMotors', bin('+', num(25), { kind: 'var', name: 'steer', blockId: '' }), bin('-', num(25), { kind: 'var', name: 'steer', blockId: '' }))] }],
          },
          wait0,
        ],
      },
      command('robot.stopMotors'),
    ]);
    prog.variables.push('steer');
    const run = () => runHeadless({ program: prog, arenaId: 'sorting-table', seed: 3, seconds: 20 });
    const s = await run();
    expect(s.events.filter((e) => e.type === 'error')).toEqual([]);
    const r = s.robots[0];
    // The nearest red cube to the left is cube-red-1 (starts at 0.5, 0.8); the robot ends in front of it, facing it
    // (centre 7.5 cm behind the bumper, which stops ~6 cm short of a 5 cm cube: about 16 cm centre to centre).
    const cube = s.props.find((p) => p.id === 'cube-red-1')!;
    expect(Math.hypot(cube.x - 0.5, cube.z - 0.8)).toBeLessThan(0.05);
    expect(Math.hypot(r.x - cube.x, r.z - cube.z)).toBeLessThan(0.2);
    const bearing = (Math.atan2(cube.x - r.x, -(cube.z - r.z)) * 180) / Math.PI;
    expect(Math.abs(((bearing - r.headingDeg + 540) % 360) - 180)).toBeLessThan(10);
    expect(s.simSeconds).toBeLessThan(20);
    expect((await run()).stateHash).toBe(s.stateHash);
  });
});

function frameArena(id: string): Arena {
  const w = new SimWorld({ arena: id, seed: 1, trace: false });
  const a = w.arena;
  w.free();
  return a;
}
