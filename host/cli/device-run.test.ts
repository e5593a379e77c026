/**
 * `ailab run --device` and `ailab virtual-tello` as real child processes talking UDP on 127.0.0.1.
 * The live run listens for drone state on port 8890 (the Tello's fixed state port), so that port must be free.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { freeUdpPort } from '../../firmware-bridge/tello/test-support';
import { parseDeviceSpec } from './device-run';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const BIN = join(ROOT, 'bin', 'ailab.mjs');
const ENV = { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '', AILAB_NO_CLI_CACHE: '1' };

describe('--device spec', () => {
  it('reads tello:udp addresses with default and explicit ports, IPv6 in brackets', () => {
    expect(parseDeviceSpec('tello:udp:192.168.10.1')).toEqual({ driver: 'tello-udp', host: '192.168.10.1', port: 8889 });
    expect(parseDeviceSpec('tello:udp:127.0.0.1:9000')).toEqual({ driver: 'tello-udp', host: '127.0.0.1', port: 9000 });
    expect(parseDeviceSpec('tello:udp:[::1]:9000')).toEqual({ driver: 'tello-udp', host: '::1', port: 9000 });
  });

  it('reads firmata:/ailab:/tello: serial paths, and rejects what is not written right', () => {
    expect(parseDeviceSpec('firmata:/dev/ttyUSB0')).toEqual({ driver: 'firmata', path: '/dev/ttyUSB0' });
    expect(parseDeviceSpec('ailab:COM3')).toEqual({ driver: 'ailab', path: 'COM3' });
    expect(parseDeviceSpec('tello:/dev/ttyUSB1')).toEqual({ driver: 'tello-serial', path: '/dev/ttyUSB1' });
    expect(parseDeviceSpec('tello:COM5')).toEqual({ driver: 'tello-serial', path: 'COM5' });
    expect(parseDeviceSpec('tello:udp:drone.local')).toEqual({ error: 'notAnIp', host: 'drone.local' });
    expect(parseDeviceSpec('tello:udp:1.2.3.4:99999')).toEqual({ error: 'badSpec' });
    expect(parseDeviceSpec('robot')).toEqual({ error: 'badSpec' });
  });
});

describe('ailab run --device / virtual-tello', { timeout: 60_000 }, () => {
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGTERM');
  });

  function start(args: string[]) {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    const waitFor = (re: RegExp, ms = 30_000) =>
      new Promise<string>((res, rej) => {
        const timer = setTimeout(() => rej(new Error(`[Test] no ${re} in: ${out}`)), ms);
        const check = () => {
          if (re.test(out)) {
            clearTimeout(timer);
            res(out);
          } else setTimeout(check, 20);
        };
        check();
      });
    const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
    return { child, waitFor, exited, output: () => out };
  }

  it('Ctrl+C during a live flight on the virtual Tello lands the drone and prints the summary', async () => {
    const port = await freeUdpPort();
    const vt = start(['virtual-tello', '--port', String(port)]);
    await vt.waitFor(/Virtual Tello waiting for commands on 127\.0\.0\.1:\d+/);
    const run = start(['run', 'examples/drone-rings.ailab', '--device', `tello:udp:127.0.0.1:${port}`]);
    await run.waitFor(/Connected, battery \d+%/);
    await vt.waitFor(/takeoff done/);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
    expect(run.output()).toMatch(/Stopping: the drone is landing/);
    expect(run.output()).toMatch(/stop reason: user/);
    expect(run.output()).toMatch(/Drone: height 0 cm, battery \d+%, landed/);
    await vt.waitFor(/land → ok|\(land done\) → ok/);
    vt.child.kill('SIGINT');
    expect(await vt.exited).toBe(0);
    expect(vt.output()).toContain('Virtual Tello stopped');
  });

  it('says when nothing answers at the address, and when the Tello dongle\'s serial port is not there (exit 1)', () => {
    const silent = spawnSync(process.execPath, [BIN, 'run', 'examples/drone-rings.ailab', '--device', 'tello:udp:127.0.0.1:9'], { cwd: ROOT, env: ENV, encoding: 'utf8', timeout: 30_000 });
    expect(silent.status).toBe(1);
    expect(silent.stderr).toMatch(/The Tello drone at udp:127\.0\.0\.1:9 did not answer/);
    const dongle = spawnSync(process.execPath, [BIN, 'run', 'examples/drone-rings.ailab', '--device', 'tello:/dev/ttyUSB1'], { cwd: ROOT, env: { ...ENV, LANG: 'zh_CN.UTF-8' }, encoding: 'utf8', timeout: 30_000 });
    expect(dongle.status).toBe(1);
    expect(dongle.stderr).toContain('找不到串口 /dev/ttyUSB1');
  });
});
