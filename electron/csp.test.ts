// The built renderer under the Electron window's exact CSP and response headers: the app:// handler
// (main/app-protocol.ts) serves a fresh vite build through a loopback HTTP server (Chromium cannot speak our custom
// scheme without Electron; 'self' means the same origin either way), and Debian's Chromium loads it. A CSP that
// blocked Blockly, React, the module worker or rapier's WebAssembly would show as violations, a page that never
// becomes ready, or a simulator that does not run.
import { chromium, type Browser } from '@playwright/test';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromBlockly } from '../core/program';
import { runHeadless } from '../core/sim/headless';
import { createAppProtocolHandler } from './main/app-protocol';
import { CONTENT_SECURITY_POLICY } from './main/security';

const ROOT = join(__dirname, '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
let server: Server;
let browser: Browser;
let origin = '';

beforeAll(async () => {
  const outDir = mkdtempSync(join(tmpdir(), 'ailab-csp-renderer-'));
  await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'error', build: { outDir, emptyOutDir: true } });
  const handle = createAppProtocolHandler(outDir);
  server = createServer(async (req, res) => {
    const answer = await handle(new Request(`app://ailab${req.url ?? '/'}`, { method: req.method }));
    res.writeHead(answer.status, Object.fromEntries(answer.headers));
    res.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--enable-unsafe-swiftshader'] });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
});

describe('the app under the Electron CSP', () => {
  it('the editor becomes ready and the simulator runs rapier in its worker, with nothing blocked', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript(() => {
      const w = window as unknown as { __csp: string[] };
      w.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.effectiveDirective} ${e.blockedURI}`));
    });
    const response = await page.goto(`${origin}/index.html`);
    expect(response!.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    await page.waitForSelector('[data-ready="true"]', { timeout: 30_000 });

    const project = JSON.parse(readFileSync(join(ROOT, 'examples', 'line-follow.ailab'), 'utf8'));
    const program = fromBlockly(project.workspace, project.target).program;
    await page.waitForFunction(() => typeof (window as any).__ailab?.runFor === 'function', null, { timeout: 30_000 });
    const run: { timeMs: number; stateHash: string } = await page.evaluate(async (p) => {
      const hook = (window as any).__ailab;
      hook.load(p, 'line-track', 1);
      // A worker whose WebAssembly was blocked never answers: fail in 30 s rather than at the test timeout.
      return Promise.race([hook.runFor(3), new Promise((resolve) => setTimeout(() => resolve({ timeMs: -1, stateHash: 'no answer from the sim worker' }), 30_000))]);
    }, program);
    const node = await runHeadless({ program, arenaId: 'line-track', seed: 1, seconds: 3 });
    expect(run.timeMs).toBe(3000);
    expect(run.stateHash).toBe(node.stateHash);

    const violations: string[] = await page.evaluate(() => (window as any).__csp);
    // zod 4 probes once whether `new Function` works (inside try/catch) and falls back when CSP says no; that probe is
    // reported as an 'eval' violation and changes nothing. Anything that loads a resource must not be blocked.
    expect(violations.filter((v) => !v.endsWith(' eval'))).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
