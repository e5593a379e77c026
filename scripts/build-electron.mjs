#!/usr/bin/env node
// Bundles Electron main and preload with esbuild:
//   electron/main/index.ts    → dist-electron/main.cjs     (Node in Electron; host services bundled in)
//   electron/preload/index.ts → dist-electron/preload.cjs  (sandboxed preload: may only require('electron'))
// `electron` stays external (Electron provides it); so do native modules, which electron-builder ships from
// node_modules. Usage: node scripts/build-electron.mjs
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const OUT_DIR = join(ROOT, 'dist-electron');

/**
 * Packages that must not be bundled. `@serialport/bindings-cpp` finds its prebuilt N-API binary from its own folder
 * at run time (node-gyp-build), so it ships as a package (electron-builder.yml lists it and its few dependencies);
 * serialport's other parts are plain JS and are bundled. `bufferutil` and `utf-8-validate` are optional speed-ups
 * that ws tries to require and lives without; we ship neither.
 */
export const NATIVE_EXTERNALS = ['@serialport/bindings-cpp', 'bufferutil', 'utf-8-validate'];

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  sourcemap: true,
  legalComments: 'linked',
  logLevel: 'warning',
  absWorkingDir: ROOT,
};

/** Builds both bundles into `outDir` (default dist-electron/). */
export async function buildElectron({ outDir = OUT_DIR } = {}) {
  const started = Date.now();
  await Promise.all([
    build({
      ...common,
      entryPoints: ['electron/main/index.ts'],
      outfile: join(outDir, 'main.cjs'),
      target: 'node20',
      external: ['electron', ...NATIVE_EXTERNALS],
      // Host code written as ES modules finds packages and files from `import.meta.url` (createRequire, fileURLToPath).
      // CommonJS output has no import.meta, and esbuild would leave it empty: main would throw at start-up. Give it
      // the bundle's own URL instead.
      banner: { js: 'var __bundleImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
      define: { 'import.meta.url': '__bundleImportMetaUrl' },
    }),
    build({
      ...common,
      entryPoints: ['electron/preload/index.ts'],
      outfile: join(outDir, 'preload.cjs'),
      target: 'chrome130',
      external: ['electron'],
    }),
  ]);
  await checkPreloadRequires(join(outDir, 'preload.cjs'));
  console.log(`[BuildElectron] main.cjs and preload.cjs built in ${outDir} in ${Date.now() - started} ms`);
}

/** A sandboxed preload can require only 'electron' (and a few polyfilled built-ins): fail the build otherwise. */
export async function checkPreloadRequires(file) {
  const text = await readFile(file, 'utf8');
  const required = [...text.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
  const extra = required.filter((name) => name !== 'electron');
  if (extra.length > 0) throw new Error(`[BuildElectron] preload requires ${extra.join(', ')}; a sandboxed preload may only require 'electron'`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  buildElectron().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
