import { beforeAll, describe, expect, it } from 'vitest';
import { runUntil, steps } from './testing/stepping';
import { initPhysics, SimWorld } from './world';

beforeAll(() => initPhysics());

const simEvents = (world: SimWorld) => world.trace.events.flatMap((e) => (e.source === 'sim' ? [e.event] : []));

describe('virtual drone', () => {
  it('takes off to about 80 cm and lands again', () => {
    const world = new SimWorld({ arena: 'drone-rings', seed: 1, kit: 'drone' });
    const drone = world.drones[0];
    const ticks = runUntil(world, drone.takeoff());
    expect(ticks).toBeLessThan(250);
    expect(drone.flying).toBe(true);
    expect(Math.abs(drone.readings().heightCm - 80)).toBeLessThanOrEqual(2);
    runUntil(world, drone.land());
    expect(drone.flying).toBe(false);
    expect(drone.readings().heightCm).toBe(0);
    world.free();
  });

  it('moves forward, right and up by the asked distance relative to its heading', () => {
    const world = new SimWorld({ arena: 'drone-rings', seed: 1, kit: 'drone' });
    const drone = world.drones[0];
    runUntil(world, drone.takeoff());
    const { x, z } = drone;
    runUntil(world, drone.move('forward', 100));
    expect(z - drone.z).toBeCloseTo(1, 1);
    runUntil(world, drone.rotateDeg(90));
    expect(Math.abs(drone.readings().yawDeg - 90)).toBeLessThan(1);
    runUntil(world, drone.move('forward', 50));
    expect(drone.x - x).toBeCloseTo(0.5, 1);
    runUntil(world, drone.move('right', 30));
    expect(z - 1 + 0.3 - drone.z).toBeCloseTo(0, 1);
    runUntil(world, drone.move('up', 40));
    expect(Math.abs(drone.readings().heightCm - 120)).toBeLessThanOrEqual(2);
    world.free();
  });

  it('refuses to move before take-off and says why', () => {
    const world = new SimWorld({ arena: 'drone-rings', seed: 1, kit: 'drone' });
    const c = world.drones[0].move('forward', 100);
    expect(c.isDone()).toBe(true);
    expect(simEvents(world)).toContainEqual(expect.objectContaining({ type: 'droneRefused', reason: 'notFlying' }));
    world.free();
  });

  it('lands by itself after 15 s without a command, not before', () => {
    const world = new SimWorld({ arena: 'drone-rings', seed: 1, kit: 'drone' });
    const drone = world.drones[0];
    runUntil(world, drone.takeoff());
    // The take-off command was issued at t = 0: hover until t = 14.98 s.
    steps(world, (14_980 - world.timeMs) / 20);
    expect(world.timeMs).toBe(14_980);
    expect(drone.flying).toBe(true);
    expect(simEvents(world).some((e) => e.type === 'droneAutoLand')).toBe(false);
    steps(world, 200);
    expect(drone.flying).toBe(false);
    const auto = simEvents(world).find((e) => e.type === 'droneAutoLand');
    expect(auto).toMatchObject({ reason: 'idle' });
    // 15 s after the take-off command (issued at t = 0).
    expect(auto!.timeMs).toBe(15_000);
    world.free();
  });

  it('flies through the rings of drone-rings and records them in the order passed', () => {
    const world = new SimWorld({ arena: 'drone-rings', seed: 3, kit: 'drone' });
    const d = world.drones[0];
    runUntil(world, d.takeoff());
    runUntil(world, d.move('up', 20));
    runUntil(world, d.move('forward', 200)); // through ring-1 at z = 2.0
    runUntil(world, d.move('forward', 40));
    runUntil(world, d.rotateDeg(90));
    runUntil(world, d.move('forward', 200)); // through ring-2 at x = 2.5
    runUntil(world, d.move('up', 20));
    runUntil(world, d.move('forward', 150)); // through ring-3 at x = 4.0
    expect(d.ringsPassed).toEqual(['ring-1', 'ring-2', 'ring-3']);
    expect(world.snapshot().drones[0].ringsPassed).toEqual(['ring-1', 'ring-2', 'ring-3']);
    expect(simEvents(world).filter((e) => e.type === 'ringPassed').map((e) => (e as { order: number }).order)).toEqual([1, 2, 3]);
    runUntil(world, d.move('forward', 50));
    runUntil(world, d.land());
    expect(world.trace.frames.at(-1)!.drones[0].zones).toContain('landing-pad');
    world.free();
  });

  it('does not count a ring flown beside', () => {
    const world = new SimWorld({ arena: 'drone-rings', seed: 3, kit: 'drone' });
    const d = world.drones[0];
    runUntil(world, d.takeoff());
    runUntil(world, d.move('right', 60));
    runUntil(world, d.move('forward', 200));
    expect(d.ringsPassed).toEqual([]);
    world.free();
  });

  it('drains the battery while flying and flips in about a second', () => {
    const world = new SimWorld({ arena: 'drone-rings', seed: 1, kit: 'drone' });
    const d = world.drones[0];
    runUntil(world, d.takeoff());
    const ticks = runUntil(world, d.flip('forward'));
    expect(ticks).toBeGreaterThanOrEqual(49);
    expect(ticks).toBeLessThanOrEqual(51);
    steps(world, 500);
    expect(d.readings().batteryPercent).toBeLessThan(100);
    expect(d.readings().batteryPercent).toBeGreaterThan(90);
    world.free();
  });

  it('falls at once on emergency', () => {
    const world = new SimWorld({ arena: 'drone-rings', seed: 1, kit: 'drone' });
    const d = world.drones[0];
    runUntil(world, d.takeoff());
    d.emergency();
    steps(world, 30);
    expect(d.flying).toBe(false);
    expect(d.y).toBe(0);
    world.free();
  });
});

describe('virtual sensor kit', () => {
  it('reads the on-screen inputs and the arena light, with temperature near 22 °C', () => {
    const world = new SimWorld({ arena: 'open-floor', seed: 5, kit: 'sensorkit' });
    const kit = world.kit!;
    const set = world.deviceSets[0];
    expect(set.robot).toBeNull();
    set.sample();
    expect(Math.abs(kit.readings().lightPercent - 70)).toBeLessThanOrEqual(1);
    expect(Math.abs(kit.readings().temperatureC - 22)).toBeLessThanOrEqual(1);
    kit.setInput('knobPercent', 42);
    kit.setInput('motion', true);
    kit.setInput('temperatureC', 30);
    kit.setInput('lightPercent', 10);
    steps(world, 1);
    set.sample();
    steps(world, 1);
    set.sample();
    expect(kit.readings()).toMatchObject({ knobPercent: 42, motion: true, lightPercent: 10 });
    expect(Math.abs(kit.readings().temperatureC - 30)).toBeLessThanOrEqual(0.2);
    kit.setInput('temperatureC', null);
    steps(world, 1);
    set.sample();
    expect(Math.abs(kit.readings().temperatureC - 22)).toBeLessThanOrEqual(1);
    world.free();
  });

  it('drifts temperature and humidity slowly and within bounds over ten minutes', () => {
    const world = new SimWorld({ arena: 'open-floor', seed: 9, kit: 'sensorkit' });
    const kit = world.kit!;
    let minT = Infinity, maxT = -Infinity;
    for (let i = 0; i < 30_000; i++) {
      world.deviceSets[0].sample();
      world.step();
      minT = Math.min(minT, kit.readings().temperatureC);
      maxT = Math.max(maxT, kit.readings().temperatureC);
    }
    expect(minT).toBeGreaterThanOrEqual(21);
    expect(maxT).toBeLessThanOrEqual(23);
    expect(maxT - minT).toBeGreaterThan(0);
    world.free();
  });
});
