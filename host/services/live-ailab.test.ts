/**
 * Live mode with the AI-lab robot: the host's server on loopback WebSocket, the `ailab:` connector, and our robot
 * firmware running in avr8js inside the virtual kit behind a real socat pty. Unplugging (killing the pty) shows `lost`
 * in the panel; plugging back in shows `connected` again without the user reconnecting.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { newProject, type Project } from '../../core/contracts/project';
import { startEmulatedRobot, type EmulatedRobot } from '../../firmware-bridge/emulator/emulated-robot';
import { until } from '../../firmware-bridge/tello/test-support';
import { startServer, type RunningServer } from '../server/start-server';

type Frame = Record<string, any>;
let dataDir: string;
let server: RunningServer;
let robot: EmulatedRobot;
let ws: WebSocket;
const inbox: Frame[] = [];
let seq = 1;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ailab-live-robot-'));
  robot = await startEmulatedRobot();
  server = await startServer({ port: 0, dataDir, log: () => undefined });
  ws = new WebSocket(`${server.url.replace('http', 'ws')}api/ws`);
  ws.on('message', (data) => inbox.push(JSON.parse(String(data)) as Frame));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
});
afterAll(async () => {
  ws?.close();
  await server?.close();
  await robot?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function call(method: string, params: unknown): Promise<Frame> {
  const id = seq++;
  ws.send(JSON.stringify({ id, method, params }));
  let found: Frame | undefined;
  await until(() => (found = inbox.find((m) => m.id === id)) !== undefined, 30_000, `answer to ${method}`);
  return found!;
}
const statuses = () => inbox.filter((f) => f.event === 'device.statusChanged').map((f) => f.payload as Frame);
/** The link phases the panel was shown, from status `from` on, without repeats (reconnect attempts repeat). */
const phasesSeen = (from = 0) =>
  statuses()
    .slice(from)
    .map((s) => s.phase as string)
    .filter((p, i, all) => p !== undefined && p !== null && p !== all[i - 1]);
const num = (n: number) => ({ shadow: { type: 'math_number', fields: { NUM: n } } });

/** set motors 60 % / 60 %, then spin. */
function spinningCar(): Project {
  const project = newProject('robot', new Date().toISOString(), '0.1.0', 'spin');
  return {
    ...project,
    workspace: {
      blocks: {
        languageVersion: 0,
        blocks: [
          {
            type: 'event_when_started',
            id: 'hat',
            x: 0,
            y: 0,
            next: { block: { type: 'robot_set_motors', id: 'motors', inputs: { LEFT: num(60), RIGHT: num(60) }, next: { block: { type: 'control_forever', id: 'loop' } } } },
          },
        ],
      },
    },
  };
}

describe('live mode on the AI-lab robot (our firmware in avr8js over a pty)', { timeout: 120_000 }, () => {
  it('connects, streams the kit sensors, runs, and Stop sets the motors to 0 on the chip', async () => {
    robot.board.set({ distanceMm: 420 });
    const reply = await call('device.connect', { spec: `ailab:${robot.path}`, language: 'en' });
    expect(reply).toMatchObject({ ok: true, result: { state: 'connected', kit: 'robot' } });
    expect(reply.result.label).toBe(`AI-lab robot 1.0.0 · uno · ${robot.path}`);
    // The connection's state machine reaches the panel as it goes: connecting → handshake → ready.
    expect(phasesSeen()).toEqual(['connecting', 'handshake', 'ready']);
    expect(reply.result.phase).toBe('ready');
    await until(() => inbox.some((f) => f.event === 'device.readings' && Math.abs(f.payload.values['robot.distanceCm'] - 42) < 1), 30_000, 'distance reading');

    expect((await call('live.run', { project: spinningCar(), language: 'en' })).ok).toBe(true);
    await until(() => robot.board.motors().left === 60 && robot.board.motors().right === 60, 30_000, 'motors at 60 %');
    expect(await call('live.stop', {})).toMatchObject({ ok: true, result: { stopped: true } });
    await until(() => robot.board.motors().left === 0 && robot.board.motors().right === 0, 30_000, 'motors 0 on the chip');
  });

  it('unplugged: the panel shows lost with the unplug message; plugged back in: connected again by itself', async () => {
    const before = statuses().length;
    await robot.bridge.unplug();
    await until(() => statuses().some((s) => s.state === 'lost'), 10_000, 'lost');
    expect(statuses().find((s) => s.state === 'lost')!.error.en).toContain('was unplugged');
    // While the cable is out the panel says it is trying again, and counts the tries.
    await until(() => statuses().some((s) => s.state === 'lost' && s.phase === 'reconnecting' && s.attempt >= 2), 10_000, 'reconnecting, attempt 2');
    await robot.bridge.plugIn();
    await until(() => statuses().at(-1)?.state === 'connected', 30_000, 'connected again');
    // lost → reconnecting → … → handshake → ready, as the issue names the states.
    const phases = phasesSeen(before);
    expect(phases.slice(0, 2)).toEqual(['lost', 'reconnecting']);
    expect(phases.slice(-2)).toEqual(['handshake', 'ready']);
    expect(statuses().at(-1)).toMatchObject({ phase: 'ready', error: null });
    expect((await call('live.run', { project: spinningCar(), language: 'en' })).ok).toBe(true);
    await until(() => robot.board.motors().left === 60, 30_000, 'motors at 60 % after the reconnect');
    await call('live.stop', {});
    await call('device.disconnect', {});
  });
});
