/**
 * Live mode with a Firmata robot car: the host's server on loopback WebSocket, the Firmata connector, and the real
 * StandardFirmata running in avr8js behind a socat pty (`firmata:<pty path>`). The big Stop must set the motors to 0
 * on the chip while the program spins.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { newProject, type Project } from '../../core/contracts/project';
import { startEmulatedFirmata, type EmulatedFirmata } from '../../firmware-bridge/firmata/emulated-firmata';
import { until } from '../../firmware-bridge/tello/test-support';
import { startServer, type RunningServer } from '../server/start-server';

type Frame = Record<string, any>;
let dataDir: string;
let server: RunningServer;
let board: EmulatedFirmata;
let ws: WebSocket;
const inbox: Frame[] = [];
let seq = 1;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ailab-live-firmata-'));
  board = await startEmulatedFirmata();
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
  await board?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function call(method: string, params: unknown): Promise<Frame> {
  const id = seq++;
  ws.send(JSON.stringify({ id, method, params }));
  let found: Frame | undefined;
  await until(() => (found = inbox.find((m) => m.id === id)) !== undefined, 15_000, `answer to ${method}`);
  return found!;
}
const events = (name: string) => inbox.filter((f) => f.event === name).map((f) => f.payload as Frame);
const num = (n: number) => ({ shadow: { type: 'math_number', fields: { NUM: n } } });

/** set motors 80 % / 80 %, then `forever { change n by 1 }` with no wait. */
function spinningCar(): Project {
  const project = newProject('robot', new Date().toISOString(), '0.1.0', 'spin');
  return {
    ...project,
    workspace: {
      blocks: {
        languageVersion: 0,
        blocks: [{
          type: 'event_when_started', id: 'hat', x: 0, y: 0,
          next: { block: { type: 'robot_set_motors', id: 'motors', inputs: { LEFT: num(80), RIGHT: num(80) }, next: { block: { type: 'control_forever', id: 'loop', inputs: { DO: { block: { type: 'math_change', id: 'inc', fields: { VAR: { id: 'n' } }, inputs: { DELTA: num(1) } } } } } } } },
        }],
      },
      variables: [{ name: 'n', id: 'n' }],
    },
  };
}

describe('live mode on a Firmata car (StandardFirmata in avr8js over a pty)', () => {
  it('lists the wiring profiles in both languages', async () => {
    const profiles = (await call('device.profiles', {})).result as Frame[];
    expect(profiles.map((p) => p.id)).toContain('uno-car-l298n');
    expect(profiles.find((p) => p.id === 'uno-sensor-kit')?.name['zh-CN']).toContain('传感器套件');
  });

  it('connects with a profile, streams the car sensors, runs, and Stop sets the motors to 0 while the program spins', async () => {
    board.runner.setAnalog(0, 1.0); // IR distance ≈ 28 cm
    const reply = await call('device.connect', { spec: `firmata:${board.path}`, profileId: 'uno-car-l298n', language: 'en' });
    expect(reply).toMatchObject({ ok: true, result: { state: 'connected', kit: 'robot', profileId: 'uno-car-l298n' } });
    expect(reply.result.label).toMatch(/^Arduino Uno · StandardFirmata\.ino 2\.\d+ · /);
    await until(() => events('device.readings').some((r) => r.values['robot.distanceCm'] > 20 && r.values['robot.distanceCm'] < 35), 3000, 'distance reading');

    expect((await call('live.run', { project: spinningCar(), language: 'en' })).ok).toBe(true);
    await until(() => Math.abs(board.runner.pwmDuty(5) - 0.8) < 0.02 && Math.abs(board.runner.pwmDuty(6) - 0.8) < 0.02, 3000, 'motors at 80 %');
    const stop = await call('live.stop', {});
    expect(stop).toMatchObject({ ok: true, result: { stopped: true } });
    await until(() => board.runner.pwmDuty(5) === 0 && board.runner.pwmDuty(6) === 0, 1000, 'motors 0 on the chip');
    expect(events('live.event').find((e) => e.type === 'stopped')).toMatchObject({ reason: 'user' });
  });

  it('a drone project on the car is refused; the serial monitor may not take the port the car holds', async () => {
    const drone = newProject('drone', new Date().toISOString(), '0.1.0', 'fly');
    expect(await call('live.run', { project: drone, language: 'en' })).toMatchObject({ ok: false, error: { code: 'liveKitMismatch' } });
    const serial = await call('serial.open', { path: board.path, baudRate: 57600, language: 'en' });
    expect(serial).toMatchObject({ ok: false, error: { code: 'serialFailed' } });
    expect(serial.error.message).toMatch(/Disconnect it first/);
  });

  it('unplugged mid-run: the program stops "disconnected" with the message, the panel retries; plugged back in: connected again by itself, and a run works', async () => {
    const statuses = () => events('device.statusChanged');
    const stoppedBefore = events('live.event').filter((e) => e.type === 'stopped').length;
    expect((await call('live.run', { project: spinningCar(), language: 'en' })).ok).toBe(true);
    await until(() => Math.abs(board.runner.pwmDuty(5) - 0.8) < 0.02, 3000, 'motors at 80 %');
    const before = statuses().length;
    await board.bridge.unplug();
    await until(() => statuses().slice(before).some((s) => s.state === 'lost'), 3000, 'lost');
    expect(statuses().slice(before).find((s) => s.state === 'lost')!.error.en).toMatch(/Lost contact with the board/);
    await until(() => events('live.event').filter((e) => e.type === 'stopped').length > stoppedBefore, 3000, 'run stopped');
    expect(events('live.event').filter((e) => e.type === 'stopped').at(-1)).toMatchObject({ reason: 'disconnected' });
    // Firmata has no reconnect of its own: the service tries the same port and profile again, counting the tries.
    await until(() => statuses().some((s) => s.state === 'lost' && s.phase === 'reconnecting' && s.attempt >= 2), 10_000, 'reconnecting, attempt 2');
    expect(await call('live.run', { project: spinningCar(), language: 'en' })).toMatchObject({ ok: false, error: { code: 'deviceNotConnected' } });
    await board.bridge.plugIn();
    await until(() => statuses().at(-1)?.state === 'connected', 20_000, 'connected again');
    expect(statuses().at(-1)).toMatchObject({ phase: 'ready', error: null, profileId: 'uno-car-l298n', kit: 'robot' });
    expect((await call('live.run', { project: spinningCar(), language: 'en' })).ok).toBe(true);
    await until(() => Math.abs(board.runner.pwmDuty(5) - 0.8) < 0.02, 3000, 'motors at 80 % after the reconnect');
    await call('live.stop', {});
    await until(() => board.runner.pwmDuty(5) === 0, 1000, 'motors 0 on the chip');
  });

  it('after disconnecting, the serial monitor opens the same port and shows the raw Firmata bytes', async () => {
    await call('device.disconnect', {});
    const opened = await call('serial.open', { path: board.path, baudRate: 57600, language: 'en' });
    expect(opened).toMatchObject({ ok: true, result: { open: true } });
    // Ask StandardFirmata for its version (0xF9) through serial.write; it answers F9 02 0x.
    expect(await call('serial.write', { data: Buffer.from([0xf9]).toString('base64') })).toMatchObject({ ok: true, result: { written: 1 } });
    await until(() => Buffer.concat(events('serial.data').map((d) => Buffer.from(d.data, 'base64'))).includes(Buffer.from([0xf9, 0x02])), 3000, 'version reply');
    await call('serial.close', {});
  });
});
