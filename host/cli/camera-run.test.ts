/**
 * `ailab run … --device ailab:<port> --camera <port>`: a robot project whose camera blocks read a real AI vision
 * module. The robot is our firmware in avr8js behind a socat pty (firmware-bridge/emulator); the vision module is
 * the HuskyLens emulator behind a second socat pty with serialport on its end. `ailab` runs as a real child process.
 * Only the USB cables are missing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulatedRobot } from '../../firmware-bridge/emulator/emulated-robot';
import { ALGORITHM } from '../../firmware-bridge/huskylens/codec';
import { attachEmulator, HuskyLensEmulator } from '../../firmware-bridge/huskylens/emulator';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const BIN = join(ROOT, 'bin', 'ailab.mjs');
const ENV = { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '', AILAB_NO_CLI_CACHE: '1' };

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** when started: wait 1 s (the module's first polls), print x of the red blob, print "sees tag 3?". */
function cameraProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ailab-camera-run-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const print = (block: object, next?: object) => ({ block: { type: 'text_print', inputs: { TEXT: { block } }, ...(next ? { next } : {}) } });
  const file = join(dir, 'camera.ailab');
  writeFileSync(file, JSON.stringify({
    format: 'ailab-project',
    schemaVersion: 1,
    meta: { title: 'camera', createdAt: '2026-11-30T00:00:00.000Z', modifiedAt: '2026-11-30T00:00:00.000Z', appVersion: '0.1.0' },
    target: 'robot',
    sim: { arenaId: 'sorting-table', seed: 1 },
    workspace: { blocks: { languageVersion: 0, blocks: [{
      type: 'event_when_started', x: 0, y: 0,
      next: { block: {
        type: 'control_wait_s', inputs: { SECONDS: { shadow: { type: 'math_number', fields: { NUM: 1 } } } },
        next: print({ type: 'robot_camera_blob_x', fields: { COLOUR: 'red' } }),
      } },
    }] } },
  }));
  return file;
}

/** The HuskyLens emulator on one end of a socat pty pair; returns the path of the other end. */
async function visionModule(emu: HuskyLensEmulator): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'ailab-huskylens-'));
  const host = join(dir, 'host'), module = join(dir, 'module');
  const socat: ChildProcess = spawn('socat', [`pty,raw,echo=0,link=${host}`, `pty,raw,echo=0,link=${module}`], { stdio: 'ignore' });
  cleanups.push(() => { socat.kill(); rmSync(dir, { recursive: true, force: true }); });
  for (let i = 0; i < 500 && !(existsSync(host) && existsSync(module)); i++) await new Promise((r) => setTimeout(r, 10));
  const port = new SerialPort({ path: module, baudRate: 9600, autoOpen: false });
  await new Promise<void>((res, rej) => port.open((e) => (e ? rej(e) : res())));
  cleanups.push(() => new Promise<void>((res) => port.close(() => res())));
  attachEmulator(emu, port);
  return host;
}

function run(args: string[]) {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '', stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const exited = new Promise<number>((res) => child.once('exit', (code) => res(code ?? -1)));
  cleanups.push(() => child.kill('SIGKILL'));
  return { exited, out: () => stdout, err: () => stderr };
}

describe('ailab run --device ailab: --camera', { timeout: 120_000 }, () => {
  it('the camera blocks read the vision module on the robot: x of the red blob is printed', async () => {
    const robot = await startEmulatedRobot();
    cleanups.push(() => robot.stop());
    const emu = new HuskyLensEmulator({ views: { [ALGORITHM.COLOR_RECOGNITION]: { blocks: [{ x: 217, y: 120, width: 40, height: 30, id: 1 }] } } });
    const camera = await visionModule(emu);
    const child = run(['run', cameraProject(), '--device', `ailab:${robot.path}`, '--camera', camera]);
    const code = await child.exited;
    expect(code, child.out() + child.err()).toBe(0);
    expect(child.out()).toContain(`Connected to the AI vision module on ${camera}`);
    expect(child.out()).toMatch(/\b217\b/);
    expect(emu.algorithm).toBe(ALGORITHM.COLOR_RECOGNITION);
  });

  it('without a camera the camera block stops with "needs the AI camera"; --camera with a drone is refused', async () => {
    const robot = await startEmulatedRobot();
    cleanups.push(() => robot.stop());
    const child = run(['run', cameraProject(), '--device', `ailab:${robot.path}`]);
    await child.exited;
    expect(child.out() + child.err()).toContain('This block needs the AI camera');
    const drone = run(['run', cameraProject(), '--device', 'tello:udp:127.0.0.1', '--camera', '/dev/ttyUSB9']);
    expect(await drone.exited).toBe(1);
    expect(drone.err()).toContain('--camera works only with the AI-lab robot');
  });
});
