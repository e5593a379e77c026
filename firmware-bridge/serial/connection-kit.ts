/**
 * A `SensorKit` that follows a `RobotConnection` across reconnects (the kit twin of connection-robot.ts): every call
 * goes to the connection's current `KitSession`. While the link is down, readings stay at the last sample and the LED
 * and text are dropped (the board's watchdog has already turned its LED off). Plus the DeviceSet a live run drives.
 */
import type { DeviceSet } from '../../core/device/device-set';
import type { SensorKit, SensorKitReadings } from '../../core/device/sensor-kit';
import { IDLE_KIT_READINGS } from '../line/kit-session';
import type { RobotConnection } from './robot-connection';

export function connectionKit(connection: RobotConnection): SensorKit & { sample(): void } {
  let last: SensorKitReadings = IDLE_KIT_READINGS;
  return {
    kind: 'sensorkit',
    sample: () => {
      const kit = connection.kit;
      if (kit === null) return;
      kit.sample();
      last = kit.readings();
    },
    readings: () => last,
    setLed: (colour) => connection.kit?.setLed(colour),
    showText: (text) => connection.kit?.showText(text),
    safeState: () => connection.kit?.safeState(),
  };
}

/** A device set with one sensor kit: `sample()` takes its newest frame, `safeState()` silences its buzzer. */
export function kitDeviceSet(kit: SensorKit & { sample(): void }): DeviceSet {
  return {
    robot: null,
    drone: null,
    kit,
    sample: () => kit.sample(),
    safeState: () => {
      try {
        kit.safeState();
      } catch (err) {
        // DeviceSet.safeState must never throw.
        console.error(`[LiveRun] safe state failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    },
  };
}
