/**
 * Sensor calibrations as data (STYLE.md §6): how a raw Firmata reading (ADC 0–1023 at 5 V, or a digital level)
 * becomes the value a program reads. Pure functions, zod-validated shapes; every result is clamped to the range the
 * core contract promises (percentages 0–100, distance 2–400 cm).
 */
import { z } from 'zod';

/** ADC full scale of the ATmega boards StandardFirmata runs on (10 bits). */
export const ADC_MAX = 1023;
const ADC_VOLTS = 5;

export const CalibrationSchema = z.discriminatedUnion('kind', [
  /** Straight line through two points: raw `rawLow` → `low`, raw `rawHigh` → `high` (a knob, an LDR module, a
   *  sound module's envelope output). Either end may be the larger, so an inverted sensor is just swapped points. */
  z.object({ kind: z.literal('linear'), rawLow: z.number().min(0).max(ADC_MAX), rawHigh: z.number().min(0).max(ADC_MAX), low: z.number(), high: z.number() }).strict(),
  /** Analog temperature IC: `mvPerC` mV per °C with `offsetMv` at 0 °C (LM35: 10 / 0; TMP36: 10 / 500). */
  z.object({ kind: z.literal('tempIc'), mvPerC: z.number().positive(), offsetMv: z.number() }).strict(),
  /** NTC thermistor in a divider (series resistor to 5 V, NTC to ground, as on common kit modules): beta equation. */
  z.object({ kind: z.literal('ntc'), beta: z.number().positive(), r25Ohm: z.number().positive(), seriesOhm: z.number().positive(), ntcToGround: z.boolean() }).strict(),
  /** Sharp GP2Y0A21-style IR distance: cm = a · V^b (a power law through the datasheet curve). */
  z.object({ kind: z.literal('irDistance'), a: z.number().positive(), b: z.number() }).strict(),
  /** Analog value → boolean: true when above `threshold` (or below it when `invert`), for a line sensor on an ADC. */
  z.object({ kind: z.literal('threshold'), threshold: z.number().min(0).max(ADC_MAX), invert: z.boolean() }).strict(),
]);
export type Calibration = z.infer<typeof CalibrationSchema>;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const round = (v: number, places: number) => Math.round(v * 10 ** places) / 10 ** places;

/** The calibrated number for a raw ADC reading (threshold calibrations give 1 or 0). */
export function calibrate(raw: number, cal: Calibration): number {
  const r = clamp(raw, 0, ADC_MAX);
  const volts = (r / ADC_MAX) * ADC_VOLTS;
  switch (cal.kind) {
    case 'linear': {
      if (cal.rawHigh === cal.rawLow) return cal.low;
      const t = (r - cal.rawLow) / (cal.rawHigh - cal.rawLow);
      const v = cal.low + t * (cal.high - cal.low);
      return round(clamp(v, Math.min(cal.low, cal.high), Math.max(cal.low, cal.high)), 1);
    }
    case 'tempIc':
      return round((volts * 1000 - cal.offsetMv) / cal.mvPerC, 1);
    case 'ntc': {
      // Divider: the NTC's resistance from the fraction of the supply across it.
      const fraction = clamp(r / ADC_MAX, 0.001, 0.999);
      const ntcOhm = cal.ntcToGround ? (cal.seriesOhm * fraction) / (1 - fraction) : (cal.seriesOhm * (1 - fraction)) / fraction;
      const kelvin = 1 / (1 / 298.15 + Math.log(ntcOhm / cal.r25Ohm) / cal.beta);
      return round(kelvin - 273.15, 1);
    }
    case 'irDistance':
      return round(clamp(cal.a * Math.pow(Math.max(volts, 0.05), cal.b), 2, 400), 1);
    case 'threshold':
      return (r > cal.threshold) !== cal.invert ? 1 : 0;
  }
}

/** Percent sensors: a linear calibration clamped to 0–100. */
export function percent(raw: number, cal: Calibration): number {
  return clamp(calibrate(raw, cal), 0, 100);
}
