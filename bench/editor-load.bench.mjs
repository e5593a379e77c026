#!/usr/bin/env node
// Browser benchmarks of the editor and the sim worker, in Debian's Chromium against `ailab serve` (browser mode):
//
// - editor.load_500_blocks_ms: a workspace of 500 blocks (50 stacks of "when started" + 9 motion/LED blocks; shadow
//   number/colour blocks not counted) loaded through the app's test hook `__ailab.loadWorkspace(json)` (Blockly's
//   serializer), timed until Blockly has rendered it: its render queue is flushed on the next animation frame, so
//   the clock stops after two frames and a check that 500 blocks are on the workspace. Goal ≤ 1000 ms.
// - editor.run_to_first_command_ms: a click on Run (the real button: IR conversion, `sim.load` to the worker, world
//   built, first tick) until the page receives the first `command` runtime event from the sim worker. Goal ≤ 50 ms.
//
// Each is the median of RUNS runs in one page after one warm-up (the first Blockly render and the worker's WASM
// compile are not what a student waits for on every click). Prints `BENCH {"name":…,"value":…,"unit":"ms"}` lines.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

if (!existsSync('dist/renderer/index.html')) {
  console.log('[bench] dist/renderer missing: building it first (not timed)');
  const built = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(1);
}

/** 50 stacks × (1 hat + 9 statements) = 500 blocks, with their shadow inputs as the toolbox gives them. Short stacks:
 *  a class project is many short scripts, and Playwright cannot pass a ~100-deep object (a long chain nests `next`)
 *  into the page. */
function workspaceOf500Blocks() {
  const num = (id, n) => ({ shadow: { type: 'math_number', id, fields: { NUM: n } } });
  let seq = 0;
  const id = () => `b${++seq}`;
  const statement = (i) => {
    switch (i % 3) {
      case 0:
        return { type: 'robot_drive_cm', id: id(), fields: { DIR: 'forward' }, inputs: { CM: num(id(), 10 + (i % 20)), SPEED: num(id(), 50) } };
      case 1:
        return { type: 'robot_turn_deg', id: id(), fields: { DIR: 'right' }, inputs: { DEG: num(id(), 90), SPEED: num(id(), 50) } };
      default:
        return { type: 'looks_set_led', id: id(), inputs: { COLOUR: { shadow: { type: 'looks_colour', id: id(), fields: { COLOUR: '#00ff00' } } } } };
    }
  };
  const stacks = [];
  for (let s = 0; s < 50; s++) {
    const hat = { type: 'event_when_started', id: id(), x: 40 + (s % 10) * 320, y: 40 + Math.floor(s / 10) * 420 };
    let tail = hat;
    for (let i = 0; i < 9; i++) {
      const next = statement(i);
      tail.next = { block: next };
      tail = next;
    }
    stacks.push(hat);
  }
  return { blocks: { languageVersion: 0, blocks: stacks } };
}

function startServe(dataDir) {
  const child = spawn(process.execPath, ['bin/ailab.mjs', 'serve', '--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = new Promise((resolve, reject) => {
    let out = '';
    const onData = (chunk) => {
      out += chunk;
      const m = /Serving at (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`ailab serve exited (${code}) before serving:\n${out}`)));
  });
  return { child, url };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const dataDir = mkdtempSync(join(tmpdir(), 'ailab-bench-editor-'));
const { child, url: urlPromise } = startServe(dataDir);
let browser;
let failed = false;
try {
  const url = await urlPromise;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--enable-unsafe-swiftshader', '--no-first-run'] });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('pageerror', (e) => console.log(`[bench] page error: ${e.message}`));
  page.setDefaultTimeout(60_000);
  await page.goto(url);
  await page.waitForSelector('[data-ready="true"]', { state: 'attached', timeout: 60_000 });
  await page.waitForFunction(() => typeof window.__ailab?.loadWorkspace === 'function' && window.__ailab?.sim?.isReady, null, { timeout: 60_000 });

  // ---- editor.load_500_blocks_ms ----
  const big = workspaceOf500Blocks();
  const empty = { blocks: { languageVersion: 0, blocks: [] } };
  const loads = [];
  for (let i = 0; i <= RUNS; i++) {
    await page.evaluate((json) => window.__ailab.loadWorkspace(json), empty);
    await page.waitForTimeout(200);
    const r = await page.evaluate(async (json) => {
      const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
      const t0 = performance.now();
      window.__ailab.loadWorkspace(json);
      await frame();
      await frame();
      const ms = performance.now() - t0;
      // Every block of every stack, shadows (number and colour inputs) left out.
      const blocks = window.__ailab.topBlocks().reduce((n, b) => n + b.children.filter((t) => t !== 'math_number' && t !== 'looks_colour').length, 0);
      return { ms, blocks, stacks: window.__ailab.topBlocks().length };
    }, big);
    if (i === 0) {
      console.log(`[bench] warm-up load: ${r.ms.toFixed(1)} ms, ${r.blocks} blocks in ${r.stacks} stacks`);
      if (r.blocks !== 500) throw new Error(`expected 500 blocks on the workspace, found ${r.blocks}`);
      continue;
    }
    loads.push(r.ms);
  }
  console.log(`[bench] load 500 blocks: ${loads.map((x) => x.toFixed(1)).join(', ')} ms`);
  console.log(`BENCH ${JSON.stringify({ name: 'editor.load_500_blocks_ms', value: Math.round(median(loads) * 10) / 10, unit: 'ms' })}`);

  // ---- editor.run_to_first_command_ms ----
  const square = JSON.parse(readFileSync('examples/square.ailab', 'utf8'));
  await page.evaluate((json) => window.__ailab.loadWorkspace(json), square.workspace);
  const firsts = [];
  for (let i = 0; i <= RUNS; i++) {
    await page.evaluate(() => window.__ailab.sim.stop());
    await page.waitForTimeout(300);
    const ms = await page.evaluate(() => new Promise((resolve, reject) => {
      const sim = window.__ailab.sim;
      const timer = setTimeout(() => reject(new Error('no command event within 5 s')), 5000);
      let t0 = 0;
      const off = sim.onRuntimeEvent((e) => {
        if (e.type !== 'command') return;
        off();
        clearTimeout(timer);
        resolve(performance.now() - t0);
      });
      t0 = performance.now();
      document.querySelector('[data-testid="run"]').click();
    }));
    if (i === 0) {
      console.log(`[bench] warm-up run: ${ms.toFixed(1)} ms`);
      continue;
    }
    firsts.push(ms);
  }
  console.log(`[bench] run → first command: ${firsts.map((x) => x.toFixed(1)).join(', ')} ms`);
  console.log(`BENCH ${JSON.stringify({ name: 'editor.run_to_first_command_ms', value: Math.round(median(firsts) * 10) / 10, unit: 'ms' })}`);
} catch (err) {
  failed = true;
  console.error(`[bench] editor-load failed: ${err instanceof Error ? err.stack : err}`);
} finally {
  await browser?.close();
  child.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
