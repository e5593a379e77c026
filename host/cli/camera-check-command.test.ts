/**
 * `ailab camera-check`: a teacher checking a vision module before a lesson. The module is the HuskyLens emulator on
 * the far end of a real socat pty pair (serialport on both ends, 9600 baud); the command opens the near end by path
 * as it would open /dev/ttyUSB0. Only the physical USB-serial adapter is missing.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { ALGORITHM } from '../../firmware-bridge/huskylens/codec';
import { attachEmulator, HuskyLensEmulator } from '../../firmware-bridge/huskylens/emulator';
import { cameraCheckCommand } from './camera-check-command';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** A pty pair with the emulator answering on one end; returns the other end's path. */
async function emulatedModule(emu: HuskyLensEmulator): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'camera-check-'));
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

describe('ailab camera-check', () => {
  it('prints the tags the module sees, in Chinese, then how many frames came', async () => {
    const emu = new HuskyLensEmulator({ views: { [ALGORITHM.TAG_RECOGNITION]: { blocks: [{ x: 100, y: 60, width: 24, height: 24, id: 7 }] } } });
    const port = await emulatedModule(emu);
    const lines: string[] = [];
    await cameraCheckCommand({ port, what: 'tag', seconds: 1.2, print: (l) => lines.push(l) }, 'zh-CN');
    expect(lines[0]).toContain('已连接');
    expect(lines[0]).toContain(port);
    expect(lines.slice(1, -1).some((l) => l.includes('标签 7 (100, 60) 24×24'))).toBe(true);
    expect(lines.at(-1)).toMatch(/共收到 \d+ 帧，丢弃了 0 段错误数据/);
    expect(emu.algorithm).toBe(ALGORITHM.TAG_RECOGNITION);
  }, 20_000);

  it('a silent module gives the wiring hint (English), and an unknown --what is refused before opening anything', async () => {
    const emu = new HuskyLensEmulator();
    emu.silent = true;
    const port = await emulatedModule(emu);
    await expect(cameraCheckCommand({ port, seconds: 1, print: () => {} }, 'en')).rejects.toThrow(/does not answer.*TX\/RX.*9600/);
    await expect(cameraCheckCommand({ port: '/nonexistent', what: 'faces', print: () => {} }, 'en')).rejects.toThrow('“faces” is not something to check');
    await expect(cameraCheckCommand({ port: '/dev/does-not-exist', print: () => {} }, 'zh-CN')).rejects.toThrow(/无法打开串口 \/dev\/does-not-exist/);
  }, 20_000);

  it('is listed by `ailab --help` and exits 1 with a message for a missing port', () => {
    const bin = join(ROOT, 'bin', 'ailab.mjs');
    const env = { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '', AILAB_NO_CLI_CACHE: '1' };
    const help = spawnSync(process.execPath, [bin, '--help'], { cwd: ROOT, encoding: 'utf8', env, timeout: 100_000 });
    expect(help.stdout).toContain('camera-check');
    const r = spawnSync(process.execPath, [bin, 'camera-check', '/dev/does-not-exist', '--seconds', '1'], { cwd: ROOT, encoding: 'utf8', env, timeout: 100_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Cannot open serial port /dev/does-not-exist');
  }, 120_000);
});
