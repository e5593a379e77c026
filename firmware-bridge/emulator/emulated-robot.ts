/**
 * Our robot firmware running in avr8js inside the virtual robot kit, behind a real pty: everything a test, a bench or
 * a try-out needs to drive "a robot on /dev/pts/N". `stop()` ends the emulator and removes the pty.
 */
import { AvrRunner, type AvrRunnerOptions } from './avr-runner';
import { robotFirmwareHex } from './firmware-files';
import { startPtyBridge, type PtyBridge, type PtyBridgeOptions } from './pty-bridge';
import { VirtualRobotBoard, type FittedSensors } from './robot-board';

/** Emulated time to run before the pty appears: the Arduino core's init and our setup() take well under this. */
export const BOOT_MS = 30;
/**
 * The same with the I2C add-on: setup() also probes the chips and measures the gyro's offset (banner at ~77 ms).
 * A host that opened the port earlier would see the boot banner cross its HELLO and take the answer for a restart.
 */
export const ADDON_BOOT_MS = 150;

export interface EmulatedRobot {
  readonly runner: AvrRunner;
  readonly board: VirtualRobotBoard;
  readonly bridge: PtyBridge;
  /** The path to open, like /dev/ttyACM0. */
  readonly path: string;
  stop(): Promise<void>;
}

export async function startEmulatedRobot(
  options: AvrRunnerOptions & Pick<PtyBridgeOptions, 'hostPath' | 'log'> & { readonly fitted?: FittedSensors } = {},
): Promise<EmulatedRobot> {
  const runner = new AvrRunner(robotFirmwareHex(), options);
  const board = new VirtualRobotBoard(runner, options.fitted);
  // Boot before the cable goes in (setup() has run, the receiver is on), as a board that was powered up earlier.
  runner.runFor(options.fitted?.colour || options.fitted?.gyro ? ADDON_BOOT_MS : BOOT_MS);
  runner.start();
  const bridge = await startPtyBridge(runner.serial, { hostPath: options.hostPath, log: options.log });
  return {
    runner,
    board,
    bridge,
    path: bridge.hostPath,
    async stop() {
      await bridge.close();
      runner.destroy();
    },
  };
}
