import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs module without type declarations (bin/ailab.mjs loads it before tsx)
import { bundleIsStale, loadFreshBundle, refreshBundle } from './cli-cache.mjs';

// A miniature checkout: the cache logic only needs host/cli/main.ts, a core/ folder and package.json.
const root = mkdtempSync(join(tmpdir(), 'ailab-cache-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
mkdirSync(join(root, 'host', 'cli'), { recursive: true });
mkdirSync(join(root, 'core'), { recursive: true });
writeFileSync(join(root, 'package.json'), '{"type":"module"}');
writeFileSync(join(root, 'core', 'greeting.ts'), "export const greeting: string = 'from the bundle';\n");
writeFileSync(join(root, 'host', 'cli', 'main.ts'), "import { greeting } from '../../core/greeting';\nexport const runCli = (): string => greeting;\n");

describe('start-up bundle of the ailab command', () => {
  it('is missing at first, so the command starts through tsx', async () => {
    expect(bundleIsStale(root)).toBe(true);
    expect(await loadFreshBundle(root)).toBeNull();
  });

  it('once built, the next start imports it', async () => {
    expect(await refreshBundle(root)).toBe(true);
    expect(bundleIsStale(root)).toBe(false);
    const cli = await loadFreshBundle(root);
    expect(cli?.runCli()).toBe('from the bundle');
  });

  it('an edited source makes it stale, so an edit is never hidden by an old bundle', async () => {
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(root, 'core', 'greeting.ts'), later, later);
    expect(bundleIsStale(root)).toBe(true);
    expect(await loadFreshBundle(root)).toBeNull();
  });
});
