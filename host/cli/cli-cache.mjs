/**
 * Start-up cache of the `ailab` command. Loading the CLI through tsx transpiles every TypeScript module on each start
 * and Node then loads fastify, zod … from hundreds of small files (together ~0.5 s, more on a busy lab PC);
 * `app.cold_start_ms` counts that. So `ailab serve`, once it is serving, bundles host/cli/main.ts and the pure-JS
 * packages it uses with esbuild into node_modules/.cache/ailab-cli/ (measured: `Serving at` after ~0.3 s instead of
 * ~0.5 s bundling our code only, ~1 s through tsx), and
 * the next start imports that bundle directly, as long as no source under host/, core/ or firmware-bridge/ (or
 * package.json / package-lock.json) is newer than the sources the bundle was built from. Any doubt → tsx, as before.
 * Plain JavaScript: it runs before tsx is registered.
 */
import { existsSync, promises as fs, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const SOURCE_DIRS = ['host', 'core', 'firmware-bridge'];
const SOURCE_FILES = ['package.json', 'package-lock.json'];
/** Builds older than this are deleted when a new one is made (a process that started from one has long loaded it). */
const KEEP_OLD_BUILDS_MS = 10 * 60 * 1000;

export function cacheDir(root) {
  return join(root, 'node_modules', '.cache', 'ailab-cli');
}

/** Newest modification time (ms) of the CLI's sources; node_modules and dot folders skipped. */
export function newestSourceMtime(root) {
  let newest = 0;
  const visit = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) visit(p);
      else newest = Math.max(newest, statSync(p, { throwIfNoEntry: false })?.mtimeMs ?? 0);
      // Deleted files leave no mtime; the folder's own mtime changes on delete and rename.
    }
    newest = Math.max(newest, statSync(dir, { throwIfNoEntry: false })?.mtimeMs ?? 0);
  };
  for (const d of SOURCE_DIRS) visit(join(root, d));
  for (const f of SOURCE_FILES) newest = Math.max(newest, statSync(join(root, f), { throwIfNoEntry: false })?.mtimeMs ?? 0);
  return newest;
}

/** The bundled CLI module if a fresh one exists, else null. */
export async function loadFreshBundle(root) {
  try {
    const pointer = JSON.parse(readFileSync(join(cacheDir(root), 'current.json'), 'utf8'));
    if (typeof pointer?.dir !== 'string' || typeof pointer?.sourcesMtimeMs !== 'number') return null;
    if (newestSourceMtime(root) > pointer.sourcesMtimeMs) return null;
    const entry = join(cacheDir(root), pointer.dir, 'main.mjs');
    if (!existsSync(entry)) return null;
    return await import(pathToFileURL(entry).href);
  } catch {
    return null;
  }
}

/** True when the cache needs (re)building. */
export function bundleIsStale(root) {
  try {
    const pointer = JSON.parse(readFileSync(join(cacheDir(root), 'current.json'), 'utf8'));
    return !(pointer?.sourcesMtimeMs >= newestSourceMtime(root)) || !existsSync(join(cacheDir(root), pointer.dir, 'main.mjs'));
  } catch {
    return true;
  }
}

/**
 * Builds a new bundle and points the cache at it. Safe when several processes do it at once: each writes its own
 * folder and the pointer file is replaced atomically. Silent no-op without esbuild (a production install).
 */
export async function refreshBundle(root) {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    return false;
  }
  const sourcesMtimeMs = newestSourceMtime(root); // read before building: an edit during the build makes it stale
  const dir = `build-${Date.now()}-${process.pid}`;
  const base = cacheDir(root);
  await esbuild.build({
    entryPoints: { main: join(root, 'host', 'cli', 'main.ts') },
    bundle: true,
    splitting: true, // `run` / `arenas` (and the physics engine they import) stay out of `serve`'s start-up
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // The physics engine (a large WebAssembly blob, only `run` needs it), build tools and ws's optional native
    // add-ons stay ordinary imports.
    external: ['@dimforge/*', 'esbuild', 'tsx', 'bufferutil', 'utf-8-validate'],
    // Bundled CommonJS packages (fastify, ws …) call `require`; ESM output has none, so give it one.
    banner: { js: "import { createRequire as __ailabCreateRequire } from 'node:module'; const require = __ailabCreateRequire(import.meta.url);" },
    outdir: join(base, dir),
    outExtension: { '.js': '.mjs' },
    logLevel: 'silent',
  });
  // esbuild keeps a helper process for further builds; this process will not build again, so end it.
  await esbuild.stop?.();
  const temp = join(base, `current.${process.pid}.tmp`);
  await fs.writeFile(temp, JSON.stringify({ dir, sourcesMtimeMs }));
  await fs.rename(temp, join(base, 'current.json'));
  for (const name of await fs.readdir(base)) {
    if (!name.startsWith('build-') || name === dir) continue;
    const stamp = Number(name.split('-')[1]);
    if (Number.isFinite(stamp) && Date.now() - stamp > KEEP_OLD_BUILDS_MS) await fs.rm(join(base, name), { recursive: true, force: true });
  }
  return true;
}
