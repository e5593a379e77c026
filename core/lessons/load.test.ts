/**
 * The unit loader's own rules on unit.json content (no files): every problem names the field path and reads in
 * zh-CN and en; a unit that only breaks cross-field rules is still returned, so a report can list everything at once.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeProblem, formatPath, parseUnitText, validateUnit } from './load';

const good = () => JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'tests', 'fixtures', 'units', 'good-unit', 'unit.json'), 'utf8'));
const problems = (raw: unknown, lang: 'en' | 'zh-CN' = 'en') => {
  const r = validateUnit(raw);
  return r.ok ? [] : r.problems.map((p) => describeProblem(p, lang));
};

describe('unit.json validation', () => {
  it('the fixture unit is valid; a byte-order mark is fine; broken JSON says so', () => {
    expect(problems(good())).toEqual([]);
    expect(parseUnitText(`\ufeff${JSON.stringify(good())}`).ok).toBe(true);
    const bad = parseUnitText('{"format": "ailab-unit",');
    expect(bad.ok).toBe(false);
    expect(describeProblem((bad as unknown as { problems: Parameters<typeof describeProblem>[0][] }).problems[0], 'zh-CN')).toMatch(/^unit\.json: unit\.json 不是有效的 JSON/);
  });

  it('zones, rings and props that the lesson arena does not have', () => {
    const u = good();
    u.lessons[0].checks.push(
      { id: 'z', type: 'eventually', when: { all: [{ inZone: 'goal' }] } },
      { id: 'r', type: 'ringsInOrder', rings: ['ring-1'] },
      { id: 'p', type: 'propsInZone', props: 'cube', zone: 'start' },
      { id: 'log', type: 'logContains' },
    );
    expect(problems(u)).toEqual([
      'unit.json › lessons[0].checks[3].when.all[0].inZone: the arena open-floor has no zone "goal". Zones: start',
      'unit.json › lessons[0].checks[4].rings[0]: the arena open-floor has no ring "ring-1". Rings: —',
      'unit.json › lessons[0].checks[5].props: the arena open-floor has no movable prop whose id starts with "cube"',
      'unit.json › lessons[0].checks[6]: a logContains check needs text (the whole line) or contains (part of it)',
    ]);
    const r = validateUnit(u);
    expect(!r.ok && r.unit?.id).toBe('good-unit');
  });

  it('duplicate ids and min over max', () => {
    const u = good();
    u.lessons[0].checks.push({ id: 'moved', type: 'usesBlock', block: 'robot_drive_cm', min: 3, max: 2 });
    expect(problems(u, 'zh-CN')).toEqual([
      'unit.json › lessons[0].checks: 编号“moved”重复了，每个编号只能用一次',
      'unit.json › lessons[0].checks[3].max: min 不能大于 max',
    ]);
  });

  it('field paths read like the file: lessons[0].checks[2].when', () => {
    expect(formatPath(['lessons', 0, 'checks', 2, 'when'])).toBe('lessons[0].checks[2].when');
    expect(formatPath([])).toBe('');
  });
});
