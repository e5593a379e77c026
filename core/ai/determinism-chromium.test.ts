/**
 * The same training gives the same models in Chromium as in Node: lesson checks and the sim worker run in the
 * browser, `ailab run` and `ailab check` in Node, and a student's saved model must not depend on where it was
 * trained. All four dataset model kinds, on seeded data with a test split, bundled for the browser with esbuild and
 * run in Debian's Chromium; the saved models (state, scores, every K-means step) must be equal to the last bit.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainAll } from './determinism-fixture';

const CHROMIUM = '/usr/bin/chromium';
const HERE = dirname(fileURLToPath(import.meta.url));

describe.skipIf(!existsSync(CHROMIUM))('AI models in Chromium', () => {
  let dir = '';

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ailab-ai-chromium-'));
    const entry = join(dir, 'entry.ts');
    writeFileSync(entry, `
      import { trainAll } from ${JSON.stringify(resolve(HERE, 'determinism-fixture.ts'))};
      try { document.body.dataset.models = JSON.stringify(trainAll()); } catch (e) { document.body.dataset.error = String(e); }
    `);
    buildSync({ entryPoints: [entry], bundle: true, format: 'iife', platform: 'browser', outfile: join(dir, 'bundle.js'), logLevel: 'error' });
    writeFileSync(join(dir, 'index.html'), '<!doctype html><html><body><script src="bundle.js"></script></body></html>');
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('KNN, tree, line and K-means trained in Chromium equal the ones trained in Node', async () => {
    const node = JSON.parse(JSON.stringify(trainAll()));
    const browser = await chromium.launch({ executablePath: CHROMIUM });
    try {
      const page = await browser.newPage();
      await page.goto(`file://${join(dir, 'index.html')}`);
      // Page functions as strings: core's test tsconfig has no DOM types.
      await page.waitForFunction('document.body.dataset.models || document.body.dataset.error', null, { timeout: 60_000 });
      const result = (await page.evaluate('({ ...document.body.dataset })')) as { models?: string; error?: string };
      expect(result.error).toBeUndefined();
      expect(JSON.parse(result.models!)).toEqual(node);
    } finally {
      await browser.close();
    }
  }, 90_000);
});
