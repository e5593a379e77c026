import type { Completion } from './completion';

export type DroneDirection = 'up' | 'down' | 'left' | 'right' | 'forward' | 'back';
export type FlipDirection = 'left' | 'right' | 'forward' | 'back';

export interface DroneReadings {
  /** Height above the ground, cm. */
  readonly heightCm: number;
  /** Battery, 0–100 %. */
  readonly batteryPercent: number;
  readonly flying: boolean;
  /** Yaw, degrees 0–360 clockwise from the heading at take-off. */
  readonly yawDeg: number;
}

/**
 * A Tello-class drone. Commands follow the Tello SDK text commands (takeoff, land, up/down/… 20–500 cm,
 * cw/ccw 1–360°, flip l/r/f/b); each is done when the drone reports `ok`. The drone lands by itself after
 * 15 s without a command.
 */
export interface Drone {
  readonly kind: 'drone';
  readings(): DroneReadings;
  takeoff(): Completion;
  land(): Completion;
  /** Move `cm` (20–500) in `direction`, relative to the drone's heading. */
  move(direction: DroneDirection, cm: number): Completion;
  /** Rotate `deg` clockwise (negative = anticlockwise). */
  rotateDeg(deg: number): Completion;
  flip(direction: FlipDirection): Completion;
  /** Stop motors at once (falls). Bypasses any command queue. */
  emergency(): void;
  /** Safe state: land if flying. */
  safeState(): void;
}
