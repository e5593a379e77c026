#!/usr/bin/env node
// app.cold_start_ms: browser mode, from spawning `ailab serve` to an interactive editor (the renderer sets
// `document.body.dataset.ready = 'true'` once Blockly's workspace is injected). Each run uses a fresh data folder and
// a fresh browser profile. Includes: Node + tsx start, host start, Chromium launch, page load, editor ready.
// Prints the median of RUNS runs (and the part until `Serving at`). One untimed warm-up start comes first: like any
// start after the first on a user's PC, the timed ones then find the OS file cache warm and ailab's start-up bundle
// built (host/cli/cli-cache.mjs); the browser profile and data folder are new each run.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium } from '@playwright/test';
import { bundleIsStale } from '../host/cli/cli-cache.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const READY_TIMEOUT_MS = 60_000;

if (!existsSync('dist/renderer/index.html')) {
  console.log('[bench] dist/renderer missing: building it first (not timed)');
  const built = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(1);
}

function startServe(dataDir) {
  const child = spawn(process.execPath, ['bin/ailab.mjs', 'serve', '--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /Serving at (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`ailab serve exited (${code}) before serving`)));
  });
  return { child, url };
}

async function oneRun() {
  const dataDir = mkdtempSync(join(tmpdir(), 'ailab-bench-'));
  const t0 = performance.now();
  const { child, url: urlPromise } = startServe(dataDir);
  let browser;
  try {
    const url = await urlPromise;
    const tServing = performance.now();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--enable-unsafe-swiftshader', '--no-first-run'] });
    const page = await browser.newPage();
    await page.goto(url, { waitUntil: 'commit' });
    const tPage = performance.now();
    await page.waitForSelector('[data-ready="true"]', { state: 'attached', timeout: READY_TIMEOUT_MS });
    const tReady = performance.now();
    return { total: tReady - t0, serving: tServing - t0, page: tPage - t0 };
  } finally {
    await browser?.close();
    child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const warm = await oneRun();
console.log(`[bench] warm-up start: ready ${warm.total.toFixed(0)} ms`);
await new Promise((r) => setTimeout(r, 2000)); // let the warm-up's serve finish refreshing the start-up bundle
const runs = [];
for (let i = 0; i < RUNS; i++) {
  // A source edited since the warm-up (a shared working tree) sends that start through tsx: say so next to its time.
  const via = bundleIsStale(process.cwd()) ? 'tsx' : 'bundle';
  const r = await oneRun();
  runs.push(r);
  console.log(`[bench] app cold start run ${i + 1} (${via}): serving ${r.serving.toFixed(0)} ms, page ${r.page.toFixed(0)} ms, ready ${r.total.toFixed(0)} ms`);
}
const bench = (name, value) => console.log(`BENCH ${JSON.stringify({ name, value: Math.round(value), unit: 'ms' })}`);
bench('app.cold_start_ms', median(runs.map((r) => r.total)));
bench('app.cold_start.serving_ms', median(runs.map((r) => r.serving)));
