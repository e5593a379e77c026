/**
 * `ailab run … --device firmata:<pty>` as a user runs it: the CLI in a child process, StandardFirmata in avr8js in
 * this process behind a real socat pty. examples/sensor-alarm.ailab turns the kit's LED red above 30 °C, green
 * otherwise: the test warms and cools the NTC's voltage and watches the RGB LED's pins on the chip.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulatedFirmata, type EmulatedFirmata } from '../../firmware-bridge/firmata/emulated-firmata';
import { until } from '../../firmware-bridge/tello/test-support';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const BIN = join(ROOT, 'bin', 'ailab.mjs');
const ENV = { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '', AILAB_NO_CLI_CACHE: '1' };

let board: EmulatedFirmata;
beforeAll(async () => {
  board = await startEmulatedFirmata();
});
afterAll(async () => {
  await board?.stop();
});

describe('ailab run --device firmata:', () => {
  // The CLI starts through tsx without its bundle cache (several seconds on a loaded 2-core machine).
  it('runs the sensor-alarm example on a Firmata sensor kit: LED red when warm, green when cool; Ctrl+C stops it', { timeout: 120_000 }, async () => {
    board.runner.setAnalog(0, 2.0); // NTC: about 31 °C
    const child = spawn(process.execPath, [BIN, 'run', 'examples/sensor-alarm.ailab', '--device', `firmata:${board.path}`, '--profile', 'uno-sensor-kit'], { cwd: ROOT, env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    try {
      await until(() => /Connected: StandardFirmata\.ino 2\.\d+ \(\d+ ms\)/.test(out), 60_000, 'connected line');
      // Red on pin 9, green on pin 10 (uno-sensor-kit's RGB LED).
      await until(() => board.runner.pwmDuty(9) > 0.9 && board.runner.pwmDuty(10) === 0, 5000, 'red LED');
      board.runner.setAnalog(0, 2.5); // 25 °C
      await until(() => board.runner.pwmDuty(10) > 0.9 && board.runner.pwmDuty(9) === 0, 5000, 'green LED');
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(out).toMatch(/Stopping: motors off/);
      expect(out).toMatch(/stop reason: user/);
      expect(out).toMatch(/Last readings: \{"temperatureC":2[45][.,]/);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('a port where nothing is plugged in is refused with the reason (exit 1)', { timeout: 60_000 }, async () => {
    const child = spawn(process.execPath, [BIN, 'run', 'examples/sensor-alarm.ailab', '--device', 'firmata:/dev/ttyAILAB-none'], { cwd: ROOT, env: { ...ENV, LANG: 'zh_CN.UTF-8' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
    expect(code).toBe(1);
    expect(err).toContain('无法打开串口 /dev/ttyAILAB-none');
  });
});
