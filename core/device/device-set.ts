import type { Drone } from './drone';
import type { Robot } from './robot';
import type { SensorKit } from './sensor-kit';

/**
 * The devices one program drives. The interpreter reaches the world only through this: it cannot tell a
 * virtual device from a real one.
 */
export interface DeviceSet {
  readonly robot: Robot | null;
  readonly drone: Drone | null;
  readonly kit: SensorKit | null;
  /** Sample every sensor once; called at the start of each tick so every read within a tick agrees. */
  sample(): void;
  /** Every device to its safe state (motors 0, drone lands). Called by Stop; must never throw. */
  safeState(): void;
}

export type { Robot, RobotReadings, ColourName } from './robot';
export type { Drone, DroneReadings, DroneDirection, FlipDirection } from './drone';
export type { SensorKit, SensorKitReadings } from './sensor-kit';
export type { Completion } from './completion';
