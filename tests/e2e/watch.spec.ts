/**
 * The variable watch as a student sees it: while a program counts, the watch panel shows the variable's value going
 * up; paused, Step moves it on by what the stepped statement did; after the run ends (or is stopped) the final value
 * stays. Real host, real sim worker, real interpreter; the workspace is put in through the app's test hook
 * (`window.__ailab.loadWorkspace`) and run with the Run button. Nothing is mocked.
 */
import { expect, test, type Page } from '@playwright/test';
import { openApp, startHost, type ServedApp } from './helpers';

let host: ServedApp;
test.beforeAll(async () => {
  host = await startHost();
});
test.afterAll(async () => {
  await host?.stop();
});

const num = (id: string, n: number) => ({ shadow: { type: 'math_number', id, fields: { NUM: n } } });
const change = (id: string, next?: unknown) => ({
  type: 'math_change', id, fields: { VAR: { id: 'vc' } }, inputs: { DELTA: num(`${id}-d`, 1) }, ...(next ? { next: { block: next } } : {}),
});

async function load(page: Page, blocks: unknown[]): Promise<void> {
  await page.evaluate((b) => (window as any).__ailab.loadWorkspace({
    blocks: { languageVersion: 0, blocks: b },
    variables: [{ name: 'count', id: 'vc' }],
  }), blocks);
}

/** Samples the text of the `count` cell every 20 ms in the page (faster than any change in these programs). */
async function startSampling(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as any).__watchSeen = seen;
    setInterval(() => {
      const text = document.querySelector('[data-testid="watch-count"]')?.textContent ?? '';
      if (text !== '' && seen.at(-1) !== text) seen.push(text);
    }, 20);
  });
}

test('while a program counts, the watch panel shows the count going up, and the final value after the run ends', async ({ page }) => {
  await openApp(page, host.url);
  // count = 0; repeat 3 { change count by 1; wait 0.6 s }
  await load(page, [{
    type: 'event_when_started', id: 'hat', x: 40, y: 40,
    next: { block: {
      type: 'variables_set', id: 'set', fields: { VAR: { id: 'vc' } }, inputs: { VALUE: num('zero', 0) },
      next: { block: {
        type: 'controls_repeat_ext', id: 'rep', inputs: { TIMES: num('times', 3), DO: { block: change('inc', { type: 'control_wait_s', id: 'wait', inputs: { SECONDS: num('s', 0.6) } }) } },
      } },
    } },
  }]);
  await startSampling(page);
  await page.getByTestId('run').click();
  const cell = page.getByTestId('watch-count');
  await expect(cell).toHaveText('1');
  await expect.poll(() => page.evaluate(() => (window as any).__ailab.state())).toBe('running');
  await expect(cell).toHaveText('2');
  await expect.poll(() => page.evaluate(() => (window as any).__ailab.state())).toBe('finished');
  await expect(cell).toHaveText('3');
  // Every value on the way was on screen, in order (0 only for the instant before the first statement ran).
  const seen: string[] = await page.evaluate(() => (window as any).__watchSeen);
  expect(seen.filter((t) => t !== '0')).toEqual(['1', '2', '3']);
  // It stays after the end.
  await page.waitForTimeout(500);
  await expect(cell).toHaveText('3');
  await expect(page.getByTestId('watch-panel')).toContainText('count');
});

test('paused, Step moves the watched value on; after Stop the value it stopped at stays', async ({ page }) => {
  await openApp(page, host.url);
  // forever { change count by 1 } — never blocks, so each Step runs one statement of it.
  await load(page, [{
    type: 'event_when_started', id: 'hat', x: 40, y: 40,
    next: { block: { type: 'control_forever', id: 'loop', inputs: { DO: { block: change('inc') } } } },
  }]);
  await page.getByTestId('run').click();
  const cell = page.getByTestId('watch-count');
  await expect.poll(async () => Number(await cell.textContent())).toBeGreaterThan(100);
  await page.getByTestId('pause').click();
  await expect.poll(() => page.evaluate(() => (window as any).__ailab.state())).toBe('paused');
  // The watch catches up with the pause (sent once after the state change), then holds still.
  await page.waitForTimeout(300);
  const paused = Number(await cell.textContent());
  await page.waitForTimeout(300);
  expect(Number(await cell.textContent()), 'the value holds still while paused').toBe(paused);
  await expect(page.getByTestId('step')).toBeEnabled();
  for (let i = 0; i < 4; i++) await page.getByTestId('step').click();
  await expect.poll(async () => Number(await cell.textContent())).toBeGreaterThan(paused);
  // Let the last of the four steps arrive before reading.
  await page.waitForTimeout(300);
  const stepped = Number(await cell.textContent());
  expect(stepped, 'four steps, at most four increments').toBeLessThanOrEqual(paused + 4);
  expect(await page.evaluate(() => (window as any).__ailab.state())).toBe('paused');
  await page.getByTestId('stop').click();
  await expect.poll(() => page.evaluate(() => (window as any).__ailab.state())).toBe('stopped');
  await page.waitForTimeout(300);
  await expect(cell).toHaveText(String(stepped));
});
