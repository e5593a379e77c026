// @vitest-environment jsdom
/**
 * The student's class bar driven by host events in jsdom (real strings, real HostClient over a transport double that
 * can push `class.studentEvent`s; the host side has its own tests and the e2e runs it for real): the pushed unit's
 * progress bar fills as chunks arrive and then says the unit is there; a hand-in whose "delivered" event overtakes the
 * host's answer to `class.handIn` still ends as delivered (not stuck at "on its way"); a teacher message shows.
 */
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { HostMethod } from '../../../core/contracts/host';
import { newProject } from '../../../core/contracts/project';
import type { Language } from '../../../core/i18n';
import { HostClient, type Reply, type Transport } from '../host-client';
import { click, render, type Rendered } from '../ai/test-render';
import { StudentClassBar } from './StudentClassBar';
import { useStudentClass } from './use-student-class';

let view: Rendered | null = null;
afterEach(() => {
  view?.unmount();
  view = null;
});

const settle = async () => {
  for (let i = 0; i < 6; i++) await act(async () => { await Promise.resolve(); });
};

const status = { joined: true, className: '四(2)班', fingerprint: 'AAAA', connection: 'online', pending: 0, eyesUp: { locked: false, text: '' } };

function fakeHost(handlers: Partial<Record<HostMethod, (params: unknown) => Promise<Reply> | Reply>>) {
  const listeners = new Set<(event: string, payload: unknown) => void>();
  const transport: Transport = {
    kind: 'websocket',
    request: async (method, params) => {
      const h = handlers[method];
      return h ? h(params) : { ok: false, error: { code: 'unknownMethod', params: {}, message: method } };
    },
    onEvent: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  const emit = (payload: unknown) => act(() => { for (const l of listeners) l('class.studentEvent', payload); });
  return { host: new HostClient(transport), emit };
}

function Bar(props: { host: HostClient; language: Language }) {
  const cls = useStudentClass(props.host, props.language);
  return <StudentClassBar host={props.host} language={props.language} cls={cls} currentProject={() => newProject('robot', '2026-11-30T00:00:00Z', '0.1.0')} />;
}

describe('student class bar', () => {
  it('fills the progress bar as a unit arrives, then names the unit', async () => {
    const { host, emit } = fakeHost({
      'class.studentStatus': () => ({ ok: true, result: status }),
      'lessons.get': () => ({ ok: false, error: { code: 'unitNotFound', params: { id: 'x' }, message: 'not yet' } }),
    });
    view = render(<Bar host={host} language="zh-CN" />, 'zh-CN');
    await settle();
    expect(view.one('student-class-name').textContent).toBe('课堂：四(2)班');
    emit({ type: 'download', packageId: 'p1', received: 256 * 1024, total: 1024 * 1024 });
    const bar = view.one('unit-progress') as HTMLProgressElement;
    expect([bar.value, bar.max]).toEqual([256 * 1024, 1024 * 1024]);
    expect(view.one('unit-delivery').textContent).toContain('25%');
    emit({ type: 'installed', packageId: 'p1', unitId: 'first-program', unitVersion: 7 });
    await settle();
    expect((view.one('unit-progress') as HTMLProgressElement).value).toBe(1024 * 1024);
    expect(view.one('unit-installed').textContent).toBe('单元“first-program”已收到，打开“课程”就能看到。');
    emit({ type: 'message', text: '请保存' });
    expect(view.one('class-notice').textContent).toContain('老师说：请保存');
  });

  it('a hand-in delivered before the host answered ends as delivered', async () => {
    let emitLater: (() => void) | null = null;
    const { host, emit } = fakeHost({
      'class.studentStatus': () => ({ ok: true, result: status }),
      // The host's "delivered" event overtakes its answer to class.handIn.
      'class.handIn': () => new Promise<Reply>((resolve) => { emitLater = () => resolve({ ok: true, result: { handInId: 'h-1' } }); }),
    });
    view = render(<Bar host={host} language="en" />, 'en');
    await settle();
    click(view.one('class-hand-in'));
    await settle();
    expect(view.one('class-hand-in').textContent).toBe('Handing in…');
    emit({ type: 'delivered', what: 'handIn', id: 'h-1' });
    emitLater!();
    await settle();
    expect(view.one('hand-in-state').getAttribute('data-state')).toBe('delivered');
    expect(view.one('hand-in-state').textContent).toBe("Hand-in delivered to the teacher's computer ✓");
  });
});
