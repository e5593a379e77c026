/**
 * The sensor readings a student can record by hand from the data panel ("record what the sensors read now"), taken
 * from the latest simulator snapshot: the robot's distance and heading, the sensor kit's numbers. Only numbers:
 * models learn from numbers (booleans like "motion" would need a 0/1 convention the class has not met yet).
 */
import type { Snapshot } from '../../../core/sim/snapshot';

export const LIVE_SENSORS = ['distanceCm', 'headingDeg', 'temperatureC', 'humidityPercent', 'lightPercent', 'soundPercent', 'knobPercent'] as const;
export type LiveSensor = (typeof LIVE_SENSORS)[number];
export type LiveReadings = Partial<Record<LiveSensor, number>>;

export function liveReadings(snapshot: Snapshot | null): LiveReadings {
  if (!snapshot) return {};
  const out: LiveReadings = {};
  const robot = snapshot.robots[0];
  if (robot) {
    out.distanceCm = robot.ultrasonic.distanceCm;
    out.headingDeg = robot.headingDeg;
  }
  const kit = snapshot.kit;
  if (kit) {
    out.temperatureC = kit.temperatureC;
    out.humidityPercent = kit.humidityPercent;
    out.lightPercent = kit.lightPercent;
    out.soundPercent = kit.soundPercent;
    out.knobPercent = kit.knobPercent;
  }
  return out;
}
