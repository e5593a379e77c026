/**
 * The lesson player's host services on real folders: units from the bundled folder and the installed-units folder
 * (an installed unit with the same id wins), files only from inside a unit, and per-student progress saved
 * atomically, merged per lesson, surviving a restart; a damaged progress file is kept aside, not overwritten.
 */
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLessonServices } from './lessons-service';

const FIXTURES = resolve(import.meta.dirname, '..', '..', 'tests', 'fixtures', 'units');
let dataDir: string;
let bundled: string;
const quiet = () => undefined;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'ailab-lessons-'));
  bundled = mkdtempSync(join(tmpdir(), 'ailab-curricula-'));
  // A bundled tree with one good unit and one broken one (the broken one is left out of the list).
  cpSync(join(FIXTURES, 'good-unit'), join(bundled, 'grade4', 'good-unit'), { recursive: true });
  cpSync(join(FIXTURES, 'schema-errors'), join(bundled, 'grade4', 'schema-errors'), { recursive: true });
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(bundled, { recursive: true, force: true });
});

const services = () => createLessonServices({ dataDir, curriculaDir: bundled, log: quiet });
async function refusal(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (err) {
    return (err as { code: string }).code;
  }
  throw new Error('expected a refusal');
}

describe('units', () => {
  it('lists valid bundled units by grade; a broken unit is left out', async () => {
    const list = await services()['lessons.list']({});
    expect(list.map((u) => [u.id, u.grade, u.source, u.lessons.map((l) => l.id)])).toEqual([['good-unit', '4', 'bundled', ['ahead']]]);
  });

  it('an installed unit with the same id replaces the bundled one, at once on the same service', async () => {
    const s = services();
    expect((await s['lessons.list']({})).map((u) => u.source)).toEqual(['bundled']);
    cpSync(join(FIXTURES, 'good-unit'), join(dataDir, 'units', 'good-unit'), { recursive: true });
    const list = await s['lessons.list']({});
    expect(list.map((u) => [u.id, u.source])).toEqual([['good-unit', 'installed']]);
    expect((await services()['lessons.get']({ unitId: 'good-unit' })).source).toBe('installed');
  });

  it('reads Markdown as text, images as base64, starters as projects; refuses paths outside the unit', async () => {
    const s = services();
    const md = await s['lessons.readFile']({ unitId: 'good-unit', path: 'lessons/ahead/step1.zh-CN.md' });
    expect(md.mime).toBe('text/markdown');
    expect(md.text).toContain('前进');
    const svg = await s['lessons.readFile']({ unitId: 'good-unit', path: 'assets/robot.svg' });
    expect(Buffer.from(svg.base64!, 'base64').toString()).toContain('<svg');
    const starter = await s['lessons.project']({ unitId: 'good-unit', lessonId: 'ahead', which: 'starter' });
    expect(starter.project.target).toBe('robot');
    expect(await refusal(s['lessons.readFile']({ unitId: 'good-unit', path: 'unit.json' }))).toBe('unitFileType');
    expect(await refusal(s['lessons.readFile']({ unitId: 'good-unit', path: 'lessons/../../schema-errors/unit.json' }))).toBe('pathOutsideUnit');
    expect(await refusal(s['lessons.get']({ unitId: 'no-such-unit' }))).toBe('unitNotFound');
    expect(await refusal(s['lessons.project']({ unitId: 'good-unit', lessonId: 'nope', which: 'starter' }))).toBe('lessonNotFound');
  });
});

describe('progress per student', () => {
  const lesson = (step: number, reflection = '') => ({ step, hints: { drive: 1 }, checks: { moved: true }, completed: false, reflection });

  it('a new student starts empty; saved lessons merge and survive a restart; students are listed', async () => {
    expect((await services()['progress.get']({ student: '3班 12号' })).units).toEqual({});
    await services()['progress.save']({ student: '3班 12号', unitId: 'good-unit', lessonId: 'ahead', lesson: lesson(1) });
    await services()['progress.save']({ student: '3班 12号', unitId: 'good-unit', lessonId: 'other', lesson: lesson(0, '改成 100') });
    await services()['progress.save']({ student: 'Li Ming', unitId: 'good-unit', lessonId: 'ahead', lesson: lesson(0) });
    const after = await services()['progress.get']({ student: '3班 12号' });
    expect(after.units['good-unit'].ahead.step).toBe(1);
    expect(after.units['good-unit'].other.reflection).toBe('改成 100');
    expect((await services()['progress.students']({})).map((s) => s.student).sort()).toEqual(['3班 12号', 'Li Ming']);
    expect(readdirSync(join(dataDir, 'progress')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('the datasets a student recorded in an AI lesson are kept with the program', async () => {
    const datasets = [{ id: 'd1', name: '颜色', features: ['r', 'g', 'b'], samples: [{ values: [200, 20, 30], label: '红' }] }];
    await services()['progress.save']({ student: 'seat-9', unitId: 'knn', lessonId: 'record', lesson: { ...lesson(0), datasets, models: [] } });
    expect((await services()['progress.get']({ student: 'seat-9' })).units.knn.record.datasets).toEqual(datasets);
  });

  it('many quick saves of one student all land (no lost update between lessons)', async () => {
    const s = services();
    await Promise.all(Array.from({ length: 20 }, (_, i) => s['progress.save']({ student: 'seat-7', unitId: 'good-unit', lessonId: `l${i}`, lesson: lesson(i) })));
    expect(Object.keys((await s['progress.get']({ student: 'seat-7' })).units['good-unit'])).toHaveLength(20);
  });

  it('a damaged progress file is set aside (kept for the teacher) and the student starts again', async () => {
    const s = services();
    await s['progress.save']({ student: 'seat-8', unitId: 'good-unit', lessonId: 'ahead', lesson: lesson(2) });
    const [file] = readdirSync(join(dataDir, 'progress'));
    writeFileSync(join(dataDir, 'progress', file), '{"format":"ailab-progress", "units": ');
    expect((await s['progress.get']({ student: 'seat-8' })).units).toEqual({});
    expect(readdirSync(join(dataDir, 'progress')).some((f) => f.includes('.damaged-'))).toBe(true);
  });
});
