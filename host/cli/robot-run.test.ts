/**
 * `ailab devices` and `ailab run … --device ailab:<port>` as real child processes, against our robot firmware running
 * in avr8js (in this test process) behind a real socat pty. Nothing is mocked; "unplug" kills the pty.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulatedRobot, type EmulatedRobot } from '../../firmware-bridge/emulator/emulated-robot';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const BIN = join(ROOT, 'bin', 'ailab.mjs');
const ENV = { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '', AILAB_NO_CLI_CACHE: '1' };

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const num = (n: number) => ({ shadow: { type: 'math_number', fields: { NUM: n } } });
/** A robot project: LED red, motors 30/30, wait, stop — or, with `forever`, motors on and spin. */
function project(forever: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'ailab-robot-run-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const tail = forever ? { block: { type: 'control_forever' } } : { block: { type: 'control_wait_s', inputs: { SECONDS: num(0.6) }, next: { block: { type: 'robot_stop' } } } };
  const file = join(dir, 'drive.ailab');
  writeFileSync(
    file,
    JSON.stringify({
      format: 'ailab-project',
      schemaVersion: 1,
      meta: { title: 'drive', createdAt: '2026-11-30T00:00:00.000Z', modifiedAt: '2026-11-30T00:00:00.000Z', appVersion: '0.1.0' },
      target: 'robot',
      sim: { arenaId: 'open-floor', seed: 1 },
      workspace: {
        blocks: {
          languageVersion: 0,
          blocks: [
            {
              type: 'event_when_started',
              x: 0,
              y: 0,
              next: {
                block: {
                  type: 'looks_set_led',
                  inputs: { COLOUR: { shadow: { type: 'looks_colour', fields: { COLOUR: '#ff0000' } } } },
                  next: { block: { type: 'robot_set_motors', inputs: { LEFT: num(30), RIGHT: num(30) }, next: tail } },
                },
              },
            },
          ],
        },
      },
    }),
  );
  return file;
}

async function robot(): Promise<EmulatedRobot> {
  const r = await startEmulatedRobot();
  cleanups.push(() => r.stop());
  return r;
}

function run(args: string[], env = ENV) {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const exited = new Promise<number>((res) => child.once('exit', (code) => res(code ?? -1)));
  cleanups.push(() => child.kill('SIGKILL'));
  return { exited, out: () => stdout, err: () => stderr };
}

async function until(check: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
}

describe('ailab devices / run --device ailab:', { timeout: 120_000 }, () => {
  it('ailab devices lists the machine\'s serial ports as JSON (exit 0)', () => {
    const r = spawnSync(process.execPath, [BIN, 'devices', '--json'], { cwd: ROOT, env: ENV, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    const ports = JSON.parse(r.stdout) as { path: string; name: string | null }[];
    expect(Array.isArray(ports)).toBe(true);
  });

  it('runs a robot project on the emulated robot: connection states printed, LED and motors on the board, summary, exit 0', async () => {
    const emu = await robot();
    const child = run(['run', project(false), '--device', `ailab:${emu.path}`]);
    let sawMotors = false;
    let sawRed = false;
    const watch = setInterval(() => {
      if (emu.board.motors().left === 30 && emu.board.motors().right === 30) sawMotors = true;
      if (emu.board.led().r === 255) sawRed = true;
    }, 5);
    cleanups.push(() => clearInterval(watch));
    const code = await child.exited;
    expect(code, child.err()).toBe(0);
    expect(child.out()).toContain(`Shaking hands with the robot at ${emu.path}`);
    expect(child.out()).toContain('Connected: AI-lab robot');
    expect(child.out()).toMatch(/Live run finished|finished|drive\.ailab/);
    expect(sawRed, child.out() + child.err()).toBe(true);
    expect(sawMotors, child.out() + child.err()).toBe(true);
    expect(emu.board.motors()).toEqual({ left: 0, right: 0 });
  });

  it('pulling the cable mid-run stops the program with the unplug message (zh-CN) and exit 1; the board stops its motors', async () => {
    const emu = await robot();
    const child = run(['run', project(true), '--device', `ailab:${emu.path}`], { ...ENV, LANG: 'zh_CN.UTF-8' });
    await until(() => emu.board.motors().left === 30, 60_000);
    expect(emu.board.motors().left, child.out() + child.err()).toBe(30);
    const pulledAt = Date.now();
    await emu.bridge.unplug();
    const code = await child.exited;
    expect(code).toBe(1);
    expect(child.err()).toContain('被拔掉了');
    expect(Date.now() - pulledAt).toBeLessThan(5000); // process exit included; the run itself stops within 1 s
    const boardAt = emu.runner.emulatedMs;
    await until(() => emu.board.motors().left === 0, 30_000);
    expect(emu.runner.emulatedMs - boardAt).toBeLessThan(600); // the firmware's 500 ms watchdog
  });

  it('a port that does not exist fails with a clear message (exit 1)', () => {
    const r = spawnSync(process.execPath, [BIN, 'run', project(false), '--device', 'ailab:/dev/ttyNOPE7'], { cwd: ROOT, env: ENV, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Serial port /dev/ttyNOPE7 does not exist');
  });
});
