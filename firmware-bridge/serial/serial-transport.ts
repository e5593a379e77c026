/**
 * A `LineTransport` (line/session.ts) over a real serial port (serialport 13), with the port's failures turned into
 * messages a student can act on (`serial` i18n namespace, zh-CN/en):
 * - `error.busy`: another program holds the port (serialport's exclusive lock: "Cannot lock port", EBUSY);
 * - `error.inUse`: another driver in this app holds it (port-owners.ts);
 * - `error.permission`: EACCES (Linux: the `dialout` group, with the command that fixes it);
 * - `error.notFound`: no such device (unplugged, or a typo);
 * - `error.openFailed`: anything else, with the system's own words.
 *
 * `onClose` reports the end of the port: `unplugged` when the device vanished (serialport's close with
 * `disconnected`, or a read error), `closed` when we closed it. `write` never throws; it drops bytes once closed.
 */
import { SerialPort } from 'serialport';
import { translate, type Language } from '../../core/i18n';
import type { LineTransport } from '../line/session';
import { claimPort, portOwner } from './port-owners';

export type SerialErrorCode = 'error.busy' | 'error.inUse' | 'error.permission' | 'error.notFound' | 'error.openFailed';

export class SerialError extends Error {
  constructor(
    readonly code: SerialErrorCode,
    readonly params: Record<string, string | number>,
    language: Language,
  ) {
    super(translate(language, 'serial', code, params));
    this.name = 'SerialError';
  }
}

/** serialport's open error → our code. Messages differ by platform; errno names and the lock text are stable. */
export function classifyOpenError(error: Error & { code?: string; errno?: number }): SerialErrorCode {
  const text = `${error.code ?? ''} ${error.message}`;
  if (/Cannot lock port|EBUSY|Resource busy|Access denied.*COM|resource temporarily unavailable/i.test(text) && !/EACCES|Permission denied/i.test(text)) return 'error.busy';
  if (/EACCES|Permission denied|EPERM|Operation not permitted/i.test(text)) return 'error.permission';
  if (/ENOENT|No such file|cannot find the file|File not found/i.test(text)) return 'error.notFound';
  return 'error.openFailed';
}

export type CloseReason = 'unplugged' | 'closed';

export interface SerialLineTransport extends LineTransport {
  readonly isOpen: boolean;
  /** Called once when the port ends. */
  onClose(listener: (reason: CloseReason) => void): () => void;
}

export interface OpenSerialOptions {
  readonly baudRate?: number;
  /** Name of the driver claiming the port, shown to another driver that asks for it. */
  readonly owner?: string;
  readonly language?: Language;
  readonly log?: (line: string) => void;
}

/** Opens `path` (8N1, no flow control, 115200 by default). Rejects with a SerialError. */
export async function openSerialLineTransport(path: string, options: OpenSerialOptions = {}): Promise<SerialLineTransport> {
  const language = options.language ?? 'en';
  const owner = options.owner ?? 'AI-lab robot';
  const log = options.log ?? (() => {});
  const release = claimPort(path, owner);
  if (release === null) throw new SerialError('error.inUse', { path, owner: portOwner(path) ?? '?' }, language);

  const port = new SerialPort({ path, baudRate: options.baudRate ?? 115200, dataBits: 8, parity: 'none', stopBits: 1, autoOpen: false });
  try {
    await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
  } catch (e) {
    release();
    const err = e instanceof Error ? e : new Error(String(e));
    const code = classifyOpenError(err);
    throw new SerialError(code, { path, detail: err.message }, language);
  }

  const dataListeners = new Set<(chunk: Uint8Array) => void>();
  const closeListeners = new Set<(reason: CloseReason) => void>();
  let ended = false;
  let closing = false;
  const end = (reason: CloseReason) => {
    if (ended) return;
    ended = true;
    release();
    log(`[SerialTransport] ${path} ${reason}`);
    for (const l of [...closeListeners]) l(reason);
  };
  port.on('data', (chunk: Buffer) => {
    for (const l of dataListeners) l(chunk);
  });
  port.on('close', (err?: Error & { disconnected?: boolean }) => end(closing && !err?.disconnected ? 'closed' : 'unplugged'));
  port.on('error', (err: Error) => {
    log(`[SerialTransport] ${path}: ${err.message}`);
    // A read/write error on an open port means the device went away (EIO, EBADF after an unplug).
    if (!closing) {
      if (port.isOpen) port.close(() => end('unplugged'));
      else end('unplugged');
    }
  });

  return {
    address: path,
    get isOpen() {
      return !ended && port.isOpen;
    },
    write(text: string) {
      if (ended || !port.isOpen) return;
      port.write(text, (e) => {
        if (e) log(`[SerialTransport] ${path}: write failed: ${e.message}`);
      });
    },
    onData(listener) {
      dataListeners.add(listener);
      return () => dataListeners.delete(listener);
    },
    onClose(listener) {
      if (ended) {
        queueMicrotask(() => listener('unplugged'));
        return () => {};
      }
      closeListeners.add(listener);
      return () => closeListeners.delete(listener);
    },
    async close() {
      if (ended) return;
      closing = true;
      if (port.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
      end('closed');
    },
  };
}
