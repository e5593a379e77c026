/**
 * Wiring profiles: what is connected to which pin of a Firmata board, and how each sensor is calibrated — data, not
 * code (STYLE.md §6), checked by zod when the module loads (`WIRING_PROFILES` throws on a bad entry, so a typo fails
 * every test at once). The driver (firmata-devices.ts) reads nothing else about the hardware.
 *
 * Pins use Arduino numbers: digital 2…(max) and analog inputs as `A0`…; 0 and 1 are the USB serial line Firmata talks
 * over and are refused. Uno and Nano: digital 0–19 (A0–A5 = 14–19; the Nano's A6/A7 are analog only); Mega 0–69
 * (A0–A15 = 54–69).
 *
 * StandardFirmata cannot time an ultrasonic echo (HC-SR04) or read a DHT11, so the profiles use sensors an ADC can
 * read: a Sharp IR distance sensor, an NTC or LM35 for temperature, an HR202-type analog humidity module.
 */
import { z } from 'zod';
import type { WiringProfileInfo } from '../../core/contracts/devices';
import { translateBoth } from '../../core/i18n';
import { CalibrationSchema } from './calibration';

export const BOARDS = {
  uno: { digitalPins: 20, analogInputs: 6 },
  nano: { digitalPins: 20, analogInputs: 8 },
  mega: { digitalPins: 70, analogInputs: 16 },
} as const;
export type BoardName = keyof typeof BOARDS;

const DigitalPin = z.number().int().min(2).max(69);
const AnalogPin = z.string().regex(/^A(\d|1[0-5])$/);

/** A DC motor on an H-bridge, as johnny-five's directional Motor drives it: speed on `pwm`, direction on `dir`
 *  (and `cdir`, the inverse, for L298N-style drivers with two direction inputs). `invertPWM` for drivers whose
 *  speed input is active low while `dir` is high (L9110S). `reversed` when the motor is mounted the other way. */
const MotorSchema = z.object({ pwm: DigitalPin, dir: DigitalPin, cdir: DigitalPin.optional(), invertPWM: z.boolean().default(false), reversed: z.boolean().default(false) }).strict();
const AnalogSensorSchema = z.object({ pin: AnalogPin, calibration: CalibrationSchema }).strict();
/** A switch or digital sensor module; `activeLow` when it reads LOW while pressed/active (a button to ground with
 *  the internal pull-up, `pullup: true`). */
const DigitalSensorSchema = z.object({ pin: DigitalPin, activeLow: z.boolean(), pullup: z.boolean().default(false) }).strict();
const LineSensorSchema = z.discriminatedUnion('kind', [
  /** TCRT5000 module's digital output: `darkHigh` when it reads HIGH over a dark line. */
  z.object({ kind: z.literal('digital'), pin: DigitalPin, darkHigh: z.boolean() }).strict(),
  z.object({ kind: z.literal('analog'), pin: AnalogPin, calibration: CalibrationSchema }).strict(),
]);
const LedSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rgb'), red: DigitalPin, green: DigitalPin, blue: DigitalPin, commonAnode: z.boolean() }).strict(),
  /** One LED: on for any colour but black. */
  z.object({ kind: z.literal('single'), pin: DigitalPin }).strict(),
]);
/** An active buzzer (sounds while its pin is HIGH); Firmata cannot make tones on a passive one without bit-banging
 *  over the serial line. */
const BuzzerSchema = z.object({ pin: DigitalPin }).strict();
const ServoSchema = z.object({ pin: DigitalPin, startDeg: z.number().min(0).max(180) }).strict();

const RobotProfileSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{3,60}$/),
  kit: z.literal('robot'),
  board: z.enum(['uno', 'nano', 'mega']),
  motors: z.object({ left: MotorSchema, right: MotorSchema }).strict(),
  /** Timed moves: a Firmata car has no wheel encoders, so `drive 20 cm` runs the motors for 20 / (cm/s at that
   *  speed). Measured on the car (drive 1 s at 100 %, measure; turn 1 s, measure). */
  motion: z.object({ cmPerSecondAtFull: z.number().positive().max(200), degPerSecondAtFull: z.number().positive().max(2000) }).strict(),
  led: LedSchema.nullable(),
  buzzer: BuzzerSchema.nullable(),
  servo: ServoSchema.nullable(),
  distance: AnalogSensorSchema.nullable(),
  lineSensors: z.array(LineSensorSchema).min(2).max(5),
  light: AnalogSensorSchema.nullable(),
  bumper: DigitalSensorSchema.nullable(),
  buttonA: DigitalSensorSchema.nullable(),
  buttonB: DigitalSensorSchema.nullable(),
}).strict();

const SensorKitProfileSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{3,60}$/),
  kit: z.literal('sensorkit'),
  board: z.enum(['uno', 'nano', 'mega']),
  temperature: AnalogSensorSchema.nullable(),
  humidity: AnalogSensorSchema.nullable(),
  light: AnalogSensorSchema.nullable(),
  sound: AnalogSensorSchema.nullable(),
  knob: AnalogSensorSchema.nullable(),
  motion: DigitalSensorSchema.nullable(),
  button: DigitalSensorSchema.nullable(),
  led: LedSchema.nullable(),
  buzzer: BuzzerSchema.nullable(),
}).strict();

/** Every pin a profile uses, as Arduino pin numbers (analog `An` → the board's digital number). */
export function pinsOf(profile: WiringProfile): number[] {
  const board = BOARDS[profile.board];
  const firstAnalog = board.digitalPins - board.analogInputs + (profile.board === 'nano' ? 2 : 0);
  const pins: number[] = [];
  const visit = (v: unknown, key: string): void => {
    if (typeof v === 'number' && ['pin', 'pwm', 'dir', 'cdir', 'red', 'green', 'blue'].includes(key)) pins.push(v);
    else if (typeof v === 'string' && key === 'pin') pins.push(firstAnalog + Number(v.slice(1)));
    else if (Array.isArray(v)) v.forEach((x) => visit(x, key));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) visit(x, k);
  };
  visit(profile, '');
  return pins;
}

export const WiringProfileSchema = z.discriminatedUnion('kit', [RobotProfileSchema, SensorKitProfileSchema]).superRefine((p, ctx) => {
  const board = BOARDS[p.board];
  const seen = new Set<number>();
  const json = JSON.stringify(p);
  for (const m of json.matchAll(/"pin":"A(\d+)"/g)) {
    if (Number(m[1]) >= board.analogInputs) ctx.addIssue({ code: 'custom', message: `A${m[1]} does not exist on the ${p.board}` });
  }
  for (const pin of pinsOf(p)) {
    // The Nano's A6/A7 count on as 20/21 (analog inputs only).
    if (pin >= board.digitalPins + (p.board === 'nano' ? 2 : 0)) ctx.addIssue({ code: 'custom', message: `pin ${pin} does not exist on the ${p.board}` });
    if (seen.has(pin)) ctx.addIssue({ code: 'custom', message: `pin ${pin} is used twice` });
    seen.add(pin);
  }
});
export type WiringProfile = z.infer<typeof WiringProfileSchema>;
export type RobotProfile = Extract<WiringProfile, { kit: 'robot' }>;
export type SensorKitProfile = Extract<WiringProfile, { kit: 'sensorkit' }>;

// -- the profiles -----------------------------------------------------------------------------------------------

/** LDR module on an ADC: bright → low voltage on most kit modules, so raw 1023 is dark (0 %). */
const ldr = (pin: string) => ({ pin, calibration: { kind: 'linear', rawLow: 1000, rawHigh: 40, low: 0, high: 100 } });
const knob = (pin: string) => ({ pin, calibration: { kind: 'linear', rawLow: 0, rawHigh: 1023, low: 0, high: 100 } });
/** Sound module's analog output: quiet sits near mid-scale noise floor, loud swings up. */
const sound = (pin: string) => ({ pin, calibration: { kind: 'linear', rawLow: 20, rawHigh: 700, low: 0, high: 100 } });
/** Sharp GP2Y0A21YK0F, 10–80 cm: cm ≈ 27.86 · V^−1.15. */
const irDistance = (pin: string) => ({ pin, calibration: { kind: 'irDistance', a: 27.86, b: -1.15 } });
/** Kit NTC module: 10 kΩ NTC (β 3950) to ground, 10 kΩ to 5 V. */
const ntc = (pin: string) => ({ pin, calibration: { kind: 'ntc', beta: 3950, r25Ohm: 10_000, seriesOhm: 10_000, ntcToGround: true } });
/** LM35: 10 mV/°C from 0 °C. */
const lm35 = (pin: string) => ({ pin, calibration: { kind: 'tempIc', mvPerC: 10, offsetMv: 0 } });
/** HR202-type analog humidity module: roughly linear 20–90 %RH over 0.6–3.0 V. */
const humidity = (pin: string) => ({ pin, calibration: { kind: 'linear', rawLow: 123, rawHigh: 614, low: 20, high: 90 } });
const button = (pin: number) => ({ pin, activeLow: true, pullup: true });

const RAW_PROFILES: unknown[] = [
  {
    id: 'uno-car-l298n', kit: 'robot', board: 'uno',
    motors: { left: { pwm: 5, dir: 4, cdir: 7 }, right: { pwm: 6, dir: 8, cdir: 12 } },
    motion: { cmPerSecondAtFull: 40, degPerSecondAtFull: 180 },
    led: { kind: 'single', pin: 13 }, buzzer: { pin: 11 }, servo: { pin: 10, startDeg: 90 },
    distance: irDistance('A0'),
    lineSensors: [{ kind: 'digital', pin: 2, darkHigh: true }, { kind: 'digital', pin: 3, darkHigh: true }],
    light: ldr('A1'), bumper: button(9), buttonA: button(14 + 2), buttonB: null,
  },
  {
    id: 'nano-car-l9110', kit: 'robot', board: 'nano',
    motors: { left: { pwm: 5, dir: 4, invertPWM: true }, right: { pwm: 6, dir: 7, invertPWM: true } },
    motion: { cmPerSecondAtFull: 35, degPerSecondAtFull: 160 },
    led: { kind: 'rgb', red: 9, green: 10, blue: 11, commonAnode: false }, buzzer: { pin: 12 }, servo: null,
    distance: irDistance('A6'),
    lineSensors: [{ kind: 'analog', pin: 'A0', calibration: { kind: 'threshold', threshold: 600, invert: false } }, { kind: 'analog', pin: 'A1', calibration: { kind: 'threshold', threshold: 600, invert: false } }],
    light: ldr('A7'), bumper: button(2), buttonA: button(3), buttonB: button(8),
  },
  {
    id: 'mega-car-l298n', kit: 'robot', board: 'mega',
    motors: { left: { pwm: 5, dir: 22, cdir: 23 }, right: { pwm: 6, dir: 24, cdir: 25 } },
    motion: { cmPerSecondAtFull: 45, degPerSecondAtFull: 200 },
    led: { kind: 'rgb', red: 9, green: 10, blue: 11, commonAnode: false }, buzzer: { pin: 30 }, servo: { pin: 12, startDeg: 90 },
    distance: irDistance('A0'),
    lineSensors: [{ kind: 'digital', pin: 31, darkHigh: true }, { kind: 'digital', pin: 32, darkHigh: true }, { kind: 'digital', pin: 33, darkHigh: true }],
    light: ldr('A1'), bumper: button(40), buttonA: button(41), buttonB: button(42),
  },
  {
    id: 'uno-sensor-kit', kit: 'sensorkit', board: 'uno',
    temperature: ntc('A0'), humidity: humidity('A1'), light: ldr('A2'), sound: sound('A3'), knob: knob('A4'),
    motion: { pin: 7, activeLow: false }, button: button(2),
    led: { kind: 'rgb', red: 9, green: 10, blue: 11, commonAnode: false }, buzzer: { pin: 8 },
  },
  {
    id: 'nano-sensor-kit', kit: 'sensorkit', board: 'nano',
    temperature: lm35('A0'), humidity: humidity('A1'), light: ldr('A2'), sound: sound('A6'), knob: knob('A7'),
    motion: { pin: 4, activeLow: false }, button: button(2),
    led: { kind: 'single', pin: 13 }, buzzer: { pin: 8 },
  },
  {
    id: 'mega-sensor-kit', kit: 'sensorkit', board: 'mega',
    temperature: ntc('A0'), humidity: humidity('A1'), light: ldr('A2'), sound: sound('A3'), knob: knob('A4'),
    motion: { pin: 22, activeLow: false }, button: button(24),
    led: { kind: 'rgb', red: 9, green: 10, blue: 11, commonAnode: false }, buzzer: { pin: 26 },
  },
];

/** The profiles, validated once at load (a bad entry throws here, naming the profile). */
export const WIRING_PROFILES: readonly WiringProfile[] = RAW_PROFILES.map((raw, i) => {
  const parsed = WiringProfileSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`[Firmata] wiring profile #${i} (${(raw as { id?: string }).id}) is invalid: ${parsed.error.issues.map((x) => x.message).join('; ')}`);
  return parsed.data;
});

export function findProfile(id: string): WiringProfile | undefined {
  return WIRING_PROFILES.find((p) => p.id === id);
}

/** What the device panel lists. */
export function profileInfos(): WiringProfileInfo[] {
  return WIRING_PROFILES.map((p) => ({ id: p.id, kit: p.kit, board: p.board, name: translateBoth('devices', `profile.${p.id}`) }));
}
