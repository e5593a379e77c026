import type { CameraFrame, CameraNeed } from './camera';
import type { Completion } from './completion';

/** Colour names the colour sensor and the AI camera report. */
export type ColourName = 'red' | 'green' | 'blue' | 'yellow' | 'black' | 'white' | 'none';
export const COLOUR_NAMES: readonly ColourName[] = ['red', 'green', 'blue', 'yellow', 'black', 'white', 'none'];

/** One sample of every robot-car sensor, taken once per tick. */
export interface RobotReadings {
  /** Ultrasonic distance straight ahead, cm, 2–400; 400 when nothing is in range. */
  readonly distanceCm: number;
  /** Line sensors left → right (at least two); true when the sensor is over a dark line. */
  readonly lineSensors: readonly boolean[];
  /** Ambient light level, 0–100 %. */
  readonly lightPercent: number;
  /** Colour of the floor or object directly under the colour sensor. */
  readonly colourUnder: ColourName;
  /** Gyro heading, degrees 0–360, clockwise, 0 = heading at start. */
  readonly headingDeg: number;
  /** True while the front bumper touches something. */
  readonly bumperPressed: boolean;
  /** On-board buttons. */
  readonly buttonA: boolean;
  readonly buttonB: boolean;
}

/** The two-wheel robot car, as the interpreter sees it; virtual and hardware drivers implement it alike. */
export interface Robot {
  readonly kind: 'robot';
  /** The sample taken by the last `DeviceSet.sample()`. */
  readings(): RobotReadings;
  /** Drive straight `cm` (negative = backwards) at `speedPercent` (1–100). Done when odometry reaches it. */
  driveCm(cm: number, speedPercent: number): Completion;
  /** Turn on the spot `deg` clockwise (negative = anticlockwise) at `speedPercent`. Done when the gyro says so. */
  turnDeg(deg: number, speedPercent: number): Completion;
  /** Set each wheel's motor power, −100…100 %, until changed. Cancels a drive/turn in progress. */
  setMotors(leftPercent: number, rightPercent: number): void;
  /** Motors to 0 at once. */
  stopMotors(): void;
  /** RGB LED colour as `#rrggbb`; `#000000` is off. */
  setLed(colour: string): void;
  /** Buzzer tone at `frequencyHz` (0 = rest) for `beats` (1 beat = 0.5 s). Done when the tone ends. */
  playTone(frequencyHz: number, beats: number): Completion;
  /** Text on the small display (at most 32 characters shown). */
  showText(text: string): void;
  /** Motors 0, buzzer off. LED and display keep their state. */
  safeState(): void;
  /**
   * What the AI camera sees now (core/device/camera.ts), at least the part `need` names. Absent on a robot without
   * a camera (its camera readings then stop the program with a missing-device error). Reads within a tick agree.
   */
  camera?(need: CameraNeed): CameraFrame;
}
