#!/usr/bin/env node
// The `ailab` command. The host is TypeScript: a fresh start-up bundle (host/cli/cli-cache.mjs) is imported when there
// is one, otherwise tsx loads host/cli/main.ts directly, and `serve` refreshes the bundle once it is serving.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleIsStale, loadFreshBundle, refreshBundle } from '../host/cli/cli-cache.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

let cli = process.env.AILAB_NO_CLI_CACHE === '1' ? null : await loadFreshBundle(root);
const fromBundle = cli !== null;
if (!cli) {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import('../host/cli/main.ts');
}
await cli.runCli(process.argv, {
  root,
  afterServing: () => {
    if (fromBundle || !bundleIsStale(root)) return;
    refreshBundle(root).catch((err) => console.error(`[Cli] start-up bundle not refreshed: ${err instanceof Error ? err.message : err}`));
  },
});
