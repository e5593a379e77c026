#!/usr/bin/env node
// `npm run bench`: runs every bench/*.bench.ts (Node, via tsx) and the browser benches (bench/browser/*.bench.mjs),
// each printing `BENCH {"name":…,"value":…,"unit":…}` lines. Ratios are measured side by side in one run.
import { spawnSync } from 'node:child_process';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const only = process.argv[2];
const files = readdirSync('bench').filter((f) => f.endsWith('.bench.ts') || f.endsWith('.bench.mjs')).sort();
let failed = 0;
for (const file of files) {
  if (only && !file.includes(only)) continue;
  console.log(`\n[bench] ${file}`);
  const args = file.endsWith('.ts') ? ['--import', 'tsx', join('bench', file)] : [join('bench', file)];
  const r = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
if (!existsSync('bench')) console.log('[bench] no bench folder');
process.exit(failed ? 1 : 0);
