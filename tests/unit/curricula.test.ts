/**
 * Every unit in curricula/ through the real checker (`ailab check`'s code): the unit's files are valid, each lesson's
 * reference solution passes every check and each starter fails at least one. One test per unit, so a broken unit is
 * named; nothing is skipped — a unit folder that cannot even be read fails here too.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeProblem } from '../../core/lessons/load';
import { checkUnitDir, checkUnitTree, findUnitDirs, type UnitReport } from '../../host/services/lessons-check';

const CURRICULA = resolve(import.meta.dirname, '..', '..', 'curricula');
const dirs = await findUnitDirs(CURRICULA);

/** Everything wrong with a unit, one line each (empty when the unit is good). */
function complaints(report: UnitReport): string[] {
  return [
    ...report.problems.map((p) => describeProblem(p, 'en')),
    ...report.lessons.flatMap((l) => l.problems.map((p) => `${l.id}: ${describeProblem(p, 'en')}`)),
    ...report.lessons.flatMap((l) => (l.solution?.results ?? []).filter((r) => !r.passed).map((r) => `${l.id} solution ✗ ${r.id}: ${r.message.en}`)),
  ];
}

describe('curricula: every unit checks out', () => {
  it('there are units to check', () => {
    expect(dirs.length).toBeGreaterThan(0);
  });

  it.each(dirs.map((d) => [d.slice(CURRICULA.length + 1), d]))('%s: solutions pass, starters fail, files valid', async (_name, dir) => {
    const report = await checkUnitDir(dir);
    expect(complaints(report)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.lessons.length).toBeGreaterThan(0);
  });

  it('unit ids are unique and every prerequisite names a unit that exists', async () => {
    const tree = await checkUnitTree(CURRICULA);
    expect(tree.problems.map((p) => describeProblem(p, 'en'))).toEqual([]);
  });
});
