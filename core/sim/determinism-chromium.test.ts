import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHeadless } from './headless';
import { wallApproachProgram } from './testing/programs';
import { initPhysics } from './world';

// Debian's Chromium (ENVIRONMENT.md); Playwright's own browser download is not available on the build machines.
const CHROMIUM = '/usr/bin/chromium';
const HERE = dirname(fileURLToPath(import.meta.url));

describe.skipIf(!existsSync(CHROMIUM))('simulator determinism in Chromium', () => {
  let dir = '';

  beforeAll(async () => {
    await initPhysics();
    dir = mkdtempSync(join(tmpdir(), 'ailab-sim-chromium-'));
    // The same core/sim code, bundled for the browser (rapier's WASM is inlined), run from a file:// page.
    const entry = join(dir, 'entry.ts');
    writeFileSync(entry, `
      import { runHeadless } from ${JSON.stringify(resolve(HERE, 'headless.ts'))};
      import { wallApproachProgram } from ${JSON.stringify(resolve(HERE, 'testing/programs.ts'))};
      runHeadless({ program: wallApproachProgram(), arenaId: 'open-floor', seed: 4, seconds: 20 }).then(
        (s) => { document.body.dataset.hash = s.stateHash; document.body.dataset.poses = JSON.stringify(s.robots); },
        (e) => { document.body.dataset.error = String(e); },
      );
    `);
    buildSync({ entryPoints: [entry], bundle: true, format: 'iife', platform: 'browser', outfile: join(dir, 'bundle.js'), logLevel: 'error' });
    writeFileSync(join(dir, 'index.html'), '<!doctype html><html><body><script src="bundle.js"></script></body></html>');
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('gives the same state hash and final poses in Chromium as in Node', async () => {
    const node = await runHeadless({ program: wallApproachProgram(), arenaId: 'open-floor', seed: 4, seconds: 20 });
    const browser = await chromium.launch({ executablePath: CHROMIUM });
    try {
      const page = await browser.newPage();
      await page.goto(`file://${join(dir, 'index.html')}`);
      // Page functions as strings: core's test tsconfig has no DOM types.
      await page.waitForFunction('document.body.dataset.hash || document.body.dataset.error', null, { timeout: 90_000 });
      const result = (await page.evaluate('({ ...document.body.dataset })')) as { hash?: string; poses?: string; error?: string };
      expect(result.error).toBeUndefined();
      expect(result.hash).toBe(node.stateHash);
      expect(JSON.parse(result.poses!)).toEqual(node.robots);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
