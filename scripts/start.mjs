#!/usr/bin/env node
// `npm start`: the desktop app (Electron) where its binary exists, otherwise browser mode.
//   Electron: build the renderer (vite) and the main/preload bundle if their sources are newer, then `electron .`.
//   Browser mode: build the renderer if needed, then `node bin/ailab.mjs serve --open` (the host opens a Chromium /
//   Chrome / Edge app window, or prints the address).
// Forced browser mode: `npm start -- --browser` or AILAB_BROWSER=1. Other arguments (e.g. a .ailab path) are passed on.
// The terminal message says which mode started and why, in zh-CN and English (core/i18n shell namespace).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Path of the Electron binary, or `{ reason }` when there is none. The `electron` package resolves to the binary's
 * path and throws when its install script could not download it (the case on our build machines).
 */
export function detectElectron(requireFn = createRequire(join(ROOT, 'package.json'))) {
  let binary;
  try {
    binary = requireFn('electron');
  } catch (err) {
    const first = String(err instanceof Error ? err.message : err).split('\n')[0];
    if (first.includes('Cannot find module')) return { reason: 'electron package not installed' };
    // The package is there but its install script never downloaded the binary (offline, or ELECTRON_SKIP_BINARY_DOWNLOAD).
    if (first.includes('failed to install correctly')) return { reason: 'node_modules/electron has no downloaded binary' };
    return { reason: first };
  }
  if (typeof binary !== 'string' || !existsSync(binary)) return { reason: `no binary at ${String(binary)}` };
  return { binary };
}

/** Newest modification time (ms) of the files under `paths` (folders walked; node_modules and dot folders skipped). */
export function newestMtime(paths) {
  let newest = 0;
  const visit = (p) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      for (const name of readdirSync(p)) if (name !== 'node_modules' && !name.startsWith('.')) visit(join(p, name));
    } else {
      newest = Math.max(newest, st.mtimeMs);
    }
  };
  paths.forEach(visit);
  return newest;
}

/** True when an output is missing or older than the newest input. */
export function isStale(outputs, inputs) {
  let oldestOutput = Infinity;
  for (const out of outputs) {
    if (!existsSync(out)) return true;
    oldestOutput = Math.min(oldestOutput, statSync(out).mtimeMs);
  }
  return newestMtime(inputs) > oldestOutput;
}

const r = (...p) => join(ROOT, ...p);
const RENDERER = {
  outputs: [r('dist/renderer/index.html')],
  inputs: [r('renderer'), r('core'), r('assets'), r('vite.config.ts'), r('package-lock.json')],
};
const ELECTRON_BUNDLE = {
  outputs: [r('dist-electron/main.cjs'), r('dist-electron/preload.cjs')],
  inputs: [r('electron'), r('core'), r('host'), r('firmware-bridge'), r('package-lock.json')],
};

function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit' });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

async function main() {
  const { tsImport } = await import('tsx/esm/api');
  const { translate } = await tsImport('../core/i18n/index.ts', import.meta.url);
  /** Both languages, Chinese first: the terminal does not know which one the user reads. */
  const say = (key, params = {}) => {
    const fill = (lang) => Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'object' ? v[lang] : v]));
    console.log(`[Start] ${translate('zh-CN', 'shell', key, fill('zh-CN'))}`);
    console.log(`[Start] ${translate('en', 'shell', key, fill('en'))}`);
  };
  const what = (key) => ({ 'zh-CN': translate('zh-CN', 'shell', key), en: translate('en', 'shell', key) });

  const args = process.argv.slice(2);
  const forceBrowser = args.includes('--browser') || process.env.AILAB_BROWSER === '1';
  const passOn = args.filter((a) => a !== '--browser');
  const electron = forceBrowser ? { reason: 'AILAB_BROWSER' } : detectElectron();

  const buildRenderer = async () => {
    if (!isStale(RENDERER.outputs, RENDERER.inputs)) return say('start.upToDate', { what: what('start.renderer') });
    say('start.building', { what: what('start.renderer') });
    const code = await run(process.execPath, [r('node_modules/vite/bin/vite.js'), 'build']);
    if (code !== 0) {
      say('start.buildFailed', { what: what('start.renderer'), code });
      process.exit(code);
    }
  };

  if (electron.binary) {
    say('start.electron');
    await buildRenderer();
    if (isStale(ELECTRON_BUNDLE.outputs, ELECTRON_BUNDLE.inputs)) {
      say('start.building', { what: what('start.electronBundle') });
      const { buildElectron } = await import('./build-electron.mjs');
      await buildElectron();
    }
    process.exit(await run(electron.binary, ['.', ...passOn]));
  }

  if (forceBrowser) say('start.browserRequested');
  else say('start.browserNoElectron', { reason: electron.reason });
  await buildRenderer();
  process.exit(await run(process.execPath, [r('bin/ailab.mjs'), 'serve', '--open', ...passOn]));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err) => {
    console.error('[Start]', err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
