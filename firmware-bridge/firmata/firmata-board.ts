/**
 * Opens a Firmata board: firmata-io (Firmata.js without a default transport) over a stream we opened ourselves —
 * a serialport 13 port in the app, the emulator's USART Duplex in some tests — and a johnny-five Board on top.
 *
 * Measured facts (shared/ENVIRONMENT.md): StandardFirmata talks at 57600 baud and reports its version about 2 s
 * after a reset (the port opening resets an Uno); `reportVersionTimeout: 250` makes firmata-io ask for it instead of
 * waiting 5 s when the board booted earlier. johnny-five's Board waits for the io's `connect` then `ready`; a port
 * that is already open never emits `open` again, so `connect` is raised here. `sigint: false` keeps johnny-five from
 * exiting the whole host process on Ctrl+C.
 *
 * Link loss: the transport closing (USB cable pulled: serialport closes with `disconnected`), or no byte from a board
 * that streams analog readings for `lostAfterMs`.
 */
import { createRequire } from 'node:module';
import type { Board } from 'johnny-five';
import type { Firmata as FirmataIo, FirmataTransport } from 'firmata-io';
import type { Language } from '../../core/i18n';
import { translate } from '../../core/i18n';

// Both are CommonJS packages; loaded through require so the same code runs under tsx, vitest and esbuild bundles.
const require = createRequire(import.meta.url);
const five = require('johnny-five') as typeof import('johnny-five');
const { Firmata } = require('firmata-io') as typeof import('firmata-io');

export type FirmataErrorCode = 'firmata.noAnswer' | 'firmata.lost' | 'firmata.openFailed' | 'firmata.unknownProfile' | 'firmata.noProfile' | 'firmata.writeFailed';

/** A Firmata failure in the user's language (`devices` i18n namespace). */
export class FirmataError extends Error {
  constructor(
    readonly code: FirmataErrorCode,
    readonly params: Record<string, string | number>,
    language: Language,
  ) {
    super(translate(language, 'devices', code, params));
    this.name = 'FirmataError';
  }
}

export interface FirmataBoardOptions {
  /** For messages, e.g. `/dev/ttyUSB0`. */
  readonly path: string;
  readonly language?: Language;
  /** Give up when the board is not ready this long after opening (default 8000 ms: a reset plus a slow boot). */
  readonly readyTimeoutMs?: number;
  /** The link counts as lost after this long without a byte while analog pins stream (default 1000 ms: 40 missed samples). */
  readonly lostAfterMs?: number;
}

export interface FirmataBoard {
  readonly board: Board;
  readonly io: FirmataIo;
  /** e.g. `StandardFirmata.ino 2.4`. */
  readonly firmware: string;
  /** ms from `openFirmataBoard` to ready. */
  readonly connectMs: number;
  /** Set once the link is down; null while it is up. */
  linkLost(): FirmataError | null;
  /** Marks that analog readings stream from now on (silence then means a lost link). */
  expectStream(): void;
  /** Runs `fn` on close (components stop their polling timers, which would keep the process alive). */
  onClose(fn: () => void): void;
  close(): Promise<void>;
}

export async function openFirmataBoard(transport: FirmataTransport & { close?(cb?: (err?: Error | null) => void): unknown; isOpen?: boolean }, options: FirmataBoardOptions): Promise<FirmataBoard> {
  const language = options.language ?? 'en';
  const lostAfterMs = options.lostAfterMs ?? 1000;
  const startedAt = performance.now();
  const io = new Firmata(transport, { reportVersionTimeout: 250 });
  const board = new five.Board({ io, repl: false, debug: false, sigint: false, timeout: options.readyTimeoutMs ?? 8000 });
  let lost: FirmataError | null = null;
  let lastByteAt = performance.now();
  let lastCheckAt = performance.now();
  let streaming = false;
  const cleanups: (() => void)[] = [];
  const onData = () => {
    lastByteAt = performance.now();
  };
  const onClose = () => {
    lost ??= new FirmataError('firmata.lost', { path: options.path }, language);
  };
  transport.on('data', onData);
  transport.on('close', onClose);
  // Errors after ready reach the board's listeners; without one an EventEmitter would throw.
  board.on('error', () => undefined);
  io.on('error', () => undefined);
  // The port is already open: firmata-io's `connect` comes from the transport's `open`, which has happened.
  queueMicrotask(() => io.emit('connect'));

  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new FirmataError('firmata.noAnswer', { path: options.path }, language)), options.readyTimeoutMs ?? 8000);
      board.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
      transport.once('close', () => {
        clearTimeout(timer);
        reject(new FirmataError('firmata.lost', { path: options.path }, language));
      });
    });
  } catch (err) {
    transport.off('data', onData);
    transport.off('close', onClose);
    throw err;
  }
  const connectMs = Math.round(performance.now() - startedAt);
  const fw = io.firmware;
  const firmware = `${fw.name ?? 'Firmata'} ${fw.version ? `${fw.version.major}.${fw.version.minor}` : ''}`.trim();

  return {
    board,
    io,
    firmware,
    connectMs,
    linkLost() {
      const now = performance.now();
      // A gap between two checks means this process itself was stalled (GC, a machine under load): bytes the board
      // sent meanwhile may still be waiting to be read, so that gap does not count as the board's silence. A pulled
      // cable is reported by the port's close event anyway; this heartbeat is for a board that hangs.
      const gap = now - lastCheckAt;
      if (gap > 250) lastByteAt = Math.min(now, lastByteAt + (gap - 250));
      lastCheckAt = now;
      if (!lost && streaming && now - lastByteAt > lostAfterMs) lost = new FirmataError('firmata.lost', { path: options.path }, language);
      return lost;
    },
    expectStream() {
      streaming = true;
      lastByteAt = performance.now();
    },
    onClose(fn) {
      cleanups.push(fn);
    },
    async close() {
      for (const fn of cleanups.splice(0)) {
        try {
          fn();
        } catch {
          // a component that cannot stop is closed with the port below
        }
      }
      transport.off('data', onData);
      transport.off('close', onClose);
      lost ??= new FirmataError('firmata.lost', { path: options.path }, language);
      if (transport.isOpen && transport.close) await new Promise<void>((resolve) => transport.close!(() => resolve()));
    },
  };
}

export { five };
