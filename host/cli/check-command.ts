/**
 * `ailab check <unit-dir | curricula-root> [--json]`: validates lesson units and runs every lesson's reference
 * solution (must pass every check) and starter (must fail at least one) headless, with the same checker the lesson
 * player uses. Prints a readable report per unit / lesson / check in the user's language; exit code 1 on any problem.
 */
import { relative, resolve } from 'node:path';
import type { Language } from '../../core/i18n';
import { translate } from '../../core/i18n';
import { describeProblem } from '../../core/lessons/load';
import type { LessonRun } from '../../core/lessons/run-lesson';
import { checkUnitTree, type UnitReport } from '../services/lessons-check';
import { defaultCurriculaDir } from '../services/lessons-service';

export interface CheckOptions {
  readonly path: string;
  readonly json: boolean;
}

export async function checkCommand(options: CheckOptions, lang: Language): Promise<number> {
  const root = resolve(options.path);
  // Prerequisites may name the app's bundled units (checking one unit folder, or a teacher's own unit).
  const report = await checkUnitTree(root, { knownUnitsDir: defaultCurriculaDir() });
  if (options.json) {
    console.log(JSON.stringify({ root, ...report }, null, 2));
    return report.ok ? 0 : 1;
  }
  const t = (key: string, params: Record<string, string | number> = {}) => translate(lang, 'lessons', key, params);
  for (const unit of report.units) printUnit(unit, root, lang);
  for (const p of report.problems) console.log(`✗ ${describeProblem(p, lang)}`);
  const lessons = report.units.flatMap((u) => u.lessons);
  const badUnits = report.units.filter((u) => !u.ok).length;
  console.log('');
  console.log(t(report.ok ? 'cli.summaryOk' : 'cli.summaryBad', { units: report.units.length, lessons: lessons.length, bad: badUnits + (report.problems.length > 0 ? 1 : 0) }));
  return report.ok ? 0 : 1;
}

function printUnit(unit: UnitReport, root: string, lang: Language): void {
  const t = (key: string, params: Record<string, string | number> = {}) => translate(lang, 'lessons', key, params);
  const where = relative(root, unit.dir) || '.';
  const title = unit.title ? `${unit.title[lang]} ` : '';
  console.log(`${unit.ok ? '✓' : '✗'} ${t('cli.unit', { id: unit.unitId ?? '?', title, dir: where })}`);
  for (const p of unit.problems) console.log(`    ✗ ${describeProblem(p, lang)}`);
  for (const lesson of unit.lessons) {
    console.log(`  ${lesson.ok ? '✓' : '✗'} ${t('cli.lesson', { id: lesson.id, title: lesson.title[lang] })}`);
    printRun(t('cli.solution'), lesson.solution, true, lang);
    printRun(t('cli.starter'), lesson.starter, false, lang);
    for (const p of lesson.problems) console.log(`      ✗ ${describeProblem(p, lang)}`);
  }
}

/** One program's verdict; every check is listed for the solution, the failing ones for the starter (why it fails). */
function printRun(label: string, run: LessonRun | null, mustPass: boolean, lang: Language): void {
  const t = (key: string, params: Record<string, string | number> = {}) => translate(lang, 'lessons', key, params);
  if (!run) return;
  const passed = run.results.filter((r) => r.passed).length;
  const good = mustPass ? run.passed : !run.passed && !run.error;
  console.log(`    ${good ? '✓' : '✗'} ${label}: ${t('cli.counts', { passed, total: run.results.length })}${mustPass ? '' : ` ${t('cli.starterShouldFail')}`}`);
  if (run.error) {
    console.log(`        ${run.error[lang]}`);
    return;
  }
  for (const r of run.results) {
    if (!mustPass && r.passed) continue;
    const at = r.atMs === undefined ? '' : ` [${(r.atMs / 1000).toFixed(2)} s]`;
    console.log(`        ${r.passed ? '✓' : '✗'} ${r.id}: ${r.message[lang]}${at}`);
  }
}
