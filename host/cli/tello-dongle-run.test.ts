/**
 * `ailab run <project> --device tello:<serial path>` as a real child process, flying the virtual Tello through the
 * dongle emulator behind a real socat pty: CLI → serialport → pty → dongle emulator (this process) → UDP on
 * 127.0.0.1 → virtual Tello (this process, flights 20× faster). Only the USB cable is simulated: unplug kills socat.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { newProject } from '../../core/contracts/project';
import { startEmulatedDongle, type EmulatedDongle } from '../../firmware-bridge/tello/dongle-emulator';
import { freeUdpPort, until } from '../../firmware-bridge/tello/test-support';
import { startVirtualTello, type VirtualTello } from '../../firmware-bridge/tello/virtual-tello';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const BIN = join(ROOT, 'bin', 'ailab.mjs');
const ENV = { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '', AILAB_NO_CLI_CACHE: '1' };

const children: ChildProcess[] = [];
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

async function startChain(): Promise<{ tello: VirtualTello; dongle: EmulatedDongle }> {
  const statePort = await freeUdpPort();
  const tello = await startVirtualTello({ port: 0, statePort, timeScale: 0.05 });
  cleanups.push(() => tello.close());
  const dongle = await startEmulatedDongle({ tello: { host: '127.0.0.1', port: tello.port }, statePort });
  cleanups.push(() => dongle.close());
  return { tello, dongle };
}

function run(args: string[], env: NodeJS.ProcessEnv = ENV) {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
  return { child, exited, output: () => out };
}

describe('ailab run --device tello:<serial dongle>', { timeout: 60_000 }, () => {
  it('flies examples/drone-rings.ailab through the dongle to the end: connected with the battery, every command at the drone, landed, exit 0', async () => {
    const { tello, dongle } = await startChain();
    const r = run(['run', 'examples/drone-rings.ailab', '--device', `tello:${dongle.path}`]);
    expect(await r.exited).toBe(0);
    const out = r.output();
    expect(out).toContain(`Connecting to the drone at ${dongle.path}`);
    expect(out).toMatch(/Connected, battery \d+%/);
    expect(out).toMatch(/stop reason: finished/);
    expect(out).toMatch(/Drone: height 0 cm, battery \d+%, landed/);
    const received = tello.status().received;
    expect(received[0]).toBe('command');
    expect(received).toContain('takeoff');
    expect(received).toContain('forward 240');
    expect(received.at(-1)).toBe('land');
    expect(tello.status().flying).toBe(false);
    // Every command went through the pty and the dongle, none around it.
    expect(dongle.emulator.forwarded).toEqual(received);
  });

  it('pulling the dongle mid-flight stops the run within about a second with the unplug message, exit 1', async () => {
    const { tello, dongle } = await startChain();
    const dir = mkdtempSync(join(tmpdir(), 'ailab-dongle-run-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    // Take off, then spin without waiting: only the lost link can end it.
    const project = newProject('drone', new Date().toISOString(), '0.1.0', 'spin');
    const file = join(dir, 'spin.ailab');
    writeFileSync(
      file,
      JSON.stringify({
        ...project,
        workspace: { blocks: { languageVersion: 0, blocks: [{ type: 'event_when_started', id: 'hat', x: 0, y: 0, next: { block: { type: 'drone_takeoff', id: 'up', next: { block: { type: 'control_forever', id: 'loop' } } } } }] } },
      }),
    );
    const r = run(['run', file, '--device', `tello:${dongle.path}`], { ...ENV, LANG: 'zh_CN.UTF-8' });
    await until(() => tello.status().flying, 30_000, 'take-off through the dongle');
    const t0 = performance.now();
    await dongle.bridge.unplug();
    expect(await r.exited).toBe(1);
    // Includes the child's exit (the run has stopped by then) after at most 1 s of waiting for a landing `ok`.
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(r.output()).toContain('Tello 适配器被拔掉了');
    expect(r.output()).toMatch(/结束原因：disconnected/);
  });
});
