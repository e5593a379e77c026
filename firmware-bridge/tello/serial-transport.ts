/**
 * A `TelloTransport` over a serial radio dongle (`tello:/dev/ttyUSB1`): the tello-dongle line protocol (DONGLE.md)
 * on a serial port opened with the shared serial layer (serial/serial-transport.ts: serialport 13, one owner per
 * port, zh-CN/en open errors). The Tello driver on top is the same as over Wi-Fi.
 *
 * - `openSerialTelloTransport(path)` opens the port and runs `connectDongle` on it.
 * - `connectDongle(line)` takes any `LineTransport` (tests pass an in-memory one): `HELLO` until a `DONGLE` banner
 *   (`dongle.noAnswer`, `dongle.wrongVersion`), then waits for the dongle's Wi-Fi link to the drone (`dongle.noDrone`).
 * - `send(text)` writes `C <text>`; `R` lines go to `onMessage`, `S` lines to `onState`; everything else is counted
 *   and ignored (garbage never reaches the driver).
 * - `linkLost()` is non-null once the port closed by itself (`dongle.unplugged`, milliseconds after the cable is
 *   pulled) or the dongle reported `L down` / `E nolink` (`dongle.linkDown`); a live run checks it every tick next to
 *   the driver's own `linkLost()` (state stream silent 1.5 s, which also catches a hung dongle).
 */
import { translate, type Language } from '../../core/i18n';
import type { LineTransport } from '../line/session';
import { openSerialLineTransport, type CloseReason } from '../serial/serial-transport';
import { DONGLE_PROTOCOL_MAJOR, DongleLineSplitter, encodeCommandLine, HELLO_LINE, parseDongleLine, type DongleErrorCode } from './dongle-protocol';
import type { TelloTransport } from './transport';

export type DongleErrorKey = 'dongle.noAnswer' | 'dongle.wrongVersion' | 'dongle.noDrone' | 'dongle.unplugged' | 'dongle.linkDown';

/** A dongle failure; `message` is in the caller's language (`bridge` i18n namespace). */
export class DongleError extends Error {
  constructor(
    readonly code: DongleErrorKey,
    readonly params: Record<string, string | number>,
    language: Language,
  ) {
    super(translate(language, 'bridge', code, params));
    this.name = 'DongleError';
  }
}

export interface DongleOptions {
  readonly language?: Language;
  /** Wait for a `DONGLE` answer per `HELLO`, ms (default 300). */
  readonly helloMs?: number;
  /** `HELLO`s sent before giving up (default 8: ≈ 2.4 s, longer than an ESP32's boot after the port-open reset). */
  readonly helloAttempts?: number;
  /** How long to wait for the dongle's Wi-Fi link to the drone when it reports `down`, ms (default 8000). */
  readonly linkWaitMs?: number;
  /** A bare `\n` goes out when nothing was written for this long, ms (default 200; 0 = never). Usually the port's read
   *  side reports a vanished device within milliseconds, but not always (seen once on a pty: nothing until the next
   *  write failed, 5.9 s later); the probe bounds that at `probeMs`. */
  readonly probeMs?: number;
  /** `[TelloDongle]` log lines (default: none). */
  readonly log?: (line: string) => void;
}

export interface DongleStats {
  /** Lines received (all kinds). */
  lines: number;
  replies: number;
  states: number;
  /** Lines that were not protocol (boot noise, line noise, unknown tags), and lines over 255 bytes. */
  garbage: number;
  overlong: number;
  /** `DONGLE` banners after the handshake: the dongle restarted. */
  restarts: number;
  /** `E <code>` lines by code. */
  errors: Record<DongleErrorCode, number>;
  /** Commands `send` could not carry (not printable ASCII, too long): the driver's timeout reports them. */
  unsendable: number;
}

export interface SerialTelloTransport extends TelloTransport {
  /** The dongle's protocol version, e.g. `1.0`, and the words after it (network name…). */
  readonly dongleVersion: string;
  readonly dongleInfo: string;
  /** Why the link is down (unplugged, Wi-Fi to the drone lost), or null while it is up. */
  linkLost(): DongleError | null;
  /** Called once when the underlying port ends (`unplugged` or `closed`). */
  onClose(listener: (reason: CloseReason) => void): () => void;
  readonly stats: DongleStats;
}

/** A `LineTransport` that can say when it ends (the shared serial layer's does). */
export interface ClosableLineTransport extends LineTransport {
  onClose?(listener: (reason: CloseReason) => void): () => void;
}

/** Opens the serial port at `path` (115200 8N1) and shakes hands with the dongle. Rejects with a SerialError or DongleError. */
export async function openSerialTelloTransport(path: string, options: DongleOptions & { readonly baudRate?: number } = {}): Promise<SerialTelloTransport> {
  const line = await openSerialLineTransport(path, { baudRate: options.baudRate ?? 115200, owner: 'Tello radio dongle', language: options.language, log: options.log });
  return connectDongle(line, options);
}

/** Shakes hands with a dongle on `line`; closes `line` when it fails. */
export async function connectDongle(line: ClosableLineTransport, options: DongleOptions = {}): Promise<SerialTelloTransport> {
  const language = options.language ?? 'en';
  const log = options.log ?? (() => {});
  const helloMs = options.helloMs ?? 300;
  const helloAttempts = options.helloAttempts ?? 8;
  const linkWaitMs = options.linkWaitMs ?? 8000;
  const probeMs = options.probeMs ?? 200;
  const address = line.address;

  const splitter = new DongleLineSplitter();
  const stats: DongleStats = { lines: 0, replies: 0, states: 0, garbage: 0, overlong: 0, restarts: 0, errors: { nolink: 0, overlong: 0, unknown: 0 }, unsendable: 0 };
  const messageListeners = new Set<(text: string) => void>();
  const stateListeners = new Set<(text: string) => void>();
  const closeListeners = new Set<(reason: CloseReason) => void>();
  let banner: { version: string; info: string; major: number } | null = null;
  let linkUp = false;
  let ended: CloseReason | null = null;
  let closedByUs = false;
  let lastWriteAt = Date.now();
  let probe: ReturnType<typeof setInterval> | null = null;
  const write = (text: string) => {
    lastWriteAt = Date.now();
    line.write(text);
  };
  /** Woken on every banner and link change during the handshake. */
  let wake: (() => void) | null = null;

  const onLine = (text: string) => {
    stats.lines++;
    const l = parseDongleLine(text);
    switch (l.kind) {
      case 'reply':
        stats.replies++;
        for (const f of [...messageListeners]) f(l.text);
        break;
      case 'state':
        stats.states++;
        for (const f of [...stateListeners]) f(l.text);
        break;
      case 'link':
        if (l.up !== linkUp) log(`[TelloDongle] ${address}: Wi-Fi link to the drone ${l.up ? 'up' : 'down'}`);
        linkUp = l.up;
        break;
      case 'error':
        stats.errors[l.code]++;
        // The dongle refused a command for want of a link: its view of the link wins over a stale `L up`.
        if (l.code === 'nolink') linkUp = false;
        log(`[TelloDongle] ${address}: dongle error ${l.code}`);
        break;
      case 'hello':
        if (banner !== null) {
          stats.restarts++;
          log(`[TelloDongle] ${address}: dongle restarted (DONGLE ${l.major}.${l.minor})`);
        }
        banner = { version: `${l.major}.${l.minor}`, info: l.info, major: l.major };
        linkUp = l.linkUp;
        break;
      case 'comment':
        break;
      case 'garbage':
        stats.garbage++;
        break;
    }
    wake?.();
  };
  const unsubscribeData = line.onData((chunk) => {
    for (const text of splitter.push(chunk)) onLine(text);
    stats.overlong = splitter.stats.overlong;
  });
  const unsubscribeClose = line.onClose?.((reason) => {
    ended = reason === 'closed' && closedByUs ? 'closed' : 'unplugged';
    if (probe) clearInterval(probe);
    log(`[TelloDongle] ${address}: port ${ended}`);
    for (const f of [...closeListeners]) f(ended);
    wake?.();
  }) ?? (() => {});

  const waitUntil = (check: () => boolean, ms: number) =>
    new Promise<boolean>((resolve) => {
      if (check()) return resolve(true);
      const done = (ok: boolean) => {
        clearTimeout(timer);
        wake = null;
        resolve(ok);
      };
      const timer = setTimeout(() => done(check()), ms);
      wake = () => {
        if (check() || ended !== null) done(check());
      };
    });

  const fail = async (error: DongleError): Promise<never> => {
    unsubscribeData();
    unsubscribeClose();
    closedByUs = true;
    await line.close();
    throw error;
  };

  for (let attempt = 0; attempt < helloAttempts && banner === null && ended === null; attempt++) {
    write(HELLO_LINE);
    await waitUntil(() => banner !== null, helloMs);
  }
  if (ended !== null) return fail(new DongleError('dongle.unplugged', { path: address }, language));
  const hello = banner as { version: string; info: string; major: number } | null;
  if (hello === null) return fail(new DongleError('dongle.noAnswer', { path: address, attempts: helloAttempts }, language));
  if (hello.major !== DONGLE_PROTOCOL_MAJOR) return fail(new DongleError('dongle.wrongVersion', { path: address, found: hello.version, wanted: `${DONGLE_PROTOCOL_MAJOR}.x` }, language));
  log(`[TelloDongle] ${address}: DONGLE ${hello.version}${hello.info ? ` ${hello.info}` : ''}, link ${linkUp ? 'up' : 'down'}`);
  if (!linkUp) {
    await waitUntil(() => linkUp, linkWaitMs);
    if (ended !== null) return fail(new DongleError('dongle.unplugged', { path: address }, language));
    if (!linkUp) return fail(new DongleError('dongle.noDrone', { path: address, seconds: Math.round(linkWaitMs / 100) / 10 }, language));
  }
  if (probeMs > 0) {
    // Empty lines are ignored by the dongle (DONGLE.md); the write is what matters: it fails at once on a dead port.
    probe = setInterval(() => {
      if (ended === null && Date.now() - lastWriteAt >= probeMs) write('\n');
    }, Math.max(10, Math.round(probeMs / 2)));
    probe.unref?.();
  }

  return {
    address: `serial:${address}`,
    dongleVersion: hello.version,
    dongleInfo: hello.info,
    stats,
    send(text) {
      if (ended !== null) return;
      const encoded = encodeCommandLine(text);
      if (encoded === null) {
        stats.unsendable++;
        log(`[TelloDongle] ${address}: cannot carry ${JSON.stringify(text.slice(0, 40))}`);
        return;
      }
      write(encoded);
    },
    onMessage(listener) {
      messageListeners.add(listener);
      return () => messageListeners.delete(listener);
    },
    onState(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    onClose(listener) {
      if (ended !== null) {
        const reason = ended;
        queueMicrotask(() => listener(reason));
        return () => {};
      }
      closeListeners.add(listener);
      return () => closeListeners.delete(listener);
    },
    linkLost() {
      if (ended === 'unplugged') return new DongleError('dongle.unplugged', { path: address }, language);
      if (!linkUp && ended === null) return new DongleError('dongle.linkDown', { path: address }, language);
      return null;
    },
    async close() {
      if (closedByUs) return;
      closedByUs = true;
      if (probe) clearInterval(probe);
      messageListeners.clear();
      stateListeners.clear();
      unsubscribeData();
      await line.close();
      unsubscribeClose();
    },
  };
}
