/**
 * The object the preload exposes as `window.lab`: one function per host method (keyed by method name, e.g.
 * `lab['project.open']({ path })`, resolving to `{ ok: true, result } | { ok: false, error }` as main returns it) and
 * `onEvent(name, listener)` for host events. Nothing else: no `ipcRenderer`, no generic invoke/send, no channel
 * names chosen by the page. Results are validated in main and again by the renderer's host client.
 *
 * Events that arrive before anyone subscribes (a `.ailab` double-clicked while the app starts) are held, at most
 * `MAX_HELD_EVENTS` per name, and delivered to the first listener.
 */
import type { IpcRenderer } from 'electron';
import { eventChannel, methodChannel, type BridgeManifest } from '../shared/bridge';

export const MAX_HELD_EVENTS = 16;

type Listener = (payload: unknown) => void;

/** The subset of `ipcRenderer` the bridge uses (tests pass a double). */
export type BridgeIpc = Pick<IpcRenderer, 'invoke' | 'on'>;

export function createLabApi(ipc: BridgeIpc, manifest: BridgeManifest): Record<string, unknown> {
  const api: Record<string, unknown> = {};
  for (const method of manifest.methods) {
    const channel = methodChannel(method);
    // Exactly one argument crosses: whatever else the page passes stays in the page.
    api[method] = (params: unknown) => ipc.invoke(channel, params === undefined ? {} : params);
  }

  const listeners = new Map<string, Set<Listener>>();
  const held = new Map<string, unknown[]>();
  for (const name of manifest.events) {
    listeners.set(name, new Set());
    held.set(name, []);
    // The IpcRendererEvent (which carries `sender`, i.e. ipcRenderer) is dropped here and never reaches the page.
    ipc.on(eventChannel(name), (_event, payload: unknown) => {
      const current = listeners.get(name)!;
      if (current.size === 0) {
        const queue = held.get(name)!;
        if (queue.length < MAX_HELD_EVENTS) queue.push(payload);
        return;
      }
      for (const listener of current) deliver(listener, payload);
    });
  }

  api.onEvent = (name: unknown, listener: unknown): (() => void) => {
    if (typeof name !== 'string' || !listeners.has(name)) throw new TypeError(`[Preload] unknown host event: ${String(name)}`);
    if (typeof listener !== 'function') throw new TypeError('[Preload] onEvent needs a listener function');
    const set = listeners.get(name)!;
    const fn = listener as Listener;
    set.add(fn);
    const queue = held.get(name)!;
    if (queue.length > 0) {
      const pending = queue.splice(0);
      // After the caller has returned from onEvent and kept its unsubscribe function.
      void Promise.resolve().then(() => pending.forEach((payload) => deliver(fn, payload)));
    }
    return () => {
      set.delete(fn);
    };
  };
  return Object.freeze(api);
}

function deliver(listener: Listener, payload: unknown): void {
  try {
    listener(payload);
  } catch (err) {
    console.error('[Preload] host event listener failed', err);
  }
}
