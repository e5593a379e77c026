/**
 * Live mode with a Tello through the serial radio dongle, over the host's real API: `ailab serve`'s server on
 * loopback HTTP/WebSocket with its default connectors, `device.connect` with `tello:<serial path>`, the driver over
 * serialport → socat pty → dongle emulator → UDP → virtual Tello (flights 20× faster). Only the USB cable is
 * simulated: unplugging kills socat.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { newProject, type Project } from '../../core/contracts/project';
import { startEmulatedDongle, type EmulatedDongle } from '../../firmware-bridge/tello/dongle-emulator';
import { freeUdpPort, until } from '../../firmware-bridge/tello/test-support';
import { startVirtualTello, type VirtualTello } from '../../firmware-bridge/tello/virtual-tello';
import { startServer, type RunningServer } from '../server/start-server';

type Frame = Record<string, any>;

let dataDir: string;
let server: RunningServer;
let tello: VirtualTello;
let dongle: EmulatedDongle;
let ws: WebSocket;
const inbox: Frame[] = [];

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ailab-live-dongle-'));
  const statePort = await freeUdpPort();
  tello = await startVirtualTello({ port: 0, statePort, timeScale: 0.05 });
  dongle = await startEmulatedDongle({ tello: { host: '127.0.0.1', port: tello.port }, statePort });
  // Default connectors: `tello:` picks UDP or the dongle by the address.
  server = await startServer({ port: 0, dataDir, log: () => undefined });
  inbox.length = 0;
  ws = new WebSocket(`${server.url.replace('http', 'ws')}api/ws`);
  ws.on('message', (data) => inbox.push(JSON.parse(String(data)) as Frame));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
});
afterEach(async () => {
  ws.close();
  await server.close();
  await dongle.close();
  await tello.close();
  rmSync(dataDir, { recursive: true, force: true });
});

let seq = 1;
async function call(method: string, params: unknown): Promise<Frame> {
  const id = seq++;
  ws.send(JSON.stringify({ id, method, params }));
  let found: Frame | undefined;
  await until(() => (found = inbox.find((m) => m.id === id)) !== undefined, 30_000, `answer to ${method}`);
  return found!;
}
const events = (name: string) => inbox.filter((f) => f.event === name).map((f) => f.payload as Frame);

/** take off, then `forever {}`: only Stop or a lost link ends it. */
function spinningDroneProject(): Project {
  const project = newProject('drone', new Date().toISOString(), '0.1.0', 'spin');
  return {
    ...project,
    workspace: { blocks: { languageVersion: 0, blocks: [{ type: 'event_when_started', id: 'hat', x: 0, y: 0, next: { block: { type: 'drone_takeoff', id: 'up', next: { block: { type: 'control_forever', id: 'loop' } } } } }] } },
  };
}

describe('live mode: Tello through the serial dongle', { timeout: 30_000 }, () => {
  it('connects by path, shows battery and height live, and a run flies; Stop lands through the dongle', async () => {
    const reply = await call('device.connect', { spec: `tello:${dongle.path}`, language: 'en' });
    expect(reply).toMatchObject({ ok: true, result: { state: 'connected', kit: 'drone', label: `Tello · ${dongle.path}` } });
    await until(() => events('device.readings').some((r) => r.values['drone.batteryPercent'] > 0), 3000, 'battery reading');

    expect((await call('live.run', { project: spinningDroneProject(), language: 'en' })).ok).toBe(true);
    await until(() => tello.status().flying, 3000, 'airborne');
    await until(() => events('device.readings').some((r) => r.values['drone.heightCm'] > 0), 3000, 'height shown');
    expect(await call('live.stop', { emergency: false })).toMatchObject({ ok: true, result: { stopped: true } });
    await until(() => !tello.status().flying, 3000, 'landed');
    expect(tello.status().received.at(-1)).toBe('land');
    expect(dongle.emulator.forwarded.at(-1)).toBe('land');
  });

  it('pulling the dongle mid-run: the run stops "disconnected" within 1 s and the panel shows the unplug message (zh-CN, the connect language)', async () => {
    await call('device.connect', { spec: `tello:${dongle.path}`, language: 'zh-CN' });
    await call('live.run', { project: spinningDroneProject(), language: 'zh-CN' });
    await until(() => tello.status().flying, 3000, 'airborne');
    const t0 = performance.now();
    await dongle.bridge.unplug();
    await until(() => events('live.event').some((e) => e.type === 'stopped'), 3000, 'run stopped');
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(events('live.event').find((e) => e.type === 'stopped')).toMatchObject({ reason: 'disconnected' });
    await until(() => events('device.statusChanged').some((s) => s.state === 'lost'), 2000, 'lost in the panel');
    const lost = events('device.statusChanged').find((s) => s.state === 'lost')!;
    expect(lost.error['zh-CN']).toContain('Tello 适配器被拔掉了');
  });

  it('the same port cannot be opened by the serial monitor while the dongle is connected', async () => {
    await call('device.connect', { spec: `tello:${dongle.path}`, language: 'en' });
    const open = await call('serial.open', { path: dongle.path, baudRate: 115200, language: 'en' });
    expect(open).toMatchObject({ ok: false, error: { code: 'serialFailed' } });
  });
});
