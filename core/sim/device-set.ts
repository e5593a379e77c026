/**
 * One program's devices in the simulator: the `DeviceSet` an interpreter drives. A multi-robot run has one set per
 * robot (each with its own interpreter of the same program).
 */
import type { DeviceSet } from '../device/device-set';
import type { VirtualDrone } from './drone';
import type { VirtualRobot } from './robot';
import type { VirtualSensorKit } from './sensor-kit';

export class SimDeviceSet implements DeviceSet {
  constructor(
    readonly robot: VirtualRobot | null,
    readonly drone: VirtualDrone | null,
    readonly kit: VirtualSensorKit | null,
    /** Samples the shared sensor kit at most once a tick, so every program reads the same kit values. */
    private readonly sampleKit: () => void,
  ) {}

  sample(): void {
    this.robot?.sample();
    this.drone?.sample();
    if (this.kit) this.sampleKit();
  }

  safeState(): void {
    for (const device of [this.robot, this.drone, this.kit]) {
      try {
        device?.safeState();
      } catch {
        // Stop must always win: one failing device never keeps the others from their safe state.
      }
    }
  }
}
