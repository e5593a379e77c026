/**
 * DeviceSets over real drivers, for live runs. A set holds only the devices that are connected; a program that
 * uses another gets the interpreter's `missingDevice` error.
 */
import type { DeviceSet } from '../../core/device/device-set';
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
