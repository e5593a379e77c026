/**
 * The AI-lab robot (our firmware, firmware-bridge/firmware) on a serial port for the device panel: `ailab:/dev/ttyACM0`,
 * `ailab:COM3`, or a pty. The connection reconnects by itself when the cable comes back (RobotConnection); the device
 * object stays the same, so the panel goes connected → lost → connected without the user reconnecting.
 *
 * An AI vision module (HuskyLens protocol, firmware-bridge/huskylens) on its own serial port joins with
 * `ailab:<robot port>;camera=<camera port>` (the device panel's one text field; `ailab run` has `--camera`): the camera
 * blocks of a live run then read it, as they read the virtual camera in the simulator.
 *
 * The same `ailab:` address takes our sensor-kit firmware too (firmware/ailab-kit): the banner decides, and a kit
 * becomes the panel's sensor kit (readings `kit.*`, through its calibrations). A camera belongs to robots only.
 */
import type { ConnectionPhase } from '../../core/contracts/devices';
import { BLOB_COLOURS, largestBlob } from '../../core/device/camera';
import { translate } from '../../core/i18n';
import { HuskyLensError, withCamera, type HuskyLensCamera } from '../../firmware-bridge/huskylens/driver';
import { connectHuskyLens } from '../../firmware-bridge/huskylens/serial-port';
import { robotDeviceSet } from '../../firmware-bridge/live/device-sets';
import type { LineRobotOptions } from '../../firmware-bridge/line/session';
import { connectionKit, kitDeviceSet } from '../../firmware-bridge/serial/connection-kit';
import { connectionRobot } from '../../firmware-bridge/serial/connection-robot';
import { RobotConnection, type ConnectionState as RobotConnectionState } from '../../firmware-bridge/serial/robot-connection';
import { BadDeviceSpec, flattenReadings, type DeviceConnector } from './live-devices';

/** RobotConnection states the panel shows (idle, failed and closed are the service's own disconnected). */
const PHASES: Partial<Record<RobotConnectionState, ConnectionPhase>> = {
  connecting: 'connecting',
  handshake: 'handshake',
  ready: 'ready',
  lost: 'lost',
  reconnecting: 'reconnecting',
};

/** `<robot port>;camera=<camera port>` → the two paths (no camera part → camera null). */
export function splitCameraSpec(address: string): { readonly robot: string; readonly camera: string | null } {
  const m = /^(.*?)\s*;\s*camera\s*=\s*(.*)$/i.exec(address);
  return m ? { robot: m[1]!.trim(), camera: m[2]!.trim() } : { robot: address.trim(), camera: null };
}

function cameraReadings(camera: HuskyLensCamera): Record<string, number> {
  const frame = camera.latestFrame;
  const out: Record<string, number> = {};
  for (const c of BLOB_COLOURS) out[`robot.camera${c[0]!.toUpperCase()}${c.slice(1)}Size`] = largestBlob(frame, c)?.width ?? -1;
  return out;
}

export function ailabConnector(options: { readonly readyTimeoutMs?: number; readonly robot?: Omit<LineRobotOptions, 'language'> } = {}): DeviceConnector {
  return async ({ address: spec, language, onPhase }) => {
    const { robot: address, camera: cameraPath } = splitCameraSpec(spec);
    if (address === '' || cameraPath === '') throw new BadDeviceSpec(spec);
    const connection = new RobotConnection({ path: address, language, robot: options.robot, kinds: ['robot', 'sensorkit'], log: (line) => console.log(line) });
    // The panel shows the connection's own states (handshake, reconnecting…), not only connected/lost.
    if (onPhase) {
      connection.onDidChangeState((s) => {
        const phase = PHASES[s.state];
        if (phase) onPhase(phase, s.attempt);
      });
    }
    connection.start();
    let device;
    try {
      device = await connection.whenDeviceReady(options.readyTimeoutMs ?? 15_000);
    } catch (err) {
      await connection.close();
      throw err;
    }
    const { banner } = device;
    if (device.kind === 'sensorkit') {
      if (cameraPath !== null) {
        await connection.close();
        throw new Error(translate(language, 'kitline', 'error.isKit', { path: address }));
      }
      const kit = connectionKit(connection);
      return {
        kit: 'sensorkit',
        label: `AI-lab sensor kit ${banner.major}.${banner.minor}.${banner.patch} · ${banner.board} · ${address}`,
        profileId: null,
        reconnectsItself: true,
        devices: kitDeviceSet(kit),
        readings: () => flattenReadings('kit', kit.readings()),
        linkLost: () => connection.linkLost(),
        emergency: () => kit.safeState(),
        settle: async (ms) => {
          await connection.kit?.whenIdle(ms);
        },
        close: () => connection.close(),
      };
    }
    let camera: HuskyLensCamera | null = null;
    if (cameraPath !== null) {
      try {
        camera = await connectHuskyLens(cameraPath);
      } catch (err) {
        await connection.close();
        // The service shows the message as it is: word it in the language the panel connected in.
        throw new Error(err instanceof HuskyLensError ? err.localized[language] : translate(language, 'camera', 'cli.openFailed', { port: cameraPath, detail: err instanceof Error ? err.message : String(err) }));
      }
    }
    const robot = connectionRobot(connection, language);
    return {
      kit: 'robot',
      label: `AI-lab robot ${banner.major}.${banner.minor}.${banner.patch} · ${banner.board} · ${address}${cameraPath !== null ? ` · camera ${cameraPath}` : ''}`,
      profileId: null,
      reconnectsItself: true,
      devices: robotDeviceSet(camera ? withCamera(robot, camera) : robot),
      // With a camera: the width of the largest blob of each colour (-1 when none), as the blob-size block reads it,
      // so the panel can chart it and the data panel record it.
      readings: () => ({ ...flattenReadings('robot', robot.readings()), ...(camera ? cameraReadings(camera) : {}) }),
      linkLost: () => connection.linkLost(),
      emergency: () => robot.safeState(),
      settle: async (ms) => {
        await connection.robot?.whenIdle(ms);
      },
      close: async () => {
        await camera?.close();
        await connection.close();
      },
    };
  };
}
