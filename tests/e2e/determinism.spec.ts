/**
 * Determinism across processes: the same (program, arena, seed) run for the same sim seconds gives the same state
 * hash in Chromium — through the app's real sim worker (rapier WASM in a module Web Worker) — as in Node through
 * `ailab run … --json` (the host's CLI, a separate process). Lesson checks, competition scores and replays rest on
 * this. The page is driven through the SimController test hook `window.__ailab` (`load`, `runFor`); nothing is
 * mocked.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { fromBlockly } from '../../core/program';
import type { Program } from '../../core/program/ir';
import { REPO_ROOT, startHost, type ServedApp } from './helpers';

let host: ServedApp;
test.beforeAll(async () => {
  host = await startHost();
});
test.afterAll(async () => {
  await host?.stop();
});

interface Case {
  readonly file: string;
  readonly arena: string;
  readonly seed: number;
  readonly seconds: number;
}

const CASES: readonly Case[] = [
  { file: 'examples/square.ailab', arena: 'open-floor', seed: 1, seconds: 20 },
  { file: 'examples/line-follow.ailab', arena: 'line-track', seed: 7, seconds: 30 },
  { file: 'examples/line-follow.ailab', arena: 'line-track', seed: 8, seconds: 30 },
];

interface CliSummary {
  readonly stateHash: string;
  readonly simSeconds: number;
  readonly ticks: number;
}

function cliRun(c: Case): CliSummary {
  const r = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'ailab.mjs'), 'run', c.file, '--arena', c.arena, '--seed', String(c.seed), '--seconds', String(c.seconds), '--json'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, LANG: 'en_US.UTF-8' },
    timeout: 60_000,
  });
  expect(r.status, `ailab run failed:\n${r.stderr}`).toBe(0);
  return JSON.parse(r.stdout) as CliSummary;
}

function programOf(file: string): Program {
  const project = JSON.parse(readFileSync(join(REPO_ROOT, file), 'utf8')) as { workspace: unknown; target: 'robot' | 'drone' | 'sensorkit' };
  return fromBlockly(project.workspace, project.target).program;
}

async function openSim(page: Page): Promise<void> {
  await page.goto(host.url);
  await page.waitForFunction(() => typeof (window as any).__ailab?.runFor === 'function', null, { timeout: 30_000 });
}

/** Loads the program into the page's sim worker and runs it as fast as possible; returns the worker's result. */
async function browserRun(page: Page, program: Program, c: Case): Promise<{ state: string; timeMs: number; stateHash: string; wallMs: number }> {
  return page.evaluate(async ({ program, arena, seed, seconds }) => {
    const hook = (window as any).__ailab;
    hook.load(program, arena, seed);
    const t0 = performance.now();
    const r = await hook.runFor(seconds);
    return { ...r, wallMs: performance.now() - t0 };
  }, { program, arena: c.arena, seed: c.seed, seconds: c.seconds });
}

for (const c of CASES) {
  test(`${c.file} on ${c.arena} (seed ${c.seed}, ${c.seconds} s): Chromium's sim worker ends with the same state hash as "ailab run"`, async ({ page }) => {
    const cli = cliRun(c);
    await openSim(page);
    const browser = await browserRun(page, programOf(c.file), c);
    console.log(`[determinism] ${c.file} ${c.arena} seed ${c.seed}: hash ${browser.stateHash}, ${browser.timeMs / 1000} sim s in ${Math.round(browser.wallMs)} ms wall in Chromium`);
    expect(browser.stateHash).toMatch(/^[0-9a-f]{16}$/);
    expect(browser.stateHash).toBe(cli.stateHash);
    expect(browser.timeMs).toBe(cli.ticks * 20);
  });
}

test('a different seed gives a different run where noise matters (the hash is not a constant)', async ({ page }) => {
  await openSim(page);
  const program = programOf('examples/line-follow.ailab');
  const a = await browserRun(page, program, CASES[1]!);
  const b = await browserRun(page, program, CASES[2]!);
  const again = await browserRun(page, program, CASES[1]!);
  expect(again.stateHash).toBe(a.stateHash);
  expect(b.stateHash).not.toBe(a.stateHash);
});
