/**
 * Live mode in the app, end to end: `ailab serve` and `ailab virtual-tello` as real processes, Chromium talking to
 * the host over WebSocket, the host flying the virtual Tello over UDP on loopback. Nothing is mocked.
 *
 * What a student would notice if it failed: the device panel cannot connect, battery and height do not move, the
 * running blocks are not highlighted on the real drone, or the big Stop does not land a drone whose program spins.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startEmulatedFirmata } from '../../firmware-bridge/firmata/emulated-firmata';
import { openApp, REPO_ROOT, startHost, type ServedApp } from './helpers';

let host: ServedApp;
let tello: { child: ChildProcess; port: number; output: () => string };

async function freeUdpPort(): Promise<number> {
  const s = createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', () => r()));
  const { port } = s.address();
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

test.beforeAll(async () => {
  host = await startHost();
  const port = await freeUdpPort();
  // The host listens for the drone's state on 8890, where a real Tello sends it.
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'ailab.mjs'), 'virtual-tello', '--port', String(port), '--state-port', '8890'], {
    cwd: REPO_ROOT,
    env: { ...process.env, LANG: 'en_US.UTF-8' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  await expect.poll(() => out, { timeout: 30_000 }).toMatch(/Virtual Tello/);
  tello = { child, port, output: () => out };
});
test.afterAll(async () => {
  tello?.child.kill('SIGINT');
  await host?.stop();
});

const num = (id: string, n: number) => ({ shadow: { type: 'math_number', id, fields: { NUM: n } } });
/** take off, then `forever { change n by 1 }` with no wait: a program that never ends by itself. */
const spinning = {
  blocks: {
    languageVersion: 0,
    blocks: [{
      type: 'event_when_started', id: 'hat', x: 40, y: 40,
      next: { block: { type: 'drone_takeoff', id: 'takeoff', next: { block: { type: 'control_forever', id: 'loop', inputs: { DO: { block: { type: 'math_change', id: 'inc', fields: { VAR: { id: 'n' } }, inputs: { DELTA: num('one', 1) } } } } } } } },
    }],
  },
  variables: [{ name: 'n', id: 'n' }],
};

test('connect to the virtual Tello in the app, see battery and height live, run, and Stop lands the spinning program', async ({ page }) => {
  test.setTimeout(120_000);
  await openApp(page, host.url);
  await page.getByTestId('kit').selectOption('drone');
  await page.evaluate((json) => (window as any).__ailab.loadWorkspace(json), JSON.stringify(spinning));

  const panel = page.getByTestId('device-panel');
  await page.getByTestId('device-spec').fill(`tello:udp:127.0.0.1:${tello.port}`);
  await page.getByTestId('device-connect').click();
  await expect(panel).toHaveAttribute('data-state', 'connected');
  await expect(page.getByTestId('device-state')).toContainText(`Tello 127.0.0.1:${tello.port}`);
  // Battery arrives from the drone's state stream; the UI starts in Chinese.
  await expect.poll(async () => Number(await page.getByTestId('reading-drone.batteryPercent').textContent()), { timeout: 10_000 }).toBeGreaterThan(0);
  await expect(panel).toContainText('电量（%）');
  await expect(page.getByTestId('reading-drone.heightCm')).toHaveText('0');

  await page.getByTestId('device-run').click();
  await expect(panel).toHaveAttribute('data-run', 'running');
  // Height rises live in the panel once the virtual drone has taken off.
  await expect.poll(async () => Number(await page.getByTestId('reading-drone.heightCm').textContent()), { timeout: 20_000 }).toBeGreaterThan(0);
  await expect(page.getByTestId('device-chart')).toBeVisible();
  // The loop on the real drone is highlighted in the editor, as in the simulator.
  await expect.poll(() => page.evaluate(() => (window as any).__ailab.highlightedBlocks() as string[]), { timeout: 10_000 }).toContain('inc');

  await page.getByTestId('device-stop').click();
  await expect(panel).toHaveAttribute('data-run', 'idle');
  await expect.poll(() => tello.output(), { timeout: 20_000 }).toMatch(/land/);
  await expect.poll(async () => Number(await page.getByTestId('reading-drone.heightCm').textContent()), { timeout: 20_000 }).toBe(0);
  expect(await page.evaluate(() => (window as any).__ailab.highlightedBlocks() as string[])).toEqual([]);

  // The toolbar's Stop (the one a student reaches for) stops a live run too.
  await page.getByTestId('device-run').click();
  await expect(panel).toHaveAttribute('data-run', 'running');
  await expect.poll(async () => Number(await page.getByTestId('reading-drone.heightCm').textContent()), { timeout: 20_000 }).toBeGreaterThan(0);
  await page.getByTestId('stop').click();
  await expect(panel).toHaveAttribute('data-run', 'idle');
  await expect.poll(async () => Number(await page.getByTestId('reading-drone.heightCm').textContent()), { timeout: 20_000 }).toBe(0);

  await page.getByTestId('device-disconnect').click();
  await expect(panel).toHaveAttribute('data-state', 'disconnected');
});

test('a wrong address is refused with a message and the address stays for correcting', async ({ page }) => {
  await openApp(page, host.url);
  // Tried: a driver the app does not know.
  await page.getByTestId('device-spec').fill('bluetooth:robot');
  await page.getByTestId('device-connect').click();
  await expect(page.getByTestId('error-banner')).toContainText('设备地址写法不对');
  await expect(page.getByTestId('device-spec')).toHaveValue('bluetooth:robot');
  await expect(page.getByTestId('device-panel')).toHaveAttribute('data-state', 'disconnected');
});

test('a Firmata sensor kit (StandardFirmata in avr8js behind a pty) shows its live values, and they follow the sensors', async ({ page }) => {
  test.setTimeout(120_000);
  const board = await startEmulatedFirmata();
  try {
    board.runner.setAnalog(0, 2.5); // NTC at half the supply: 25 °C
    board.runner.setAnalog(4, 1.25); // knob a quarter of the way
    await openApp(page, host.url);
    await page.getByTestId('device-spec').fill(`firmata:${board.path}`);
    await page.getByTestId('device-profile').selectOption('uno-sensor-kit');
    await page.getByTestId('device-connect').click();
    const panel = page.getByTestId('device-panel');
    await expect(panel).toHaveAttribute('data-state', 'connected');
    await expect(page.getByTestId('device-state')).toContainText('StandardFirmata');
    await expect.poll(async () => Number(await page.getByTestId('reading-kit.temperatureC').textContent()), { timeout: 10_000 }).toBeCloseTo(25, 0);
    await expect.poll(async () => Number(await page.getByTestId('reading-kit.knobPercent').textContent()), { timeout: 10_000 }).toBeCloseTo(25, 0);
    await expect(panel).toContainText('温度（°C）');
    // Turning the knob shows up live.
    board.runner.setAnalog(4, 3.75);
    await expect.poll(async () => Number(await page.getByTestId('reading-kit.knobPercent').textContent()), { timeout: 10_000 }).toBeCloseTo(75, 0);
    await page.getByTestId('device-disconnect').click();
    await expect(panel).toHaveAttribute('data-state', 'disconnected');
  } finally {
    await board.stop();
  }
});
