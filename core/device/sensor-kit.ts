/** One sample of a sensor kit (temperature, humidity, light, sound, PIR motion, knob, button). */
export interface SensorKitReadings {
  readonly temperatureC: number;
  readonly humidityPercent: number;
  /** 0–100 %. */
  readonly lightPercent: number;
  /** 0–100 %. */
  readonly soundPercent: number;
  /** PIR motion detected. */
  readonly motion: boolean;
  /** Potentiometer, 0–100 %. */
  readonly knobPercent: number;
  readonly buttonPressed: boolean;
}

export interface SensorKit {
  readonly kind: 'sensorkit';
  readings(): SensorKitReadings;
  /** LED colour as `#rrggbb`. */
  setLed(colour: string): void;
  showText(text: string): void;
  safeState(): void;
}
