/**
 * The AI-lab robot kit around an emulated Uno: what the firmware's pins are wired to (firmware/ailab-robot/board-pins.h),
 * modelled so tests can set the world and read the actuators.
 *
 * What is modelled, and how
 * - Ultrasonic (HC-SR04): when the firmware ends its trigger pulse (pin 8 falls), the echo pin (2) goes high 0.2 ms
 *   later for the round-trip time of `distanceMm` at 343 m/s, cycle-exact in emulated time; `distanceMm: null` = no
 *   echo (nothing in range: the pin stays low and the firmware times out).
 * - Line sensors (A0–A2) and light (A3): ADC voltages. A dark line reads 4 V, the floor 0.5 V; light is raw 0…1023.
 * - Bumper (12) and buttons (A4, A5): inputs with pull-ups, pressed = low.
 * - Motors: speed from the PWM duty on pins 5/6, direction from pins 4/7 → −100…100 %.
 * - LED: red/green PWM duty on 9/10, blue on/off on 11. Buzzer: pin 3 toggling (tone()) within the last 10 ms.
 * - Optional I2C add-on (`fitted`): a TCS34725 colour sensor (0x29) reading `world.colourUnder`, and an MPU-6050 gyro
 *   (0x68) reading the turn rate. The add-on plugs into the I2C header on A4/A5, where the buttons sit on the basic
 *   kit, so a board with it has no buttons (`buttonA`/`buttonB` are not wired). The turn rate is what the wheels
 *   make (the timed model the firmware and the host assume: 1.8 °/s per % of wheel power difference / 2, clockwise
 *   when the left wheel is faster), reached with a lag (`turnLagMs`: the robot's inertia), plus `world.extraTurnDps`
 *   (a hand turning the robot); `headingDdeg()` is the true heading that follows, integrated every emulated ms.
 */
import type { AvrRunner } from './avr-runner';
import { ColourSensorTcs34725, TCS34725_ADDRESS, type SurfaceColour } from './colour-sensor-tcs34725';
import { GyroMpu6050, MPU6050_ADDRESS } from './gyro-mpu6050';

export const PINS = {
  leftPwm: 5,
  leftDir: 4,
  rightPwm: 6,
  rightDir: 7,
  usTrig: 8,
  usEcho: 2,
  buzzer: 3,
  ledR: 9,
  ledG: 10,
  ledB: 11,
  line: [14, 15, 16] as const,
  light: 17,
  bumper: 12,
  buttonA: 18,
  buttonB: 19,
} as const;

export interface RobotWorld {
  /** Distance to the obstacle ahead, mm; null = nothing in range. */
  distanceMm: number | null;
  /** Line sensors left to right; true = over a dark line. */
  lineDark: [boolean, boolean, boolean];
  /** Ambient light, raw ADC 0…1023. */
  lightRaw: number;
  bumper: boolean;
  buttonA: boolean;
  buttonB: boolean;
  /** The surface under the colour sensor, 0…255 per channel (only seen when the colour sensor is fitted). */
  colourUnder: SurfaceColour;
  /** Rotation from outside the wheels, °/s clockwise (only seen when the gyro is fitted). */
  extraTurnDps: number;
}

/** I2C add-on chips fitted to the board (default none: the basic kit). */
export interface FittedSensors {
  readonly colour?: boolean;
  readonly gyro?: boolean;
  /** The gyro's zero-rate offset, °/s (default 0). */
  readonly gyroBiasDps?: number;
  /**
   * How fast the robot's rotation follows the wheels: time constant of a first-order lag, ms (default 50, a small
   * geared robot; 0 = at once). A robot at 180 °/s coasts about rate × lag ≈ 9° after its motors stop.
   */
  readonly turnLagMs?: number;
}

/** The timed turn model: degrees per second per % of wheel power difference / 2 (PROTOCOL.md host timing). */
const DPS_PER_PERCENT = 1.8;

const SOUND_MM_PER_US = 0.343;
const ECHO_DELAY_MS = 0.2;

export class VirtualRobotBoard {
  readonly world: RobotWorld = {
    distanceMm: null,
    lineDark: [false, false, false],
    lightRaw: 512,
    bumper: false,
    buttonA: false,
    buttonB: false,
    colourUnder: { r: 0, g: 0, b: 0 },
    extraTurnDps: 0,
  };
  /** Ultrasonic measurements answered (trigger pulses seen). */
  pings = 0;
  private lastBuzzerToggleMs = -Infinity;
  private readonly hasI2c: boolean;
  /** True heading, tenths of a degree clockwise from power-on, not wrapped. */
  private heading = 0;
  /** The rotation the wheels have really built up, °/s clockwise (lags their powers by `turnLagMs`). */
  private wheelDps = 0;

  constructor(
    readonly runner: AvrRunner,
    readonly fitted: FittedSensors = {},
  ) {
    this.hasI2c = fitted.colour === true || fitted.gyro === true;
    if (fitted.colour) runner.i2c.add(TCS34725_ADDRESS, new ColourSensorTcs34725(() => this.world.colourUnder, () => runner.emulatedMs));
    if (fitted.gyro) {
      runner.i2c.add(MPU6050_ADDRESS, new GyroMpu6050(() => this.turnDps(), fitted.gyroBiasDps));
      // Every emulated ms; re-armed on each new CPU (a reset drops the old one's clock events).
      const lagMs = fitted.turnLagMs ?? 50;
      const tick = () => {
        const commanded = this.wheelsDps();
        this.wheelDps = lagMs > 0 ? this.wheelDps + (commanded - this.wheelDps) * (1 - Math.exp(-1 / lagMs)) : commanded;
        this.heading += this.turnDps() / 100;
        runner.after(1, tick);
      };
      runner.i2c.onDidAttach(() => runner.after(1, tick));
      runner.after(1, tick);
    }
    this.apply();
    runner.onPin(PINS.usTrig, (high) => {
      if (high) return;
      this.pings++;
      const mm = this.world.distanceMm;
      if (mm === null) return;
      const widthMs = (2 * mm) / SOUND_MM_PER_US / 1000;
      runner.after(ECHO_DELAY_MS, () => {
        runner.setInput(PINS.usEcho, true);
        runner.after(widthMs, () => runner.setInput(PINS.usEcho, false));
      });
    });
    runner.onPin(PINS.buzzer, (_high, atMs) => (this.lastBuzzerToggleMs = atMs));
  }

  /** Changes the world the sensors see (takes effect at once, in emulated time). */
  set(changes: Partial<RobotWorld>): void {
    Object.assign(this.world, changes);
    this.apply();
  }

  /** Wheel powers −100…100 %, as the motor driver sees them. */
  motors(): { left: number; right: number } {
    const power = (pwm: number, dir: number) => Math.round(this.runner.pwmDuty(pwm) * 100) * (this.runner.pinHigh(dir) ? 1 : -1) || 0;
    return { left: power(PINS.leftPwm, PINS.leftDir), right: power(PINS.rightPwm, PINS.rightDir) };
  }

  /** LED colour as 0…255 per channel (blue is on/off). */
  led(): { r: number; g: number; b: number } {
    return {
      r: Math.round(this.runner.pwmDuty(PINS.ledR) * 255),
      g: Math.round(this.runner.pwmDuty(PINS.ledG) * 255),
      b: this.runner.pinHigh(PINS.ledB) ? 255 : 0,
    };
  }

  /** The robot's turn rate now, °/s clockwise: what the wheels have built up plus `world.extraTurnDps`. */
  turnDps(): number {
    return this.wheelDps + this.world.extraTurnDps;
  }

  /** The rotation the wheels' powers ask for now, °/s clockwise (the robot gets there after `turnLagMs`). */
  private wheelsDps(): number {
    const { left, right } = this.motors();
    return (DPS_PER_PERCENT * (left - right)) / 2;
  }

  /** The true heading (gyro fitted), tenths of a degree clockwise from power-on, 0…3599. */
  headingDdeg(): number {
    return ((Math.round(this.heading) % 3600) + 3600) % 3600;
  }

  /** True while the buzzer pin toggles. */
  buzzing(): boolean {
    return this.runner.emulatedMs - this.lastBuzzerToggleMs < 10;
  }

  private apply(): void {
    const { runner, world } = this;
    world.lineDark.forEach((dark, i) => runner.setAnalog(PINS.line[i]! - 14, dark ? 4 : 0.5));
    runner.setAnalog(PINS.light - 14, (Math.min(1023, Math.max(0, world.lightRaw)) * 5) / 1024);
    runner.setInput(PINS.bumper, !world.bumper);
    // With the I2C add-on, A4/A5 are SDA/SCL: no buttons there (the bus idles high through its pull-ups).
    runner.setInput(PINS.buttonA, this.hasI2c || !world.buttonA);
    runner.setInput(PINS.buttonB, this.hasI2c || !world.buttonB);
  }
}
