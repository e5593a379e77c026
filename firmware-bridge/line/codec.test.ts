import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  encodeCommand,
  encodeFrame,
  encodeHello,
  encodeVersion,
  LineSplitter,
  MAX_LINE_BYTES,
  parseBoardLine,
  parseHostLine,
  sanitizeText,
  type LineCommand,
  type SensorFrame,
} from './codec';

const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);

const command: fc.Arbitrary<LineCommand> = fc.oneof(
  fc.record({ verb: fc.constant('M' as const), left: fc.integer({ min: -100, max: 100 }), right: fc.integer({ min: -100, max: 100 }) }),
  fc.constantFrom<LineCommand>({ verb: 'S' }, { verb: 'PING' }),
  fc.record({ verb: fc.constant('LED' as const), rgb: fc.integer({ min: 0, max: 0xffffff }).map((n) => n.toString(16).padStart(6, '0')) }),
  fc.record({ verb: fc.constant('TONE' as const), hz: fc.oneof(fc.constant(0), fc.integer({ min: 20, max: 20000 })), ms: fc.integer({ min: 0, max: 60000 }) }),
  fc.record({ verb: fc.constant('RATE' as const), hz: fc.integer({ min: 0, max: 100 }) }),
  fc.record({ verb: fc.constant('DRIVE' as const), mm: fc.integer({ min: -10000, max: 10000 }), speed: fc.integer({ min: 1, max: 100 }) }),
  fc.record({ verb: fc.constant('TURN' as const), ddeg: fc.integer({ min: -36000, max: 36000 }), speed: fc.integer({ min: 1, max: 100 }) }),
  fc.record({ verb: fc.constant('TEXT' as const), text: fc.string({ maxLength: 40 }).map(sanitizeText) }),
);

const frame: fc.Arbitrary<SensorFrame> = fc.record({
  ms: fc.integer({ min: 0, max: 4294967295 }),
  distMm: fc.integer({ min: 0, max: 4000 }),
  lineBits: fc.integer({ min: 0, max: 255 }),
  light: fc.integer({ min: 0, max: 1023 }),
  r: fc.integer({ min: 0, max: 255 }),
  g: fc.integer({ min: 0, max: 255 }),
  b: fc.integer({ min: 0, max: 255 }),
  headingDdeg: fc.integer({ min: 0, max: 3599 }),
  bumper: fc.boolean(),
  buttonA: fc.boolean(),
  buttonB: fc.boolean(),
});

describe('line protocol: host commands', () => {
  it('writes the command lines PROTOCOL.md shows', () => {
    expect(encodeCommand(7, { verb: 'M', left: 50, right: -50 })).toBe('7 M 50 -50\n');
    expect(encodeCommand(8, { verb: 'S' })).toBe('8 S\n');
    expect(encodeCommand(9, { verb: 'LED', rgb: 'ff0000' })).toBe('9 LED ff0000\n');
    expect(encodeCommand(10, { verb: 'TONE', hz: 440, ms: 500 })).toBe('10 TONE 440 500\n');
    expect(encodeCommand(11, { verb: 'RATE', hz: 50 })).toBe('11 RATE 50\n');
    expect(encodeCommand(12, { verb: 'PING' })).toBe('12 PING\n');
    expect(encodeCommand(13, { verb: 'DRIVE', mm: -250, speed: 60 })).toBe('13 DRIVE -250 60\n');
    expect(encodeCommand(14, { verb: 'TURN', ddeg: 900, speed: 40 })).toBe('14 TURN 900 40\n');
    expect(encodeHello()).toBe('HELLO\n');
  });

  it('refuses ids and values outside the documented ranges instead of sending them', () => {
    expect(() => encodeCommand(0, { verb: 'S' })).toThrow(RangeError);
    expect(() => encodeCommand(65536, { verb: 'S' })).toThrow(RangeError);
    expect(() => encodeCommand(1, { verb: 'M', left: 101, right: 0 })).toThrow(RangeError);
    expect(() => encodeCommand(1, { verb: 'M', left: 0.5, right: 0 })).toThrow(RangeError);
    expect(() => encodeCommand(1, { verb: 'LED', rgb: '#ff0000' })).toThrow(RangeError);
    expect(() => encodeCommand(1, { verb: 'TONE', hz: 10, ms: 100 })).toThrow(RangeError);
    expect(() => encodeCommand(1, { verb: 'RATE', hz: 101 })).toThrow(RangeError);
    expect(() => encodeCommand(1, { verb: 'TEXT', text: '你好' })).toThrow(RangeError);
  });

  it('every encoded command fits in one line and the board reads back exactly what was sent', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 65535 }), command, (id, c) => {
        const line = encodeCommand(id, c);
        expect(line.length).toBeLessThanOrEqual(MAX_LINE_BYTES);
        expect(parseHostLine(line.slice(0, -1))).toEqual({ kind: 'command', id, command: c });
      }),
      { numRuns: 5000 },
    );
  });

  it('a board answers a readable id with a bad verb or argument by code, not by guessing', () => {
    expect(parseHostLine('5 FLY 3')).toEqual({ kind: 'bad', id: 5, code: 'VERB' });
    expect(parseHostLine('5 M 200 0')).toEqual({ kind: 'bad', id: 5, code: 'ARG' });
    expect(parseHostLine('5 M 20')).toEqual({ kind: 'bad', id: 5, code: 'ARG' });
    expect(parseHostLine('HELLO\r')).toEqual({ kind: 'hello' });
    expect(parseHostLine('M 20 20').kind).toBe('garbage');
  });
});

describe('line protocol: board lines', () => {
  it('reads acks, errors, events, comments and banners', () => {
    expect(parseBoardLine('ACK 7')).toEqual({ kind: 'ack', id: 7 });
    expect(parseBoardLine('ERR 9 ARG')).toEqual({ kind: 'error', id: 9, code: 'ARG' });
    expect(parseBoardLine('EV DONE 13')).toEqual({ kind: 'event', name: 'DONE', args: ['13'] });
    expect(parseBoardLine('EV WATCHDOG')).toEqual({ kind: 'event', name: 'WATCHDOG', args: [] });
    expect(parseBoardLine('# booting')).toEqual({ kind: 'comment', text: 'booting' });
    expect(parseBoardLine('VER ailab-robot 1.2.3 uno M LED US LINE3\r')).toEqual({
      kind: 'version',
      major: 1,
      minor: 2,
      patch: 3,
      board: 'uno',
      capabilities: ['M', 'LED', 'US', 'LINE3'],
    });
    expect(parseBoardLine('VER grbl 1.1h')).toEqual({ kind: 'foreignVersion', text: 'VER grbl 1.1h' });
    expect(parseBoardLine('VER ailab-robot 1.x uno').kind).toBe('foreignVersion');
  });

  it('reads a sensor frame and rejects frames with a missing, extra or out-of-range field', () => {
    expect(parseBoardLine('D 1200 350 5 700 10 200 30 900 1 0 1')).toEqual({
      kind: 'frame',
      ms: 1200,
      distMm: 350,
      lineBits: 5,
      light: 700,
      r: 10,
      g: 200,
      b: 30,
      headingDdeg: 900,
      bumper: true,
      buttonA: false,
      buttonB: true,
    });
    expect(parseBoardLine('D 1200 350 5 700 10 200 30 900 1 0')).toMatchObject({ kind: 'garbage', reason: 'fieldCount' });
    expect(parseBoardLine('D 1200 350 5 700 10 200 30 900 1 0 1 1')).toMatchObject({ kind: 'garbage', reason: 'fieldCount' });
    expect(parseBoardLine('D 1200 350 5 700 10 200 30 3600 1 0 1')).toMatchObject({ kind: 'garbage', reason: 'outOfRange' });
    expect(parseBoardLine('D 1200 35x 5 700 10 200 30 900 1 0 1')).toMatchObject({ kind: 'garbage', reason: 'badNumber' });
    expect(parseBoardLine('D 1200 350 5 700 10 200 30 900 2 0 1')).toMatchObject({ kind: 'garbage', reason: 'outOfRange' });
  });

  it('frames and banners round-trip through the board encoders', () => {
    fc.assert(
      fc.property(frame, (f) => {
        const line = encodeFrame(f);
        expect(line.length).toBeLessThanOrEqual(MAX_LINE_BYTES);
        expect(parseBoardLine(line.slice(0, -1))).toEqual({ kind: 'frame', ...f });
      }),
      { numRuns: 5000 },
    );
    const v = { major: 1, minor: 4, patch: 0, board: 'nano', capabilities: ['M', 'GYRO'] };
    expect(parseBoardLine(encodeVersion(v).trim())).toEqual({ kind: 'version', ...v });
  });

  it('calls non-ASCII, empty and unknown lines garbage with a reason', () => {
    expect(parseBoardLine('ACK \xff7')).toMatchObject({ kind: 'garbage', reason: 'nonAscii' });
    expect(parseBoardLine('   ')).toMatchObject({ kind: 'garbage', reason: 'empty' });
    expect(parseBoardLine('HELLO WORLD')).toMatchObject({ kind: 'garbage', reason: 'unknown' });
    expect(parseBoardLine('ACK 07')).toMatchObject({ kind: 'garbage', reason: 'badNumber' });
    expect(parseBoardLine('ACK 70000')).toMatchObject({ kind: 'garbage', reason: 'outOfRange' });
  });
});

describe('line protocol: splitting bytes into lines', () => {
  it('joins half lines across chunks and accepts CRLF', () => {
    const s = new LineSplitter();
    expect(s.push(bytes('AC'))).toEqual([]);
    expect(s.push(bytes('K 1\r'))).toEqual([]);
    expect(s.push(bytes('\nACK 2\nEV D'))).toEqual(['ACK 1', 'ACK 2']);
    expect(s.push('ONE 3\n')).toEqual(['EV DONE 3']);
    expect(s.pending).toBe(0);
  });

  it('drops NUL bytes from a resetting board and still reads the banner', () => {
    const s = new LineSplitter();
    expect(s.push(bytes('\0\0VER ailab-robot 1.0.0 uno M\r\n'))).toEqual(['VER ailab-robot 1.0.0 uno M']);
    expect(s.stats.nulBytes).toBe(2);
  });

  it('discards an overlong line up to its newline, counts it, and reads the next line', () => {
    const s = new LineSplitter();
    const longest = 'x'.repeat(MAX_LINE_BYTES - 2); // + \r\n = 128 bytes: still a line
    expect(s.push(bytes(`${longest}\r\n`))).toEqual([longest]);
    expect(s.push(bytes(`${'y'.repeat(MAX_LINE_BYTES)}`))).toEqual([]);
    expect(s.pending).toBeLessThan(MAX_LINE_BYTES);
    expect(s.push(bytes(`${'y'.repeat(5000)}\nACK 4\n`))).toEqual(['ACK 4']);
    expect(s.stats.overlong).toBe(1);
  });
});

describe('line protocol: fuzzed (no throw, no stuck state)', () => {
  const junk = fc.oneof(
    fc.uint8Array({ maxLength: 300 }),
    fc.integer({ min: 100, max: 3000 }).map((n) => bytes('D 1 2 3 '.padEnd(n, '9 '))),
    fc.constantFrom('VER ailab-robot 2.0.0 uno M\n', 'VER ailab-robot 0.9.1 nano\r\n', 'VER StandardFirmata 2.5\n', 'ACK\n', 'ERR 1\n', '\r\r\r\n', 'EV \n').map(bytes),
    fc.string({ maxLength: 200 }).map(bytes),
  );

  it('after any garbage, a valid line still parses (100,000 random inputs)', () => {
    let lines = 0;
    fc.assert(
      fc.property(fc.array(junk, { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 40 }), (chunks, cut) => {
        const s = new LineSplitter();
        for (const c of chunks) {
          for (let i = 0; i < c.length; i += cut) {
            for (const l of s.push(c.subarray(i, i + cut))) {
              lines++;
              expect(parseBoardLine(l).kind).toBeTypeOf('string');
              expect(parseHostLine(l).kind).toBeTypeOf('string');
            }
          }
          expect(s.pending).toBeLessThan(MAX_LINE_BYTES);
        }
        // Newline ends whatever half line the junk left; then a valid line must come through intact.
        const after = s.push(bytes('\nACK 42\r\n'));
        expect(parseBoardLine(after[after.length - 1]!)).toEqual({ kind: 'ack', id: 42 });
      }),
      { numRuns: 100_000 },
    );
    expect(lines).toBeGreaterThan(10_000);
  }, 120_000);
});
