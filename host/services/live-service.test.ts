/**
 * Live mode end to end over the real transport: `ailab serve`'s server on loopback HTTP/WebSocket, the host's live
 * service, the real Tello driver and the virtual Tello over UDP on 127.0.0.1. Nothing is mocked.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { newProject, type Project } from '../../core/contracts/project';
import { freeUdpPort, sleep, until } from '../../firmware-bridge/tello/test-support';
import { startVirtualTello, type VirtualTello } from '../../firmware-bridge/tello/virtual-tello';
import { startServer, type RunningServer } from '../server/start-server';
import { telloConnector } from './live-devices';

let dataDir: string;
let server: RunningServer;
let tello: VirtualTello;
let statePort: number;
let client: Awaited<ReturnType<typeof connect>>;

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ailab-live-'));
  statePort = await freeUdpPort();
  tello = await startVirtualTello({ port: 0, statePort, timeScale: 0.05 });
  server = await startServer({ port: 0, dataDir, log: () => undefined, deviceConnectors: { tello: telloConnector({ statePort }) } });
  client = await connect();
});
afterEach(async () => {
  client.ws.close();
  await server.close();
  await tello.close();
  rmSync(dataDir, { recursive: true, force: true });
});

type Frame = Record<string, any>;

async function connect() {
  const ws = new WebSocket(`${server.url.replace('http', 'ws')}api/ws`);
  const inbox: Frame[] = [];
  ws.on('message', (data) => inbox.push(JSON.parse(String(data)) as Frame));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let seq = 1;
  return {
    ws,
    inbox,
    events: (name: string) => inbox.filter((f) => f.event === name).map((f) => f.payload as Frame),
    async call(method: string, params: unknown): Promise<Frame> {
      const id = seq++;
      ws.send(JSON.stringify({ id, method, params }));
      let found: Frame | undefined;
      await until(() => (found = inbox.find((m) => m.id === id)) !== undefined, 30_000, `answer to ${method}`);
      return found!;
    },
  };
}

const num = (n: number) => ({ shadow: { type: 'math_number', fields: { NUM: n } } });

/** take off, then `forever { change n by 1 }` with no wait: a program that never yields on its own. */
function spinningDroneProject(): Project {
  const project = newProject('drone', new Date().toISOString(), '0.1.0', 'spin');
  return {
    ...project,
    workspace: {
      blocks: {
        languageVersion: 0,
        blocks: [{
          type: 'event_when_started', id: 'hat', x: 0, y: 0,
          next: { block: { type: 'drone_takeoff', id: 'takeoff', next: { block: { type: 'control_forever', id: 'loop', inputs: { DO: { block: { type: 'math_change', id: 'inc', fields: { VAR: { id: 'n' } }, inputs: { DELTA: num(1) } } } } } } } },
        }],
      },
      variables: [{ name: 'n', id: 'n' }],
    },
  };
}

describe('live mode over the host WebSocket (virtual Tello)', () => {
  it('connect shows the drone connected and streams its battery and height to the page', async () => {
    const reply = await client.call('device.connect', { spec: `tello:udp:127.0.0.1:${tello.port}`, language: 'en' });
    expect(reply.ok).toBe(true);
    expect(reply.result).toMatchObject({ state: 'connected', kit: 'drone', label: `Tello 127.0.0.1:${tello.port}`, run: 'idle' });
    await until(() => client.events('device.readings').some((r) => r.values['drone.batteryPercent'] > 0), 3000, 'battery reading');
    const last = client.events('device.readings').at(-1)!;
    expect(last.values).toMatchObject({ 'drone.heightCm': 0, 'drone.flying': false });
    // About READINGS_HZ (10) a second, not at the driver's raw rate.
    const before = client.events('device.readings').length;
    await sleep(1000);
    const perSecond = client.events('device.readings').length - before;
    expect(perSecond).toBeGreaterThanOrEqual(7);
    expect(perSecond).toBeLessThanOrEqual(12);
  });

  it('run → highlights and events reach the page; Stop lands the drone even while the program spins', async () => {
    await client.call('device.connect', { spec: `tello:udp:127.0.0.1:${tello.port}`, language: 'en' });
    const run = await client.call('live.run', { project: spinningDroneProject(), language: 'en' });
    expect(run.ok).toBe(true);
    await until(() => tello.status().flying, 3000, 'airborne');
    await until(() => client.events('device.readings').some((r) => r.values['drone.heightCm'] > 0), 3000, 'height shown');
    const highlights = client.events('live.event').filter((e) => e.type === 'highlight');
    expect(highlights.some((h) => h.blockIds.includes('inc'))).toBe(true);
    // Highlights are sent on change only: the spinning loop does not flood the socket.
    expect(highlights.length).toBeLessThan(20);
    expect(client.events('device.statusChanged').at(-1)).toMatchObject({ run: 'running' });

    const stop = await client.call('live.stop', { emergency: false });
    expect(stop).toMatchObject({ ok: true, result: { stopped: true } });
    expect(client.events('live.event').find((e) => e.type === 'stopped')).toMatchObject({ reason: 'user' });
    await until(() => !tello.status().flying, 3000, 'landed');
    expect(tello.status().received.at(-1)).toBe('land');
    await until(() => client.events('device.statusChanged').at(-1)?.run === 'idle', 2000, 'run idle');
    expect(client.events('device.statusChanged').at(-1)).toMatchObject({ state: 'connected' });
  });

  it('emergency stop cuts the motors at once instead of landing', async () => {
    await client.call('device.connect', { spec: `tello:udp:127.0.0.1:${tello.port}`, language: 'en' });
    await client.call('live.run', { project: spinningDroneProject(), language: 'en' });
    await until(() => tello.status().flying, 3000, 'airborne');
    await client.call('live.stop', { emergency: true });
    await until(() => tello.status().received.includes('emergency'), 2000, 'emergency sent');
    // No `land` went out before it: the stop did not wait for a landing.
    const received = tello.status().received;
    expect(received.slice(0, received.indexOf('emergency'))).not.toContain('land');
  });

  it('the drone-rings example runs to its end and its print line reaches the page', async () => {
    const project = JSON.parse(readFileSync(fileURLToPath(new URL('../../examples/drone-rings.ailab', import.meta.url)), 'utf8')) as Project;
    await client.call('device.connect', { spec: `tello:udp:127.0.0.1:${tello.port}`, language: 'en' });
    expect((await client.call('live.run', { project, language: 'en' })).ok).toBe(true);
    await until(() => client.events('live.event').some((e) => e.type === 'stopped'), 30_000, 'program end');
    expect(client.events('live.event').find((e) => e.type === 'stopped')).toMatchObject({ reason: 'finished' });
    expect(client.events('live.event').find((e) => e.type === 'log')?.text).toMatch(/^height \(cm\): [1-9]\d+$/);
    expect(tello.status().received.at(-1)).toBe('land');
  });

  it('refuses with a clear zh-CN/en message: no device, wrong kit, bad address, a running program, nothing answering', async () => {
    // Tried: run before connecting.
    const noDevice = await client.call('live.run', { project: spinningDroneProject(), language: 'zh-CN' });
    expect(noDevice).toMatchObject({ ok: false, error: { code: 'deviceNotConnected' } });
    // Tried: an address that is not a device spec, and one for a driver this host does not have.
    expect(await client.call('device.connect', { spec: 'bluetooth:abc', language: 'en' })).toMatchObject({ ok: false, error: { code: 'deviceBadSpec', params: { spec: 'bluetooth:abc' } } });
    expect(await client.call('device.connect', { spec: 'tello:udp:not an address', language: 'en' })).toMatchObject({ ok: false, error: { code: 'deviceBadSpec' } });
    // Tried: a port where no drone answers (the virtual Tello is elsewhere).
    const silent = await client.call('device.connect', { spec: `tello:udp:127.0.0.1:${await freeUdpPort()}`, language: 'zh-CN' });
    expect(silent).toMatchObject({ ok: false, error: { code: 'deviceConnectFailed' } });
    expect(silent.error.params.detail).toContain('没有回应');
    expect(client.events('device.statusChanged').at(-1)).toMatchObject({ state: 'disconnected' });

    await client.call('device.connect', { spec: `tello:udp:127.0.0.1:${tello.port}`, language: 'en' });
    // Tried: a robot project on a drone.
    const robot = newProject('robot', new Date().toISOString(), '0.1.0', 'car');
    expect(await client.call('live.run', { project: robot, language: 'en' })).toMatchObject({ ok: false, error: { code: 'liveKitMismatch', params: { target: 'robot', kit: 'drone' } } });
    // Tried: run twice.
    expect((await client.call('live.run', { project: spinningDroneProject(), language: 'en' })).ok).toBe(true);
    const twice = await client.call('live.run', { project: spinningDroneProject(), language: 'en' });
    expect(twice).toMatchObject({ ok: false, error: { code: 'liveRunning' } });
    expect(twice.error.message).toMatch(/Press Stop first/);
    // The first run is still going and stops normally.
    expect(await client.call('live.stop', {})).toMatchObject({ ok: true, result: { stopped: true } });
  });

  it('disconnect while a program runs stops it, lands the drone and closes the link', async () => {
    await client.call('device.connect', { spec: `tello:udp:127.0.0.1:${tello.port}`, language: 'en' });
    await client.call('live.run', { project: spinningDroneProject(), language: 'en' });
    await until(() => tello.status().flying, 3000, 'airborne');
    const reply = await client.call('device.disconnect', {});
    expect(reply.result).toMatchObject({ state: 'disconnected', run: 'idle' });
    await until(() => !tello.status().flying, 3000, 'landed');
  });

  it('a drone that goes silent shows as lost in the panel within 2 s', async () => {
    await client.call('device.connect', { spec: `tello:udp:127.0.0.1:${tello.port}`, language: 'en' });
    await until(() => client.events('device.readings').length > 2, 2000, 'readings');
    await tello.close(); // switched off
    const at = Date.now();
    await until(() => client.events('device.statusChanged').at(-1)?.state === 'lost', 3000, 'lost');
    expect(Date.now() - at).toBeLessThan(2000);
    expect(client.events('device.statusChanged').at(-1)?.error.en).toMatch(/Lost contact/);
  });

  it('a drone switched back on at the same address: the panel retries and connects again by itself', async () => {
    await client.call('device.connect', { spec: `tello:udp:127.0.0.1:${tello.port}`, language: 'en' });
    const port = tello.port;
    await until(() => client.events('device.readings').length > 2, 2000, 'readings');
    await tello.close(); // switched off
    const statuses = () => client.events('device.statusChanged');
    await until(() => statuses().some((s) => s.state === 'lost' && s.phase === 'reconnecting'), 8000, 'reconnecting');
    expect(statuses().at(-1)?.error.en).toMatch(/Lost contact/);
    tello = await startVirtualTello({ port, statePort, timeScale: 0.05 }); // switched on again
    await until(() => statuses().at(-1)?.state === 'connected', 20_000, 'connected again');
    expect(statuses().at(-1)).toMatchObject({ kit: 'drone', phase: 'ready', error: null });
    // The new link carries telemetry: the battery the switched-on drone reports reaches the panel.
    const n = client.events('device.readings').length;
    await until(() => client.events('device.readings').slice(n).some((r) => typeof r.values['drone.batteryPercent'] === 'number' && r.values['drone.batteryPercent'] > 0), 5000, 'battery after the reconnect');
  });
});
