/**
 * The sensor-kit lines of the codec (PROTOCOL.md "Sensor kit"): what a host makes of a kit's banner and `K` frames,
 * and that a robot host reads a kit as another firmware (so it never drives a kit as a robot).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeKitFrame, encodeKitVersion, parseBoardLine, parseKitBoardLine, type KitFrame } from './codec';

const kitFrame: fc.Arbitrary<KitFrame> = fc.record({
  ms: fc.integer({ min: 0, max: 4294967295 }),
  temperatureRaw: fc.integer({ min: 0, max: 1023 }),
  humidityRaw: fc.integer({ min: 0, max: 1023 }),
  lightRaw: fc.integer({ min: 0, max: 1023 }),
  soundRaw: fc.integer({ min: 0, max: 1023 }),
  knobRaw: fc.integer({ min: 0, max: 1023 }),
  motion: fc.boolean(),
  button: fc.boolean(),
});

describe('kit lines', () => {
  it('every kit frame a board may send reads back as itself and fits one line', () => {
    fc.assert(
      fc.property(kitFrame, (f) => {
        const text = encodeKitFrame(f);
        expect(text.length).toBeLessThanOrEqual(64);
        expect(parseKitBoardLine(text.slice(0, -1))).toEqual({ kind: 'kitFrame', ...f });
      }),
    );
  });

  it('the kit banner is a kit version for a kit host and another firmware for a robot host', () => {
    const banner = { major: 1, minor: 0, patch: 0, board: 'uno', capabilities: ['LED', 'TONE', 'TEMP', 'HUM', 'LIGHT', 'SOUND', 'PIR', 'KNOB', 'BTN'] };
    const text = encodeKitVersion(banner).trim();
    expect(text).toBe('VER ailab-kit 1.0.0 uno LED TONE TEMP HUM LIGHT SOUND PIR KNOB BTN');
    expect(parseKitBoardLine(text)).toEqual({ kind: 'kitVersion', ...banner });
    expect(parseBoardLine(text)).toEqual({ kind: 'foreignVersion', text });
    // The robot banner stays a robot banner through the kit parser (identifying what is plugged in).
    expect(parseKitBoardLine('VER ailab-robot 1.0.0 uno M LED')).toMatchObject({ kind: 'version', board: 'uno' });
    expect(parseKitBoardLine('VER ailab-kit 1.x uno')).toEqual({ kind: 'foreignVersion', text: 'VER ailab-kit 1.x uno' });
  });

  it('a kit frame with a missing field, a value past the ADC or a leading zero is garbage, never a reading', () => {
    expect(parseKitBoardLine('K 10 500 500 500 500 500 0')).toMatchObject({ kind: 'garbage', reason: 'fieldCount' });
    expect(parseKitBoardLine('K 10 1024 500 500 500 500 0 0')).toMatchObject({ kind: 'garbage', reason: 'outOfRange' });
    expect(parseKitBoardLine('K 10 500 500 500 500 500 2 0')).toMatchObject({ kind: 'garbage', reason: 'outOfRange' });
    expect(parseKitBoardLine('K 10 0500 500 500 500 500 0 0')).toMatchObject({ kind: 'garbage', reason: 'badNumber' });
    expect(parseKitBoardLine('K 10 5\u00e900 500 500 500 500 0 0')).toMatchObject({ kind: 'garbage', reason: 'nonAscii' });
    // Acks and events are the robot's lines.
    expect(parseKitBoardLine('ACK 7')).toEqual({ kind: 'ack', id: 7 });
    expect(parseKitBoardLine('EV WATCHDOG')).toEqual({ kind: 'event', name: 'WATCHDOG', args: [] });
  });
});
