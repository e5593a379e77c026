/**
 * The virtual camera sees the same thing in Chromium (where the app's sim worker runs) as in Node: the same core/sim
 * code bundled for the browser, run from a file:// page in Debian's Chromium, frame for frame.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordCameraFrames } from './testing/camera-frames';
import { initPhysics } from './world';

const CHROMIUM = '/usr/bin/chromium';
const HERE = dirname(fileURLToPath(import.meta.url));

describe.skipIf(!existsSync(CHROMIUM))('virtual camera determinism in Chromium', () => {
  let dir = '';

  beforeAll(async () => {
    await initPhysics();
    dir = mkdtempSync(join(tmpdir(), 'ailab-camera-chromium-'));
    const entry = join(dir, 'entry.ts');
    writeFileSync(entry, `
      import { initPhysics } from ${JSON.stringify(resolve(HERE, 'world.ts'))};
      import { recordCameraFrames } from ${JSON.stringify(resolve(HERE, 'testing/camera-frames.ts'))};
      initPhysics().then(() => { document.body.dataset.frames = JSON.stringify(recordCameraFrames('sorting-table', 5)); })
        .catch((e) => { document.body.dataset.error = String(e); });
    `);
    buildSync({ entryPoints: [entry], bundle: true, format: 'iife', platform: 'browser', outfile: join(dir, 'bundle.js'), logLevel: 'error' });
    writeFileSync(join(dir, 'index.html'), '<!doctype html><html><body><script src="bundle.js"></script></body></html>');
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('gives the same 60 camera frames on the sorting table in Chromium as in Node', async () => {
    const node = recordCameraFrames('sorting-table', 5);
    const browser = await chromium.launch({ executablePath: CHROMIUM });
    try {
      const page = await browser.newPage();
      await page.goto(`file://${join(dir, 'index.html')}`);
      // Page functions as strings: core's test tsconfig has no DOM types.
      await page.waitForFunction('document.body.dataset.frames || document.body.dataset.error', null, { timeout: 90_000 });
      const result = (await page.evaluate('({ ...document.body.dataset })')) as { frames?: string; error?: string };
      expect(result.error).toBeUndefined();
      expect(JSON.parse(result.frames!)).toEqual(node);
      expect(node.some((f) => f.includes('"tags":[{'))).toBe(true);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
