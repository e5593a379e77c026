/**
 * One WebSocket text frame in, one response frame out: `{ id, method, params }` → `{ id, ok: true, result }` or
 * `{ id, ok: false, error }`. Every frame is checked (JSON, frame shape, known method, params schema) before a
 * service runs, and every result is checked against the contract before it leaves. Never throws.
 */
import { z } from 'zod';
import { HOST_METHODS, WS_NO_ID, WsRequestSchema, type HostMethod, type HostServices } from '../../core/contracts/host';
import { HostException, toHostError } from '../services/host-error';

export type WsResponse =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: ReturnType<typeof toHostError> };

const isMethod = (name: string): name is HostMethod => Object.prototype.hasOwnProperty.call(HOST_METHODS, name);

function describeIssues(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : '(params)';
  return `${where}: ${issue?.message ?? 'invalid'}`.slice(0, 300);
}

export async function dispatchFrame(text: string, services: HostServices, log: (line: string) => void): Promise<WsResponse> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { id: WS_NO_ID, ok: false, error: new HostException('badFrame', { detail: 'not JSON' }).toJSON() };
  }
  const frame = WsRequestSchema.safeParse(raw);
  if (!frame.success) {
    const maybeId = (raw as { id?: unknown } | null)?.id;
    const id = typeof maybeId === 'number' && Number.isInteger(maybeId) && maybeId >= 0 ? maybeId : WS_NO_ID;
    return { id, ok: false, error: new HostException('badFrame', { detail: describeIssues(frame.error) }).toJSON() };
  }
  const { id, method } = frame.data;
  if (!isMethod(method)) return { id, ok: false, error: new HostException('unknownMethod', { method: method.slice(0, 100) }).toJSON() };
  const spec = HOST_METHODS[method];
  const params = spec.params.safeParse(frame.data.params ?? {});
  if (!params.success) return { id, ok: false, error: new HostException('invalidParams', { method, detail: describeIssues(params.error) }).toJSON() };
  try {
    const call = services[method] as (p: unknown) => Promise<unknown>;
    const result = await call(params.data);
    const checked = spec.result.safeParse(result);
    if (!checked.success) {
      log(`[HostServer] ${method} returned a result outside the contract: ${describeIssues(checked.error)}`);
      return { id, ok: false, error: new HostException('internal', { detail: `${method} result` }).toJSON() };
    }
    return { id, ok: true, result: checked.data };
  } catch (err) {
    const error = toHostError(err);
    if (error.code === 'internal') log(`[HostServer] ${method} failed: ${error.message}`);
    return { id, ok: false, error };
  }
}
