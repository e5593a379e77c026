// @vitest-environment jsdom
/**
 * The classroom screens in jsdom with the real strings and the real HostClient over a transport double (the hosts
 * are other processes; their services have their own tests, and tests/e2e/classroom.spec.ts runs all of it for real
 * in Chromium). What a user would notice: a mistyped join code, address or fingerprint is refused in words before
 * anything reaches the host and nothing typed is lost; a host refusal (wrong code) keeps the form filled; a PIN typed
 * differently twice is refused; the grid marks where each student is; the eyes-up lock swallows keys.
 */
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { HostMethod } from '../../../core/contracts/host';
import type { RosterEntryView } from '../../../core/contracts/classroom-host';
import type { Unit } from '../../../core/lessons/unit-schema';
import { HostClient, type Reply, type Transport } from '../host-client';
import { click, render, typeInto, type Rendered } from '../ai/test-render';
import { EyesUpOverlay } from './EyesUpOverlay';
import { JoinClassDialog } from './JoinClassDialog';
import { checkJoinInput } from './join-form';
import { PinDialog } from './PinDialog';
import { RosterGrid, type RosterActions } from './RosterGrid';

let view: Rendered | null = null;
afterEach(() => {
  view?.unmount();
  view = null;
});

function transport(replies: Partial<Record<HostMethod, (params: unknown) => Reply>>, asked: { method: string; params: unknown }[]): Transport {
  return {
    kind: 'websocket',
    request: async (method, params) => {
      asked.push({ method, params });
      const reply = replies[method];
      return reply ? reply(params) : { ok: false, error: { code: 'unknownMethod', params: {}, message: `no ${method}` } };
    },
    onEvent: () => () => undefined,
  };
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await act(async () => { await Promise.resolve(); });
};
const submit = (form: Element) => act(() => { form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })); });
const alertText = (v: Rendered) => v.container.querySelector('[role="alert"]')?.textContent ?? null;

describe('join form check', () => {
  it('names the first wrong field and normalises what is right', () => {
    const good = { url: ' http://192.168.1.20:50123/ ', joinCode: '123 456', nickname: ' 3号 小明 ', fingerprint: 'abcd 1234 ef56 7890 aa11' };
    expect(checkJoinInput(good)).toEqual({ ok: true, params: { url: 'http://192.168.1.20:50123/', joinCode: '123456', nickname: '3号 小明', fingerprint: 'abcd 1234 ef56 7890 aa11' } });
    expect(checkJoinInput({ ...good, url: '192.168.1.20:50123' })).toMatchObject({ ok: false, field: 'url' });
    expect(checkJoinInput({ ...good, url: 'ftp://x/' })).toMatchObject({ ok: false, field: 'url' });
    expect(checkJoinInput({ ...good, joinCode: '12345' })).toMatchObject({ ok: false, field: 'joinCode' });
    expect(checkJoinInput({ ...good, nickname: '   ' })).toMatchObject({ ok: false, field: 'nickname' });
    expect(checkJoinInput({ ...good, nickname: 'x'.repeat(25) })).toMatchObject({ ok: false, field: 'nickname' });
    expect(checkJoinInput({ ...good, fingerprint: 'ABCD 1234' })).toMatchObject({ ok: false, field: 'fingerprint' });
    expect(checkJoinInput({ ...good, fingerprint: '' })).toEqual({ ok: true, params: { url: 'http://192.168.1.20:50123/', joinCode: '123456', nickname: '3号 小明' } });
  });
});

describe('join class dialog', () => {
  it('refuses a 5-digit code in zh-CN without asking the host, then shows the host\'s "wrong code" and keeps every field', async () => {
    const asked: { method: string; params: unknown }[] = [];
    const host = new HostClient(transport({
      'class.join': () => ({ ok: false, error: { code: 'classroom', params: { detail: '加入码不对。请看投影上的 6 位数字。' }, message: 'Wrong join code.' } }),
    }, asked));
    let joined = false;
    view = render(<JoinClassDialog host={host} onJoined={() => { joined = true; }} onCancel={() => undefined} />, 'zh-CN');
    typeInto(view.one('join-url') as HTMLInputElement, 'http://127.0.0.1:4567/');
    typeInto(view.one('join-joinCode') as HTMLInputElement, '12345');
    typeInto(view.one('join-nickname') as HTMLInputElement, '7号');
    submit(view.container.querySelector('form')!);
    expect(alertText(view)).toBe('加入码是 6 位数字。');
    expect(view.one('join-joinCode').getAttribute('aria-invalid')).toBe('true');
    expect(asked).toEqual([]);

    typeInto(view.one('join-joinCode') as HTMLInputElement, '123456');
    submit(view.container.querySelector('form')!);
    await settle();
    expect(asked.map((a) => a.method)).toEqual(['class.join']);
    expect(asked[0]!.params).toEqual({ url: 'http://127.0.0.1:4567/', joinCode: '123456', nickname: '7号', language: 'zh-CN' });
    expect(alertText(view)).toBe('出错了：加入码不对。请看投影上的 6 位数字。');
    expect(joined).toBe(false);
    expect((view.one('join-url') as HTMLInputElement).value).toBe('http://127.0.0.1:4567/');
    expect((view.one('join-nickname') as HTMLInputElement).value).toBe('7号');
  });
});

describe('teacher PIN', () => {
  it('first use: two different PINs are refused before the host hears of them; a wrong PIN later says so in English', async () => {
    const asked: { method: string; params: unknown }[] = [];
    const host = new HostClient(transport({
      'class.setPin': () => ({ ok: true, result: {} }),
      'class.unlock': () => ({ ok: false, error: { code: 'pinWrong', params: {}, message: 'wrong' } }),
    }, asked));
    let unlocked = 0;
    view = render(<PinDialog host={host} pinSet={false} onUnlocked={() => { unlocked++; }} onCancel={() => undefined} />, 'zh-CN');
    typeInto(view.one('class-pin') as HTMLInputElement, '2468');
    typeInto(view.one('class-pin-confirm') as HTMLInputElement, '2469');
    submit(view.container.querySelector('form')!);
    expect(alertText(view)).toBe('两次输入的 PIN 码不一样，请重新输入。');
    typeInto(view.one('class-pin-confirm') as HTMLInputElement, '2468');
    submit(view.container.querySelector('form')!);
    await settle();
    expect(asked).toEqual([{ method: 'class.setPin', params: { pin: '2468' } }]);
    expect(unlocked).toBe(1);
    view.unmount();

    view = render(<PinDialog host={host} pinSet onUnlocked={() => { unlocked++; }} onCancel={() => undefined} />, 'en');
    typeInto(view.one('class-pin') as HTMLInputElement, '12');
    submit(view.container.querySelector('form')!);
    expect(alertText(view)).toBe('The PIN must be 4–8 digits.');
    typeInto(view.one('class-pin') as HTMLInputElement, '1111');
    submit(view.container.querySelector('form')!);
    await settle();
    expect(alertText(view)).toBe('Something went wrong: Wrong teacher PIN.');
    expect(unlocked).toBe(1);
  });
});

describe('roster grid', () => {
  const L = (s: string) => ({ 'zh-CN': s, en: s });
  const unit = { id: 'first', lessons: [{ id: 'a', title: L('A'), steps: [{ id: 'a1', title: L('a1') }, { id: 'a2', title: L('a2') }, { id: 'a3', title: L('a3') }] }, { id: 'b', title: L('B'), steps: [{ id: 'b1', title: L('b1') }] }] } as unknown as Unit;
  const entry = (nickname: string, over: Partial<RosterEntryView>): RosterEntryView => ({
    id: `id-${nickname}-xx`, nickname, connected: true, unitId: null, lessonId: null, stepId: null, checks: [], needsHelp: false, handIns: 0, updatedAt: '', installs: {}, ...over,
  });
  const actions: RosterActions = { handIns: async () => [], open: () => undefined, reset: () => undefined, exportRecord: () => undefined, remove: () => undefined };

  it('marks the step each student is on, the steps before it, failed checks and a help flag', () => {
    const roster = [
      entry('Amy', { unitId: 'first', lessonId: 'a', stepId: 'a3', checks: [{ id: 'wall', passed: true }, { id: 'time', passed: false }], needsHelp: true, installs: { p1: 'ok' } }),
      entry('Bo', { connected: false }),
    ];
    view = render(<RosterGrid roster={roster} unit={unit} language="en" actions={actions} />, 'en');
    const [amy, bo] = view.all('roster-row');
    const states = (row: HTMLElement) => [...row.querySelectorAll('[data-testid="roster-cell"]')].map((c) => c.getAttribute('data-state'));
    expect(states(amy!)).toEqual(['passed', 'passed', 'here', '']);
    expect(states(bo!)).toEqual(['', '', '', '']);
    expect(amy!.getAttribute('data-help')).toBe('true');
    expect(amy!.querySelector('[data-testid="roster-help"]')!.textContent).toContain('needs help');
    expect(amy!.querySelector('[data-testid="roster-checks"]')!.textContent).toBe('✓✗');
    expect(amy!.querySelector('[data-testid="roster-install"]')!.textContent).toBe('✓ received');
    expect(bo!.getAttribute('data-online')).toBe('false');
  });

  it('keeps steps the dashboard saw a student on as passed after they moved to another lesson', () => {
    const roster = [entry('Amy', { unitId: 'first', lessonId: 'b', stepId: 'b1' })];
    const visited = new Map([['id-Amy-xx', new Set(['first/a/a1', 'first/a/a2', 'other/a/a3', 'first/b/b1'])]]);
    view = render(<RosterGrid roster={roster} unit={unit} language="en" actions={actions} visited={visited} />, 'en');
    const states = [...view.one('roster-row').querySelectorAll('[data-testid="roster-cell"]')].map((c) => c.getAttribute('data-state'));
    // a3 was seen in another unit with the same lesson id: not this unit's step.
    expect(states).toEqual(['passed', 'passed', '', 'here']);
  });

  it('asks before deleting a record: the first click only arms the button', () => {
    const removed: string[] = [];
    view = render(<RosterGrid roster={[entry('Amy', {})]} unit={unit} language="en" actions={{ ...actions, remove: (id) => removed.push(id) }} />, 'en');
    click(view.one('roster-delete'));
    expect(removed).toEqual([]);
    click(view.one('roster-delete-confirm'));
    expect(removed).toEqual(['id-Amy-xx']);
  });
});

describe('eyes-up overlay', () => {
  it('locks the editor while shown and keeps keys from reaching the app; unlocks when lifted', () => {
    const locks: boolean[] = [];
    const seen: string[] = [];
    const onKey = (e: KeyboardEvent) => seen.push(e.key);
    document.addEventListener('keydown', onKey);
    view = render(<EyesUpOverlay text="看黑板" setLocked={(l) => locks.push(l)} />, 'zh-CN');
    expect(view.one('eyes-up-text').textContent).toBe('看黑板');
    expect(locks).toEqual([true]);
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Delete', bubbles: true, cancelable: true }));
    expect(seen).toEqual([]);
    view.unmount();
    view = null;
    expect(locks).toEqual([true, false]);
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Delete', bubbles: true, cancelable: true }));
    expect(seen).toEqual(['Delete']);
    document.removeEventListener('keydown', onKey);
  });
});
