/**
 * The virtual sensor kit. Values come from on-screen inputs (`setInput`) and from the arena: light follows the
 * arena's light level (±1 % noise) until a slider sets it; temperature and humidity drift slowly (seeded random walk,
 * at most ±1 °C / ±3 % around 22 °C / 45 %) until a slider sets them, then read the slider ±0.1.
 */
import type { SensorKit, SensorKitReadings } from '../device/sensor-kit';
import type { SimContext } from './context';
import type { SimRandom } from './random';

/** Inputs the UI can set, by reading name. Numbers are clamped to each reading's range. */
export type KitInputName = keyof SensorKitReadings;
export const KIT_INPUT_NAMES: readonly KitInputName[] = ['temperatureC', 'humidityPercent', 'lightPercent', 'soundPercent', 'motion', 'knobPercent', 'buttonPressed'];

type MutableKitReadings = { -readonly [K in keyof SensorKitReadings]: SensorKitReadings[K] };

const BASE_TEMPERATURE_C = 22;
const BASE_HUMIDITY = 45;

export class VirtualSensorKit implements SensorKit {
  readonly kind = 'sensorkit' as const;
  ledColour = '#000000';
  displayText = '';
  private readonly inputs: Partial<Record<KitInputName, number | boolean>> = {};
  private tempDrift = 0;
  private humidityDrift = 0;
  private readonly now: MutableKitReadings = {
    temperatureC: BASE_TEMPERATURE_C, humidityPercent: BASE_HUMIDITY, lightPercent: 0, soundPercent: 0, motion: false, knobPercent: 0, buttonPressed: false,
  };

  constructor(private readonly ctx: SimContext, private readonly random: SimRandom) {}

  readings(): SensorKitReadings {
    return this.now;
  }

  setLed(colour: string): void {
    this.ledColour = /^#[0-9a-fA-F]{6}$/.test(colour) ? colour.toLowerCase() : '#000000';
  }

  showText(text: string): void {
    this.displayText = String(text).slice(0, 32);
  }

  safeState(): void {
    // Nothing moves on a sensor kit; LED and display keep their state (as on the robot).
  }

  /** Sets an on-screen input; `null` returns the reading to its arena/drift value. */
  setInput(name: KitInputName, value: number | boolean | null): void {
    if (!KIT_INPUT_NAMES.includes(name)) return;
    if (value === null) delete this.inputs[name];
    else this.inputs[name] = value;
  }

  sample(): void {
    const n = this.now;
    const inp = this.inputs;
    // Random walk, pulled back towards 0 so it stays within the stated bounds.
    this.tempDrift = clamp(this.tempDrift * 0.999 + this.random.symmetric(0.002), -1, 1);
    this.humidityDrift = clamp(this.humidityDrift * 0.999 + this.random.symmetric(0.006), -3, 3);
    n.temperatureC = round1(typeof inp.temperatureC === 'number' ? clamp(inp.temperatureC, -20, 60) + this.random.symmetric(0.1) : BASE_TEMPERATURE_C + this.tempDrift);
    n.humidityPercent = round1(clamp(typeof inp.humidityPercent === 'number' ? inp.humidityPercent + this.random.symmetric(0.1) : BASE_HUMIDITY + this.humidityDrift, 0, 100));
    n.lightPercent = round1(clamp(typeof inp.lightPercent === 'number' ? inp.lightPercent : this.ctx.arena.lightPercent + this.random.symmetric(1), 0, 100));
    n.soundPercent = round1(clamp(typeof inp.soundPercent === 'number' ? inp.soundPercent : 5 + this.random.symmetric(2), 0, 100));
    n.motion = inp.motion === true || inp.motion === 1;
    n.knobPercent = round1(clamp(typeof inp.knobPercent === 'number' ? inp.knobPercent : 0, 0, 100));
    n.buttonPressed = inp.buttonPressed === true || inp.buttonPressed === 1;
  }
}

const clamp = (v: number, lo: number, hi: number): number => (v < lo ? lo : v > hi ? hi : v);
const round1 = (v: number): number => Math.round(v * 10) / 10;
