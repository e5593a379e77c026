/**
 * Host services over Electron IPC: one `ipcMain.handle` per method of HOST_METHODS on `ipcChannel(method)`.
 * Every call: sender checked (security.ts), params validated with the method's zod schema, service called, result
 * validated, answered as `{ ok: true, result } | { ok: false, error: HostError }`. A refused call never reaches the
 * service. Error codes are keys under `error.` of the `host` i18n namespace (shared with the WebSocket transport).
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { HOST_EVENTS, HOST_METHODS, HostErrorSchema, ipcChannel, type HostError, type HostEvent, type HostMethod, type HostServices } from '../../core/contracts/host';

export type HostCallOutcome = { ok: true; result: unknown } | { ok: false; error: HostError };

export const HOST_METHOD_NAMES = Object.keys(HOST_METHODS) as HostMethod[];
export const HOST_EVENT_NAMES = Object.keys(HOST_EVENTS) as HostEvent[];

export interface HostIpcOptions {
  readonly services: HostServices;
  /** Decides whether an IPC event comes from our window (security.ts `isTrustedSender`). */
  readonly isTrusted: (event: IpcMainInvokeEvent) => boolean;
  readonly log?: (message: string) => void;
}

function failure(code: string, params: Record<string, string | number>, message: string): HostCallOutcome {
  return { ok: false, error: { code, params, message } };
}

/** One call, from raw IPC arguments to the answer. Exported for tests. */
export async function dispatchHostCall(method: HostMethod, event: IpcMainInvokeEvent, rawParams: unknown, options: HostIpcOptions): Promise<HostCallOutcome> {
  const log = options.log ?? ((m: string) => console.warn(m));
  const spec = HOST_METHODS[method];
  if (!spec) return failure('unknownMethod', { method: String(method) }, `Unknown request: ${String(method)}`);
  if (!options.isTrusted(event)) {
    log(`[IPC] refused ${method} from an untrusted sender (${event.senderFrame?.url ?? 'no frame'})`);
    return failure('internal', { detail: 'untrusted sender' }, 'Internal error: untrusted sender');
  }
  const params = spec.params.safeParse(rawParams);
  if (!params.success) {
    const detail = params.error.issues.map((i) => `${i.path.join('.') || '(params)'}: ${i.message}`).join('; ').slice(0, 500);
    log(`[IPC] invalid params for ${method}: ${detail}`);
    return failure('invalidParams', { method, detail }, `Invalid request parameters (${method}): ${detail}`);
  }
  let result: unknown;
  try {
    const call = options.services[method] as (p: unknown) => Promise<unknown>;
    result = await call(params.data);
  } catch (err) {
    const known = HostErrorSchema.safeParse(err);
    if (known.success) return { ok: false, error: known.data };
    const detail = err instanceof Error ? err.message : String(err);
    console.error(`[IPC] ${method} failed`, err);
    return failure('internal', { detail: detail.slice(0, 500) }, `Internal error: ${detail.slice(0, 500)}`);
  }
  const checked = spec.result.safeParse(result);
  if (!checked.success) {
    const detail = checked.error.issues.map((i) => `${i.path.join('.') || '(result)'}: ${i.message}`).join('; ').slice(0, 500);
    console.error(`[IPC] ${method} returned an invalid result: ${detail}`);
    return failure('internal', { detail: `invalid result of ${method}` }, `Internal error: invalid result of ${method}: ${detail}`);
  }
  return { ok: true, result: checked.data };
}

/** Registers a handler per method; returns a function that removes them. */
export function registerHostIpc(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, options: HostIpcOptions): () => void {
  for (const method of HOST_METHOD_NAMES) {
    // Only the first argument is read: extra arguments from the page are ignored.
    ipcMain.handle(ipcChannel(method), (event, rawParams: unknown) => dispatchHostCall(method, event, rawParams, options));
  }
  return () => HOST_METHOD_NAMES.forEach((method) => ipcMain.removeHandler(ipcChannel(method)));
}

/** The event payload validated against HOST_EVENTS, or null (logged) when it does not fit. */
export function checkHostEvent(name: HostEvent, payload: unknown): unknown {
  const checked = HOST_EVENTS[name].safeParse(payload);
  if (!checked.success) {
    console.error(`[IPC] dropped invalid ${name} event`);
    return null;
  }
  return checked.data;
}
