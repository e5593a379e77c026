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
 */
import type { AvrRunner } from './avr-runner';

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
}

const SOUND_MM_PER_US = 0.343;
const ECHO_DELAY_MS = 0.2;

export class VirtualRobotBoard {
  readonly world: RobotWorld = { distanceMm: null, lineDark: [false, false, false], lightRaw: 512, bumper: false, buttonA: false, buttonB: false };
  /** Ultrasonic measurements answered (trigger pulses seen). */
  pings = 0;
  private lastBuzzerToggleMs = -Infinity;

  constructor(readonly runner: AvrRunner) {
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

  /** True while the buzzer pin toggles. */
  buzzing(): boolean {
    return this.runner.emulatedMs - this.lastBuzzerToggleMs < 10;
  }

  private apply(): void {
    const { runner, world } = this;
    world.lineDark.forEach((dark, i) => runner.setAnalog(PINS.line[i]! - 14, dark ? 4 : 0.5));
    runner.setAnalog(PINS.light - 14, (Math.min(1023, Math.max(0, world.lightRaw)) * 5) / 1024);
    runner.setInput(PINS.bumper, !world.bumper);
    runner.setInput(PINS.buttonA, !world.buttonA);
    runner.setInput(PINS.buttonB, !world.buttonB);
  }
}
