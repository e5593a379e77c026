/**
 * KitSession's protocol edges against a scripted board on an in-memory transport (the firmware itself is exercised
 * over a real pty in emulator/kit-firmware.test.ts; here the board's lines are written by hand so that restarts,
 * noise and silence happen exactly when the test says). Real timers, short timeouts.
 */
import { describe, expect, it } from 'vitest';
import { encodeKitFrame, encodeKitVersion } from './codec';
import { KitSession, kitCalibrationsFor, kitFrameToReadings } from './kit-session';
import type { LineTransport } from './session';

const enc = new TextEncoder();
const BANNER = { major: 1, minor: 0, patch: 0, board: 'uno', capabilities: ['LED', 'TEMP'] };

/** A board that answers HELLO with `banner` and ACKs every command unless `silent`; `say` sends lines to the host. */
function scriptedBoard(banner: string, options: { silent?: boolean } = {}) {
  const listeners = new Set<(chunk: Uint8Array) => void>();
  const written: string[] = [];
  const say = (text: string) => setTimeout(() => listeners.forEach((l) => l(enc.encode(text))), 0);
  const transport: LineTransport = {
    address: '/dev/kit0',
    write(text) {
      written.push(text);
      for (const line of text.split('\n').filter((l) => l !== '')) {
        if (line === 'HELLO') say(banner);
        else if (!options.silent) say(`ACK ${line.split(' ')[0]}\n`);
      }
    },
    onData(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => {},
  };
  return { transport, written, say };
}

const frame = { ms: 1, temperatureRaw: 512, humidityRaw: 368, lightRaw: 512, soundRaw: 20, knobRaw: 1023, motion: false, button: true };

describe('KitSession', () => {
  it('readings come only from whole, valid K frames; noise and robot frames leave them as they were', async () => {
    const board = scriptedBoard(encodeKitVersion(BANNER));
    const kit = await KitSession.connect(board.transport, { helloMs: 50 });
    try {
      board.say(encodeKitFrame(frame));
      await new Promise((r) => setTimeout(r, 20));
      kit.sample();
      const good = kit.readings();
      expect(good).toMatchObject({ knobPercent: 100, buttonPressed: true, motion: false });
      expect(good.temperatureC).toBeCloseTo(25, 0);
      board.say('K 2 512 368\nK 3 9999 368 512 20 1023 0 1\nD 1 0 0 0 0 0 0 0 0 0 0\n\u00ff\u00fe garbage\n');
      await new Promise((r) => setTimeout(r, 20));
      kit.sample();
      expect(kit.readings()).toEqual(good);
      expect(kit.stats.garbage).toBe(4);
    } finally {
      kit.close();
    }
  });

  it('a banner nobody asked for (the kit was reset) asks for the frames again', async () => {
    const board = scriptedBoard(encodeKitVersion(BANNER));
    const kit = await KitSession.connect(board.transport, { helloMs: 50, rateHz: 10 });
    try {
      await new Promise((r) => setTimeout(r, 20));
      expect(board.written.filter((l) => / RATE 10\n$/.test(l))).toHaveLength(1);
      board.say(`\n${encodeKitVersion(BANNER)}`);
      await new Promise((r) => setTimeout(r, 20));
      expect(kit.stats.restarts).toBe(1);
      expect(board.written.filter((l) => / RATE 10\n$/.test(l))).toHaveLength(2);
    } finally {
      kit.close();
    }
  });

  it('a robot or another firmware is refused by name, a kit of another major asks to flash (zh-CN)', async () => {
    await expect(KitSession.connect(scriptedBoard('VER ailab-robot 1.0.0 uno M LED\n').transport, { helloMs: 50 })).rejects.toMatchObject({ code: 'error.notOurFirmware' });
    await expect(KitSession.connect(scriptedBoard('VER grbl 1.1h\n').transport, { helloMs: 50, language: 'zh-CN' })).rejects.toThrow('它回答：VER grbl 1.1h');
    await expect(KitSession.connect(scriptedBoard('VER ailab-kit 2.0.0 uno LED\n').transport, { helloMs: 50, language: 'zh-CN' })).rejects.toThrow('板上是 2.0.0，需要 1.x');
    await expect(KitSession.connect(scriptedBoard('').transport, { helloMs: 30, helloAttempts: 2 })).rejects.toMatchObject({ code: 'error.noAnswer' });
  });

  it('an LED command the kit never answers is reported (lastError) and an unknown colour is sent as off', async () => {
    const board = scriptedBoard(encodeKitVersion(BANNER), { silent: true });
    const kit = await KitSession.connect(board.transport, { helloMs: 50, ackMs: 50, language: 'zh-CN' });
    try {
      kit.setLed('not a colour');
      expect(board.written.at(-1)).toMatch(/^\d+ LED 000000\n$/);
      await new Promise((r) => setTimeout(r, 120));
      expect(kit.lastError?.message).toMatch(/传感器套件 0\.1 秒内没有回应/);
      // No display in the banner: text is not sent at all.
      const before = board.written.length;
      kit.showText('hi');
      expect(board.written.length).toBe(before);
    } finally {
      kit.close();
    }
  });

  it('calibration is data: the same frame through another calibration reads otherwise', () => {
    const uno = kitCalibrationsFor('uno');
    const lm35 = { ...uno, temperature: { kind: 'tempIc', mvPerC: 10, offsetMv: 0 } as const };
    expect(kitFrameToReadings({ ...frame, temperatureRaw: 61 }, lm35).temperatureC).toBeCloseTo(29.8, 1);
    // The kit's NTC to ground: 0.3 V means a low resistance, i.e. very hot.
    expect(kitFrameToReadings({ ...frame, temperatureRaw: 61 }, uno).temperatureC).toBeGreaterThan(90);
  });
});
