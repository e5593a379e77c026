import { beforeAll, describe, expect, it } from 'vitest';
import type { Program } from '../program/ir';
import { runHeadless, UnknownArenaError } from './headless';
import { SimSession } from './session';
import { command, lineFollowProgram, num, program, read, str } from './testing/programs';
import { initPhysics } from './world';

beforeAll(() => initPhysics());

describe('sim session (world + interpreter)', () => {
  it('runs a drive-and-turn program: the robot ends 30 cm ahead, turned 90°', async () => {
    const p = program([command('robot.driveCm', num(30), num(50)), command('robot.turnDeg', num(90), num(50))]);
    const s = await runHeadless({ program: p, arenaId: 'open-floor', seed: 1, seconds: 10 });
    expect(s.stopReason).toBe('finished');
    expect(s.robots[0].x).toBeCloseTo(1, 2);
    expect(Math.abs(1.6 - s.robots[0].z - 0.3)).toBeLessThan(0.01);
    expect(Math.abs(s.robots[0].headingDeg - 90)).toBeLessThan(2);
    // Ends as soon as the program has ended and the robot is still, not at the 10 s limit.
    expect(s.simSeconds).toBeLessThan(3);
    expect(s.ticks).toBe(s.simSeconds * 50);
  });

  it('follows the line track for 30 s without losing the line', async () => {
    const s = await runHeadless({ program: lineFollowProgram(), arenaId: 'line-track', seed: 2, seconds: 30, keepTrace: true });
    expect(s.stopReason).toBe('timeLimit');
    const frames = s.trace!.frames;
    expect(frames).toHaveLength(1500);
    expect(frames.filter((f) => !f.robots[0].line[0] && !f.robots[0].line[1]).length).toBeLessThan(15);
    // It went round: it reached the far (west) end of the loop.
    expect(Math.min(...frames.map((f) => f.robots[0].x))).toBeLessThan(0.5);
  });

  it('stop halts the program at once and stops the motors', async () => {
    const s = await SimSession.create({ program: program([command('robot.setMotors', num(80), num(80)), { kind: 'wait', seconds: num(60), blockId: 'w' }]), arenaId: 'open-floor', seed: 1 });
    s.start();
    s.runTicks(20);
    expect(s.world.robots[0].leftPercent).toBe(80);
    s.stop();
    s.tick();
    const z = s.world.robots[0].z;
    s.runTicks(10);
    expect(s.world.robots[0].z).toBeCloseTo(z, 4);
    expect(s.state).toBe('stopped');
    expect(s.interpreters[0].state).toBe('stopped');
    s.dispose();
  });

  it('pause freezes the world and the program; resume carries on', async () => {
    const s = await SimSession.create({ program: program([command('robot.setMotors', num(50), num(50)), { kind: 'wait', seconds: num(60), blockId: 'w' }]), arenaId: 'open-floor', seed: 1 });
    s.start();
    s.runTicks(10);
    s.pause();
    const z = s.world.robots[0].z;
    const t = s.timeMs;
    s.runTicks(10);
    expect(s.timeMs).toBe(t);
    expect(s.world.robots[0].z).toBe(z);
    s.resume();
    s.runTicks(10);
    expect(s.world.robots[0].z).toBeLessThan(z);
    s.dispose();
  });

  it('a held button fires the "when button pressed" script', async () => {
    const p: Program = {
      irVersion: 1, target: 'robot', variables: [], procedures: [],
      scripts: [{ blockId: 'hat', trigger: { kind: 'button', button: 'A' }, body: [command('robot.setLed', str('#00ff00'))] }],
    };
    const s = await SimSession.create({ program: p, arenaId: 'open-floor', seed: 1 });
    s.start();
    s.runTicks(3);
    expect(s.snapshot().robots[0].ledColour).toBe('#000000');
    s.setButton(0, 'A', true);
    s.runTicks(2);
    expect(s.snapshot().robots[0].ledColour).toBe('#00ff00');
    s.dispose();
  });

  it('each of four robots runs its own copy of the program', async () => {
    const s = await runHeadless({ program: program([command('robot.driveCm', num(20), num(50))]), arenaId: 'open-floor', seed: 1, seconds: 5, robotCount: 4 });
    expect(s.robots).toHaveLength(4);
    expect(s.events.filter((e) => e.type === 'stopped')).toHaveLength(4);
    // Robots 1, 2, 3 start facing north (z decreases); robot 4 faces south.
    expect(s.robots[0].z).toBeCloseTo(1.4, 2);
    expect(s.robots[3].z).toBeCloseTo(0.6, 2);
  });

  it('logs, errors and drone ring passes reach the run summary', async () => {
    const p = program([
      { kind: 'log', value: read('robot.distanceCm'), blockId: 'log1' },
      { kind: 'log', value: { kind: 'binary', op: '/', left: num(1), right: num(0), blockId: 'div' }, blockId: 'log2' },
    ]);
    const s = await runHeadless({ program: p, arenaId: 'open-floor', seed: 1, seconds: 2 });
    expect(s.events[0]).toMatchObject({ type: 'log', agent: 0, blockId: 'log1' });
    expect(s.events.find((e) => e.type === 'error')).toMatchObject({ error: { blockId: 'div', code: 'divisionByZero' } });
    expect(s.stopReason).toBe('error');

    const flight = program([
      command('drone.takeoff'), command('drone.move', str('up'), num(20)), command('drone.move', str('forward'), num(200)),
      command('drone.land'),
    ], 'drone');
    const f = await runHeadless({ program: flight, arenaId: 'drone-rings', seed: 1, seconds: 30 });
    expect(f.drones[0].ringsPassed).toEqual(['ring-1']);
    expect(f.drones[0].flying).toBe(false);
    const ring = f.events.find((e) => e.type === 'sim' && e.event.type === 'ringPassed');
    expect(ring).toMatchObject({ message: { en: 'Drone 1 flew through ring ring-1 (ring 1)' } });
  });

  it('refuses an unknown arena with a message in both languages', async () => {
    await expect(runHeadless({ program: lineFollowProgram(), arenaId: 'moon', seed: 1, seconds: 1 })).rejects.toBeInstanceOf(UnknownArenaError);
    const err = await runHeadless({ program: lineFollowProgram(), arenaId: 'moon', seed: 1, seconds: 1 }).catch((e: UnknownArenaError) => e);
    expect((err as UnknownArenaError).localized['zh-CN']).toContain('moon');
    expect((err as UnknownArenaError).localized.en).toContain('line-track');
  });
});

describe('lesson-unit arenas', () => {
  it('runs on arena data a unit brings instead of a built-in id', async () => {
    const base = (await import('./arenas/index')).arenaById('open-floor')!;
    const unitArena = { ...base, id: 'unit-1-corridor', walls: [...base.walls, { x: 1, z: 1.0, w: 2, d: 0.05, h: 0.2 }] };
    const p = program([command('robot.driveCm', num(100), num(100))]);
    const s = await runHeadless({ program: p, arenaId: unitArena.id, arena: unitArena, seed: 1, seconds: 10, keepTrace: true });
    // The extra wall across the floor at z = 1.0 (face at 1.025) stops the robot 7.5 cm short of it.
    expect(s.robots[0].z).toBeGreaterThan(1.09);
    expect(s.robots[0].z).toBeLessThan(1.11);
    expect(s.trace!.frames.at(-1)!.robots[0].wallContact).toBe(true);
  });
});
