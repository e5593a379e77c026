/**
 * What the sim worker posts to the stage, once per tick to the trace and at display rate to the UI.
 * Plain data; the stage interpolates between two snapshots and never drives the model.
 */
import type { CameraFrame } from '../device/camera';
import type { SensorKitReadings } from '../device/sensor-kit';

export type Vec3 = readonly [number, number, number];
/** Quaternion x, y, z, w. */
export type Quat = readonly [number, number, number, number];

export interface BodySnapshot {
  readonly id: string;
  readonly position: Vec3;
  readonly rotation: Quat;
}

export interface RobotSnapshot extends BodySnapshot {
  readonly ledColour: string;
  readonly displayText: string;
  /** Buzzer frequency now, 0 when silent. */
  readonly toneHz: number;
  readonly leftMotorPercent: number;
  readonly rightMotorPercent: number;
  /** Ultrasonic ray for the HUD: from the sensor, length in metres to what it hit (or max range). */
  readonly ultrasonic: { readonly from: Vec3; readonly to: Vec3; readonly distanceCm: number };
  readonly lineSensors: readonly boolean[];
  readonly colourUnder: string;
  readonly headingDeg: number;
  readonly bumperPressed: boolean;
}

export interface DroneSnapshot extends BodySnapshot {
  readonly flying: boolean;
  readonly heightCm: number;
  readonly batteryPercent: number;
  /** Ring ids passed so far, in order. */
  readonly ringsPassed: readonly string[];
}

export interface SensorKitSnapshot extends SensorKitReadings {
  readonly ledColour: string;
  readonly displayText: string;
}

export interface Snapshot {
  /** Device time, ms since the run started. */
  readonly timeMs: number;
  readonly tick: number;
  readonly robots: readonly RobotSnapshot[];
  readonly drones: readonly DroneSnapshot[];
  readonly kit: SensorKitSnapshot | null;
  /** Movable props (sorting cubes) that may have been pushed. */
  readonly props: readonly BodySnapshot[];
  /** What the first robot's AI camera sees; only while the stage's camera view is open (computing it costs). */
  readonly camera?: CameraFrame;
}
