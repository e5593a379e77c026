/**
 * The AI-lab robot (our firmware, firmware-bridge/firmware) on a serial port for the device panel: `ailab:/dev/ttyACM0`,
 * `ailab:COM3`, or a pty. The connection reconnects by itself when the cable comes back (RobotConnection); the device
 * object stays the same, so the panel goes connected → lost → connected without the user reconnecting.
 */
import { robotDeviceSet } from '../../firmware-bridge/live/device-sets';
import type { LineRobotOptions } from '../../firmware-bridge/line/session';
import { connectionRobot } from '../../firmware-bridge/serial/connection-robot';
import { RobotConnection } from '../../firmware-bridge/serial/robot-connection';
import { BadDeviceSpec, flattenReadings, type DeviceConnector } from './live-devices';

export function ailabConnector(options: { readonly readyTimeoutMs?: number; readonly robot?: Omit<LineRobotOptions, 'language'> } = {}): DeviceConnector {
  return async ({ address, language }) => {
    if (address.trim() === '') throw new BadDeviceSpec(address);
    const connection = new RobotConnection({ path: address, language, robot: options.robot, log: (line) => console.log(line) }).start();
    let banner;
    try {
      banner = (await connection.whenReady(options.readyTimeoutMs ?? 15_000)).banner;
    } catch (err) {
      await connection.close();
      throw err;
    }
    const robot = connectionRobot(connection, language);
    return {
      kit: 'robot',
      label: `AI-lab robot ${banner.major}.${banner.minor}.${banner.patch} · ${banner.board} · ${address}`,
      profileId: null,
      devices: robotDeviceSet(robot),
      readings: () => flattenReadings('robot', robot.readings()),
      linkLost: () => connection.linkLost(),
      emergency: () => robot.safeState(),
      settle: async (ms) => {
        await connection.robot?.whenIdle(ms);
      },
      close: () => connection.close(),
    };
  };
}
