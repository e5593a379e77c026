/**
 * AI blocks in the app, end to end (real host, sim worker, interpreter and models; nothing mocked): the colour-sorting
 * example (examples/colour-sort-knn.ailab) records colour readings, trains KNN and predicts in the simulator; what
 * the run recorded and trained is written back into the open project (unsaved until saved) and shows in the AI
 * panel; a later program that only predicts uses that saved model. The workspaces go in through the test hook.
 *
 * What a student would notice if it failed: the run's samples and model vanish after the run, the project does not
 * say it has unsaved changes (so closing loses them), or a predict block cannot find a model trained earlier.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { openApp, REPO_ROOT, startHost, type ServedApp } from './helpers';

let host: ServedApp;
test.beforeAll(async () => {
  host = await startHost();
});
test.afterAll(async () => {
  await host?.stop();
});

const example = JSON.parse(readFileSync(join(REPO_ROOT, 'examples', 'colour-sort-knn.ailab'), 'utf8')) as { workspace: unknown };
const num = (id: string, n: number) => ({ shadow: { type: 'math_number', id, fields: { NUM: n } } });
/** "when started: print (model 颜色分类器 prediction for features(40, 60, 200))". */
const predictOnly = {
  blocks: {
    languageVersion: 0,
    blocks: [{
      type: 'event_when_started', id: 'hat', x: 40, y: 40,
      next: { block: { type: 'text_print', id: 'print', inputs: { TEXT: { block: {
        type: 'ai_predict', id: 'predict', fields: { MODEL: '颜色分类器' },
        inputs: { FEATURES: { block: { type: 'ai_features', id: 'features', inputs: { A: num('a', 40), B: num('b', 60), C: num('c', 200) } } } },
      } } } } },
    }],
  },
};

async function runToEnd(page: import('@playwright/test').Page): Promise<void> {
  await page.getByTestId('run').click();
  await expect.poll(() => page.evaluate(() => (window as any).__ailab.state()), { timeout: 60_000, intervals: [250] }).toBe('finished');
}

test('a run\'s recorded samples and trained model go into the project and a later predict block uses the model', async ({ page }) => {
  test.setTimeout(120_000);
  await openApp(page, host.url);
  await page.getByTestId('arena-picker').selectOption('sorting-table');
  await page.evaluate((json) => (window as any).__ailab.loadWorkspace(json), JSON.stringify(example.workspace));
  // Saved first, so "unsaved" afterwards can only come from what the run recorded and trained.
  await page.keyboard.press('Control+S');
  await page.getByTestId('save-name').fill('colours');
  await page.getByTestId('save-confirm').click();
  await expect(page.getByTestId('app')).toHaveAttribute('data-dirty', 'false');

  await runToEnd(page);
  await expect(page.getByTestId('run-log')).toContainText('prediction: red, confidence %: 100');
  await expect(page.locator('.log-error')).toHaveCount(0);
  await expect(page.getByTestId('app')).toHaveAttribute('data-dirty', 'true');

  await page.getByTestId('ai-panel-toggle').click();
  await expect(page.getByTestId('data-panel')).toHaveAttribute('data-dataset', '颜色数据');
  await expect(page.getByTestId('data-panel')).toHaveAttribute('data-samples', '15');
  await page.getByTestId('ai-tab-models').click();
  await expect(page.getByTestId('model-panel')).toHaveAttribute('data-model', '颜色分类器');

  // A program without any training block predicts with the model the first run left in the project.
  await page.evaluate((json) => (window as any).__ailab.loadWorkspace(json), JSON.stringify(predictOnly));
  await runToEnd(page);
  await expect(page.getByTestId('run-log')).toContainText('blue');
  await expect(page.locator('.log-error')).toHaveCount(0);
});
