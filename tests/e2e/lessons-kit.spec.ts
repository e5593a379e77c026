/**
 * A lesson with a real kit connected, end to end: `ailab serve` and `ailab virtual-tello` as real processes (the
 * virtual Tello stands in for the drone: no drone can fly in CI), Chromium with the real lesson player, check worker
 * and device panel. Grade 4 "first drone flight": the player names the kit the unit works with, says when one is
 * connected and that checks still run in the simulator; the starter fails its safety check in the simulator without
 * sending anything to the drone; the reference solution passes; then that same lesson program flies on the connected
 * drone from the device panel's Run on device (take off, forward 100 cm, land, in that order at the drone).
 *
 * What a student would notice if it failed: the lesson talks in unit-file ids, checking flies the real drone, or the
 * program the lesson checked is not the one that runs on the kit.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
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

test('a drone lesson with a connected Tello: checks run in the simulator, the checked program flies on the kit', async ({ page }) => {
  test.setTimeout(180_000);
  await openApp(page, host.url);
  await page.getByTestId('lessons-button').click();
  await page.getByTestId('student-name').fill('4班 12号');
  await page.getByTestId('student-start').click();
  await page.getByTestId('lesson-drone-first-flight-first-flight').click();
  await expect(page.getByTestId('lesson-title')).toContainText('安全的第一次飞行');
  // The kit by the name a child knows, not the unit file's id "tello".
  await expect(page.getByTestId('lesson-hardware')).toHaveText('用真实器材：Tello 无人机。检查总是在模拟器里进行。');
  await expect(page.getByTestId('lesson-kit-connected')).toHaveCount(0);

  // Connect the drone in the device panel: the lesson says so, and where to run the program on it.
  const panel = page.getByTestId('device-panel');
  await page.getByTestId('device-spec').fill(`tello:udp:127.0.0.1:${tello.port}`);
  await page.getByTestId('device-connect').click();
  await expect(panel).toHaveAttribute('data-state', 'connected');
  const connected = page.getByTestId('lesson-kit-connected');
  await expect(connected).toContainText(`已连接真实器材：Tello 127.0.0.1:${tello.port}`);
  await expect(connected).toContainText('在设备上运行');
  await expect(connected).toContainText('仍在模拟器里进行');

  // The starter climbs 150 cm more: the safety check fails in the simulator, and the drone was not flown by it.
  await page.getByTestId('step-next').click();
  await page.getByTestId('check-work').click();
  const results = page.getByTestId('check-results');
  await expect(results).toHaveAttribute('data-passed', 'false', { timeout: 60_000 });
  const safe = page.locator('[data-testid="check-result"][data-check="safe-height"]');
  await expect(safe).toHaveAttribute('data-passed', 'false');
  await expect(safe).toContainText('太危险了');
  expect(tello.output()).not.toMatch(/takeoff/);

  // The teacher opens the reference solution (the same path a class takes at the end of the hour); it passes.
  await page.getByTestId('teacher-notes-button').click();
  await page.getByTestId('load-solution').click();
  await expect.poll(() => page.evaluate(() => JSON.stringify((window as any).__ailab.workspaceJson()))).not.toContain('"DIR":"up"');
  await page.getByTestId('check-work').click();
  await expect(results).toHaveAttribute('data-passed', 'true', { timeout: 60_000 });
  expect(tello.output()).not.toMatch(/takeoff/);

  // The same lesson program on the connected drone: it takes off, flies forward 100 cm and lands, in that order.
  await page.getByTestId('device-run').click();
  await expect.poll(() => tello.output(), { timeout: 60_000 }).toMatch(/takeoff[\s\S]*forward 100[\s\S]*land/);
  expect(tello.output()).not.toMatch(/\bup 150\b/);
  await expect(panel).toHaveAttribute('data-run', 'idle', { timeout: 30_000 });
  await expect.poll(async () => Number(await page.getByTestId('reading-drone.heightCm').textContent()), { timeout: 20_000 }).toBe(0);

  await page.getByTestId('device-disconnect').click();
  await expect(panel).toHaveAttribute('data-state', 'disconnected');
  await expect(page.getByTestId('lesson-kit-connected')).toHaveCount(0);
});
