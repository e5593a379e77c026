/**
 * DeviceSets over real drivers, for live runs. A set holds only the devices that are connected; a program that
 * uses another gets the interpreter's `missingDevice` error.
 */
import type { DeviceSet } from '../../core/device/device-set';
import type { Robot } from '../../core/device/robot';
import type { TelloDrone } from '../tello/tello-drone';

/** A device set with one Tello: `sample()` takes its newest telemetry, `safeState()` lands it. */
export function droneDeviceSet(drone: TelloDrone): DeviceSet {
  return {
    robot: null,
    drone,
    kit: null,
    sample: () => drone.sample(),
    safeState: () => {
      try {
        drone.safeState();
      } catch (err) {
        // DeviceSet.safeState must never throw.
        console.error(`[LiveRun] safe state failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    },
  };
}

/** A device set with one robot (e.g. the AI-lab robot on a cable): `sample()` takes its newest sensor frame,
 *  `safeState()` stops its motors and buzzer. */
export function robotDeviceSet(robot: Robot & { sample(): void }): DeviceSet {
  return {
    robot,
    drone: null,
    kit: null,
    sample: () => robot.sample(),
    safeState: () => {
      try {
        robot.safeState();
      } catch (err) {
        console.error(`[LiveRun] safe state failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    },
  };
}
