// The preload with `electron` mocked (the Electron binary cannot run here): contextBridge and ipcRenderer are spies.
// The module under test is the real preload entry, imported the way Electron runs it (argv set by main).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { HOST_EVENTS, HOST_METHODS, ipcChannel } from '../../core/contracts/host';
import { bridgeArguments, methodChannel, readBridgeManifest } from '../shared/bridge';
import { HOST_EVENT_NAMES, HOST_METHOD_NAMES } from '../main/ipc';

const electron = vi.hoisted(() => {
  const listeners = new Map<string, (event: unknown, payload: unknown) => void>();
  return {
    listeners,
    contextBridge: { exposeInMainWorld: vi.fn() },
    ipcRenderer: {
      invoke: vi.fn(async (channel: string, params: unknown) => ({ ok: true, result: { channel, params } })),
      on: vi.fn((channel: string, listener: (event: unknown, payload: unknown) => void) => listeners.set(channel, listener)),
      send: vi.fn(),
    },
  };
});
vi.mock('electron', () => ({ contextBridge: electron.contextBridge, ipcRenderer: electron.ipcRenderer }));

async function loadPreload(): Promise<Record<string, any>> {
  vi.resetModules();
  electron.contextBridge.exposeInMainWorld.mockClear();
  electron.ipcRenderer.invoke.mockClear();
  electron.listeners.clear();
  const saved = process.argv;
  process.argv = [...saved, ...bridgeArguments(HOST_METHOD_NAMES, HOST_EVENT_NAMES)];
  try {
    await import('./index');
  } finally {
    process.argv = saved;
  }
  expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
  const [key, api] = electron.contextBridge.exposeInMainWorld.mock.calls[0];
  expect(key).toBe('lab');
  return api;
}

describe('preload window.lab', () => {
  let lab: Record<string, any>;
  beforeEach(async () => {
    lab = await loadPreload();
  });

  it('exposes exactly one function per host method plus onEvent, and nothing else', () => {
    expect(Object.keys(lab).sort()).toEqual([...Object.keys(HOST_METHODS), 'onEvent'].sort());
    for (const value of Object.values(lab)) expect(typeof value).toBe('function');
    expect(Object.values(lab)).not.toContain(electron.ipcRenderer);
    for (const pipe of ['invoke', 'send', 'on', 'ipcRenderer', 'require']) expect(lab).not.toHaveProperty(pipe);
    expect(Object.isFrozen(lab)).toBe(true);
  });

  it('a verb invokes its own channel with exactly one argument', async () => {
    const answer = await lab['project.open']({ path: '/p/a.ailab' }, 'smuggled', 'args');
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('project:open', { path: '/p/a.ailab' });
    expect(answer).toEqual({ ok: true, result: { channel: 'project:open', params: { path: '/p/a.ailab' } } });
    await lab['app.info']();
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith('app:info', {});
  });

  it('a file opened while the app starts is delivered to the first listener, without the IPC event object', async () => {
    const channel = 'event:project.openRequested';
    expect(electron.listeners.has(channel)).toBe(true);
    const ipcEvent = { sender: electron.ipcRenderer };
    electron.listeners.get(channel)!(ipcEvent, { path: '/home/s/early.ailab' });
    const seen: unknown[][] = [];
    const off = lab.onEvent('project.openRequested', (...args: unknown[]) => seen.push(args));
    await Promise.resolve();
    electron.listeners.get(channel)!(ipcEvent, { path: '/home/s/later.ailab' });
    expect(seen).toEqual([[{ path: '/home/s/early.ailab' }], [{ path: '/home/s/later.ailab' }]]);
    off();
    electron.listeners.get(channel)!(ipcEvent, { path: '/home/s/after-off.ailab' });
    expect(seen).toHaveLength(2);
  });

  it('subscribing to an event the host does not have, or without a function, is refused', () => {
    expect(() => lab.onEvent('ipc.anything', () => undefined)).toThrow(TypeError);
    expect(() => lab.onEvent('project.openRequested', 'not a function')).toThrow(TypeError);
  });
});

describe('bridge manifest', () => {
  it('preload channels match the contract\'s ipcChannel for every method, and every event is carried', () => {
    for (const method of HOST_METHOD_NAMES) expect(methodChannel(method)).toBe(ipcChannel(method));
    const manifest = readBridgeManifest(bridgeArguments(HOST_METHOD_NAMES, HOST_EVENT_NAMES));
    expect(manifest.methods).toEqual(Object.keys(HOST_METHODS));
    expect(manifest.events).toEqual(Object.keys(HOST_EVENTS));
  });

  it('names that are not <domain>.<verb> never become functions on window.lab', () => {
    const manifest = readBridgeManifest(['electron', '--ailab-host-methods=app.info,__proto__,constructor,a.b.c,x:y', '--ailab-host-events=']);
    expect(manifest.methods).toEqual(['app.info']);
    expect(manifest.events).toEqual([]);
    expect(() => bridgeArguments(['__proto__'], [])).toThrow();
  });
});
