/**
 * The AI-lab sensor kit around an emulated Uno: the modules on the pins of firmware/ailab-kit/board-pins.h (the same
 * wiring as the Firmata profile `uno-sensor-kit`), so tests set what the sensors output and read the LED and buzzer.
 *
 * - Analog modules (temperature A0, humidity A1, light A2, sound A3, knob A4): the voltage each puts on its pin, 0…5 V,
 *   as a meter on the real kit would read it. The host's calibration turns the raw ADC value into core units.
 * - PIR (7): high while it sees motion. Button (2): to ground with the pull-up, pressed = low.
 * - LED: red/green PWM duty on 9/10, blue on/off on 11. Buzzer: pin 8 toggling (tone()) within the last 10 ms.
 */
import type { AvrRunner } from './avr-runner';

export const KIT_PINS = {
  temperature: 14,
  humidity: 15,
  light: 16,
  sound: 17,
  knob: 18,
  motion: 7,
  button: 2,
  ledR: 9,
  ledG: 10,
  ledB: 11,
  buzzer: 8,
} as const;

export interface KitWorld {
  /** Volts on each analog module's output, 0…5. */
  temperatureVolts: number;
  humidityVolts: number;
  lightVolts: number;
  soundVolts: number;
  knobVolts: number;
  motion: boolean;
  buttonPressed: boolean;
}

export class VirtualKitBoard {
  /** A quiet room at about 25 °C, 50 %RH, lit, knob half way. */
  readonly world: KitWorld = { temperatureVolts: 2.5, humidityVolts: 1.8, lightVolts: 1.5, soundVolts: 0.1, knobVolts: 2.5, motion: false, buttonPressed: false };
  private lastBuzzerToggleMs = -Infinity;

  constructor(readonly runner: AvrRunner) {
    this.apply();
    runner.onPin(KIT_PINS.buzzer, (_high, atMs) => (this.lastBuzzerToggleMs = atMs));
  }

  /** Changes what the modules output (takes effect at once, in emulated time). */
  set(changes: Partial<KitWorld>): void {
    Object.assign(this.world, changes);
    this.apply();
  }

  /** LED colour as 0…255 per channel (blue is on/off). */
  led(): { r: number; g: number; b: number } {
    return {
      r: Math.round(this.runner.pwmDuty(KIT_PINS.ledR) * 255),
      g: Math.round(this.runner.pwmDuty(KIT_PINS.ledG) * 255),
      b: this.runner.pinHigh(KIT_PINS.ledB) ? 255 : 0,
    };
  }

  /** True while the buzzer pin toggles. */
  buzzing(): boolean {
    return this.runner.emulatedMs - this.lastBuzzerToggleMs < 10;
  }

  private apply(): void {
    const { runner, world } = this;
    runner.setAnalog(KIT_PINS.temperature - 14, world.temperatureVolts);
    runner.setAnalog(KIT_PINS.humidity - 14, world.humidityVolts);
    runner.setAnalog(KIT_PINS.light - 14, world.lightVolts);
    runner.setAnalog(KIT_PINS.sound - 14, world.soundVolts);
    runner.setAnalog(KIT_PINS.knob - 14, world.knobVolts);
    runner.setInput(KIT_PINS.motion, world.motion);
    runner.setInput(KIT_PINS.button, !world.buttonPressed);
  }
}
