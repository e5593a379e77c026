import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeCommand, encodeState, parseCommandText, parseReply, parseState, validateCommand, type TelloCommand } from './protocol';

const SAMPLE_STATE = 'pitch:0;roll:-1;yaw:45;vgx:0;vgy:0;vgz:0;templ:60;temph:63;tof:90;h:80;bat:87;baro:1.23;time:12;agx:-3.00;agy:1.00;agz:-999.00;\r\n';

describe('Tello protocol: commands', () => {
  it('encodes the SDK command words a drone understands', () => {
    expect(encodeCommand({ kind: 'command' })).toBe('command');
    expect(encodeCommand({ kind: 'takeoff' })).toBe('takeoff');
    expect(encodeCommand({ kind: 'move', direction: 'forward', cm: 50 })).toBe('forward 50');
    expect(encodeCommand({ kind: 'rotate', direction: 'ccw', deg: 360 })).toBe('ccw 360');
    expect(encodeCommand({ kind: 'flip', direction: 'b' })).toBe('flip b');
    expect(encodeCommand({ kind: 'speed', cmPerS: 10 })).toBe('speed 10');
    expect(encodeCommand({ kind: 'rc', a: -100, b: 0, c: 100, d: 5 })).toBe('rc -100 0 100 5');
    expect(encodeCommand({ kind: 'query', what: 'battery' })).toBe('battery?');
  });

  it('refuses values outside the SDK ranges instead of sending them', () => {
    expect(() => encodeCommand({ kind: 'move', direction: 'up', cm: 19 })).toThrow(RangeError);
    expect(() => encodeCommand({ kind: 'move', direction: 'up', cm: 501 })).toThrow(RangeError);
    expect(() => encodeCommand({ kind: 'move', direction: 'up', cm: 20.5 })).toThrow(RangeError);
    expect(() => encodeCommand({ kind: 'rotate', direction: 'cw', deg: 0 })).toThrow(RangeError);
    expect(() => encodeCommand({ kind: 'speed', cmPerS: 101 })).toThrow(RangeError);
    expect(validateCommand({ kind: 'move', direction: 'down', cm: 500 })).toBeNull();
  });

  it('reads back every valid command it encodes (what the virtual Tello hears is what was sent)', () => {
    const command: fc.Arbitrary<TelloCommand> = fc.oneof(
      fc.constantFrom<TelloCommand>({ kind: 'command' }, { kind: 'takeoff' }, { kind: 'land' }, { kind: 'emergency' }),
      fc.record({ kind: fc.constant('move' as const), direction: fc.constantFrom('up', 'down', 'left', 'right', 'forward', 'back' as const), cm: fc.integer({ min: 20, max: 500 }) }),
      fc.record({ kind: fc.constant('rotate' as const), direction: fc.constantFrom('cw', 'ccw' as const), deg: fc.integer({ min: 1, max: 360 }) }),
      fc.record({ kind: fc.constant('flip' as const), direction: fc.constantFrom('l', 'r', 'f', 'b' as const) }),
      fc.record({ kind: fc.constant('query' as const), what: fc.constantFrom('battery', 'height', 'time', 'sdk', 'speed', 'wifi' as const) }),
    );
    fc.assert(
      fc.property(command, (c) => {
        expect(parseCommandText(`${encodeCommand(c)}\r\n`)).toEqual(c);
      }),
    );
  });

  it('tells an out-of-range command from an unknown one', () => {
    expect(parseCommandText('forward 10')).toEqual({ error: 'range', text: 'forward 10' });
    expect(parseCommandText('cw 400')).toEqual({ error: 'range', text: 'cw 400' });
    expect(parseCommandText('fly away')).toBeNull();
    expect(parseCommandText('')).toBeNull();
  });
});

describe('Tello protocol: replies', () => {
  it('reads ok, errors and query answers with their units, ignoring CR LF', () => {
    expect(parseReply('ok\r\n')).toEqual({ kind: 'ok' });
    expect(parseReply('error Not joystick')).toEqual({ kind: 'error', text: 'error Not joystick' });
    expect(parseReply('out of range')).toEqual({ kind: 'error', text: 'out of range' });
    expect(parseReply('unknown command: foo')).toMatchObject({ kind: 'error' });
    expect(parseReply('87\r\n')).toEqual({ kind: 'value', value: 87, unit: '', text: '87' });
    expect(parseReply('10dm')).toEqual({ kind: 'value', value: 10, unit: 'dm', text: '10dm' });
    expect(parseReply('100.0')).toMatchObject({ kind: 'value', value: 100 });
    expect(parseReply('')).toBeNull();
    expect(parseReply('\xcc\x01\x02')).toBeNull();
    expect(parseReply('x'.repeat(5000))).toBeNull();
  });
});

describe('Tello protocol: state string', () => {
  it('turns a state datagram into numbers (battery, height, yaw)', () => {
    const s = parseState(SAMPLE_STATE);
    expect(s).toMatchObject({ bat: 87, h: 80, yaw: 45, roll: -1, baro: 1.23, agz: -999 });
  });

  it('accepts the Tello EDU mission-pad fields and round-trips what the emulator sends', () => {
    expect(parseState(`mid:-1;x:0;y:0;z:0;mpry:0,0,0;${SAMPLE_STATE}`)).toMatchObject({ bat: 87 });
    const s = parseState(SAMPLE_STATE)!;
    expect(parseState(encodeState(s))).toEqual(s);
  });

  it('gives null for half lines, missing fields and garbage', () => {
    expect(parseState(SAMPLE_STATE.slice(0, 60))).toBeNull();
    expect(parseState('pitch:a;roll:0')).toBeNull();
    expect(parseState('ok')).toBeNull();
    expect(parseState(SAMPLE_STATE.replace('bat:87', 'bat:'))).toBeNull();
    expect(parseState(SAMPLE_STATE.repeat(20))).toBeNull();
  });
});

describe('Tello protocol: fuzz (no throw, bounded work)', () => {
  // Inputs a lossy link produces: random bytes (decoded as latin1 like the transport), overlong lines, half lines
  // and splices of real datagrams.
  const bytes = fc.uint8Array({ maxLength: 300 }).map((b) => String.fromCharCode(...b));
  const overlong = fc.integer({ min: 1000, max: 5000 }).map((n) => 'ok'.padEnd(n, ';h:1'));
  const halfLine = fc.tuple(fc.constantFrom(SAMPLE_STATE, 'ok\r\n', '87\r\n', 'error Motor stop\r\n'), fc.nat()).map(([s, n]) => s.slice(0, n % (s.length + 1)));
  const spliced = fc.tuple(halfLine, bytes, halfLine).map(([a, b, c]) => a + b + c);
  const input = fc.oneof(bytes, overlong, halfLine, spliced, fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 100 }));

  it('parses 100,000 random replies and state strings without throwing', () => {
    let parsed = 0;
    let runs = 0;
    fc.assert(
      fc.property(input, (raw) => {
        runs++;
        const r = parseReply(raw);
        const s = parseState(raw);
        const c = parseCommandText(raw);
        if (r || s || c) parsed++;
        if (s) for (const v of Object.values(s)) expect(Number.isFinite(v)).toBe(true);
        if (r?.kind === 'value') expect(Number.isFinite(r.value)).toBe(true);
      }),
      { numRuns: 100_000, seed: 20261123 },
    );
    expect(runs).toBe(100_000);
    // The generators reach the interesting paths, not only the rejections.
    expect(parsed).toBeGreaterThan(1000);
  });
});
