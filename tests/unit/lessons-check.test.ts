/**
 * `ailab check` over fixture units (tests/fixtures/units): a good unit passes; a unit with schema errors, one with
 * cross-field errors (unknown arena, step naming a missing check, a drone block in a robot toolbox, a missing file)
 * and one whose starter already passes are each refused with messages naming the file and field, in zh-CN and en.
 * The CLI itself runs as a real child process (exit codes, printed report).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeProblem } from '../../core/lessons/load';
import { checkUnitDir, checkUnitTree } from '../../host/services/lessons-check';

const FIXTURES = resolve(import.meta.dirname, '..', 'fixtures', 'units');
const CURRICULA = resolve(import.meta.dirname, '..', '..', 'curricula');
const REPO = resolve(import.meta.dirname, '..', '..');
const lines = (problems: readonly Parameters<typeof describeProblem>[0][], lang: 'zh-CN' | 'en' = 'en') => problems.map((p) => describeProblem(p, lang));

describe('ailab check on fixture units', () => {
  it('a good unit: the solution passes every check, the starter fails, nothing else is wrong', async () => {
    const report = await checkUnitDir(join(FIXTURES, 'good-unit'));
    expect(lines(report.problems)).toEqual([]);
    expect(report.ok).toBe(true);
    const lesson = report.lessons[0];
    expect(lesson.solution?.results.map((r) => [r.id, r.passed])).toEqual([['uses-drive', true], ['moved', true], ['no-wall', true]]);
    expect(lesson.starter?.passed).toBe(false);
    expect(lesson.starter?.results.find((r) => r.id === 'uses-drive')?.message['zh-CN']).toContain('程序还没有用到积木');
  });

  it('schema errors name unit.json and the field path, in Chinese and English', async () => {
    const report = await checkUnitDir(join(FIXTURES, 'schema-errors'));
    expect(report.ok).toBe(false);
    expect(report.lessons).toEqual([]);
    const en = lines(report.problems);
    expect(en).toContain('unit.json › grade: Invalid option: expected one of "4"|"7"|"club"');
    expect(en.some((l) => l.startsWith('unit.json › lessons[0].checks[1].when.quantity: Invalid option'))).toBe(true);
    expect(en.some((l) => l.startsWith('unit.json › lessons[0].reflection: Invalid input'))).toBe(true);
    expect(lines(report.problems, 'zh-CN')).toContain('unit.json › grade: 无效选项：期望以下之一 "4"|"7"|"club"');
  });

  it('rules a schema cannot check: unknown arena, step naming a missing check, wrong-kit block and reading, missing file', async () => {
    const report = await checkUnitDir(join(FIXTURES, 'cross-errors'));
    expect(report.ok).toBe(false);
    const en = lines(report.problems);
    expect(en).toEqual(expect.arrayContaining([
      expect.stringMatching(/^unit\.json › lessons\[0\]\.run\.arenaId: there is no arena "moon-base"/),
      'unit.json › lessons[0].steps[0].checks[2]: this step names the check "no-such-check", which is not in the lesson\'s checks',
      'unit.json › lessons[0].steps[0].toolbox[3]: the block "drone_takeoff" is not in the robot toolbox',
      'unit.json › lessons[0].solution: the file lessons/ahead/missing.ailab does not exist',
      'unit.json › lessons[0].checks[4].when.quantity: a robot unit cannot read "temperatureC": this check could never pass',
      'unit.json › lessons[0].checks[4].when.agent: the lesson runs 1 device(s), numbered from 0: there is no number 2',
    ]));
    expect(lines(report.problems, 'zh-CN')).toContain('unit.json › lessons[0].steps[0].toolbox[3]: 积木“drone_takeoff”不在 robot 的积木箱里');
  });

  it('a starter that already passes is a problem with the starter file', async () => {
    const report = await checkUnitDir(join(FIXTURES, 'starter-passes'));
    expect(report.ok).toBe(false);
    expect(report.lessons[0].solution?.passed).toBe(true);
    expect(lines(report.lessons[0].problems)).toEqual(['lessons/ahead/starter.ailab: the starter already passes every check: students would pass without doing anything']);
  });

  it('a folder of units reports each, and the tree fails if any unit fails', async () => {
    const tree = await checkUnitTree(FIXTURES);
    expect(tree.units.map((u) => [u.dir.split(/[\\/]/).pop(), u.ok])).toEqual([['cross-errors', false], ['good-unit', true], ['schema-errors', false], ['starter-passes', false]]);
    expect(tree.ok).toBe(false);
  });

  it('one unit folder checked alone: a prerequisite among the bundled units is fine, a made-up one is still refused', async () => {
    // Tried: `ailab check curricula/grade4/ai-and-us` (its prerequisite classroom-data lies outside the folder).
    const alone = await checkUnitTree(join(CURRICULA, 'grade4', 'ai-and-us'), { knownUnitsDir: CURRICULA });
    expect(lines(alone.problems)).toEqual([]);
    expect(alone.ok).toBe(true);
    // Without the bundled units to look in, the same prerequisite cannot be found.
    const blind = await checkUnitTree(join(CURRICULA, 'grade4', 'ai-and-us'));
    expect(lines(blind.problems)).toEqual(['./unit.json › prerequisites[0]: the prerequisite unit "classroom-data" does not exist']);
    // Tried: a unit naming a prerequisite that exists nowhere.
    const dir = mkdtempSync(join(tmpdir(), 'ailab-prereq-'));
    try {
      cpSync(join(FIXTURES, 'good-unit'), dir, { recursive: true });
      const unit = JSON.parse(readFileSync(join(dir, 'unit.json'), 'utf8'));
      writeFileSync(join(dir, 'unit.json'), JSON.stringify({ ...unit, prerequisites: ['first-program', 'no-such-unit'] }));
      const made = await checkUnitTree(dir, { knownUnitsDir: CURRICULA });
      expect(lines(made.problems)).toEqual(['./unit.json › prerequisites[1]: the prerequisite unit "no-such-unit" does not exist']);
      expect(made.ok).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a path with no units is refused, not reported as success', async () => {
    const tree = await checkUnitTree(join(FIXTURES, 'good-unit', 'assets'));
    expect(tree.ok).toBe(false);
    expect(lines(tree.problems)[0]).toMatch(/no units found here/);
  });
});

describe('the ailab check command', () => {
  const cli = (args: string[], lang = 'en_US.UTF-8') =>
    spawnSync(process.execPath, [join(REPO, 'bin', 'ailab.mjs'), 'check', ...args], { cwd: REPO, encoding: 'utf8', env: { ...process.env, LANG: lang, LC_ALL: '', AILAB_NO_CLI_CACHE: '1' }, timeout: 60_000 });

  it('exit 0 and a readable report for a good unit', () => {
    const r = cli([join(FIXTURES, 'good-unit')]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('✓ Lesson ahead: Drive 50 cm');
    expect(r.stdout).toContain('✓ Reference solution: 3/3 checks passed');
    expect(r.stdout).toContain('All good: 1 units, 1 lessons.');
  });

  it('exit 1 in Chinese for schema errors; --json carries the same problems', () => {
    const r = cli([join(FIXTURES, 'schema-errors')], 'zh_CN.UTF-8');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('unit.json › grade: 无效选项');
    const j = cli([join(FIXTURES, 'schema-errors'), '--json']);
    expect(j.status).toBe(1);
    const report = JSON.parse(j.stdout) as { ok: boolean; units: { problems: { file: string; path: string }[] }[] };
    expect(report.ok).toBe(false);
    expect(report.units[0].problems.map((p) => `${p.file}:${p.path}`)).toContain('unit.json:grade');
  });
});
