/**
 * The serial monitor's host side: one raw serial port (serialport 13), bytes in both directions. The page decodes
 * (UTF-8 or GBK, text or hex) and encodes what it sends; the host only moves bytes, so nothing is lost or mangled
 * in between. Received bytes are coalesced for `FLUSH_MS` and sent as `serial.data` events of at most
 * `SERIAL_CHUNK_BYTES`; if the page cannot keep up, at most `MAX_PENDING_BYTES` wait and older bytes are dropped
 * (counted in `stats.droppedBytes`).
 */
import { SerialPort } from 'serialport';
import { SERIAL_CHUNK_BYTES, type SerialStatus } from '../../core/contracts/devices';
import type { HostServices } from '../../core/contracts/host';
import { translateBoth, type Language } from '../../core/i18n';
import { HostException } from './host-error';
import type { HostEventSink } from './live-service';

const FLUSH_MS = 50;
const MAX_PENDING_BYTES = 256 * 1024;

export type SerialMethod = 'serial.open' | 'serial.close' | 'serial.write';

export interface SerialMonitor {
  readonly methods: Pick<HostServices, SerialMethod>;
  readonly status: () => SerialStatus;
  readonly stats: { receivedBytes: number; sentBytes: number; droppedBytes: number };
  close(): Promise<void>;
}

export interface SerialMonitorOptions {
  readonly emit: HostEventSink;
  /** Refuses a path the live device holds (its driver owns the port). */
  readonly inUse?: (path: string) => boolean;
  readonly log?: (line: string) => void;
}

/** The serialport error as a short reason; the common ones get the fix (permission on Linux, a busy port). */
function reason(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.slice(0, 300);
}

export function createSerialMonitor(options: SerialMonitorOptions): SerialMonitor {
  const log = options.log ?? ((line: string) => console.log(line));
  let port: SerialPort | null = null;
  let status: SerialStatus = { open: false, path: null, baudRate: null, error: null };
  const stats = { receivedBytes: 0, sentBytes: 0, droppedBytes: 0 };
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let flushTimer: ReturnType<typeof setTimeout> | null = null;

  const setStatus = (next: SerialStatus) => {
    status = next;
    options.emit('serial.statusChanged', status);
  };

  const flush = () => {
    flushTimer = null;
    if (pendingBytes === 0) return;
    const all = Buffer.concat(pending);
    pending = [];
    pendingBytes = 0;
    for (let at = 0; at < all.length; at += SERIAL_CHUNK_BYTES) {
      options.emit('serial.data', { data: all.subarray(at, at + SERIAL_CHUNK_BYTES).toString('base64') });
    }
  };

  const receive = (chunk: Buffer) => {
    stats.receivedBytes += chunk.length;
    pending.push(chunk);
    pendingBytes += chunk.length;
    while (pendingBytes > MAX_PENDING_BYTES && pending.length > 1) {
      const old = pending.shift()!;
      pendingBytes -= old.length;
      stats.droppedBytes += old.length;
    }
    flushTimer ??= setTimeout(flush, FLUSH_MS);
  };

  async function closePort(): Promise<void> {
    const p = port;
    port = null;
    if (flushTimer) clearTimeout(flushTimer);
    flush();
    if (p?.isOpen) await new Promise<void>((resolve) => p.close(() => resolve()));
  }

  const methods: Pick<HostServices, SerialMethod> = {
    async 'serial.open'({ path, baudRate, language }) {
      if (options.inUse?.(path)) {
        throw new HostException('serialFailed', { detail: translateBoth('devices', 'serial.busyWithDevice')[language as Language] });
      }
      await closePort();
      const p = new SerialPort({ path, baudRate, autoOpen: false });
      try {
        await new Promise<void>((resolve, reject) => p.open((err) => (err ? reject(err) : resolve())));
      } catch (err) {
        const detail = reason(err);
        log(`[SerialMonitor] open ${path} failed: ${detail}`);
        setStatus({ open: false, path: null, baudRate: null, error: { 'zh-CN': detail, en: detail } });
        throw new HostException('serialFailed', { detail });
      }
      port = p;
      p.on('data', receive);
      p.on('error', (err) => log(`[SerialMonitor] ${path}: ${err.message}`));
      p.on('close', (err?: Error & { disconnected?: boolean }) => {
        if (port !== p) return; // closed by us
        port = null;
        flush();
        const detail = err?.message ?? 'closed';
        log(`[SerialMonitor] ${path} closed: ${detail}`);
        setStatus({ open: false, path, baudRate, error: { 'zh-CN': detail, en: detail } });
      });
      log(`[SerialMonitor] opened ${path} at ${baudRate}`);
      setStatus({ open: true, path, baudRate, error: null });
      return status;
    },

    async 'serial.close'() {
      await closePort();
      setStatus({ open: false, path: null, baudRate: null, error: null });
      return status;
    },

    async 'serial.write'({ data }) {
      const p = port;
      if (!p) throw new HostException('serialNotOpen');
      const bytes = Buffer.from(data, 'base64');
      await new Promise<void>((resolve, reject) => {
        p.write(bytes, (err) => (err ? reject(new HostException('serialFailed', { detail: reason(err) })) : resolve()));
      });
      await new Promise<void>((resolve) => p.drain(() => resolve()));
      stats.sentBytes += bytes.length;
      return { written: bytes.length };
    },
  };

  return { methods, status: () => status, stats, close: closePort };
}
