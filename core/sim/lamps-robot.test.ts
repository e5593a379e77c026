/** The virtual robot's light sensor in the light-room arena: it sees the lamp it faces, through the real sim. */
import { beforeAll, describe, expect, it } from 'vitest';
import { runUntil } from './testing/stepping';
import { initPhysics, SimWorld } from './world';

beforeAll(() => initPhysics());

describe('robot light sensor and lamps', () => {
  it('reads dim facing away from the lamp, brighter when turned towards it, and brighter still close to it', () => {
    const world = new SimWorld({ arena: 'light-room', seed: 1 });
    const robot = world.robots[0];
    // Start: facing north, the lamp 1.7 m away at 45° to the right.
    runUntil(world, robot.turnDeg(180, 40));
    const away = robot.readings().lightPercent;
    runUntil(world, robot.turnDeg(-135, 40));
    const facing = robot.readings().lightPercent;
    runUntil(world, robot.driveCm(110, 40));
    const close = robot.readings().lightPercent;
    // Ambient 10 % ± 1 % noise facing away; about 31 % facing the lamp 1.7 m away; about 73 % facing it 60 cm away.
    expect(away).toBeLessThan(12);
    expect(facing).toBeGreaterThan(27);
    expect(close).toBeGreaterThan(68);
    expect(robot.wallContact).toBe(false);
    world.free();
  });

  it('leaves arenas without lamps exactly as before: the ambient level only', () => {
    const world = new SimWorld({ arena: 'open-floor', seed: 1 });
    const robot = world.robots[0];
    runUntil(world, robot.turnDeg(45, 40));
    // open-floor is 70 % ambient, the robot 40 cm from the south wall (no shade), ± 1 % noise.
    expect(Math.abs(robot.readings().lightPercent - 70)).toBeLessThanOrEqual(1);
    world.free();
  });
});
