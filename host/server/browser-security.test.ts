/**
 * Browser-mode security as a real Chromium (Debian's /usr/bin/chromium through Playwright) sees it: the CSP blocks
 * inline script, another site's page cannot open the host's WebSocket, and a DNS-rebinding name gets nothing.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './start-server';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const quiet = () => undefined;

describe.skipIf(!existsSync(CHROMIUM))('browser-mode security in Chromium', { timeout: 60_000 }, () => {
  let dir: string;
  let app: RunningServer;
  /** Another site on this machine: a plain page without any CSP of ours (an attacker's page would have none). */
  let otherSite: Server;
  let otherSiteUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ailab-browser-sec-'));
    const renderer = join(dir, 'renderer');
    mkdirSync(renderer, { recursive: true });
    // An inline script (forbidden by the CSP) and an external one from the same origin (allowed).
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>t</title><script>window.inlineRan = true</script><script src="./ok.js"></script>');
    writeFileSync(join(renderer, 'ok.js'), 'window.externalRan = true;');
    app = await startServer({ port: 0, dataDir: join(dir, 'a'), rendererDir: renderer, log: quiet });
    otherSite = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>other site</title>'));
    await new Promise<void>((resolve) => otherSite.listen(0, '127.0.0.1', () => resolve()));
    otherSiteUrl = `http://localhost:${(otherSite.address() as AddressInfo).port}/`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--no-first-run', `--host-resolver-rules=MAP rebind.test 127.0.0.1`],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    otherSite?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Opens a WebSocket from the page to `url`; resolves 'open' or 'refused'. */
  const tryWebSocket = (url: string) =>
    `new Promise((resolve) => { const ws = new WebSocket(${JSON.stringify(url)}); ws.onopen = () => { ws.close(); resolve('open'); }; ws.onerror = () => resolve('refused'); })`;

  it('the Content-Security-Policy stops inline script; the app own scripts run', async () => {
    const page = await browser.newPage();
    await page.goto(app.url);
    await page.waitForFunction(() => (globalThis as { externalRan?: boolean }).externalRan === true);
    expect(await page.evaluate(() => (globalThis as { inlineRan?: boolean }).inlineRan ?? false)).toBe(false);
    await page.close();
  });

  it('the app page talks to its host over the WebSocket; a page from another site cannot', async () => {
    const page = await browser.newPage();
    await page.goto(app.url);
    const wsUrl = `${app.url.replace('http', 'ws')}api/ws`;
    expect(await page.evaluate(tryWebSocket(wsUrl))).toBe('open');
    // The same page (origin = the app) is fine; now a page served by another local server tries it.
    const foreign = await browser.newPage();
    await foreign.goto(otherSiteUrl);
    expect(await foreign.evaluate(tryWebSocket(wsUrl))).toBe('refused');
    await page.close();
    await foreign.close();
  });

  it('a DNS-rebinding name pointing at 127.0.0.1 gets 403, not the app', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`http://rebind.test:${app.port}/`);
    expect(response?.status()).toBe(403);
    expect(await page.evaluate(() => (globalThis as { externalRan?: boolean }).externalRan ?? false)).toBe(false);
    await page.close();
  });
});
