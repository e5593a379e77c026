// @vitest-environment jsdom
/**
 * The Unit catalogs dialog in jsdom with the real strings and the real HostClient over a transport double (the
 * catalog service itself is tested over real HTTP in host/services/classroom-service.test.ts). What a user would
 * notice: an empty list says so; a mistyped address or key is refused in words before anything reaches the host; a
 * subscription shows how many units came and why any were refused; the list then shows the catalog.
 */
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { HostMethod } from '../../../core/contracts/host';
import { HostClient, type Reply, type Transport } from '../host-client';
import { click, render, typeInto, type Rendered } from '../ai/test-render';
import { CatalogDialog } from './CatalogDialog';

let view: Rendered | null = null;
afterEach(() => {
  view?.unmount();
  view = null;
});

const settle = async () => {
  for (let i = 0; i < 5; i++) await act(async () => { await Promise.resolve(); });
};

const KEY = 'PCc9TV71QRsK+G8vjjm5vkb2zS314g5OoMjzZpll8DM=';

describe('Unit catalogs dialog', () => {
  it('refuses a bad address or key in words, then subscribes and shows what came and what was refused', async () => {
    const asked: { method: string; params: unknown }[] = [];
    let subscribed = false;
    const replies: Partial<Record<HostMethod, (p: unknown) => Reply>> = {
      'catalog.list': () => ({ ok: true, result: subscribed ? [{ url: 'http://10.0.0.5/units/', publicKey: KEY, fingerprint: '686E F594 4A4C D692 6A0F', name: '徐汇区', lastSyncAt: '2026-11-30T08:00:00Z', lastError: null }] : [] }),
      'catalog.subscribe': () => {
        subscribed = true;
        return { ok: true, result: { name: '徐汇区', installed: ['g7-knn', 'g7-kmeans'], refused: [{ unitId: 'g7-bad', message: { 'zh-CN': '签名不对', en: 'signature does not match' } }] } };
      },
    };
    const transport: Transport = {
      kind: 'websocket',
      request: async (method, params) => {
        asked.push({ method, params });
        const reply = replies[method as HostMethod];
        return reply ? reply(params) : { ok: false, error: { code: 'unknownMethod', params: {}, message: method } };
      },
      onEvent: () => () => undefined,
    };
    view = render(<CatalogDialog host={new HostClient(transport)} language="en" onClose={() => undefined} />);
    await settle();
    expect(view.one('catalog-empty').textContent).toContain('No catalog');

    typeInto(view.one('catalog-url') as HTMLInputElement, 'ftp://x');
    click(view.one('catalog-subscribe'));
    expect(view.container.querySelector('[role="alert"]')?.textContent).toContain('http://');
    typeInto(view.one('catalog-url') as HTMLInputElement, 'http://10.0.0.5/units/');
    typeInto(view.one('catalog-key') as HTMLInputElement, 'not-a-key');
    click(view.one('catalog-subscribe'));
    expect(view.container.querySelector('[role="alert"]')?.textContent).toContain('44 characters');
    expect(asked.some((a) => a.method === 'catalog.subscribe')).toBe(false);

    typeInto(view.one('catalog-key') as HTMLInputElement, KEY);
    click(view.one('catalog-subscribe'));
    await settle();
    expect(asked.find((a) => a.method === 'catalog.subscribe')?.params).toEqual({ url: 'http://10.0.0.5/units/', publicKey: KEY, language: 'en' });
    expect(view.one('catalog-result').textContent).toContain('2 units installed or updated, 1 refused');
    expect(view.one('catalog-result').textContent).toContain('g7-bad: signature does not match');
    expect(view.one('catalog-list').textContent).toContain('徐汇区');
    expect(view.one('catalog-list').textContent).toContain('686E F594');
  });
});
