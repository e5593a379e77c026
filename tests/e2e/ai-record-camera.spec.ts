/**
 * Recording by hand from the simulated AI camera in the app (real host, sim worker and camera in Chromium): with the
 * stage's camera view open on the sorting table, the data panel's record form offers the camera's blob widths; a
 * recorded sample holds the width of the largest green blob the camera reports at that moment, and -1 for a colour
 * not in view. With the camera view closed, the form says how to get camera readings.
 *
 * What a student would notice if it failed: no camera sensors to record from in the data panel, or numbers that are
 * not what the camera shows (a model trained on them would mispredict with the camera blocks).
 */
import { expect, test } from '@playwright/test';
import { openApp, startHost, type ServedApp } from './helpers';

let host: ServedApp;
test.beforeAll(async () => {
  host = await startHost();
});
test.afterAll(async () => {
  await host?.stop();
});

test('the camera view open, the data panel records the camera blob widths the camera sees', async ({ page }) => {
  await openApp(page, host.url);
  await page.getByTestId('arena-picker').selectOption('sorting-table');
  await page.getByTestId('sim-reset').click();
  await page.getByTestId('ai-panel-toggle').click();
  await page.getByTestId('record-form').locator('summary').click();
  await expect(page.getByTestId('record-camera-hint')).toBeVisible();
  await expect(page.getByTestId('record-cameraGreenSize')).toHaveCount(0);

  await page.getByTestId('camera-view-toggle').click();
  await expect.poll(() => page.evaluate(() => (window as any).__ailab.snapshot()?.camera?.blobs.length ?? 0)).toBeGreaterThan(0);
  // The form reads the sensors again when it is opened.
  await page.getByTestId('record-form').locator('summary').click();
  await page.getByTestId('record-form').locator('summary').click();
  await expect(page.getByTestId('record-camera-hint')).toHaveCount(0);
  await page.getByTestId('record-cameraGreenSize').check();
  await page.getByTestId('record-cameraYellowSize').check();
  await page.getByTestId('record-label').fill('绿');
  await page.getByTestId('record-now').click();

  const green: number = await page.evaluate(() => {
    const blobs: { colour: string; width: number; height: number }[] = (window as any).__ailab.snapshot().camera.blobs;
    const g = blobs.filter((b) => b.colour === 'green').sort((a, b) => b.width * b.height - a.width * a.height)[0];
    return g ? g.width : -1;
  });
  expect(green).toBeGreaterThan(0);
  await expect(page.getByTestId('data-panel')).toHaveAttribute('data-samples', '1');
  await expect(page.getByTestId('value-0-0')).toHaveValue(String(green));
  await expect(page.getByTestId('value-0-1')).toHaveValue('-1');
  await expect(page.getByTestId('label-0')).toHaveValue('绿');
});
