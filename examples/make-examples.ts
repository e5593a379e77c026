/**
 * Writes examples/*.ailab from build-examples.ts: `npx tsx examples/make-examples.ts`.
 * With `--check` it writes nothing and exits 1 when a file on disk differs from what the builder produces
 * (core/program/examples.test.ts runs this).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { buildExamples, projectFileText } from './build-examples';

const check = process.argv.includes('--check');
let stale = 0;
for (const { file, project } of buildExamples()) {
  const url = new URL(file, import.meta.url);
  const text = projectFileText(project);
  if (check) {
    if (!existsSync(url) || readFileSync(url, 'utf8') !== text) {
      console.log(`[Examples] examples/${file} differs from build-examples.ts`);
      stale++;
    }
  } else {
    writeFileSync(url, text);
    console.log(`[Examples] wrote examples/${file}`);
  }
}
if (check) console.log(stale ? `[Examples] ${stale} stale; run npx tsx examples/make-examples.ts` : '[Examples] all up to date');
process.exit(stale ? 1 : 0);
