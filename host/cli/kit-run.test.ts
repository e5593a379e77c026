/**
 * `ailab run <sensor-kit project> --device ailab:<pty>` as a user runs it: the CLI in a child process, our sensor-kit
 * firmware (built with avr-gcc) in avr8js in this process behind a real socat pty. examples/sensor-alarm.ailab turns
 * the kit's LED red above 30 °C and green otherwise: the test warms and cools the NTC's voltage and watches the LED's
 * pins on the chip. A robot project on the kit is refused by name.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulatedKit, type EmulatedKit } from '../../firmware-bridge/emulator/emulated-kit';
import { until } from '../../firmware-bridge/tello/test-support';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const BIN = join(ROOT, 'bin', 'ailab.mjs');
const ENV = { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '', AILAB_NO_CLI_CACHE: '1' };

let kit: EmulatedKit;
beforeAll(async () => {
  kit = await startEmulatedKit();
}, 60_000);
afterAll(async () => {
  await kit?.stop();
});

describe('ailab run --device ailab: on the sensor kit', () => {
  it('runs the sensor-alarm example on our kit firmware: LED red when warm, green when cool; Ctrl+C stops it', { timeout: 120_000 }, async () => {
    kit.board.set({ temperatureVolts: 2.0 }); // NTC ≈ 34.6 °C
    const child = spawn(process.execPath, [BIN, 'run', 'examples/sensor-alarm.ailab', '--device', `ailab:${kit.path}`], { cwd: ROOT, env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    try {
      await until(() => /Connected: AI-lab sensor kit at .* \(firmware 1\.0\.0, uno\)/.test(out), 60_000, 'connected line');
      await until(() => kit.board.led().r === 255 && kit.board.led().g === 0, 10_000, 'red LED');
      kit.board.set({ temperatureVolts: 2.5 }); // 25 °C
      await until(() => kit.board.led().g === 255 && kit.board.led().r === 0, 10_000, 'green LED');
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(out).toMatch(/stop reason: user/);
      expect(out).toMatch(/Sensor kit: temperature 2[45](\.\d)? °C/);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('a robot project on the kit is refused in Chinese with what is plugged in (exit 1)', { timeout: 60_000 }, async () => {
    const child = spawn(process.execPath, [BIN, 'run', 'examples/square.ailab', '--device', `ailab:${kit.path}`], { cwd: ROOT, env: { ...ENV, LANG: 'zh_CN.UTF-8' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
    expect(code).toBe(1);
    expect(err).toContain('VER ailab-kit 1.0.0 uno');
    expect(err).toContain('不是 AI 实验室机器人固件');
  });
});
