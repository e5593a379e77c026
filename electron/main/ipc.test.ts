// Host services over IPC. ipcMain is a double that records handlers (no Electron binary here); the contract, the zod
// checks and the dispatch are the real ones. Services are spies so a test can see whether a call reached them.
import { describe, expect, it, vi } from 'vitest';
import { HOST_METHODS, ipcChannel, type HostServices } from '../../core/contracts/host';
import { newProject } from '../../core/contracts/project';
import { registerHostIpc } from './ipc';

type Handler = (event: unknown, ...args: unknown[]) => Promise<unknown>;

function setup(isTrusted = true) {
  const handlers = new Map<string, Handler>();
  const ipcMain = { handle: vi.fn((channel: string, h: Handler) => handlers.set(channel, h)), removeHandler: vi.fn((c: string) => handlers.delete(c)) };
  const entry = { path: '/p/robot.ailab', title: 'robot', modifiedAt: '2026-11-23T10:00:00.000Z', sizeBytes: 10 };
  const services = {
    'app.info': vi.fn(async () => ({ version: '0.1.0', shell: 'electron', platform: 'linux', projectsDir: '/p' })),
    'project.list': vi.fn(async () => [entry]),
    'project.open': vi.fn(async ({ path }: { path: string }) => ({ path, project: newProject('robot', '2026-11-23T10:00:00.000Z', '0.1.0') })),
    'project.save': vi.fn(async () => ({ ...entry, secret: 'not in the contract' })),
  } as unknown as HostServices;
  const unregister = registerHostIpc(ipcMain, { services, isTrusted: () => isTrusted, log: () => undefined });
  const event = { sender: {}, senderFrame: { url: 'app://ailab/index.html', parent: null } };
  const call = (method: string, ...args: unknown[]) => handlers.get(ipcChannel(method as never))!(event, ...args);
  return { handlers, services: services as unknown as Record<string, ReturnType<typeof vi.fn>>, call, unregister };
}

describe('host IPC', () => {
  it('every host method has exactly one IPC handler on its <domain>:<verb> channel', () => {
    const { handlers, unregister } = setup();
    expect([...handlers.keys()].sort()).toEqual(Object.keys(HOST_METHODS).map((m) => ipcChannel(m as never)).sort());
    expect(handlers.has('project:open')).toBe(true);
    unregister();
    expect(handlers.size).toBe(0);
  });

  it('a valid call reaches the host service and comes back validated', async () => {
    const { call, services } = setup();
    const answer = (await call('project.open', { path: '/p/robot.ailab' }, 'ignored extra argument')) as { ok: true; result: { path: string } };
    expect(answer.ok).toBe(true);
    expect(answer.result.path).toBe('/p/robot.ailab');
    expect(services['project.open']).toHaveBeenCalledTimes(1);
    expect(services['project.open']).toHaveBeenCalledWith({ path: '/p/robot.ailab' });
  });

  it('a call from a window or page that is not ours is refused and never reaches the service', async () => {
    const { call, services } = setup(false);
    const answer = (await call('project.list', {})) as { ok: false; error: { code: string } };
    expect(answer).toMatchObject({ ok: false, error: { code: 'internal', params: { detail: 'untrusted sender' } } });
    expect(services['project.list']).not.toHaveBeenCalled();
  });

  it('a call with invalid params is refused with invalidParams and never reaches the service', async () => {
    const { call, services } = setup();
    for (const params of [{ path: '' }, { path: 42 }, { path: '/p/a.ailab', extra: true }, null, 'x'.repeat(10)]) {
      const answer = (await call('project.open', params)) as { ok: false; error: { code: string; params: { method: string } } };
      expect(answer.ok, JSON.stringify(params)).toBe(false);
      expect(answer.error.code).toBe('invalidParams');
      expect(answer.error.params.method).toBe('project.open');
    }
    expect(services['project.open']).not.toHaveBeenCalled();
  });

  it('a result that breaks the contract is not passed to the page; extra fields are stripped', async () => {
    const { call, services } = setup();
    services['project.list'].mockResolvedValueOnce([{ path: 42 }]);
    expect(await call('project.list', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
    const saved = (await call('project.save', { path: 'robot.ailab', project: newProject('robot', '2026-11-23T10:00:00.000Z', '0.1.0') })) as { ok: true; result: Record<string, unknown> };
    expect(saved.ok).toBe(true);
    expect(saved.result).not.toHaveProperty('secret');
  });

  it('a host error (e.g. a file made by a newer version) reaches the page with its code and params', async () => {
    const { call, services } = setup();
    const hostError = Object.assign(new Error('too new'), { code: 'projectTooNew', params: { fileVersion: 9, supportedVersion: 1 } });
    services['project.open'].mockRejectedValueOnce(hostError);
    expect(await call('project.open', { path: '/p/new.ailab' })).toEqual({
      ok: false,
      error: { code: 'projectTooNew', params: { fileVersion: 9, supportedVersion: 1 }, message: 'too new' },
    });
    services['project.open'].mockRejectedValueOnce(new TypeError('boom'));
    expect(await call('project.open', { path: '/p/x.ailab' })).toMatchObject({ ok: false, error: { code: 'internal', params: { detail: 'boom' } } });
  });
});
