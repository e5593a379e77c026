/**
 * The emulator runner and the pty bridge with real parts: our robot firmware (built with avr-gcc) running in avr8js,
 * behind a real socat pty pair, opened by serialport as the app would open /dev/ttyACM0. Nothing is mocked.
 */
import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AvrRunner } from './avr-runner';
import { BOOT_MS } from './emulated-robot';
import { robotFirmwareHex } from './firmware-files';
import { startPtyBridge, type PtyBridge } from './pty-bridge';

// The emulated board may run well below real time when the machine is busy: give each test room.
vi.setConfig({ testTimeout: 60_000 });
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function openHost(path: string): Promise<{ port: SerialPort; text: () => string; closed: Promise<number> }> {
  const port = new SerialPort({ path, baudRate: 115200, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
  let received = '';
  port.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
  port.on('error', () => {});
  const closed = new Promise<number>((resolve) => port.once('close', () => resolve(Date.now())));
  cleanups.push(() => (port.isOpen ? new Promise<void>((r) => port.close(() => r())) : undefined));
  return { port, text: () => received, closed };
}

async function until(check: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
}

async function bootBoard(): Promise<{ runner: AvrRunner; bridge: PtyBridge }> {
  const runner = new AvrRunner(robotFirmwareHex());
  runner.runFor(BOOT_MS); // booted before the host opens the port, so the host's first line is heard
  runner.start();
  const bridge = await startPtyBridge(runner.serial);
  cleanups.push(() => runner.destroy());
  cleanups.push(() => bridge.close());
  return { runner, bridge };
}

describe('emulated board behind a real pty', () => {
  it('our firmware boots in avr8js and answers HELLO with its banner over the pty', async () => {
    const { bridge } = await bootBoard();
    expect(bridge.hostPath).toMatch(/board$/);
    const host = await openHost(bridge.hostPath);
    host.port.write('HELLO\n');
    await until(() => host.text().includes('BTN\n'), 15_000);
    expect(host.text(), JSON.stringify(host.text())).toMatch(/^VER ailab-robot 1\.0\.0 uno M DRIVE TURN LED TONE US LINE3 LIGHT BUMP BTN$/m);
  });

  it('a motor command over the pty shows up as PWM on the motor pins', async () => {
    const { runner, bridge } = await bootBoard();
    const host = await openHost(bridge.hostPath);
    host.port.write('HELLO\n7 M 60 -40\n');
    await until(() => host.text().includes('ACK 7'), 15_000);
    expect(host.text(), JSON.stringify(runner.stats())).toContain('ACK 7');
    expect(runner.pwmDuty(5)).toBeCloseTo(0.6, 1); // left speed
    expect(runner.pinHigh(4)).toBe(true); // left forward
    expect(runner.pwmDuty(6)).toBeCloseTo(0.4, 1); // right speed
    expect(runner.pinHigh(7)).toBe(false); // right backwards
  });

  it('unplugging closes the host port at once; plugging back in gives a working port at the same path', async () => {
    const { bridge } = await bootBoard();
    const first = await openHost(bridge.hostPath);
    first.port.write('HELLO\n');
    await until(() => first.text().includes('BTN\n'), 15_000);
    const pulledAt = Date.now();
    await bridge.unplug();
    const closedAt = await Promise.race([first.closed, new Promise<number>((r) => setTimeout(() => r(Infinity), 10_000))]);
    // Usually a few ms; the 1 s promise to the student is checked on the whole path in robot-connection.test.ts. Here
    // only "it closes", with room for a machine busy with parallel test files.
    expect(closedAt - pulledAt).toBeLessThan(5000);
    await bridge.plugIn();
    const second = await openHost(bridge.hostPath);
    second.port.write('HELLO\n');
    await until(() => second.text().includes('BTN\n'), 15_000);
    expect(second.text()).toContain('VER ailab-robot');
  });
});
