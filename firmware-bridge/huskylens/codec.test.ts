/**
 * HuskyLens codec: the byte sequences of the protocol document decode to what the document says, our encoder makes
 * the same bytes, and no input — garbage, cut frames, noise between frames — makes the parser throw or invent a frame.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ALGORITHM, COMMAND, decodeFrame, encodeAlgorithm, encodeArrow, encodeBlock, encodeFrame, encodeInfo, encodeKnock, encodeOk,
  FRAME_OVERHEAD, FrameSplitter, HEADER_1, type Frame,
} from './codec';

const bytes = (...b: number[]) => Uint8Array.from(b);
const hex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, '0')).join(' ');
const one = (b: Uint8Array) => {
  const frames = new FrameSplitter().push(b);
  expect(frames).toHaveLength(1);
  return decodeFrame(frames[0]);
};

describe('HuskyLens codec', () => {
  it('decodes the document\'s example block frame (x 300, y 200, 10 × 20, id 1) and encodes the same bytes', () => {
    const doc = bytes(0x55, 0xaa, 0x11, 0x0a, 0x2a, 0x2c, 0x01, 0xc8, 0x00, 0x0a, 0x00, 0x14, 0x00, 0x01, 0x00, 0x58);
    expect(one(doc)).toEqual({ kind: 'block', block: { x: 300, y: 200, width: 10, height: 20, id: 1 } });
    expect(hex(encodeBlock({ x: 300, y: 200, width: 10, height: 20, id: 1 }))).toBe(hex(doc));
  });

  it('makes the knock, OK and algorithm-switch frames of the document', () => {
    expect(hex(encodeKnock())).toBe('55 aa 11 00 2c 3c');
    expect(hex(encodeOk())).toBe('55 aa 11 00 2e 3e');
    // Switch to colour recognition (4): 55 AA 11 02 2D 04 00 + checksum 0x43.
    expect(hex(encodeAlgorithm(ALGORITHM.COLOR_RECOGNITION))).toBe('55 aa 11 02 2d 04 00 43');
    expect(one(encodeAlgorithm(5))).toEqual({ kind: 'algorithm', algorithm: 5 });
    expect(one(encodeFrame(COMMAND.REQUEST))).toEqual({ kind: 'request', command: 0x20 });
    expect(one(encodeFrame(COMMAND.REQUEST_BY_ID, [3, 0]))).toEqual({ kind: 'request', command: 0x26, id: 3 });
  });

  it('round-trips info and arrow frames, including 16-bit values', () => {
    expect(one(encodeInfo({ count: 3, learnedIds: 2, frameNumber: 0x1234 }))).toEqual({ kind: 'info', info: { count: 3, learnedIds: 2, frameNumber: 0x1234 } });
    expect(one(encodeArrow({ xTail: 160, yTail: 239, xHead: 170, yHead: 20, id: 1 }))).toEqual({ kind: 'arrow', arrow: { xTail: 160, yTail: 239, xHead: 170, yHead: 20, id: 1 } });
  });

  it('finds frames split across any chunks, and skips noise and corrupted frames between them', () => {
    const good = [encodeOk(), encodeBlock({ x: 1, y: 2, width: 3, height: 4, id: 5 }), encodeInfo({ count: 0, learnedIds: 0, frameNumber: 7 })];
    const corrupt = encodeBlock({ x: 9, y: 9, width: 9, height: 9, id: 9 });
    corrupt[8] ^= 0xff; // checksum no longer matches
    const stream = Uint8Array.from([0x00, 0x13, ...good[0], 0x55, 0x99, ...corrupt, ...good[1], 0xaa, ...good[2]]);
    for (const size of [1, 2, 3, 7, stream.length]) {
      const s = new FrameSplitter();
      const frames: Frame[] = [];
      for (let i = 0; i < stream.length; i += size) frames.push(...s.push(stream.subarray(i, i + size)));
      expect(frames.map((f) => hex(encodeFrame(f.command, f.data)))).toEqual(good.map(hex));
      expect(s.dropped).toBeGreaterThanOrEqual(3);
    }
  });

  it('reports a known command with the wrong data length as unknown instead of misreading it', () => {
    expect(decodeFrame({ command: COMMAND.RETURN_BLOCK, data: bytes(1, 2, 3) })).toEqual({ kind: 'unknown', command: 0x2a, length: 3 });
    expect(decodeFrame({ command: 0x99, data: bytes() })).toEqual({ kind: 'unknown', command: 0x99, length: 0 });
  });
});

describe('HuskyLens codec fuzz', () => {
  it('never throws on 100,000 random byte streams, and every frame it returns is one that was in the stream', () => {
    fc.assert(
      // Half the inputs are frame-like: header, address, a small length, then random bytes (a checksum may match).
      fc.property(fc.oneof(
        fc.uint8Array({ maxLength: 80 }),
        fc.tuple(fc.integer({ min: 0, max: 12 }), fc.uint8Array({ maxLength: 24 })).map(([len, rest]) => Uint8Array.from([0x55, 0xaa, 0x11, len, ...rest])),
      ), fc.integer({ min: 1, max: 17 }), (input, chunk) => {
        const s = new FrameSplitter();
        const frames: Frame[] = [];
        for (let i = 0; i < input.length; i += chunk) frames.push(...s.push(input.subarray(i, i + chunk)));
        const text = hex(input);
        for (const f of frames) {
          expect(text).toContain(hex(encodeFrame(f.command, f.data)));
          decodeFrame(f);
        }
      }),
      { numRuns: 100_000, seed: 20261130 },
    );
  });

  it('recovers every valid frame, in order, from 20,000 streams of frames with noise (no header byte) between them', () => {
    const block = fc.record({ x: fc.nat(0xffff), y: fc.nat(0xffff), width: fc.nat(0xffff), height: fc.nat(0xffff), id: fc.nat(0xffff) });
    const frame = fc.oneof(
      block.map(encodeBlock),
      block.map((b) => encodeArrow({ xTail: b.x, yTail: b.y, xHead: b.width, yHead: b.height, id: b.id })),
      fc.constant(encodeOk()),
      fc.nat(6).map(encodeAlgorithm),
    );
    const noise = fc.uint8Array({ maxLength: 6 }).map((n) => n.map((b) => (b === HEADER_1 ? 0 : b)));
    fc.assert(
      fc.property(fc.array(fc.tuple(noise, frame), { maxLength: 8 }), fc.integer({ min: 1, max: 40 }), (parts, chunk) => {
        const stream = Uint8Array.from(parts.flatMap(([n, f]) => [...n, ...f]));
        const s = new FrameSplitter();
        const got: string[] = [];
        for (let i = 0; i < stream.length; i += chunk) for (const f of s.push(stream.subarray(i, i + chunk))) got.push(hex(encodeFrame(f.command, f.data)));
        expect(got).toEqual(parts.map(([, f]) => hex(f)));
      }),
      { numRuns: 20_000, seed: 7 },
    );
  });

  it('keeps at most one frame of bytes buffered whatever arrives', () => {
    const s = new FrameSplitter();
    for (let i = 0; i < 1000; i++) s.push(bytes(0x55, 0xaa, 0x11, 0x40));
    // A header that announces 64 data bytes, repeated: the splitter resynchronises instead of growing forever.
    expect((s as unknown as { buf: Uint8Array }).buf.length).toBeLessThanOrEqual(FRAME_OVERHEAD + 64);
  });
});
