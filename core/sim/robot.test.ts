import { beforeAll, describe, expect, it } from 'vitest';
import { ARENAS } from './arenas/index';
import { runUntil, steps } from './testing/stepping';
import { initPhysics, SimWorld } from './world';

beforeAll(() => initPhysics());


describe('virtual robot car', () => {
  it('drives 30 cm forward and ends within 1 cm of 30 cm', () => {
    const world = new SimWorld({ arena: 'open-floor', seed: 1 });
    const robot = world.robots[0];
    const z0 = robot.z;
    const ticks = runUntil(world, robot.driveCm(30, 50));
    expect(Math.abs(z0 - robot.z - 0.3)).toBeLessThan(0.01);
    expect(Math.abs(robot.x - 1)).toBeLessThan(0.005);
    // 0.3 m at 0.2 m/s is 1.5 s = 75 ticks.
    expect(ticks).toBeGreaterThan(70);
    expect(ticks).toBeLessThan(85);
    world.free();
  });

  it('drives backwards when the distance is negative', () => {
    const world = new SimWorld({ arena: 'open-floor', seed: 1 });
    const robot = world.robots[0];
    const z0 = robot.z;
    runUntil(world, robot.driveCm(-20, 80));
    expect(robot.z - z0).toBeCloseTo(0.2, 2);
    world.free();
  });

  it('turns 90° clockwise within 2° and the gyro reads 90', () => {
    const world = new SimWorld({ arena: 'open-floor', seed: 1 });
    const robot = world.robots[0];
    runUntil(world, robot.turnDeg(90, 50));
    expect(Math.abs(robot.headingUnwrapped - 90)).toBeLessThan(2);
    expect(Math.abs(robot.readings().headingDeg - 90)).toBeLessThan(2);
    runUntil(world, robot.turnDeg(-180, 30));
    expect(Math.abs(robot.readings().headingDeg - 270)).toBeLessThan(2);
    world.free();
  });

  it('stops at a wall, reads the bumper pressed, and a drive into the wall still ends', () => {
    const world = new SimWorld({ arena: 'open-floor', seed: 1 });
    const robot = world.robots[0];
    // Start (1, 1.6) facing north; the north wall's face is at z = 0, so the front reaches it after 1.525 m.
    const drive = robot.driveCm(300, 100);
    runUntil(world, drive, 200);
    expect(drive.isDone()).toBe(false);
    expect(robot.z).toBeGreaterThan(0.074);
    expect(robot.z).toBeLessThan(0.08);
    expect(robot.readings().bumperPressed).toBe(true);
    expect(robot.readings().distanceCm).toBeLessThanOrEqual(3);
    expect(robot.wallContact).toBe(true);
    const ticks = runUntil(world, drive, 2000);
    expect(drive.isDone()).toBe(true);
    expect(ticks).toBeLessThan(1000);
    expect(world.trace.events.some((e) => e.source === 'sim' && e.event.type === 'actionTimedOut')).toBe(true);
    // Backing away releases the bumper.
    runUntil(world, robot.driveCm(-10, 50));
    expect(robot.readings().bumperPressed).toBe(false);
    world.free();
  });

  it('measures the distance to the wall ahead with the ultrasonic sensor (±1 cm)', () => {
    const world = new SimWorld({ arena: 'open-floor', seed: 7 });
    const robot = world.robots[0];
    world.deviceSets[0].sample();
    // Front face at z = 1.6 − 0.075; wall face at z = 0.
    expect(Math.abs(robot.readings().distanceCm - (160 - 7.5 - 0.1))).toBeLessThan(1);
    world.free();
  });

  it('sees the track with both line sensors at the line-track start and loses it when moved off', () => {
    const world = new SimWorld({ arena: 'line-track', seed: 1 });
    const robot = world.robots[0];
    world.deviceSets[0].sample();
    expect(robot.readings().lineSensors).toEqual([true, true]);
    expect(robot.readings().colourUnder).toBe('black');
    runUntil(world, robot.turnDeg(90, 50));
    runUntil(world, robot.driveCm(10, 50));
    expect(robot.readings().lineSensors).toEqual([false, false]);
    expect(robot.readings().colourUnder).toBe('white');
    world.free();
  });

  it('reads the colour of the zone under it', () => {
    const world = new SimWorld({ arena: 'maze', seed: 1 });
    world.deviceSets[0].sample();
    expect(world.robots[0].readings().colourUnder).toBe('blue');
    world.free();
  });

  it('pushes a sorting cube ahead of it', () => {
    const world = new SimWorld({ arena: 'sorting-table', seed: 1 });
    const robot = world.robots[0];
    // Start (1.0, 1.3) facing north; the green cube sits at (0.8, 0.8): line up under it and push it north.
    runUntil(world, robot.turnDeg(-90, 50));
    runUntil(world, robot.driveCm(20, 50));
    runUntil(world, robot.turnDeg(90, 50));
    const before = world.snapshot().props.find((p) => p.id === 'cube-green-1')!.position;
    runUntil(world, robot.driveCm(70, 40));
    steps(world, 50);
    const after = world.snapshot().props.find((p) => p.id === 'cube-green-1')!.position;
    expect(before[2] - after[2]).toBeGreaterThan(0.1);
    world.free();
  });

  it('shows LED colour, display text and buzzer tone in the snapshot; a tone lasts its beats', () => {
    const world = new SimWorld({ arena: 'open-floor', seed: 1 });
    const robot = world.robots[0];
    robot.setLed('#FF8800');
    robot.showText('你好 robot');
    const tone = robot.playTone(440, 1);
    steps(world, 1);
    let snap = world.snapshot().robots[0];
    expect(snap.ledColour).toBe('#ff8800');
    expect(snap.displayText).toBe('你好 robot');
    expect(snap.toneHz).toBe(440);
    const ticks = runUntil(world, tone);
    expect(ticks + 1).toBe(25); // one beat = 0.5 s = 25 ticks
    snap = world.snapshot().robots[0];
    expect(snap.toneHz).toBe(0);
    world.free();
  });

  it('reports buttons A and B as the UI holds them', () => {
    const world = new SimWorld({ arena: 'open-floor', seed: 1 });
    const robot = world.robots[0];
    robot.setButton('B', true);
    world.deviceSets[0].sample();
    expect(robot.readings().buttonA).toBe(false);
    expect(robot.readings().buttonB).toBe(true);
    world.free();
  });

  it('safe state stops the motors at once and ends a running drive', () => {
    const world = new SimWorld({ arena: 'open-floor', seed: 1 });
    const robot = world.robots[0];
    const drive = robot.driveCm(100, 100);
    steps(world, 10);
    world.deviceSets[0].safeState();
    expect(drive.isDone()).toBe(true);
    const z = robot.z;
    steps(world, 10);
    expect(robot.z).toBeCloseTo(z, 4);
    world.free();
  });

  it('places four robots on separate start poses that are not inside walls', () => {
    for (const arena of ARENAS.filter((a) => a.kits.includes('robot'))) {
      const world = new SimWorld({ arena, seed: 1, count: 4 });
      const seen = new Set<string>();
      for (const set of world.deviceSets) set.sample();
      for (const r of world.robots) {
        seen.add(`${r.x.toFixed(2)},${r.z.toFixed(2)}`);
        expect(r.x, arena.id).toBeGreaterThan(0.05);
        expect(r.x, arena.id).toBeLessThan(arena.width - 0.05);
        expect(r.wallContact, `${arena.id} ${r.id}`).toBe(false);
      }
      expect(seen.size, arena.id).toBe(4);
      world.free();
    }
  });
});
