/**
 * Shared end-to-end helpers: start the real host (`node bin/ailab.mjs serve --port 0 --data-dir <tmp>`) as a child
 * process, parse its `Serving at http://…/` line, and stop it. Each call gets a fresh data folder unless one is
 * given, so tests never see each other's projects. Nothing is mocked: the browser talks to the real host over
 * HTTP and WebSocket.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');

export interface ServedApp {
  /** Base URL ending in `/`, e.g. `http://127.0.0.1:43127/`. */
  readonly url: string;
  readonly dataDir: string;
  /** `<dataDir>/projects`, where `project.list` looks and bare names are saved. */
  readonly projectsDir: string;
  readonly process: ChildProcess;
  /** Everything the host printed (stdout + stderr), for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/** Starts `ailab serve` and resolves once it prints `Serving at`; rejects after `timeoutMs` or if it exits. */
export async function startHost(options: { dataDir?: string; timeoutMs?: number } = {}): Promise<ServedApp> {
  const ownDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'ailab-e2e-'));
  const projectsDir = join(dataDir, 'projects');
  mkdirSync(projectsDir, { recursive: true });
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'ailab.mjs'), 'serve', '--port', '0', '--data-dir', dataDir], {
    cwd: REPO_ROOT,
    env: { ...process.env, LANG: 'zh_CN.UTF-8' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`[e2e] host did not print "Serving at" within ${options.timeoutMs ?? 30_000} ms:\n${out}`)), options.timeoutMs ?? 30_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /Serving at (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[1]!.endsWith('/') ? m[1]! : `${m[1]}/`);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`[e2e] host exited with code ${code} before serving:\n${out}`));
    });
  });
  return {
    url,
    dataDir,
    projectsDir,
    process: child,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise<void>((r) => child.once('exit', () => r()));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Opens the app and waits until the Blockly workspace is injected and interactive (`body[data-ready=true]`) and the
 * start-up check for unsaved drafts is done (`body[data-drafts-checked=true]`). Drafts left by earlier tests are
 * discarded unless `keepDrafts` (crash-recovery tests want to see the "restore?" dialog).
 */
export async function openApp(page: Page, url: string, options: { keepDrafts?: boolean } = {}): Promise<void> {
  await page.goto(url);
  await waitForApp(page, options);
}

/** The waiting half of `openApp`, for use after `page.reload()`. */
export async function waitForApp(page: Page, options: { keepDrafts?: boolean } = {}): Promise<void> {
  await page.waitForSelector('body[data-ready="true"][data-drafts-checked="true"]', { timeout: 30_000 });
  if (!options.keepDrafts && (await page.getByTestId('dialog-restore').count()) > 0) {
    await page.getByTestId('restore-discard').click();
    await page.getByTestId('dialog-restore').waitFor({ state: 'detached' });
  }
}
