import { describe, expect, it } from 'vitest';
import type { Program } from '../program/ir';
import type { Snapshot } from '../sim/snapshot';
import { parseSimRequest, parseSimResponse } from './sim-worker';

const program: Program = {
  irVersion: 1,
  target: 'robot',
  variables: ['n'],
  procedures: [],
  scripts: [{ blockId: 'b1', trigger: { kind: 'start' }, body: [{ kind: 'command', blockId: 'b2', op: 'robot.driveCm', args: [{ kind: 'num', blockId: '', value: 30 }, { kind: 'num', blockId: '', value: 50 }] }] }],
};

const snapshot: Snapshot = {
  timeMs: 40,
  tick: 2,
  robots: [{
    id: 'robot-1', position: [1, 0.03, 1], rotation: [0, 0, 0, 1], ledColour: '#ff0000', displayText: '你好', toneHz: 0,
    leftMotorPercent: 50, rightMotorPercent: 50, ultrasonic: { from: [1, 0.05, 0.9], to: [1, 0.05, 0], distanceCm: 90 },
    lineSensors: [false, true], colourUnder: 'white', headingDeg: 0, bumperPressed: false,
  }],
  drones: [],
  kit: null,
  props: [],
};

describe('sim worker messages', () => {
  it('a program built by the editor reaches the worker intact', () => {
    const r = parseSimRequest({ type: 'sim.load', program, arenaId: 'open-floor', seed: 7 });
    expect(r.ok).toBe(true);
    if (r.ok && r.request.type === 'sim.load') expect(r.request.program).toEqual(program);
  });

  it('a malformed request is refused with a reason instead of crashing the simulator', () => {
    for (const bad of [
      null,
      { type: 'sim.explode' },
      { type: 'sim.load', program: { ...program, irVersion: 2 }, arenaId: 'open-floor', seed: 1 },
      { type: 'sim.load', program, arenaId: '', seed: 1 },
      { type: 'sim.load', program, arenaId: 'x', seed: -1 },
      { type: 'sim.setSpeed', speed: 3 },
      { type: 'sim.pressButton', button: 'C' },
      { type: 'sim.setKitInput', name: 'pressure', value: 1 },
      { type: 'sim.setKitInput', name: 'temperature', value: Number.NaN },
      { type: 'sim.runFor', seconds: 0, requestId: 1 },
    ]) {
      const r = parseSimRequest(bad);
      expect(r.ok, JSON.stringify(bad)).toBe(false);
      if (!r.ok) expect(r.detail.length).toBeGreaterThan(0);
    }
  });

  it('only the four offered speeds are accepted', () => {
    for (const speed of [0.5, 1, 2, 4]) expect(parseSimRequest({ type: 'sim.setSpeed', speed }).ok).toBe(true);
  });

  it('snapshots and runtime events from the worker arrive as sent', () => {
    const s = parseSimResponse({ type: 'sim.snapshot', snapshot });
    expect(s).toEqual({ ok: true, response: { type: 'sim.snapshot', snapshot } });
    const ev = { type: 'sim.runtimeEvent', event: { type: 'command', timeMs: 0, blockId: 'b2', op: 'robot.driveCm', args: [30, 50] } };
    expect(parseSimResponse(ev)).toEqual({ ok: true, response: ev });
    const st = { type: 'sim.state', state: 'running', timeMs: 20, stateHash: 'abc123' };
    expect(parseSimResponse(st)).toEqual({ ok: true, response: st });
  });

  it('a snapshot with a broken pose is refused so the stage never draws garbage', () => {
    const broken = { ...snapshot, robots: [{ ...snapshot.robots[0], position: [1, 2] }] };
    expect(parseSimResponse({ type: 'sim.snapshot', snapshot: broken }).ok).toBe(false);
  });
});
