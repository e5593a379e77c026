/**
 * Live mode with the AI-lab sensor kit: the host's server on loopback WebSocket, the `ailab:` connector, and our
 * sensor-kit firmware (firmware/ailab-kit, built with avr-gcc) in avr8js inside the virtual kit behind a real socat
 * pty. The same `ailab:` address as the robot: the banner makes it a sensor kit. examples/sensor-alarm.ailab runs on
 * it: the LED is red above 30 °C and green below, seen on the chip's pins as the test warms and cools the NTC.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startEmulatedKit, type EmulatedKit } from '../../firmware-bridge/emulator/emulated-kit';
import { until } from '../../firmware-bridge/tello/test-support';
import { readProjectFile } from './project-file';
import { startServer, type RunningServer } from '../server/start-server';

type Frame = Record<string, any>;
const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
let dataDir: string;
let server: RunningServer;
let kit: EmulatedKit;
let ws: WebSocket;
const inbox: Frame[] = [];
let seq = 1;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ailab-live-kit-'));
  kit = await startEmulatedKit();
  server = await startServer({ port: 0, dataDir, log: () => undefined });
  ws = new WebSocket(`${server.url.replace('http', 'ws')}api/ws`);
  ws.on('message', (data) => inbox.push(JSON.parse(String(data)) as Frame));
  await new Promise<void>((done, reject) => {
    ws.once('open', () => done());
    ws.once('error', reject);
  });
}, 60_000);
afterAll(async () => {
  ws?.close();
  await server?.close();
  await kit?.stop();
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
const lastReadings = () => inbox.filter((f) => f.event === 'device.readings').at(-1)?.payload.values as Record<string, number | boolean> | undefined;

describe('live mode on the AI-lab sensor kit (our kit firmware in avr8js over a pty)', { timeout: 120_000 }, () => {
  it('ailab: finds a sensor kit by its banner, streams calibrated readings, and runs the temperature alarm on it', async () => {
    kit.board.set({ temperatureVolts: 2.0, knobVolts: 5 }); // NTC ≈ 34.6 °C: warm
    const reply = await call('device.connect', { spec: `ailab:${kit.path}`, language: 'en' });
    expect(reply).toMatchObject({ ok: true, result: { state: 'connected', kit: 'sensorkit' } });
    expect(reply.result.label).toBe(`AI-lab sensor kit 1.0.0 · uno · ${kit.path}`);
    await until(() => Number(lastReadings()?.['kit.temperatureC']) > 34 && lastReadings()?.['kit.knobPercent'] === 100, 30_000, 'calibrated readings in the panel');

    const project = await readProjectFile(join(ROOT, 'examples', 'sensor-alarm.ailab'));
    expect(project.target).toBe('sensorkit');
    expect((await call('live.run', { project, language: 'en' })).ok).toBe(true);
    await until(() => kit.board.led().r === 255 && kit.board.led().g === 0, 30_000, 'red alarm LED on the chip');
    kit.board.set({ temperatureVolts: 2.5 }); // 25 °C
    await until(() => kit.board.led().g === 255 && kit.board.led().r === 0, 30_000, 'green LED on the chip');
    expect(await call('live.stop', {})).toMatchObject({ ok: true, result: { stopped: true } });
  });

  it('unplugged: the panel shows lost within a second and the kit turns its LED off; plugged back: connected by itself', async () => {
    await until(() => kit.board.led().g === 255, 5000, 'LED still lit from the run');
    const pulledAt = Date.now();
    await kit.bridge.unplug();
    await until(() => statuses().some((s) => s.state === 'lost'), 10_000, 'lost');
    expect(Date.now() - pulledAt).toBeLessThan(1000);
    expect(statuses().find((s) => s.state === 'lost')!.error.en).toContain('was unplugged');
    await until(() => kit.board.led().g === 0, 2000, 'LED off by the board watchdog');
    await kit.bridge.plugIn();
    await until(() => statuses().at(-1)?.state === 'connected', 30_000, 'connected again');
    expect(statuses().at(-1)).toMatchObject({ phase: 'ready', error: null, kit: 'sensorkit' });
    await call('device.disconnect', {});
  });
});
