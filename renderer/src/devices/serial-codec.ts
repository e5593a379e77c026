/**
 * The serial monitor's byte handling, pure: decoding (UTF-8 or GBK through the platform's TextDecoder, so a
 * character split across two chunks still comes out whole), hex dumps, encoding a line to send, and numbers per line
 * for the plotter. GBK encoding has no TextEncoder, so its table is built once from the platform's own GBK decoder
 * (every two-byte code decoded and inverted): no hand-written code page and no dependency.
 */

export type SerialEncoding = 'utf-8' | 'gbk';
export type LineEnding = 'none' | 'lf' | 'crlf';

/** Decodes received chunks as one text (a character split across two chunks comes out whole; bytes that are not
 *  valid in the encoding show as U+FFFD). */
export function decodeChunks(chunks: readonly Uint8Array[], encoding: SerialEncoding): string {
  const decoder = new TextDecoder(encoding);
  let out = '';
  for (const c of chunks) out += decoder.decode(c, { stream: true });
  return out + decoder.decode();
}

/** `48 65 6C 6C 6F` — upper-case pairs separated by spaces. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += (i ? ' ' : '') + bytes[i]!.toString(16).toUpperCase().padStart(2, '0');
  return out;
}

let gbkTable: Map<string, number> | null = null;

/** Character → two GBK bytes (lead << 8 | trail), built from the platform's GBK decoder on first use. */
function gbkEncodeTable(): Map<string, number> {
  if (gbkTable) return gbkTable;
  const table = new Map<string, number>();
  const decoder = new TextDecoder('gbk');
  const pair = new Uint8Array(2);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      pair[0] = lead;
      pair[1] = trail;
      const ch = decoder.decode(pair);
      // Undefined codes decode to U+FFFD; the first code of a character wins (GBK has a few duplicates).
      if (ch.length === 1 && ch !== '\uFFFD' && !table.has(ch)) table.set(ch, (lead << 8) | trail);
    }
  }
  gbkTable = table;
  return table;
}

/** Characters GBK cannot hold are sent as `?`, as Windows' own converters do. */
export function encodeText(text: string, encoding: SerialEncoding): Uint8Array {
  if (encoding === 'utf-8') return new TextEncoder().encode(text);
  const table = gbkEncodeTable();
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) {
      out.push(code);
      continue;
    }
    const two = table.get(ch);
    if (two === undefined) out.push(0x3f);
    else out.push(two >> 8, two & 0xff);
  }
  return Uint8Array.from(out);
}

export function lineBytes(text: string, encoding: SerialEncoding, ending: LineEnding): Uint8Array {
  const suffix = ending === 'lf' ? '\n' : ending === 'crlf' ? '\r\n' : '';
  return encodeText(text + suffix, encoding);
}

/** Base64 of bytes and back (the host contract carries bytes as base64). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]!);
  return btoa(binary);
}
export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/**
 * Numbers of one line for the plotter, Arduino-plotter style: separated by spaces, commas or tabs, each optionally
 * `name:value`. Null when the line holds anything that is not a number (a text line is not plotted).
 */
export function numbersOfLine(line: string): { names: (string | null)[]; values: number[] } | null {
  const parts = line.trim().split(/[\s,;]+/).filter((p) => p.length > 0);
  if (parts.length === 0) return null;
  const names: (string | null)[] = [];
  const values: number[] = [];
  for (const part of parts) {
    const colon = part.lastIndexOf(':');
    const name = colon > 0 ? part.slice(0, colon) : null;
    const value = Number(colon > 0 ? part.slice(colon + 1) : part);
    if (!Number.isFinite(value)) return null;
    names.push(name);
    values.push(value);
  }
  return { names, values };
}

/** Series for the plotter from the complete lines of `text` (the last, unfinished line is left out): one series per
 *  column, x = line number; at most `maxLines` of the newest numeric lines. */
export function plotSeries(text: string, maxLines = 500): { names: string[]; x: number[]; ys: number[][] } {
  const lines = text.split(/\r\n|\n|\r/);
  lines.pop();
  const rows: { names: (string | null)[]; values: number[] }[] = [];
  for (let i = lines.length - 1; i >= 0 && rows.length < maxLines; i--) {
    const row = numbersOfLine(lines[i]!);
    if (row) rows.push(row);
  }
  rows.reverse();
  const columns = rows.reduce((m, r) => Math.max(m, r.values.length), 0);
  const names = Array.from({ length: columns }, (_, c) => rows.find((r) => r.names[c])?.names[c] ?? String(c + 1));
  return { names, x: rows.map((_, i) => i), ys: Array.from({ length: columns }, (_, c) => rows.map((r) => r.values[c] ?? NaN)) };
}
