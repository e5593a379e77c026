/**
 * The lesson units' sources (curricula/src) and builder (curricula/build-units.ts): the generated folders match the
 * sources, the builder's guards stop a broken unit before it is written, and the course has the size the brief asks
 * for (grade 4 and grade 7: at least 8 units and 15 class hours each; club: 2 challenge units). Whether each lesson's
 * solution passes and its starter fails is tests/unit/curricula.test.ts (the real checker over the written folders).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { UNITS } from '../../curricula/src/index';
import { Blocks, lessonProject } from '../../curricula/tools/blocks';
import { L, unitFiles, type UnitSource } from '../../curricula/tools/unit-source';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** A one-lesson unit whose starter is "drive 30 cm" and whose solution the caller builds. */
function tinyUnit(solutionBlocks: (b: Blocks) => Record<string, unknown>[], stepToolbox: string[], stepChecks: string[] = []): UnitSource {
  const starter = new Blocks('s');
  const solution = new Blocks('x');
  return {
    id: 'tiny', grade: '4', order: 99, title: L('小', 'Tiny'), summary: L('小单元', 'A tiny unit'), classHours: 1,
    target: { kit: 'robot', arenaId: 'open-floor', hardware: [] },
    lessons: [{
      id: 'only', title: L('唯一', 'Only'), run: { arenaId: 'open-floor', seconds: 5 },
      steps: [{ id: 'go', title: L('走', 'Go'), text: L('开。', 'Drive.'), toolbox: stepToolbox, checks: stepChecks }],
      checks: [{ id: 'moved', type: 'eventually', when: { quantity: 'z', op: '<', value: 1.4 } }],
      reflection: L('为什么？', 'Why?'),
      starter: lessonProject('robot', 't', 'open-floor', starter, [starter.whenStarted(starter.drive('forward', 30))]),
      solution: lessonProject('robot', 't', 'open-floor', solution, [solution.whenStarted(...solutionBlocks(solution))]),
    }],
    teacherNotes: L('# 说明', '# Notes'),
  };
}

describe('curricula sources and builder', () => {
  it('every generated unit folder is exactly what curricula/build-units.ts writes (no hand edits drift from the source)', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'curricula/build-units.ts', '--check'], { cwd: root, encoding: 'utf8' });
    expect(r.stdout + r.stderr).toContain(`[Units] ${UNITS.length} units up to date`);
    expect(r.status).toBe(0);
  });

  it('writes unit.json, both languages of every step and the teacher notes, and both projects of each lesson', () => {
    const files = unitFiles(tinyUnit((b) => [b.drive('forward', 50)], ['robot_drive_cm'], ['moved']));
    expect([...files.keys()].sort()).toEqual([
      'lessons/only/1-go.en.md', 'lessons/only/1-go.zh-CN.md', 'lessons/only/solution.ailab', 'lessons/only/starter.ailab',
      'teacher-notes.en.md', 'teacher-notes.zh-CN.md', 'unit.json',
    ]);
    const unit = JSON.parse(files.get('unit.json')!);
    expect(unit.lessons[0].steps[0].text).toEqual({ 'zh-CN': 'lessons/only/1-go.zh-CN.md', en: 'lessons/only/1-go.en.md' });
  });

  it('refuses a solution that needs a block neither the starter has nor any step offers (the student could not build it)', () => {
    const unit = tinyUnit((b) => [b.drive('forward', 50), b.led('#ff0000')], ['robot_drive_cm']);
    expect(() => unitFiles(unit)).toThrow(/tiny \/ only: the solution needs looks_set_led, which neither the starter nor any step offers/);
  });

  it('refuses a step that points at a check the lesson does not have', () => {
    const unit = tinyUnit((b) => [b.drive('forward', 50)], ['robot_drive_cm'], ['no-such-check']);
    expect(() => unitFiles(unit)).toThrow(/step go names unknown check no-such-check/);
  });

  it('refuses a toolbox block the unit\'s kit does not have (a drone block for a robot unit)', () => {
    const unit = tinyUnit((b) => [b.drive('forward', 50)], ['robot_drive_cm', 'drone_takeoff']);
    expect(() => unitFiles(unit)).toThrow(/offers drone_takeoff, which the robot toolbox does not have/);
  });

  it('refuses one block object placed twice, whose id Blockly would replace with a random one', () => {
    const b = new Blocks('twice');
    const wait = b.wait(1);
    expect(() => lessonProject('robot', 't', 'open-floor', b, [b.whenStarted(wait, b.drive('forward', 10), wait)])).toThrow(/is used twice/);
  });

  it('offers grade 4 and grade 7 at least 8 units and 15 class hours each, and the club 2 challenge units', () => {
    const of = (grade: string) => UNITS.filter((u) => u.grade === grade);
    const hours = (grade: string) => of(grade).reduce((sum, u) => sum + u.classHours, 0);
    expect(of('4').length).toBeGreaterThanOrEqual(8);
    expect(hours('4')).toBeGreaterThanOrEqual(15);
    expect(of('7').length).toBeGreaterThanOrEqual(8);
    expect(hours('7')).toBeGreaterThanOrEqual(15);
    expect(of('club').length).toBe(2);
    // Orders inside a grade are 1, 2, 3 … so the player lists them in teaching order.
    for (const grade of ['4', '7', 'club']) expect(of(grade).map((u) => u.order)).toEqual(of(grade).map((_, i) => i + 1));
  });

  it('keeps grade-4 steps short: at most four sentences of prose each (list items aside)', () => {
    for (const unit of UNITS.filter((u) => u.grade === '4')) {
      for (const lesson of unit.lessons) for (const step of lesson.steps) {
        const prose = step.text['zh-CN'].split('\n').filter((line) => !/^\s*(\d+\.|!\[)/.test(line)).join('\n');
        const sentences = (prose.match(/[。！？]/g) ?? []).length;
        expect(sentences, `${unit.id}/${lesson.id}/${step.id}`).toBeLessThanOrEqual(4);
      }
    }
  });

  it('names every prerequisite after a unit that exists and comes earlier in the course', () => {
    const ids = UNITS.map((u) => u.id);
    UNITS.forEach((u, i) => {
      for (const p of u.prerequisites ?? []) expect(ids.slice(0, i), `${u.id} needs ${p}`).toContain(p);
    });
  });
});
