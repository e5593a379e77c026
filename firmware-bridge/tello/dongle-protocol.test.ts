/**
 * The tello-dongle line codec (DONGLE.md), pure: what the host makes of each line a dongle may send, and that no
 * byte sequence makes the reader throw or stop hearing the dongle (fast-check, ≥ 100,000 inputs in all).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CloseReason } from '../serial/serial-transport';
import {
  DongleLineSplitter,
  encodeCommandLine,
  encodeDatagramLine,
  encodeHelloLine,
  MAX_DONGLE_LINE_BYTES,
  parseDongleLine,
  parseHostLine,
} from './dongle-protocol';
import { encodeState } from './protocol';
import { connectDongle, type ClosableLineTransport } from './serial-transport';

const STATE = encodeState({ pitch: -12, roll: 7, yaw: -179, vgx: -10, vgy: 20, vgz: -3, templ: 62, temph: 65, tof: 123, h: 80, bat: 87, baro: -12.34, time: 42, agx: -12.5, agy: 3.25, agz: -1003 });

describe('dongle lines the host reads', () => {
  it('reads the banner, replies, state, link notices, errors and comments', () => {
    expect(parseDongleLine('DONGLE 1.0 up TELLO-5A1B2C')).toEqual({ kind: 'hello', major: 1, minor: 0, linkUp: true, info: 'TELLO-5A1B2C' });
    expect(parseDongleLine('DONGLE 1.12 down')).toEqual({ kind: 'hello', major: 1, minor: 12, linkUp: false, info: '' });
    expect(parseDongleLine('R ok')).toEqual({ kind: 'reply', text: 'ok' });
    expect(parseDongleLine('R error Not flying')).toEqual({ kind: 'reply', text: 'error Not flying' });
    expect(parseDongleLine(`S ${STATE.trimEnd()}`)).toEqual({ kind: 'state', text: STATE.trimEnd() });
    expect(parseDongleLine('L down')).toEqual({ kind: 'link', up: false });
    expect(parseDongleLine('L up')).toEqual({ kind: 'link', up: true });
    expect(parseDongleLine('E nolink')).toEqual({ kind: 'error', code: 'nolink' });
    expect(parseDongleLine('# joined TELLO-5A1B2C, rssi -41')).toEqual({ kind: 'comment' });
  });

  it('calls everything else garbage: ESP32 boot text, wrong fields, lower-case tags, control bytes', () => {
    for (const line of ['ets Jun  8 2016 00:22:57', 'rst:0x1 (POWERON_RESET),boot:0x13', 'R', 'R ', 'L sideways', 'E 42', 'DONGLE one up', 'DONGLE 1.0', 'r ok', 'R o\x07k', '', 'C takeoff', `R ${'x'.repeat(251)}`]) {
      expect(parseDongleLine(line).kind, JSON.stringify(line)).toBe('garbage');
    }
  });

  it('a real state datagram fits a line (the longest fields a Tello writes), and the banner, replies and state round-trip', () => {
    const line = encodeDatagramLine('S', STATE)!;
    expect(line.length).toBeLessThanOrEqual(MAX_DONGLE_LINE_BYTES);
    expect(new DongleLineSplitter().push(line).map(parseDongleLine)).toEqual([{ kind: 'state', text: STATE.replace(/\r\n$/, '') }]);
    expect(parseDongleLine(encodeHelloLine(false, 'TELLO-X').trimEnd())).toMatchObject({ kind: 'hello', linkUp: false, info: 'TELLO-X' });
    expect(encodeDatagramLine('R', 'ok\r\n')).toBe('R ok\n');
    expect(encodeDatagramLine('R', 'unknown command: \u00ff\u0001')).toBe('R unknown command: ??\n');
    expect(encodeDatagramLine('R', '\r\n')).toBeNull();
  });
});

describe('host lines the dongle reads', () => {
  it('reads HELLO and C lines and refuses what cannot be a command', () => {
    expect(parseHostLine('HELLO')).toEqual({ kind: 'hello' });
    expect(parseHostLine('C forward 50')).toEqual({ kind: 'command', text: 'forward 50' });
    for (const line of ['hello', 'C ', 'C  takeoff', 'C takeoff ', 'takeoff', 'C \x1b[A', '']) expect(parseHostLine(line).kind, JSON.stringify(line)).toBe('garbage');
    expect(encodeCommandLine('rc 0 0 0 0')).toBe('C rc 0 0 0 0\n');
    expect(encodeCommandLine('')).toBeNull();
    expect(encodeCommandLine('x'.repeat(251))).toBeNull();
    expect(encodeCommandLine('land\n')).toBeNull();
  });
});

describe('splitter', () => {
  it('joins lines across chunks, drops CR before LF and NULs, and drops an overlong line up to the next newline only', () => {
    const s = new DongleLineSplitter();
    expect(s.push('R o')).toEqual([]);
    expect(s.push('k\r\nS h:1\0;\nR')).toEqual(['R ok', 'S h:1;']);
    expect(s.push(` ${'x'.repeat(400)}\nR error\n`)).toEqual(['R error']);
    expect(s.stats.overlong).toBe(1);
    // Exactly 255 bytes, with and without CR, is a line; 256 is not.
    const max = `R ${'y'.repeat(MAX_DONGLE_LINE_BYTES - 2)}`;
    expect(s.push(`${max}\n${max}\r\n${max}z\nL up\n`)).toEqual([max, max, 'L up']);
  });
});

/** An in-memory LineTransport whose far end is the test: `feed` is what the dongle says. */
function memoryLine() {
  const listeners = new Set<(chunk: Uint8Array) => void>();
  const written: string[] = [];
  let onWrite: (text: string) => void = () => {};
  const line: ClosableLineTransport = {
    address: 'memory',
    write: (text) => {
      written.push(text);
      onWrite(text);
    },
    onData: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    onClose: (_l: (reason: CloseReason) => void) => () => {},
    close: async () => {},
  };
  return {
    line,
    written,
    feed: (bytes: Uint8Array | string) => {
      const chunk = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes;
      for (const l of [...listeners]) l(chunk);
    },
    answerHello: (banner: string) => (onWrite = (text) => text === 'HELLO\n' && queueMicrotask(() => [...listeners].forEach((l) => l(Buffer.from(banner))))),
  };
}

describe('connected transport', () => {
  it('sends an empty line after probeMs without writes (so a dead port fails a write), and leaves commands whole', async () => {
    const mem = memoryLine();
    mem.answerHello('DONGLE 1.0 up\n');
    const transport = await connectDongle(mem.line, { helloMs: 50, probeMs: 60 });
    mem.written.length = 0;
    await new Promise((r) => setTimeout(r, 200));
    expect(mem.written.filter((w) => w === '\n').length).toBeGreaterThanOrEqual(2);
    mem.written.length = 0;
    for (let i = 0; i < 10; i++) {
      transport.send('battery?');
      await new Promise((r) => setTimeout(r, 20));
    }
    // Probes may fall between commands on a loaded machine; they never split or alter one.
    expect(mem.written.filter((w) => w !== '\n')).toEqual(Array(10).fill('C battery?\n'));
    await transport.close();
  });

  it('a command it cannot carry is dropped and counted, never written half', async () => {
    const mem = memoryLine();
    mem.answerHello('DONGLE 1.0 up\n');
    const transport = await connectDongle(mem.line, { helloMs: 50, probeMs: 0 });
    mem.written.length = 0;
    transport.send('land\nemergency');
    transport.send('x'.repeat(300));
    expect(mem.written).toEqual([]);
    expect(transport.stats.unsendable).toBe(2);
    await transport.close();
  });
});

describe('fuzz: garbage from the dongle', () => {
  it('50,000 random byte streams, cut anywhere: the splitter and parser never throw, stay bounded, and recover at the next newline', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 600 }), { maxLength: 6 }), (chunks) => {
        const s = new DongleLineSplitter();
        for (const c of chunks) {
          for (const line of s.push(c)) {
            const parsed = parseDongleLine(line);
            expect(parsed.kind).toBeTypeOf('string');
          }
          expect(s.pending).toBeLessThanOrEqual(MAX_DONGLE_LINE_BYTES + 1);
        }
        // Whatever came before, a newline then a good line is heard.
        const after = s.push('\nR ok\n').map(parseDongleLine);
        expect(after[after.length - 1]).toEqual({ kind: 'reply', text: 'ok' });
      }),
      { numRuns: 50_000 },
    );
  });

  it('50,000 garbage chunks into a connected dongle transport: none reaches the driver as a reply or state unless it is one, and the next good reply always does', async () => {
    const mem = memoryLine();
    mem.answerHello('DONGLE 1.0 up\n');
    const transport = await connectDongle(mem.line, { helloMs: 50, probeMs: 0 });
    const replies: string[] = [];
    const states: string[] = [];
    transport.onMessage((t) => replies.push(t));
    transport.onState((t) => states.push(t));
    // Printable-heavy noise (tags and separators a real line would use) finds more paths than uniform bytes.
    const noise = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc.array(fc.constantFrom('R', 'S', 'L', 'E', 'DONGLE', ' ', '\n', '\r', '\0', 'ok', 'up', 'down', '1.0', 'x', '\xff', '#'), { maxLength: 40 }).map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(noise, (chunk) => {
        replies.length = 0;
        states.length = 0;
        mem.feed(typeof chunk === 'string' ? chunk : Buffer.from(chunk));
        // The newline ends a half line the chunk may have left.
        mem.feed('\n');
        // Anything that got through was a well-formed R/S line in that chunk (NULs are dropped on the wire).
        const text = (typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('latin1')).replace(/\0/g, '');
        for (const r of replies) expect(text).toContain(`R ${r}`);
        for (const s of states) expect(text).toContain(`S ${s}`);
        replies.length = 0;
        mem.feed('R 87\n');
        expect(replies).toEqual(['87']);
        // A stray `L down` in the noise is a real link notice; put the link back for the next input.
        mem.feed('L up\n');
        expect(transport.linkLost()).toBeNull();
      }),
      { numRuns: 50_000 },
    );
    expect(transport.stats.garbage).toBeGreaterThan(1000);
    await transport.close();
  });
});
