/**
 * Writes every lesson unit under curricula/<grade>/<unit-id>/ from its source in curricula/src/:
 * `npx tsx curricula/build-units.ts`. With `--check` it writes nothing and exits 1 when a file on disk differs from
 * what the sources produce (or a built file is missing), so a hand edit of a generated file is caught.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UNITS } from './src/index';
import { GRADE_FOLDERS, unitFiles } from './tools/unit-source';

const root = dirname(fileURLToPath(import.meta.url));
const check = process.argv.includes('--check');
let stale = 0;
let written = 0;
const ids = new Set<string>();
for (const unit of UNITS) {
  if (ids.has(unit.id)) throw new Error(`[Units] two units are called ${unit.id}`);
  ids.add(unit.id);
  const folder = join(GRADE_FOLDERS[unit.grade], unit.id);
  for (const [path, text] of unitFiles(unit)) {
    const full = join(root, folder, path);
    if (check) {
      if (!existsSync(full) || readFileSync(full, 'utf8') !== text) {
        console.log(`[Units] curricula/${folder}/${path} differs from its source`);
        stale++;
      }
    } else if (!existsSync(full) || readFileSync(full, 'utf8') !== text) {
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, text);
      written++;
    }
  }
}
if (check) console.log(stale ? `[Units] ${stale} stale; run npx tsx curricula/build-units.ts` : `[Units] ${UNITS.length} units up to date`);
else console.log(`[Units] ${UNITS.length} units, ${written} files written`);
process.exit(stale ? 1 : 0);
