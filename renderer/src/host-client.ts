/**
 * Typed client of the host contract (core/contracts/host.ts). The renderer cannot tell which host it has:
 *  - Electron: the preload exposes `window.lab`, one function per method name (`window.lab['project.open'](params)`),
 *    each resolving to `{ ok: true, result } | { ok: false, error }`, plus `onEvent(name, cb)`.
 *  - Browser mode: a WebSocket to `/api/ws` on the page's origin carrying `WsRequestSchema` / `WsResponseSchema`
 *    frames; reconnects after a close (backoff 0.5 s doubling to 5 s) and fails requests that were in flight.
 * Every params object is checked before sending and every result validated with the method's zod schema on arrival.
 */
import {
  HOST_EVENTS,
  HOST_METHODS,
  HostErrorSchema,
  WsResponseSchema,
  type HostError,
  type HostEvent,
  type HostMethod,
  type HostParams,
  type HostResult,
} from '../../core/contracts/host';

/** A failed host call. `code` is a key of the `host` i18n namespace (or `clientDisconnected` / `clientInvalid…`). */
export class HostCallError extends Error {
  readonly code: string;
  readonly params: Record<string, string | number>;
  constructor(error: HostError) {
    super(error.message);
    this.name = 'HostCallError';
    this.code = error.code;
    this.params = error.params ?? {};
  }
}

export type Reply = { ok: true; result: unknown } | { ok: false; error: unknown };

/** Shape of `window.lab` as the Electron preload exposes it. */
export type LabBridge = {
  [M in HostMethod]?: (params: unknown) => Promise<Reply>;
} & { onEvent?: (name: string, cb: (payload: unknown) => void) => () => void };

declare global {
  interface Window {
    lab?: LabBridge;
  }
}

export interface Transport {
  request(method: HostMethod, params: unknown): Promise<Reply>;
  onEvent(listener: (event: string, payload: unknown) => void): () => void;
  readonly kind: 'electron' | 'websocket';
}

/** Requests that take longer than this fail with `clientTimeout` (a save of a large project is well under 1 s). */
const REQUEST_TIMEOUT_MS = 30_000;

/** Opens a socket; the default is the browser's `WebSocket` (tests pass another implementation of the same shape). */
export type SocketFactory = (url: string) => WebSocket;

export class WebSocketTransport implements Transport {
  readonly kind = 'websocket' as const;
  private socket: WebSocket | null = null;
  private opening: Promise<WebSocket> | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: Reply) => void; timer: ReturnType<typeof setTimeout> }>();
  private readonly listeners = new Set<(event: string, payload: unknown) => void>();
  private backoffMs = 500;

  constructor(
    private readonly url: string,
    private readonly createSocket: SocketFactory = (u) => new WebSocket(u),
  ) {}

  private open(): Promise<WebSocket> {
    if (this.socket && this.socket.readyState === 1 /* OPEN */) return Promise.resolve(this.socket);
    if (this.opening) return this.opening;
    this.opening = new Promise<WebSocket>((resolve, reject) => {
      const ws = this.createSocket(this.url);
      ws.onopen = () => {
        this.socket = ws;
        this.opening = null;
        this.backoffMs = 500;
        resolve(ws);
      };
      ws.onmessage = (msg) => this.receive(msg.data);
      ws.onclose = () => {
        const wasOpen = this.socket === ws;
        if (wasOpen) this.socket = null;
        if (this.opening) {
          this.opening = null;
          reject(new Error('closed before open'));
        }
        // Requests in flight on this socket will never be answered.
        for (const [id, entry] of this.pending) {
          clearTimeout(entry.timer);
          entry.resolve({ ok: false, error: { code: 'clientDisconnected', params: {}, message: 'connection to host closed' } });
          this.pending.delete(id);
        }
        if (wasOpen) {
          console.warn('[HostClient] connection closed; reconnecting');
          const delay = this.backoffMs;
          this.backoffMs = Math.min(this.backoffMs * 2, 5000);
          setTimeout(() => void this.open().catch(() => undefined), delay);
        }
      };
    });
    return this.opening;
  }

  private receive(data: unknown): void {
    let frame: unknown;
    try {
      frame = JSON.parse(String(data));
    } catch {
      console.warn('[HostClient] ignored a frame that is not JSON');
      return;
    }
    const parsed = WsResponseSchema.safeParse(frame);
    if (!parsed.success) {
      console.warn('[HostClient] ignored a malformed frame');
      return;
    }
    const f = parsed.data;
    if ('event' in f) {
      for (const l of this.listeners) l(f.event, f.payload);
      return;
    }
    const entry = this.pending.get(f.id);
    if (!entry) return;
    this.pending.delete(f.id);
    clearTimeout(entry.timer);
    entry.resolve(f.ok ? { ok: true, result: f.result } : { ok: false, error: f.error });
  }

  async request(method: HostMethod, params: unknown): Promise<Reply> {
    let ws: WebSocket;
    try {
      ws = await this.open();
    } catch {
      return { ok: false, error: { code: 'clientDisconnected', params: {}, message: 'cannot reach the host' } };
    }
    const id = this.nextId++;
    return new Promise<Reply>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve({ ok: false, error: { code: 'clientTimeout', params: {}, message: `${method} timed out` } });
      }, REQUEST_TIMEOUT_MS);
      this.pending.set(id, { resolve, timer });
      ws.send(JSON.stringify({ id, method, params }));
    });
  }

  onEvent(listener: (event: string, payload: unknown) => void): () => void {
    this.listeners.add(listener);
    void this.open().catch(() => undefined);
    return () => this.listeners.delete(listener);
  }
}

export class ElectronTransport implements Transport {
  readonly kind = 'electron' as const;
  constructor(private readonly lab: LabBridge) {}
  async request(method: HostMethod, params: unknown): Promise<Reply> {
    const fn = this.lab[method];
    if (typeof fn !== 'function') return { ok: false, error: { code: 'clientUnknownMethod', params: { method }, message: `no ${method} in preload` } };
    return fn(params);
  }
  onEvent(listener: (event: string, payload: unknown) => void): () => void {
    const offs = (Object.keys(HOST_EVENTS) as HostEvent[]).map((name) => this.lab.onEvent?.(name, (p) => listener(name, p)) ?? (() => undefined));
    return () => offs.forEach((off) => off());
  }
}

export class HostClient {
  constructor(private readonly transport: Transport) {}

  get kind(): 'electron' | 'websocket' {
    return this.transport.kind;
  }

  /** Calls a host method; resolves with the validated result or rejects with a `HostCallError`. */
  async call<M extends HostMethod>(method: M, params: HostParams<M>): Promise<HostResult<M>> {
    const spec = HOST_METHODS[method];
    const checked = spec.params.safeParse(params);
    if (!checked.success) throw new HostCallError({ code: 'clientInvalidParams', params: { method }, message: checked.error.message });
    const reply = await this.transport.request(method, checked.data);
    if (!reply.ok) {
      const err = HostErrorSchema.safeParse(reply.error);
      throw new HostCallError(err.success ? err.data : { code: 'clientInvalidReply', params: { method }, message: 'unreadable error' });
    }
    const result = spec.result.safeParse(reply.result);
    if (!result.success) {
      console.warn(`[HostClient] ${method} returned a result that fails its schema`, result.error.message);
      throw new HostCallError({ code: 'clientInvalidReply', params: { method }, message: result.error.message });
    }
    return result.data as HostResult<M>;
  }

  /** Subscribes to a host event; the payload is validated with its schema (invalid payloads are dropped). */
  onDidReceive<E extends HostEvent>(event: E, cb: (payload: ReturnType<(typeof HOST_EVENTS)[E]['parse']>) => void): () => void {
    return this.transport.onEvent((name, payload) => {
      if (name !== event) return;
      const parsed = HOST_EVENTS[event].safeParse(payload);
      if (parsed.success) cb(parsed.data as ReturnType<(typeof HOST_EVENTS)[E]['parse']>);
    });
  }
}

/** The client for this page: Electron preload when present, else WebSocket on the page's origin. */
export function createHostClient(win: Window = window): HostClient {
  if (win.lab) return new HostClient(new ElectronTransport(win.lab));
  const proto = win.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return new HostClient(new WebSocketTransport(`${proto}//${win.location.host}/api/ws`));
}
