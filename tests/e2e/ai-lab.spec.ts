/**
 * The AI lab end to end, as a class would do it: on the sorting table, a block program teaches the robot the colours
 * by looking at the three bins (15 labelled camera readings), trains a KNN model, then looks at each cube, asks the
 * model its colour and pushes it into that colour's bin. Run in the app with the Run button (real host, real sim
 * worker, real interpreter and camera, real ml-knn); the workspace is put in through the test hook because dragging
 * ~250 blocks by hand would test Blockly, not the lab. Nothing is mocked.
 *
 * What a student would notice if it failed: the data panel does not show the recorded samples or their balance, the
 * model's accuracy is missing, a cube ends up in the wrong bin (a wrong prediction takes another colour's route), or
 * the CSV export is not something Excel opens with the Chinese labels intact.
 *
 * The second test works the panel by hand: recording sensor-kit readings, importing CSV files through the real file
 * input (a broken one must be refused naming its row and add nothing), and undoing with Ctrl+Z inside the panel.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { BINS, colourSortWorkspace, DATASET, LABELS, MODEL } from './colour-sort-program';
import { openApp, startHost, type ServedApp } from './helpers';

let host: ServedApp;
test.beforeAll(async () => {
  host = await startHost();
});
test.afterAll(async () => {
  await host?.stop();
});

test('records colours in the simulator, trains KNN, and the robot sorts every cube into its bin; the data panel shows it all', async ({ page }) => {
  // ~92 s of device time at ×4 speed, plus start-up.
  test.setTimeout(240_000);
  await openApp(page, host.url);
  await page.getByTestId('arena-picker').selectOption('sorting-table');
  await page.evaluate((json) => (window as any).__ailab.loadWorkspace(json), JSON.stringify(colourSortWorkspace()));
  // Saved before the run, so the unsaved marker afterwards can only come from what the run recorded and trained.
  await page.keyboard.press('Control+S');
  await page.getByTestId('save-name').fill('colour-sort');
  await page.getByTestId('save-confirm').click();
  await expect(page.getByTestId('app')).toHaveAttribute('data-dirty', 'false');
  await page.getByTestId('speed-4').click();
  await page.getByTestId('run').click();
  await expect.poll(() => page.evaluate(() => (window as any).__ailab.state()), { timeout: 200_000, intervals: [1000] }).toBe('finished');

  // No runtime error on the way.
  const errors = await page.locator('.log-error').count();
  expect(errors).toBe(0);

  // Every cube ended inside the bin of its colour.
  const props: { id: string; position: [number, number, number] }[] = await page.evaluate(() => (window as any).__ailab.snapshot().props);
  const cubes = props.filter((p) => p.id.startsWith('cube-'));
  expect(cubes).toHaveLength(6);
  for (const c of cubes) {
    const colour = c.id.split('-')[1] as keyof typeof BINS;
    const [x, , z] = c.position;
    const bin = BINS[colour];
    expect({ id: c.id, inX: x > bin.x[0] && x < bin.x[1], inZ: z > bin.z[0] && z < bin.z[1] }, `${c.id} at (${x.toFixed(3)}, ${z.toFixed(3)})`).toEqual({ id: c.id, inX: true, inZ: true });
  }

  // The run's recordings and model are now part of the project, which has unsaved changes.
  await expect(page.getByTestId('app')).toHaveAttribute('data-dirty', 'true');

  // Data tab: 15 samples, five of each colour, no fairness warning, a scatter of all 15, the rows in the table.
  await page.getByTestId('ai-panel-toggle').click();
  const data = page.getByTestId('data-panel');
  await expect(data).toHaveAttribute('data-dataset', DATASET);
  await expect(data).toHaveAttribute('data-samples', '15');
  for (const label of Object.values(LABELS)) {
    await expect(page.locator(`[data-testid="balance-row"][data-label="${label}"]`)).toHaveAttribute('data-count', '5');
  }
  await expect(page.getByTestId('data-warnings')).toHaveCount(0);
  await expect(page.getByTestId('data-scatter')).toHaveAttribute('data-points', '15');
  await expect(page.getByTestId('data-row')).toHaveCount(15);
  // uPlot drew the points: the chart canvas has pixels of the red label colour (#e53935).
  await expect.poll(() => page.evaluate(() => {
    const canvas = document.querySelector('[data-testid="data-scatter"] canvas') as HTMLCanvasElement | null;
    if (!canvas) return 0;
    const px = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let red = 0;
    for (let i = 0; i < px.length; i += 4) if (Math.abs(px[i]! - 0xe5) < 12 && Math.abs(px[i + 1]! - 0x39) < 12 && Math.abs(px[i + 2]! - 0x35) < 12) red++;
    return red;
  })).toBeGreaterThan(20);

  // CSV export: UTF-8 with a BOM, the header, and the Chinese labels.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-export').click()]);
  expect(download.suggestedFilename()).toBe(`${DATASET}.csv`);
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const lines = csv.slice(1).trim().split(/\r\n/);
  expect(lines[0]).toBe('x1,x2,x3,label');
  expect(lines).toHaveLength(16);
  expect(lines.filter((l) => l.endsWith(',红'))).toHaveLength(5);

  // Models tab: the model, its accuracy on the held-back samples, and the KNN picture.
  await page.getByTestId('ai-tab-models').click();
  await expect(page.getByTestId('model-panel')).toHaveAttribute('data-model', MODEL);
  await expect(page.getByTestId('model-accuracy')).toHaveText('100%');
  await expect(page.getByTestId('knn-picture')).toBeVisible();
  await expect(page.getByTestId('knn-neighbour')).toHaveCount(3);

  // Saving writes the samples and the model into the project file.
  await page.keyboard.press('Control+S');
  await expect(page.getByTestId('app')).toHaveAttribute('data-dirty', 'false');
  const saved = JSON.parse(readFileSync(join(host.projectsDir, 'colour-sort.ailab'), 'utf8'));
  expect(saved.datasets.map((d: { name: string; samples: unknown[] }) => [d.name, d.samples.length])).toEqual([[DATASET, 15]]);
  expect(saved.models.map((m: { name: string; kind: string }) => [m.name, m.kind])).toEqual([[MODEL, 'knn']]);
});

test('by hand: record sensor-kit readings with a label, import a CSV (a broken one is refused naming its row), undo with Ctrl+Z in the panel', async ({ page }) => {
  await openApp(page, host.url);
  await page.getByTestId('kit').selectOption('sensorkit');
  await page.getByTestId('sim-reset').click();
  await expect.poll(() => page.evaluate(() => (window as any).__ailab.snapshot()?.kit?.lightPercent ?? null)).not.toBeNull();

  await page.getByTestId('ai-panel-toggle').click();
  await expect(page.getByTestId('data-none')).toBeVisible();
  await page.getByTestId('record-form').locator('summary').click();
  await page.getByTestId('record-lightPercent').check();
  await page.getByTestId('record-label').fill('亮');
  await page.getByTestId('record-now').click();
  const data = page.getByTestId('data-panel');
  await expect(data).toHaveAttribute('data-samples', '1');
  await expect(data).toHaveAttribute('data-dataset', '传感器数据');
  const light: number = await page.evaluate(() => (window as any).__ailab.snapshot().kit.lightPercent);
  await expect(page.getByTestId('value-0-0')).toHaveValue(String(Math.round(light * 1000) / 1000));
  await expect(page.getByTestId('app')).toHaveAttribute('data-dirty', 'true');

  // A CSV with a word where a number belongs: refused, naming row 3; nothing is added.
  await page.getByTestId('csv-file').setInputFiles({ name: '坏数据.csv', mimeType: 'text/csv', buffer: Buffer.from('\ufeff光线,标签\n10,暗\nabc,亮\n') });
  await expect(page.getByTestId('data-error')).toContainText('坏数据.csv');
  await expect(page.getByTestId('data-error')).toContainText('第 3 行');
  await expect(page.getByTestId('dataset-pick').locator('option')).toHaveCount(1);

  // A good one becomes a second dataset, shown at once.
  await page.getByTestId('csv-file').setInputFiles({ name: '光线.csv', mimeType: 'text/csv', buffer: Buffer.from('\ufeff光线,标签\r\n10,暗\r\n90,亮\r\n85,亮\r\n') });
  await expect(data).toHaveAttribute('data-dataset', '光线');
  await expect(data).toHaveAttribute('data-samples', '3');
  await expect(page.getByTestId('dataset-pick').locator('option')).toHaveCount(2);

  // Ctrl+Z with the focus in the panel undoes the import (and leaves the Blockly workspace alone).
  await page.getByTestId('csv-import').focus();
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('dataset-pick').locator('option')).toHaveCount(1);
  await expect(page.getByTestId('ai-notice')).toContainText('导入 光线.csv');
});
