/**
 * The HuskyLens serial protocol (PROTOCOL.md beside this file), as pure codecs: no I/O, no clock, no Node imports.
 *
 * A frame is `55 AA 11 <length> <command> <data × length> <checksum>`, checksum = low byte of the sum of every byte
 * before it. Numbers in data are 16-bit little-endian.
 *
 * - `encodeFrame(command, data)` and helpers for each message: bytes to send.
 * - `FrameSplitter`: bytes → checked frames, across chunks; skips garbage up to the next header and counts what it
 *   dropped (bad checksum, wrong address, noise). Never throws.
 * - `decodeFrame(frame)`: a checked frame → a typed message, or `{ kind: 'unknown' }`. Never throws.
 */

export const HEADER_1 = 0x55;
export const HEADER_2 = 0xaa;
/** Protocol address of the module (both directions). */
export const ADDRESS = 0x11;
/** Bytes around the data: 2 header, address, length, command … checksum. */
export const FRAME_OVERHEAD = 6;

export const COMMAND = {
  /** Host: every block and arrow of the current algorithm. Answered by RETURN_INFO then that many BLOCK/ARROW. */
  REQUEST: 0x20,
  REQUEST_BLOCKS: 0x21,
  REQUEST_ARROWS: 0x22,
  REQUEST_LEARNED: 0x23,
  REQUEST_BLOCKS_LEARNED: 0x24,
  REQUEST_ARROWS_LEARNED: 0x25,
  /** Host, data = id (u16): everything with that id. */
  REQUEST_BY_ID: 0x26,
  REQUEST_BLOCKS_BY_ID: 0x27,
  REQUEST_ARROWS_BY_ID: 0x28,
  /** Module: count of blocks+arrows that follow, learned ids, frame number, 2 reserved (5 × u16). */
  RETURN_INFO: 0x29,
  /** Module: x centre, y centre, width, height, id (5 × u16). */
  RETURN_BLOCK: 0x2a,
  /** Module: x tail, y tail, x head, y head, id (5 × u16). */
  RETURN_ARROW: 0x2b,
  /** Host: are you there? Answered RETURN_OK. */
  REQUEST_KNOCK: 0x2c,
  /** Host, data = algorithm (u16): switch algorithm. Answered RETURN_OK. */
  REQUEST_ALGORITHM: 0x2d,
  RETURN_OK: 0x2e,
} as const;

/** Algorithm numbers for REQUEST_ALGORITHM. */
export const ALGORITHM = {
  FACE_RECOGNITION: 0,
  OBJECT_TRACKING: 1,
  OBJECT_RECOGNITION: 2,
  LINE_TRACKING: 3,
  COLOR_RECOGNITION: 4,
  TAG_RECOGNITION: 5,
  OBJECT_CLASSIFICATION: 6,
} as const;
export type Algorithm = (typeof ALGORITHM)[keyof typeof ALGORITHM];

/** A block (colour blob, tag, object …): centre, size and learned id (0 = not learned). Pixels of 320 × 240. */
export interface WireBlock {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly id: number;
}

/** An arrow (line tracking): tail → head and learned id. */
export interface WireArrow {
  readonly xTail: number;
  readonly yTail: number;
  readonly xHead: number;
  readonly yHead: number;
  readonly id: number;
}

export interface WireInfo {
  /** Blocks + arrows that follow. */
  readonly count: number;
  readonly learnedIds: number;
  readonly frameNumber: number;
}

/** A decoded frame, either direction. */
export type HuskyMessage =
  | { readonly kind: 'info'; readonly info: WireInfo }
  | { readonly kind: 'block'; readonly block: WireBlock }
  | { readonly kind: 'arrow'; readonly arrow: WireArrow }
  | { readonly kind: 'ok' }
  | { readonly kind: 'knock' }
  | { readonly kind: 'algorithm'; readonly algorithm: number }
  /** Any REQUEST* (0x20–0x28); `id` for the BY_ID forms. */
  | { readonly kind: 'request'; readonly command: number; readonly id?: number }
  /** A well-formed frame we do not use (or a known command with the wrong data length). */
  | { readonly kind: 'unknown'; readonly command: number; readonly length: number };

/** One checked frame: command and data (checksum and header already verified). */
export interface Frame {
  readonly command: number;
  readonly data: Uint8Array;
}

// ---- encoding -----------------------------------------------------------------------------------------------------

/** The bytes of a frame. `data` at most 255 bytes (a caller bug otherwise: RangeError). */
export function encodeFrame(command: number, data: ArrayLike<number> = []): Uint8Array {
  if (data.length > 255) throw new RangeError(`[HuskyLens] frame data too long: ${data.length}`);
  const out = new Uint8Array(FRAME_OVERHEAD + data.length);
  out[0] = HEADER_1; out[1] = HEADER_2; out[2] = ADDRESS; out[3] = data.length; out[4] = command & 0xff;
  for (let i = 0; i < data.length; i++) out[5 + i] = data[i] & 0xff;
  out[out.length - 1] = checksum(out, out.length - 1);
  return out;
}

/** Low byte of the sum of `bytes[0 … end)`. */
export function checksum(bytes: ArrayLike<number>, end: number): number {
  let s = 0;
  for (let i = 0; i < end; i++) s += bytes[i];
  return s & 0xff;
}

const u16s = (...values: number[]): number[] => values.flatMap((v) => {
  const n = clampU16(v);
  return [n & 0xff, n >> 8];
});
const clampU16 = (v: number) => (Number.isFinite(v) ? Math.max(0, Math.min(0xffff, Math.round(v))) : 0);

export const encodeKnock = () => encodeFrame(COMMAND.REQUEST_KNOCK);
export const encodeRequest = (command: number = COMMAND.REQUEST) => encodeFrame(command);
export const encodeAlgorithm = (algorithm: number) => encodeFrame(COMMAND.REQUEST_ALGORITHM, u16s(algorithm));
export const encodeOk = () => encodeFrame(COMMAND.RETURN_OK);
export const encodeInfo = (info: WireInfo) => encodeFrame(COMMAND.RETURN_INFO, u16s(info.count, info.learnedIds, info.frameNumber, 0, 0));
export const encodeBlock = (b: WireBlock) => encodeFrame(COMMAND.RETURN_BLOCK, u16s(b.x, b.y, b.width, b.height, b.id));
export const encodeArrow = (a: WireArrow) => encodeFrame(COMMAND.RETURN_ARROW, u16s(a.xTail, a.yTail, a.xHead, a.yHead, a.id));

// ---- decoding -----------------------------------------------------------------------------------------------------

/** Frames longer than this are not HuskyLens's (its longest, a name or custom text, is well under it). */
export const MAX_DATA_BYTES = 64;

/**
 * Bytes → checked frames. Keeps at most one partial frame between chunks. On a bad header, address, oversized
 * length or checksum it drops one byte and searches for the next `55 AA`, counting the frame as `dropped`.
 */
export class FrameSplitter {
  private buf = new Uint8Array(0);
  /** Frames (or noise runs) thrown away so far. */
  dropped = 0;

  push(chunk: Uint8Array): Frame[] {
    const merged = new Uint8Array(this.buf.length + chunk.length);
    merged.set(this.buf, 0);
    merged.set(chunk, this.buf.length);
    const out: Frame[] = [];
    let i = 0;
    let skipping = false;
    const n = merged.length;
    while (i < n) {
      if (merged[i] !== HEADER_1 || (i + 1 < n && merged[i + 1] !== HEADER_2)) {
        if (!skipping) { this.dropped++; skipping = true; }
        i++;
        continue;
      }
      if (i + 5 > n) break; // header seen, not yet address/length/command
      const len = merged[i + 3];
      if (merged[i + 2] !== ADDRESS || len > MAX_DATA_BYTES) {
        this.dropped++;
        skipping = true;
        i++;
        continue;
      }
      const total = FRAME_OVERHEAD + len;
      if (i + total > n) break; // wait for the rest
      if (checksum(merged.subarray(i, i + total - 1), total - 1) !== merged[i + total - 1]) {
        this.dropped++;
        skipping = true;
        i++;
        continue;
      }
      out.push({ command: merged[i + 4], data: merged.slice(i + 5, i + 5 + len) });
      skipping = false;
      i += total;
    }
    this.buf = merged.slice(i);
    return out;
  }

  /** Forgets a partial frame (after a timeout, so a lost byte cannot wedge the next answer). */
  reset(): void {
    this.buf = new Uint8Array(0);
  }
}

const u16 = (d: Uint8Array, i: number) => d[i] | (d[i + 1] << 8);

/** A checked frame → a typed message. Never throws. */
export function decodeFrame(f: Frame): HuskyMessage {
  const d = f.data;
  const unknown: HuskyMessage = { kind: 'unknown', command: f.command, length: d.length };
  switch (f.command) {
    case COMMAND.RETURN_INFO:
      return d.length === 10 ? { kind: 'info', info: { count: u16(d, 0), learnedIds: u16(d, 2), frameNumber: u16(d, 4) } } : unknown;
    case COMMAND.RETURN_BLOCK:
      return d.length === 10 ? { kind: 'block', block: { x: u16(d, 0), y: u16(d, 2), width: u16(d, 4), height: u16(d, 6), id: u16(d, 8) } } : unknown;
    case COMMAND.RETURN_ARROW:
      return d.length === 10 ? { kind: 'arrow', arrow: { xTail: u16(d, 0), yTail: u16(d, 2), xHead: u16(d, 4), yHead: u16(d, 6), id: u16(d, 8) } } : unknown;
    case COMMAND.RETURN_OK:
      return d.length === 0 ? { kind: 'ok' } : unknown;
    case COMMAND.REQUEST_KNOCK:
      return d.length === 0 ? { kind: 'knock' } : unknown;
    case COMMAND.REQUEST_ALGORITHM:
      return d.length === 2 ? { kind: 'algorithm', algorithm: u16(d, 0) } : unknown;
    default:
      if (f.command >= COMMAND.REQUEST && f.command <= COMMAND.REQUEST_ARROWS_BY_ID) {
        const byId = f.command >= COMMAND.REQUEST_BY_ID;
        if (byId) return d.length === 2 ? { kind: 'request', command: f.command, id: u16(d, 0) } : unknown;
        return d.length === 0 ? { kind: 'request', command: f.command } : unknown;
      }
      return unknown;
  }
}
