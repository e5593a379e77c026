/**
 * Our sensor-kit firmware (firmware/ailab-kit, built with avr-gcc) running in avr8js behind a real socat pty, driven
 * by the host's KitSession over serialport — every part real except the USB cable (a pty) and the modules (the
 * virtual kit sets the voltages a meter would read on the pins). What a student would notice: the kit says it is a
 * kit, the numbers in the data panel match the room, the alarm LED lights, and a pulled cable is noticed in time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LineSplitter, parseKitBoardLine } from '../line/codec';
import { KitSession } from '../line/kit-session';
import { LineRobot } from '../line/session';
import { openSerialLineTransport } from '../serial/serial-transport';
import { until } from '../tello/test-support';
import { startEmulatedKit, type EmulatedKit } from './emulated-kit';

let kit: EmulatedKit;
beforeAll(async () => {
  kit = await startEmulatedKit();
}, 60_000);
afterAll(async () => {
  await kit?.stop();
});

/** The NTC module's temperature for a voltage, from the divider and the beta equation (10 kΩ, β 3950, 10 kΩ to 5 V). */
function ntcCelsius(volts: number): number {
  const ohms = (10_000 * volts) / (5 - volts);
  return 1 / (1 / 298.15 + Math.log(ohms / 10_000) / 3950) - 273.15;
}

describe('sensor-kit firmware in the emulator, over a pty', () => {
  it('says it is a kit: a robot host refuses it as other firmware, the kit host reads its banner', { timeout: 30_000 }, async () => {
    const transport = await openSerialLineTransport(kit.path);
    try {
      await expect(LineRobot.connect(transport, { helloAttempts: 2 })).rejects.toMatchObject({ code: 'line.notOurFirmware', message: expect.stringContaining('VER ailab-kit 1.0.0 uno') });
      const session = await KitSession.connect(transport, { language: 'zh-CN' });
      expect(session.banner).toEqual({ major: 1, minor: 0, patch: 0, board: 'uno', capabilities: ['LED', 'TONE', 'TEMP', 'HUM', 'LIGHT', 'SOUND', 'PIR', 'KNOB', 'BTN'] });
      session.close();
    } finally {
      await transport.close();
    }
  });

  it('voltages on the modules come out in °C and % through the calibration, motion and button as booleans', { timeout: 30_000 }, async () => {
    const transport = await openSerialLineTransport(kit.path);
    const session = await KitSession.connect(transport);
    try {
      kit.board.set({ temperatureVolts: 2.0, humidityVolts: 3.0, lightVolts: 0.2, soundVolts: 3.45, knobVolts: 5, motion: true, buttonPressed: true });
      await until(() => session.latest?.motion === true && session.latest.knobRaw === 1023, 3000, 'a frame with the new world');
      session.sample();
      const r = session.readings();
      expect(r.temperatureC).toBeCloseTo(ntcCelsius(2.0), 0); // ≈ 34.6 °C: warm, above the alarm's 30
      expect(r.humidityPercent).toBeCloseTo(90, 0); // HR202 module: 3.0 V is 90 %RH
      expect(r.lightPercent).toBeGreaterThan(95); // LDR module: low voltage = bright
      expect(r.soundPercent).toBeCloseTo(100, 0);
      expect(r.knobPercent).toBe(100);
      expect(r.motion).toBe(true);
      expect(r.buttonPressed).toBe(true);

      kit.board.set({ temperatureVolts: 2.5, lightVolts: 4.9, soundVolts: 0.1, knobVolts: 0, motion: false, buttonPressed: false });
      // Sound is the loudest since the previous frame, so the clap shows in one more frame before the quiet does.
      await until(() => session.latest?.motion === false && session.latest.knobRaw === 0 && session.latest.soundRaw < 100, 3000, 'a frame with the room back');
      session.sample();
      expect(session.readings()).toMatchObject({ knobPercent: 0, motion: false, buttonPressed: false, lightPercent: 0, soundPercent: 0 });
      expect(session.readings().temperatureC).toBeCloseTo(25, 0);
      expect(session.stats.garbage).toBe(0);
    } finally {
      session.close();
      await transport.close();
    }
  });

  it('a 2 ms clap between two frames still shows as loud in the next frame (sound is the peak since the last frame)', { timeout: 30_000 }, async () => {
    const transport = await openSerialLineTransport(kit.path);
    const session = await KitSession.connect(transport, { rateHz: 10 });
    try {
      kit.board.set({ soundVolts: 0.1 });
      await until(() => session.latest !== null && session.latest.soundRaw < 100, 3000, 'a quiet frame');
      const quietAt = session.latest!.ms;
      // Every frame, not just the newest the session keeps.
      const sounds: number[] = [];
      const splitter = new LineSplitter();
      const off = transport.onData((chunk) => {
        for (const text of splitter.push(chunk)) {
          const line = parseKitBoardLine(text);
          if (line.kind === 'kitFrame') sounds.push(line.soundRaw);
        }
      });
      // 2 ms of loud in emulated time, right after a frame: frames are 100 ms apart, so only a held peak can show it.
      kit.board.set({ soundVolts: 4.5 });
      kit.runner.after(2, () => kit.board.set({ soundVolts: 0.1 }));
      await until(() => session.latest !== null && session.latest.ms > quietAt + 150, 3000, 'two more frames');
      off();
      // The frame after the clap carried it (4.5 V ≈ raw 920); the ones after are quiet again.
      expect(sounds[0]).toBeGreaterThan(900);
      expect(sounds.at(-1)).toBeLessThan(100);
      session.sample();
      expect(session.readings().soundPercent).toBeLessThan(5);
    } finally {
      session.close();
      await transport.close();
    }
  });

  it('LED commands are acknowledged and the colour is on the pins; a robot-only verb is refused with CAP', { timeout: 30_000 }, async () => {
    const transport = await openSerialLineTransport(kit.path);
    const session = await KitSession.connect(transport);
    try {
      const acks = session.stats.acks;
      session.setLed('#ff0000');
      await until(() => session.stats.acks > acks, 1000, 'ACK for LED');
      await until(() => kit.board.led().r === 255 && kit.board.led().g === 0, 1000, 'red LED on the pins');
      session.setLed('#00ff00');
      await until(() => kit.board.led().g === 255 && kit.board.led().r === 0, 1000, 'green LED on the pins');
      expect(session.lastError).toBeNull();
      // A kit has no motors: what a robot program would send is refused as missing hardware, not misread.
      let heard = '';
      const off = transport.onData((c) => (heard += Buffer.from(c).toString('latin1')));
      transport.write('900 M 50 50\n900 PING\n');
      await until(() => /ERR 900 CAP\n/.test(heard) && /ACK 900\n/.test(heard), 1000, 'CAP for M');
      off();
    } finally {
      session.close();
      await transport.close();
    }
  });

  it('unplugged mid-stream: the host knows within 1 s, the kit turns its alarm LED off by its watchdog', { timeout: 30_000 }, async () => {
    const transport = await openSerialLineTransport(kit.path);
    const session = await KitSession.connect(transport);
    let closedAt = 0;
    transport.onClose(() => (closedAt = Date.now()));
    try {
      session.setLed('#ff0000');
      await until(() => kit.board.led().r === 255, 1000, 'red LED');
      const pulledAt = Date.now();
      await kit.bridge.unplug();
      await until(() => closedAt > 0 || session.linkLost() !== null, 1000, 'the host noticing');
      expect(Date.now() - pulledAt).toBeLessThan(1000);
      // The board heard nothing for 500 ms while the LED was lit.
      await until(() => kit.board.led().r === 0, 1500, 'LED off by the watchdog');
      await until(() => session.linkLost() !== null, 1500, 'linkLost');
      expect(session.linkLost()?.message).toMatch(/Lost contact with the sensor kit/);
    } finally {
      session.close();
      await transport.close();
      await kit.bridge.plugIn();
    }
  });
});
