/** Wiring profiles and calibrations are data: every profile validates, mistakes are caught, numbers match datasheets. */
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../core/i18n';
import { calibrate, percent } from './calibration';
import { pinsOf, profileInfos, WIRING_PROFILES, WiringProfileSchema } from './profiles';

describe('wiring profiles', () => {
  it('offers a car and a sensor kit for each of Uno, Nano and Mega, named in both languages', () => {
    const combos = WIRING_PROFILES.map((p) => `${p.board}/${p.kit}`).sort();
    expect(combos).toEqual(['mega/robot', 'mega/sensorkit', 'nano/robot', 'nano/sensorkit', 'uno/robot', 'uno/sensorkit']);
    for (const info of profileInfos()) for (const lang of LANGUAGES) expect(info.name[lang]).not.toMatch(/^devices:/);
  });

  it('refuses a pin used twice, a pin the board lacks, the serial pins and an unknown key', () => {
    const car = structuredClone(WIRING_PROFILES.find((p) => p.id === 'uno-car-l298n')!) as any;
    expect(WiringProfileSchema.safeParse(car).success).toBe(true);
    // Tried: the LED on a motor pin, an Uno pin 30, A7 on an Uno, pin 1 (TX), and a misspelt key.
    expect(WiringProfileSchema.safeParse({ ...car, led: { kind: 'single', pin: 5 } }).error?.issues[0]?.message).toBe('pin 5 is used twice');
    expect(WiringProfileSchema.safeParse({ ...car, buzzer: { pin: 30 } }).error?.issues[0]?.message).toBe('pin 30 does not exist on the uno');
    expect(WiringProfileSchema.safeParse({ ...car, light: { ...car.light, pin: 'A7' } }).error?.issues[0]?.message).toBe('A7 does not exist on the uno');
    expect(WiringProfileSchema.safeParse({ ...car, buzzer: { pin: 1 } }).success).toBe(false);
    expect(WiringProfileSchema.safeParse({ ...car, buzer: { pin: 11 } }).success).toBe(false);
  });

  it('maps analog pins to the board numbering (Uno A0 = 14, Mega A0 = 54)', () => {
    const uno = WIRING_PROFILES.find((p) => p.id === 'uno-sensor-kit')!;
    expect(pinsOf(uno)).toContain(14);
    const mega = WIRING_PROFILES.find((p) => p.id === 'mega-sensor-kit')!;
    expect(pinsOf(mega)).toContain(54);
  });
});

describe('calibrations', () => {
  const adc = (volts: number) => Math.round((volts / 5) * 1023);
  it('LM35: 10 mV/°C; TMP36: 500 mV at 0 °C', () => {
    expect(calibrate(adc(0.25), { kind: 'tempIc', mvPerC: 10, offsetMv: 0 })).toBeCloseTo(25, 0);
    expect(calibrate(adc(0.75), { kind: 'tempIc', mvPerC: 10, offsetMv: 500 })).toBeCloseTo(25, 0);
  });
  it('NTC (β 3950, 10 kΩ) at half the supply is 25 °C, warmer as its share drops', () => {
    const ntc = { kind: 'ntc', beta: 3950, r25Ohm: 10_000, seriesOhm: 10_000, ntcToGround: true } as const;
    expect(calibrate(511.5, ntc)).toBeCloseTo(25, 0);
    expect(calibrate(adc(1.0), ntc)).toBeGreaterThan(50);
  });
  it('Sharp IR: ~28 cm at 1 V, ~10 cm near 2.3 V, clamped to 2–400 cm', () => {
    const ir = { kind: 'irDistance', a: 27.86, b: -1.15 } as const;
    expect(calibrate(adc(1), ir)).toBeCloseTo(28, 0);
    expect(calibrate(adc(2.3), ir)).toBeGreaterThan(10);
    expect(calibrate(adc(2.3), ir)).toBeLessThan(12);
    expect(calibrate(0, ir)).toBeLessThanOrEqual(400);
  });
  it('linear percent with swapped ends (bright LDR = low voltage) stays within 0–100', () => {
    const ldr = { kind: 'linear', rawLow: 1000, rawHigh: 40, low: 0, high: 100 } as const;
    expect(percent(1023, ldr)).toBe(0);
    expect(percent(0, ldr)).toBe(100);
    expect(percent(520, ldr)).toBe(50);
  });
  it('threshold: 1 above, 0 below; inverted flips it', () => {
    expect(calibrate(700, { kind: 'threshold', threshold: 600, invert: false })).toBe(1);
    expect(calibrate(700, { kind: 'threshold', threshold: 600, invert: true })).toBe(0);
  });
});
