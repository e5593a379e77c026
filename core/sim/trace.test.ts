import { beforeAll, describe, expect, it } from 'vitest';
import { runHeadless } from './headless';
import { command, num, program } from './testing/programs';
import { initPhysics } from './world';

beforeAll(() => initPhysics());

describe('run trace for lesson checks', () => {
  it('records one frame per tick with pose, zones, wall contact and the commands the program sent', async () => {
    // Maze start: bottom-left cell, in the blue start zone, facing north; 2.2 m ahead is the north wall.
    const p = program([command('robot.setLed', { kind: 'colour', value: '#ff0000', blockId: 'c' }), command('robot.driveCm', num(250), num(100))]);
    const s = await runHeadless({ program: p, arenaId: 'maze', seed: 1, seconds: 12, keepTrace: true });
    const frames = s.trace!.frames;
    expect(frames).toHaveLength(s.ticks);
    expect(frames[0].timeMs).toBe(20);
    expect(frames[0].robots[0].zones).toEqual(['start']);
    expect(frames[0].robots[0].led).toBe('#ff0000');
    const last = frames.at(-1)!.robots[0];
    expect(last.zones).toEqual([]);
    expect(last.wallContact).toBe(true);
    expect(last.bumper).toBe(true);
    expect(last.distanceCm).toBeLessThanOrEqual(3);
    // The first frame that touches the wall comes after 2.2 m − 7.5 cm at 0.4 m/s ≈ 5.3 s.
    const firstContact = frames.find((f) => f.robots[0].wallContact)!;
    expect(firstContact.timeMs).toBeGreaterThan(5000);
    expect(firstContact.timeMs).toBeLessThan(5600);
    const commands = s.trace!.events.flatMap((e) => (e.source === 'runtime' && e.event.type === 'command' ? [e.event.op] : []));
    expect(commands).toEqual(['robot.setLed', 'robot.driveCm']);
    expect(s.trace!.events.some((e) => e.source === 'runtime' && e.event.type === 'highlight')).toBe(false);
  });
});

describe('trace limit', () => {
  it('stops keeping frames and events past the limit, says so, and still hashes every tick', async () => {
    const { SimWorld } = await import('./world');
    const limited = new SimWorld({ arena: 'open-floor', seed: 1, traceLimit: 100 });
    const full = new SimWorld({ arena: 'open-floor', seed: 1 });
    for (const w of [limited, full]) {
      w.robots[0].setMotors(20, 25);
      for (let i = 0; i < 300; i++) {
        w.deviceSets[0].sample();
        w.step();
      }
    }
    expect(limited.trace.frames).toHaveLength(100);
    expect(limited.trace.truncated).toBe(true);
    expect(full.trace.frames).toHaveLength(300);
    expect(full.trace.truncated).toBe(false);
    expect(limited.stateHash).toBe(full.stateHash);
    limited.free();
    full.free();
  });
});
