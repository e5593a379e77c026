// @vitest-environment jsdom
/**
 * The lesson player's first screens in jsdom with the real strings and the real HostClient over a transport double
 * (the host is another process; its services have their own tests): a name that is not a valid profile is refused
 * with a clear message and nothing is asked of the host; a valid one lists units by grade (4, then club) with each
 * student's done lessons; a host error shows in the student's language instead of an empty player.
 */
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { HostMethod } from '../../../core/contracts/host';
import { HostClient, type Reply, type Transport } from '../host-client';
import { click, render, typeInto, type Rendered } from '../ai/test-render';
import { hardwareList, LessonPlayer, type LessonHostApi } from './LessonPlayer';
import { createI18n } from '../i18n';
import { newProject } from '../../../core/contracts/project';

let view: Rendered | null = null;
afterEach(() => {
  view?.unmount();
  view = null;
  localStorage.clear();
});

const L = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const summary = (id: string, grade: '4' | '7' | 'club', order: number, lessons: string[]) => ({
  id, grade, order, title: L(`单元 ${id}`, `Unit ${id}`), summary: L('简介', 'Summary'), classHours: 2, kit: 'robot', source: 'bundled',
  lessons: lessons.map((l) => ({ id: l, title: L(`课 ${l}`, `Lesson ${l}`) })),
});

function transport(replies: Partial<Record<HostMethod, (params: unknown) => Reply>>, asked: string[]): Transport {
  return {
    kind: 'websocket',
    request: async (method, params) => {
      asked.push(method);
      const reply = replies[method];
      return reply ? reply(params) : { ok: false, error: { code: 'unknownMethod', params: {}, message: `no ${method}` } };
    },
    onEvent: () => () => undefined,
  };
}

function api(host: HostClient): LessonHostApi {
  return {
    host, language: 'zh-CN',
    openProgram: async () => undefined, setToolbox: () => undefined, currentWorkspace: () => ({}), replay: () => undefined, onClose: () => undefined,
  };
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await act(async () => { await Promise.resolve(); });
};

describe('lesson player', () => {
  it('refuses a profile name it cannot store, then lists units by grade with the student\'s done lessons', async () => {
    const asked: string[] = [];
    const host = new HostClient(transport({
      'lessons.list': () => ({ ok: true, result: [summary('club-race', 'club', 1, ['race']), summary('first', '4', 1, ['a', 'b'])] }),
      'progress.students': () => ({ ok: true, result: [] }),
      'progress.get': (p) => ({ ok: true, result: { format: 'ailab-progress', version: 1, student: (p as { student: string }).student, updatedAt: 'x', units: { first: { a: { completed: true } } } } }),
    }, asked));
    view = render(<LessonPlayer {...api(host)} />, 'zh-CN');
    await settle();
    typeInto(view.one('student-name') as HTMLInputElement, '<script>');
    click(view.one('student-start'));
    expect(view.container.textContent).toContain('请输入 1–40 个字');
    expect(asked).not.toContain('progress.get');

    typeInto(view.one('student-name') as HTMLInputElement, '4班 7号');
    click(view.one('student-start'));
    await settle();
    expect(asked).toContain('progress.get');
    const sections = [...view.container.querySelectorAll('[data-testid^="grade-"]')].map((s) => s.getAttribute('data-testid'));
    expect(sections).toEqual(['grade-4', 'grade-club']);
    expect(view.one('unit-progress-first').textContent).toBe('完成 1/2 课');
    expect(view.all('done-first-a')).toHaveLength(1);
    expect(view.all('done-first-b')).toHaveLength(0);
    expect(localStorage.getItem('ailab.student')).toBe('4班 7号');
  });

  it('a host error is shown in the student\'s language', async () => {
    localStorage.setItem('ailab.student', 'seat-3');
    const host = new HostClient(transport({
      'lessons.list': () => ({ ok: false, error: { code: 'unitNotFound', params: { id: 'first' }, message: 'Unit "first" was not found.' } }),
      'progress.get': () => ({ ok: true, result: { format: 'ailab-progress', version: 1, student: 'seat-3', updatedAt: '', units: {} } }),
    }, []));
    view = render(<LessonPlayer {...api(host)} />, 'zh-CN');
    await settle();
    expect(view.container.querySelector('[role="alert"]')?.textContent).toBe('出错了：找不到单元“first”。它可能已被删除，或者还没有安装。');
  });

  it('opening a lesson puts its starter in the editor with the step toolbox, and says when a real kit is connected', async () => {
    localStorage.setItem('ailab.student', 'seat-5');
    const unit = {
      format: 'ailab-unit', schemaVersion: 1, id: 'first', grade: '4', order: 1, title: L('单元', 'Unit'), summary: L('简介', 'Summary'), classHours: 1,
      target: { kit: 'robot', arenaId: 'open-floor', hardware: ['ailab-robot', 'huskylens', 'school-own-car'] }, prerequisites: [],
      lessons: [{
        id: 'a', title: L('开到墙边', 'To the wall'), starter: 's.ailab', solution: 'x.ailab', run: { arenaId: 'open-floor', seed: 1, seconds: 5 },
        steps: [{ id: 'one', title: L('第一步', 'One'), text: { 'zh-CN': 'one.zh-CN.md', en: 'one.en.md' }, toolbox: ['robot_drive_cm'], checks: [], hints: [] }],
        checks: [{ id: 'c', type: 'noErrors' }], reflection: L('想一想', 'Think'),
      }],
      teacherNotes: { file: { 'zh-CN': 't.md', en: 't.en.md' } },
    };
    const starter = newProject('robot', '2026-11-30T00:00:00.000Z', '0.1.0', 'starter');
    const host = new HostClient(transport({
      'lessons.list': () => ({ ok: true, result: [summary('first', '4', 1, ['a'])] }),
      'progress.get': () => ({ ok: true, result: { format: 'ailab-progress', version: 1, student: 'seat-5', updatedAt: '', units: {} } }),
      'lessons.get': () => ({ ok: true, result: { unit, source: 'bundled' } }),
      'lessons.project': () => ({ ok: true, result: { project: starter } }),
      'lessons.readFile': () => ({ ok: true, result: { path: 'one.zh-CN.md', mime: 'text/markdown', text: '# 开动\n\n把**前进**积木接上。' } }),
    }, []));
    const opened: { title: string; toolbox: readonly string[] | null }[] = [];
    const props: LessonHostApi = {
      ...api(host),
      openProgram: async (project, toolbox) => { opened.push({ title: project.meta.title, toolbox }); },
      connectedKit: { label: 'Tello 127.0.0.1:8889', kit: 'drone' },
    };
    view = render(<LessonPlayer {...props} />, 'zh-CN');
    await settle();
    click(view.one('lesson-first-a'));
    await settle();
    expect(opened).toEqual([{ title: '开到墙边', toolbox: ['robot_drive_cm'] }]);
    expect(view.one('step-text').innerHTML).toContain('<strong>前进</strong>');
    // Real kits by the names a child knows, not the unit file's ids (a kit the app has no name for keeps its id).
    expect(view.one('lesson-hardware').textContent).toBe('用真实器材：AI 实验室机器人小车、AI 视觉模块（HuskyLens）和school-own-car。检查总是在模拟器里进行。');
    expect(view.one('lesson-kit-connected').textContent).toBe('已连接的 Tello 127.0.0.1:8889 是无人机，这一课用的是机器人小车。');
    view.rerender(<LessonPlayer {...props} connectedKit={{ label: 'AI-lab robot', kit: 'robot' }} />);
    expect(view.one('lesson-kit-connected').textContent).toContain('已连接真实器材：AI-lab robot');
  });

  it('names the real kits in English too, joined the English way', () => {
    const i18n = createI18n('en');
    const t = i18n.getFixedT('en', 'lessons');
    expect(hardwareList(['tello'], 'en', t)).toBe('Tello drone');
    expect(hardwareList(['ailab-robot', 'firmata-uno-car', 'school-own-car'], 'en', t)).toBe('AI-lab robot car, Arduino Uno car (Firmata), and school-own-car');
  });
});
