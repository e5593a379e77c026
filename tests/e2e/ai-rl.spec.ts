/**
 * Q-learning and the tokenizer in the real app (real host, Chromium, sim worker, interpreter, rapier): a block program
 * on the 5 × 5 grid arena trains a Q-learning model and lets the robot follow the learned path; the Q-table view
 * then draws that model; the tokenizer panel splits typed text. The workspace goes in through the test hook (as in
 * ai-lab.spec.ts). Nothing is mocked.
 *
 * What a student would notice if it failed: the robot does not reach the green goal, the Q-table view is empty or
 * disagrees with the run, or the token chips/count are wrong.
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

const num = (n: number) => ({ shadow: { type: 'math_number', fields: { NUM: n } } });
const workspace = {
  blocks: {
    languageVersion: 0,
    blocks: [{
      type: 'event_when_started', id: 'start', x: 20, y: 20,
      next: { block: {
        type: 'ai_q_train', id: 'train', fields: { MODEL: '寻路', ARENA: 'grid-5x5' },
        inputs: { EPISODES: num(300), ALPHA: num(0.5), GAMMA: num(0.9), EPSILON: num(0.2), GOAL: num(10), TRAP: num(-10), STEP: num(-1), WALL: num(-2) },
        next: { block: { type: 'ai_q_follow', id: 'follow', fields: { MODEL: '寻路' } } },
      } },
    }],
  },
};

test('trains Q-learning on the 5 × 5 grid, the robot drives the learned path to the goal, and the Q-table view draws it', async ({ page }) => {
  test.setTimeout(180_000);
  await openApp(page, host.url);
  await page.getByTestId('arena-picker').selectOption('grid-5x5');
  await page.evaluate((json) => (window as any).__ailab.loadWorkspace(json), JSON.stringify(workspace));
  await page.getByTestId('speed-4').click();
  await page.getByTestId('run').click();
  await expect.poll(() => page.evaluate(() => (window as any).__ailab.state()), { timeout: 150_000, intervals: [1000] }).toBe('finished');
  expect(await page.locator('.log-error').count()).toBe(0);

  // The robot stands on the goal cell (row 0, column 3: centre x 1.75 m, z 0.25 m).
  const [x, , z] = await page.evaluate(() => (window as any).__ailab.snapshot().robots[0].position as [number, number, number]);
  expect(Math.abs(x - 1.75)).toBeLessThan(0.05);
  expect(Math.abs(z - 0.25)).toBeLessThan(0.05);

  // The Q-table view shows the model the run trained: 25 cells, the path of 9 moves to the goal.
  await page.getByTestId('qtable-toggle').click();
  await expect(page.locator('[data-testid^="qcell-"]')).toHaveCount(25);
  await expect(page.getByTestId('qtable-path-summary')).toContainText('9');
  await expect(page.getByTestId('qtable-path')).toBeVisible();
  await expect(page.getByTestId('qcell-0-4')).toHaveAttribute('data-best', 'W');
});

test('the tokenizer panel splits typed Chinese and English text into chips with ids', async ({ page }) => {
  await openApp(page, host.url);
  await page.getByTestId('tokenizer-toggle').click();
  await page.getByTestId('tokenizer-input').fill('我爱AI机器人！');
  await expect(page.getByTestId('token-text')).toHaveText(['我', '爱', 'ai', '机器人', '！']);
  await expect(page.getByTestId('token-id')).toHaveText(['643', '788', '402', '1192', '38']);
  // The app starts in Chinese.
  await expect(page.getByTestId('tokenizer-count')).toHaveText('5 个词元');
});
