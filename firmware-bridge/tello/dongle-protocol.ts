/**
 * The tello-dongle line protocol (ours, see DONGLE.md), pure: framing and parsing for both ends. The host
 * (serial-transport.ts) reads dongle lines; the dongle emulator (dongle-emulator.ts) reads host lines. Parsers never
 * throw and keep no state beyond `DongleLineSplitter`'s bounded buffer, so garbage on the wire cannot wedge a reader.
 */

export const DONGLE_PROTOCOL_MAJOR = 1;
export const DONGLE_PROTOCOL_MINOR = 0;

/** Bytes a line may hold before its `\n` (DONGLE.md "Framing"). */
export const MAX_DONGLE_LINE_BYTES = 255;
/** Characters of SDK text a `C`, `R` or `S` line carries at most. */
export const MAX_PAYLOAD_CHARS = 250;

export interface SplitterStats {
  lines: number;
  /** Lines dropped for being longer than MAX_DONGLE_LINE_BYTES. */
  overlong: number;
}

/**
 * Bytes → lines across chunk boundaries. `\r` before `\n` dropped, NUL ignored, a line over
 * MAX_DONGLE_LINE_BYTES dropped up to the next `\n`. Holds at most MAX_DONGLE_LINE_BYTES bytes.
 */
export class DongleLineSplitter {
  readonly stats: SplitterStats = { lines: 0, overlong: 0 };
  private buf = new Uint8Array(MAX_DONGLE_LINE_BYTES + 1);
  private len = 0;
  private skipping = false;

  push(chunk: Uint8Array | string): string[] {
    const out: string[] = [];
    const n = chunk.length;
    for (let i = 0; i < n; i++) {
      const byte = typeof chunk === 'string' ? chunk.charCodeAt(i) & 0xff : chunk[i]!;
      if (byte === 0x0a) {
        if (this.skipping) this.skipping = false;
        else {
          let end = this.len;
          if (end > 0 && this.buf[end - 1] === 0x0d) end--;
          out.push(latin1(this.buf, end));
          this.stats.lines++;
        }
        this.len = 0;
        continue;
      }
      if (byte === 0x00 || this.skipping) continue;
      // One byte of slack for the `\r` of a CRLF line that is exactly MAX_DONGLE_LINE_BYTES long.
      if (this.len > MAX_DONGLE_LINE_BYTES || (this.len === MAX_DONGLE_LINE_BYTES && byte !== 0x0d)) {
        this.stats.overlong++;
        this.skipping = true;
        this.len = 0;
        continue;
      }
      this.buf[this.len++] = byte;
    }
    return out;
  }

  /** Bytes held for a line not yet ended. */
  get pending(): number {
    return this.len;
  }

  reset(): void {
    this.len = 0;
    this.skipping = false;
  }
}

function latin1(bytes: Uint8Array, end: number): string {
  let s = '';
  for (let i = 0; i < end; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

const PRINTABLE = /^[\x20-\x7e]*$/;

export type DongleErrorCode = 'nolink' | 'overlong' | 'unknown';
const ERROR_CODES: readonly DongleErrorCode[] = ['nolink', 'overlong', 'unknown'];

/** A line from the dongle, as the host reads it. */
export type DongleLine =
  | { readonly kind: 'hello'; readonly major: number; readonly minor: number; readonly linkUp: boolean; readonly info: string }
  | { readonly kind: 'reply'; readonly text: string }
  | { readonly kind: 'state'; readonly text: string }
  | { readonly kind: 'link'; readonly up: boolean }
  | { readonly kind: 'error'; readonly code: DongleErrorCode }
  | { readonly kind: 'comment' }
  | { readonly kind: 'garbage'; readonly reason: 'empty' | 'binary' | 'tag' | 'fields' };

const HELLO_RE = /^DONGLE (0|[1-9]\d{0,3})\.(0|[1-9]\d{0,3}) (up|down)(?: (.*))?$/;

/** One line (without its `\n`) from the dongle. Never throws. */
export function parseDongleLine(line: string): DongleLine {
  if (typeof line !== 'string' || line.length === 0) return { kind: 'garbage', reason: 'empty' };
  if (line.length > MAX_DONGLE_LINE_BYTES || !PRINTABLE.test(line)) return { kind: 'garbage', reason: 'binary' };
  const space = line.indexOf(' ');
  const tag = space < 0 ? line : line.slice(0, space);
  const rest = space < 0 ? '' : line.slice(space + 1);
  switch (tag) {
    case 'R':
    case 'S':
      if (rest.length === 0 || rest.length > MAX_PAYLOAD_CHARS) return { kind: 'garbage', reason: 'fields' };
      return tag === 'R' ? { kind: 'reply', text: rest } : { kind: 'state', text: rest };
    case 'L':
      if (rest === 'up' || rest === 'down') return { kind: 'link', up: rest === 'up' };
      return { kind: 'garbage', reason: 'fields' };
    case 'E':
      return (ERROR_CODES as readonly string[]).includes(rest) ? { kind: 'error', code: rest as DongleErrorCode } : { kind: 'garbage', reason: 'fields' };
    case '#':
      return { kind: 'comment' };
    case 'DONGLE': {
      const m = HELLO_RE.exec(line);
      if (!m) return { kind: 'garbage', reason: 'fields' };
      return { kind: 'hello', major: Number(m[1]), minor: Number(m[2]), linkUp: m[3] === 'up', info: m[4] ?? '' };
    }
    default:
      return { kind: 'garbage', reason: 'tag' };
  }
}

/** A line from the host, as a dongle reads it. */
export type HostLine = { readonly kind: 'hello' } | { readonly kind: 'command'; readonly text: string } | { readonly kind: 'garbage' };

/** One line (without its `\n`) from the host. Never throws. */
export function parseHostLine(line: string): HostLine {
  if (typeof line !== 'string' || !PRINTABLE.test(line)) return { kind: 'garbage' };
  if (line === 'HELLO') return { kind: 'hello' };
  if (line.startsWith('C ')) {
    const text = line.slice(2);
    if (text.length > 0 && text.length <= MAX_PAYLOAD_CHARS && text.trim() === text) return { kind: 'command', text };
  }
  return { kind: 'garbage' };
}

// ---- encoders -----------------------------------------------------------------------------------------------------

/** `HELLO\n`. */
export const HELLO_LINE = 'HELLO\n';

/** `C <text>\n` for one SDK command; null when the text cannot be carried (empty, too long, not printable ASCII). */
export function encodeCommandLine(text: string): string | null {
  if (text.length === 0 || text.length > MAX_PAYLOAD_CHARS || !PRINTABLE.test(text) || text.trim() !== text) return null;
  return `C ${text}\n`;
}

/**
 * A drone datagram as the dongle forwards it (`R …` / `S …`): trailing CR/LF stripped, other bytes outside
 * printable ASCII replaced by `?`, cut to MAX_PAYLOAD_CHARS. Null for a datagram with nothing left.
 */
export function encodeDatagramLine(tag: 'R' | 'S', datagram: string): string | null {
  const text = datagram.replace(/[\r\n]+$/, '').replace(/[^\x20-\x7e]/g, '?').slice(0, MAX_PAYLOAD_CHARS);
  return text.length === 0 ? null : `${tag} ${text}\n`;
}

/** The `DONGLE` banner a dongle sends (answer to HELLO, and once after boot). */
export function encodeHelloLine(linkUp: boolean, info = '', version = `${DONGLE_PROTOCOL_MAJOR}.${DONGLE_PROTOCOL_MINOR}`): string {
  return `DONGLE ${version} ${linkUp ? 'up' : 'down'}${info ? ` ${info}` : ''}\n`;
}
