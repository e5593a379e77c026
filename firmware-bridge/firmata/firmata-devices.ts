/**
 * Core's `Robot` and `SensorKit` on a Firmata board, built from a wiring profile with johnny-five components: Motor
 * (directional H-bridge), Led / Led.RGB, Sensor (analog, raw 0–1023, calibrated in `sample()`), Button (digital
 * inputs with pull-up and inversion), Servo, and a digital Pin for an active buzzer.
 *
 * What a Firmata car cannot do and how it is met (the program cannot tell, but the numbers are estimates):
 * - no wheel encoders: `driveCm` / `turnDeg` run the motors for distance ÷ (profile cm/s × speed %) and are done
 *   then; `headingDeg` adds up the turns made (no gyro);
 * - an active buzzer has one pitch: `playTone` sounds it for the beats asked (frequency 0 is a rest);
 * - no display: `showText` is accepted and shown nowhere; no colour sensor: `colourUnder` is 'none';
 * - no distance sensor in a profile: `distanceCm` is 400 (nothing in range).
 */
import type { Completion } from '../../core/device/completion';
import { DONE } from '../../core/device/completion';
import type { DeviceSet } from '../../core/device/device-set';
import type { Robot, RobotReadings } from '../../core/device/robot';
import type { SensorKit, SensorKitReadings } from '../../core/device/sensor-kit';
import type { Board } from 'johnny-five';
import { DriverCompletion } from '../driver-completion';
import { calibrate, percent } from './calibration';
import { five, type FirmataBoard } from './firmata-board';
import type { RobotProfile, SensorKitProfile, WiringProfile } from './profiles';

/** Analog readings are asked for this often, ms (Firmata's sampling interval). */
export const ANALOG_SAMPLE_MS = 25;
const BEAT_MS = 500;

type AnalogSpec = { pin: string; calibration: Parameters<typeof calibrate>[1] };
type DigitalSpec = { pin: number; activeLow: boolean; pullup: boolean };

/** Inputs of one board: the newest raw analog value per pin and digital levels, read by `sample()`. */
class Inputs {
  private readonly raw = new Map<string, number>();
  private readonly buttons = new Map<number, InstanceType<typeof five.Button>>();
  hasAnalog = false;

  constructor(
    private readonly board: Board,
    private readonly link: FirmataBoard,
  ) {}

  analog(spec: AnalogSpec | null): void {
    if (!spec || this.raw.has(spec.pin)) return;
    this.raw.set(spec.pin, NaN);
    this.hasAnalog = true;
    const sensor = new five.Sensor({ board: this.board, pin: spec.pin, freq: ANALOG_SAMPLE_MS });
    sensor.on('data', () => this.raw.set(spec.pin, sensor.value));
    this.link.onClose(() => sensor.disable());
  }

  digital(spec: DigitalSpec | { pin: number; highIsActive: boolean } | null): void {
    if (!spec || this.buttons.has(spec.pin)) return;
    const pullup = 'pullup' in spec ? spec.pullup : false;
    const activeLow = 'activeLow' in spec ? spec.activeLow : !spec.highIsActive;
    this.buttons.set(spec.pin, new five.Button({ board: this.board, pin: spec.pin, isPullup: pullup, invert: activeLow }));
  }

  rawOf(pin: string): number {
    return this.raw.get(pin) ?? NaN;
  }
  read(spec: AnalogSpec | null, fallback: number, asPercent = false): number {
    if (!spec) return fallback;
    const raw = this.raw.get(spec.pin);
    if (raw === undefined || Number.isNaN(raw)) return fallback;
    return asPercent ? percent(raw, spec.calibration) : calibrate(raw, spec.calibration);
  }
  active(pin: number | undefined): boolean {
    return pin !== undefined && (this.buttons.get(pin)?.isDown ?? false);
  }
}

/** `#rrggbb` → on the profile's LED (an RGB LED takes the colour; a single LED is on for anything but black). */
function ledSetter(board: Board, spec: RobotProfile['led']): (colour: string) => void {
  if (!spec) return () => undefined;
  if (spec.kind === 'single') {
    const led = new five.Led({ board, pin: spec.pin });
    return (c) => (/^#?0{6}$/i.test(c) ? led.off() : led.on());
  }
  const rgb = new five.Led.RGB({ board, pins: { red: spec.red, green: spec.green, blue: spec.blue }, isAnode: spec.commonAnode });
  return (c) => {
    const hex = /^#?[0-9a-f]{6}$/i.test(c) ? c.replace('#', '') : '000000';
    if (hex === '000000') rgb.off();
    else rgb.color(`#${hex}`);
  };
}

/** Active buzzer on a digital pin: `on(ms)` sounds it, a new tone or `off()` ends the last. */
function buzzer(board: Board, spec: RobotProfile['buzzer']) {
  const pin = spec ? new five.Pin({ board, pin: spec.pin, type: 'digital' }) : null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let current: DriverCompletion | null = null;
  const off = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    pin?.low();
    current?.settle('done');
    current = null;
  };
  return {
    off,
    play(frequencyHz: number, beats: number): Completion {
      off();
      const ms = Math.max(0, beats) * BEAT_MS;
      if (ms === 0) return DONE;
      const done = new DriverCompletion('Firmata');
      current = done;
      if (frequencyHz > 0) pin?.high();
      timer = setTimeout(off, ms);
      return done;
    },
  };
}

export class FirmataRobot implements Robot {
  readonly kind = 'robot' as const;
  private readonly inputs: Inputs;
  private readonly left: InstanceType<typeof five.Motor>;
  private readonly right: InstanceType<typeof five.Motor>;
  private readonly led: (colour: string) => void;
  private readonly buzz: ReturnType<typeof buzzer>;
  private motion: { completion: DriverCompletion; timer: ReturnType<typeof setTimeout>; turnDeg: number; startedAt: number; ms: number } | null = null;
  private heading = 0;
  private sampled: RobotReadings;
  /** Motor powers last set, % (tests and the panel). */
  readonly power = { left: 0, right: 0 };

  constructor(
    readonly link: FirmataBoard,
    readonly profile: RobotProfile,
  ) {
    const board = link.board;
    const motor = (m: RobotProfile['motors']['left']) => new five.Motor({ board, pins: { pwm: m.pwm, dir: m.dir, ...(m.cdir !== undefined ? { cdir: m.cdir } : {}) }, invertPWM: m.invertPWM });
    this.left = motor(profile.motors.left);
    this.right = motor(profile.motors.right);
    this.led = ledSetter(board, profile.led);
    this.buzz = buzzer(board, profile.buzzer);
    if (profile.servo) new five.Servo({ board, pin: profile.servo.pin, startAt: profile.servo.startDeg });
    this.inputs = new Inputs(board, link);
    this.inputs.analog(profile.distance);
    this.inputs.analog(profile.light);
    for (const s of profile.lineSensors) {
      if (s.kind === 'analog') this.inputs.analog(s);
      else this.inputs.digital({ pin: s.pin, highIsActive: s.darkHigh });
    }
    this.inputs.digital(profile.bumper);
    this.inputs.digital(profile.buttonA);
    this.inputs.digital(profile.buttonB);
    if (this.inputs.hasAnalog) link.expectStream();
    this.sampled = this.read();
  }

  readings(): RobotReadings {
    return this.sampled;
  }

  sample(): void {
    this.sampled = this.read();
  }

  private read(): RobotReadings {
    const p = this.profile;
    const i = this.inputs;
    return {
      distanceCm: i.read(p.distance, 400),
      lineSensors: p.lineSensors.map((s) => (s.kind === 'analog' ? i.read(s, 0) === 1 : i.active(s.pin))),
      lightPercent: i.read(p.light, 0, true),
      colourUnder: 'none',
      headingDeg: ((this.heading % 360) + 360) % 360,
      bumperPressed: i.active(p.bumper?.pin),
      buttonA: i.active(p.buttonA?.pin),
      buttonB: i.active(p.buttonB?.pin),
    };
  }

  setMotors(leftPercent: number, rightPercent: number): void {
    this.endMotion();
    this.drive(leftPercent, rightPercent);
  }

  stopMotors(): void {
    this.setMotors(0, 0);
  }

  driveCm(cm: number, speedPercent: number): Completion {
    const sign = Math.sign(cm);
    const cmPerS = (this.profile.motion.cmPerSecondAtFull * speedPercent) / 100;
    return this.timedMove((Math.abs(cm) / cmPerS) * 1000, sign * speedPercent, sign * speedPercent, 0);
  }

  turnDeg(deg: number, speedPercent: number): Completion {
    const sign = Math.sign(deg);
    const degPerS = (this.profile.motion.degPerSecondAtFull * speedPercent) / 100;
    return this.timedMove((Math.abs(deg) / degPerS) * 1000, sign * speedPercent, -sign * speedPercent, deg);
  }

  setLed(colour: string): void {
    this.led(colour);
  }

  playTone(frequencyHz: number, beats: number): Completion {
    return this.buzz.play(frequencyHz, beats);
  }

  showText(): void {
    // No display on a Firmata car (see the file comment).
  }

  safeState(): void {
    this.endMotion();
    this.drive(0, 0);
    this.buzz.off();
  }

  private timedMove(ms: number, left: number, right: number, turnDeg: number): Completion {
    this.endMotion();
    if (!(ms > 0)) return DONE;
    const completion = new DriverCompletion('Firmata');
    this.drive(left, right);
    const timer = setTimeout(() => {
      this.endMotion();
      this.drive(0, 0);
    }, ms);
    this.motion = { completion, timer, turnDeg, startedAt: performance.now(), ms };
    return completion;
  }

  /** Settles the move in progress; a turn cut short counts the part turned. */
  private endMotion(): void {
    const m = this.motion;
    if (!m) return;
    this.motion = null;
    clearTimeout(m.timer);
    this.heading += m.turnDeg * Math.min(1, (performance.now() - m.startedAt) / m.ms);
    m.completion.settle('done');
  }

  private drive(leftPercent: number, rightPercent: number): void {
    this.power.left = leftPercent;
    this.power.right = rightPercent;
    const set = (motor: InstanceType<typeof five.Motor>, percentPower: number, reversed: boolean) => {
      const p = reversed ? -percentPower : percentPower;
      const pwm = Math.round((Math.min(100, Math.abs(p)) / 100) * 255);
      if (pwm === 0) motor.stop();
      else if (p > 0) motor.forward(pwm);
      else motor.reverse(pwm);
    };
    set(this.left, leftPercent, this.profile.motors.left.reversed);
    set(this.right, rightPercent, this.profile.motors.right.reversed);
  }
}

export class FirmataSensorKit implements SensorKit {
  readonly kind = 'sensorkit' as const;
  private readonly inputs: Inputs;
  private readonly led: (colour: string) => void;
  private readonly buzz: ReturnType<typeof buzzer>;
  private sampled: SensorKitReadings;

  constructor(
    readonly link: FirmataBoard,
    readonly profile: SensorKitProfile,
  ) {
    const board = link.board;
    this.led = ledSetter(board, profile.led);
    this.buzz = buzzer(board, profile.buzzer);
    this.inputs = new Inputs(board, link);
    for (const a of [profile.temperature, profile.humidity, profile.light, profile.sound, profile.knob]) this.inputs.analog(a);
    this.inputs.digital(profile.motion);
    this.inputs.digital(profile.button);
    if (this.inputs.hasAnalog) link.expectStream();
    this.sampled = this.read();
  }

  readings(): SensorKitReadings {
    return this.sampled;
  }

  sample(): void {
    this.sampled = this.read();
  }

  private read(): SensorKitReadings {
    const p = this.profile;
    const i = this.inputs;
    return {
      temperatureC: i.read(p.temperature, 0),
      humidityPercent: i.read(p.humidity, 0, true),
      lightPercent: i.read(p.light, 0, true),
      soundPercent: i.read(p.sound, 0, true),
      motion: i.active(p.motion?.pin),
      knobPercent: i.read(p.knob, 0, true),
      buttonPressed: i.active(p.button?.pin),
    };
  }

  /** Raw ADC value of an analog pin (tests check calibration against it). */
  raw(pin: string): number {
    return this.inputs.rawOf(pin);
  }

  setLed(colour: string): void {
    this.led(colour);
  }

  showText(): void {
    // Sensor kits on Firmata have no display.
  }

  safeState(): void {
    this.buzz.off();
  }
}

/** The DeviceSet for a profile: a robot car or a sensor kit on the connected board. */
export function firmataDeviceSet(link: FirmataBoard, profile: WiringProfile): { devices: DeviceSet; robot: FirmataRobot | null; kit: FirmataSensorKit | null } {
  const robot = profile.kit === 'robot' ? new FirmataRobot(link, profile) : null;
  const kit = profile.kit === 'sensorkit' ? new FirmataSensorKit(link, profile) : null;
  const device = robot ?? kit!;
  return {
    robot,
    kit,
    devices: {
      robot,
      drone: null,
      kit,
      sample: () => device.sample(),
      safeState: () => {
        try {
          device.safeState();
        } catch (err) {
          // DeviceSet.safeState must never throw.
          console.error(`[Firmata] safe state failed: ${err instanceof Error ? err.message : String(err)}`);
        }
      },
    },
  };
}
