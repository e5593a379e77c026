/**
 * What a student sees while a program runs: the running block is highlighted, Pause / Step advance it, print
 * output lands in the run log, and a runtime error (dividing by zero) is shown on the block that raised it, in
 * the current language, switching with it. Real host, real sim worker, real interpreter; programs are put in
 * through the app's test hook (dragging is covered in editor.spec.ts).
 */
import { expect, test, type Page } from '@playwright/test';
import { translate } from '../../core/i18n';
import { openApp, startHost, type ServedApp } from './helpers';

let host: ServedApp;
test.beforeAll(async () => {
  host = await startHost();
});
test.afterAll(async () => {
  await host?.stop();
});

const num = (id: string, n: number) => ({ shadow: { type: 'math_number', id, fields: { NUM: n } } });

async function load(page: Page, blocks: unknown[]): Promise<void> {
  await page.evaluate((b) => (window as any).__ailab.loadWorkspace({ blocks: { languageVersion: 0, blocks: b } }), blocks);
}

test('dividing by zero shows the error on the block that did it, in Chinese and after switching, in English', async ({ page }) => {
  await openApp(page, host.url);
  await load(page, [{
    type: 'event_when_started', id: 'hat', x: 40, y: 40,
    next: { block: { type: 'text_print', id: 'print', inputs: { TEXT: { block: { type: 'math_arithmetic', id: 'div', fields: { OP: 'DIVIDE' }, inputs: { A: num('a', 1), B: num('b', 0) } } } } } },
  }]);
  await page.getByTestId('run').click();
  const zh = translate('zh-CN', 'runtime', 'divisionByZero');
  await expect.poll(() => page.evaluate(() => (window as any).__ailab.warningText('div'))).toContain(zh);
  await expect(page.getByTestId('run-log')).toContainText(zh);
  await page.getByTestId('language').click();
  const en = translate('en', 'runtime', 'divisionByZero');
  await expect.poll(() => page.evaluate(() => (window as any).__ailab.warningText('div'))).toContain(en);
  await page.getByTestId('language').click();
});

test('the running block is highlighted, Pause holds it, Step moves on, and print output appears in the log', async ({ page }) => {
  await openApp(page, host.url);
  await load(page, [{
    type: 'event_when_started', id: 'hat', x: 40, y: 40,
    next: { block: {
      type: 'text_print', id: 'p1', inputs: { TEXT: { shadow: { type: 'text', id: 't1', fields: { TEXT: '你好' } } } },
      next: { block: { type: 'control_wait_s', id: 'wait', inputs: { SECONDS: num('s', 30) },
        next: { block: { type: 'text_print', id: 'p2', inputs: { TEXT: { shadow: { type: 'text', id: 't2', fields: { TEXT: 'done' } } } } } } } },
    } },
  }]);
  await page.getByTestId('run').click();
  await expect(page.getByTestId('run-log')).toContainText('你好');
  await expect.poll(() => page.evaluate(() => (window as any).__ailab.highlightedBlocks())).toEqual(['wait']);
  await page.getByTestId('pause').click();
  await expect.poll(() => page.evaluate(() => (window as any).__ailab.state())).toBe('paused');
  await expect(page.getByTestId('run-state')).toContainText('已暂停');
  const t0: number = await page.evaluate(() => (window as any).__ailab.timeMs());
  await page.waitForTimeout(600);
  expect(await page.evaluate(() => (window as any).__ailab.timeMs()), 'time stands still while paused').toBe(t0);
  await expect(page.getByTestId('step')).toBeEnabled();
  await page.getByTestId('step').click();
  await expect.poll(() => page.evaluate(() => (window as any).__ailab.timeMs())).toBeGreaterThan(t0);
  await page.getByTestId('stop').click();
  await expect.poll(() => page.evaluate(() => (window as any).__ailab.highlightedBlocks())).toEqual([]);
  await expect(page.getByTestId('run-log')).not.toContainText('done');
});
