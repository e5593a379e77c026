/**
 * The device panel's AI-lab robot with an AI vision module: `ailab:<robot port>;camera=<camera port>` through the
 * host's server on loopback WebSocket. The robot is our firmware in avr8js behind a socat pty; the vision module is
 * the HuskyLens emulator (written from the public protocol document) behind a second socat pty with serialport on
 * its end. Only the USB cables are missing.
 *
 * What a student would notice if it failed: a live run's camera blocks read nothing (-1) on the real robot although
 * the same program works in the simulator, or a camera that does not answer leaves the panel half connected with no
 * hint about the wiring.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { newProject, type Project } from '../../core/contracts/project';
import { startEmulatedRobot, type EmulatedRobot } from '../../firmware-bridge/emulator/emulated-robot';
import { ALGORITHM } from '../../firmware-bridge/huskylens/codec';
import { attachEmulator, HuskyLensEmulator } from '../../firmware-bridge/huskylens/emulator';
import { until } from '../../firmware-bridge/tello/test-support';
import { startServer, type RunningServer } from '../server/start-server';
import { splitCameraSpec } from './live-ailab';

type Frame = Record<string, any>;
let dataDir: string;
let server: RunningServer;
let robot: EmulatedRobot;
let ws: WebSocket;
const inbox: Frame[] = [];
const cleanups: (() => unknown)[] = [];
let seq = 1;

/** Two ends of a socat pty pair; the second end is opened with serialport (or left silent). */
async function ptyPair(): Promise<{ host: string; module: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'ailab-live-camera-'));
  const host = join(dir, 'host'), module = join(dir, 'module');
  const socat: ChildProcess = spawn('socat', [`pty,raw,echo=0,link=${host}`, `pty,raw,echo=0,link=${module}`], { stdio: 'ignore' });
  cleanups.push(() => { socat.kill(); rmSync(dir, { recursive: true, force: true }); });
  for (let i = 0; i < 500 && !(existsSync(host) && existsSync(module)); i++) await new Promise((r) => setTimeout(r, 10));
  return { host, module };
}

async function visionModule(emu: HuskyLensEmulator): Promise<string> {
  const { host, module } = await ptyPair();
  const port = new SerialPort({ path: module, baudRate: 9600, autoOpen: false });
  await new Promise<void>((res, rej) => port.open((e) => (e ? rej(e) : res())));
  cleanups.push(() => new Promise<void>((res) => port.close(() => res())));
  attachEmulator(emu, port);
  return host;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ailab-live-camera-data-'));
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
  for (const c of cleanups.splice(0).reverse()) await c();
  rmSync(dataDir, { recursive: true, force: true });
});

async function call(method: string, params: unknown): Promise<Frame> {
  const id = seq++;
  ws.send(JSON.stringify({ id, method, params }));
  let found: Frame | undefined;
  await until(() => (found = inbox.find((m) => m.id === id)) !== undefined, 30_000, `answer to ${method}`);
  return found!;
}
const logs = () => inbox.filter((f) => f.event === 'live.event' && f.payload.type === 'log').map((f) => String(f.payload.text));

/** when started: wait 1 s (the module's first polls), then print x of the red blob. */
function printRedBlobX(): Project {
  const project = newProject('robot', new Date().toISOString(), '0.1.0', 'camera');
  return {
    ...project,
    workspace: { blocks: { languageVersion: 0, blocks: [{
      type: 'event_when_started', id: 'hat', x: 0, y: 0,
      next: { block: {
        type: 'control_wait_s', id: 'wait', inputs: { SECONDS: { shadow: { type: 'math_number', fields: { NUM: 1 } } } },
        next: { block: { type: 'text_print', id: 'print', inputs: { TEXT: { block: { type: 'robot_camera_blob_x', id: 'x', fields: { COLOUR: 'red' } } } } } },
      } },
    }] } },
  };
}

describe('device panel: AI-lab robot with an AI vision module', { timeout: 120_000 }, () => {
  it('reads the camera part of the spec; a bare port has no camera', () => {
    expect(splitCameraSpec('/dev/ttyACM0; camera=/dev/ttyUSB0')).toEqual({ robot: '/dev/ttyACM0', camera: '/dev/ttyUSB0' });
    expect(splitCameraSpec('COM3;camera=COM4')).toEqual({ robot: 'COM3', camera: 'COM4' });
    expect(splitCameraSpec(' /dev/ttyACM0 ')).toEqual({ robot: '/dev/ttyACM0', camera: null });
  });

  it('the panel shows the red blob width the module sees, and a live run\'s camera block reads it: x of the red blob is printed', async () => {
    const emu = new HuskyLensEmulator({ views: { [ALGORITHM.COLOR_RECOGNITION]: { blocks: [{ x: 217, y: 120, width: 40, height: 30, id: 1 }] } } });
    const camera = await visionModule(emu);
    const reply = await call('device.connect', { spec: `ailab:${robot.path};camera=${camera}`, language: 'en' });
    expect(reply).toMatchObject({ ok: true, result: { state: 'connected', kit: 'robot' } });
    expect(reply.result.label).toBe(`AI-lab robot 1.0.0 · uno · ${robot.path} · camera ${camera}`);
    // Idle, the panel's readings carry what the module sees: the red blob's width, -1 for colours not in view.
    await until(() => inbox.some((f) => f.event === 'device.readings' && f.payload.values['robot.cameraRedSize'] === 40), 30_000, 'camera reading');
    const readings = inbox.filter((f) => f.event === 'device.readings').at(-1)!.payload.values;
    expect(readings['robot.cameraGreenSize']).toBe(-1);
    expect((await call('live.run', { project: printRedBlobX(), language: 'en' })).ok).toBe(true);
    await until(() => logs().length > 0, 30_000, 'the printed blob x');
    expect(logs()[0]).toBe('217');
    await until(() => inbox.some((f) => f.event === 'live.event' && f.payload.type === 'stopped'), 30_000, 'program end');
    expect((await call('device.disconnect', {})).ok).toBe(true);
  });

  it('a camera port where nothing answers: refused with the wiring hint in Chinese, and the robot is let go', async () => {
    const { host: silent } = await ptyPair();
    const reply = await call('device.connect', { spec: `ailab:${robot.path};camera=${silent}`, language: 'zh-CN' });
    expect(reply.ok).toBe(false);
    const last = inbox.filter((f) => f.event === 'device.statusChanged').at(-1)!.payload;
    expect(last.state).toBe('disconnected');
    expect(last.error['zh-CN']).toContain('AI 视觉模块');
    expect(last.error['zh-CN']).toContain('TX/RX');
    // The robot's port was closed again: a plain connect to it works at once.
    expect(await call('device.connect', { spec: `ailab:${robot.path}`, language: 'en' })).toMatchObject({ ok: true, result: { state: 'connected' } });
    await call('device.disconnect', {});
  });
});
