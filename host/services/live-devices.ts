/**
 * The kits live mode can connect, behind one small interface: a connected `LiveDevice` hands the interpreter its
 * `DeviceSet`, tells the panel its readings and whether the link is down, and can cut motors at once. Connectors are
 * chosen by the driver name of the `--device` spec (`tello:udp:…`, `firmata:…`); tests pass their own connectors.
 */
import { isIP } from 'node:net';
import type { ConnectionPhase } from '../../core/contracts/devices';
import type { TargetKitName } from '../../core/contracts/project';
import type { DeviceSet } from '../../core/device/device-set';
import type { Language } from '../../core/i18n';
import { droneDeviceSet } from '../../firmware-bridge/live/device-sets';
import { TelloDrone } from '../../firmware-bridge/tello/tello-drone';
import { openUdpTelloTransport, type TelloTransport } from '../../firmware-bridge/tello/transport';
import { openSerialTelloTransport } from '../../firmware-bridge/tello/serial-transport';
import { TELLO_STATE_PORT } from '../../firmware-bridge/tello/protocol';
import { connectSerialFirmata } from '../../firmware-bridge/firmata/serial-firmata';

export type ReadingValue = number | boolean | string;

/** A kit that is connected and ready for a program. */
export interface LiveDevice {
  readonly kit: TargetKitName;
  /** Short description for the panel, e.g. `Tello 127.0.0.1:8889`. */
  readonly label: string;
  readonly profileId: string | null;
  /** What the interpreter drives. `sample()` is called every tick of a run, and by the panel between runs. */
  readonly devices: DeviceSet;
  /** The readings of the last `devices.sample()`, keyed by reading name (`drone.heightCm`, `kit.lightPercent`…). */
  readings(): Record<string, ReadingValue>;
  /** An Error (in the connect language) once the link is down; null while it is up. */
  linkLost(): Error | null;
  /** Motors off now, bypassing queues (a drone falls). Never throws. */
  emergency(): void;
  /** Waits (at most `ms`) for commands in flight to finish, e.g. the `land` that Stop sent. */
  settle(ms: number): Promise<void>;
  close(): Promise<void>;
  /**
   * True when the driver reconnects by itself after its link is lost (the AI-lab robot's RobotConnection). Otherwise
   * the live service closes the lost device and connects again with the same request until it answers.
   */
  readonly reconnectsItself?: boolean;
}

export interface ConnectRequest {
  /** The text after `<driver>:`. */
  readonly address: string;
  readonly language: Language;
  readonly profileId?: string;
  /**
   * Drivers with a state machine of their own (the AI-lab robot: handshake, reconnecting) report every change here,
   * during the connect and for as long as the device lives; the service shows it in the panel.
   */
  readonly onPhase?: (phase: ConnectionPhase, attempt: number) => void;
}

export type DeviceConnector = (request: ConnectRequest) => Promise<LiveDevice>;

/** Thrown by connectors for a spec they cannot read (→ `deviceBadSpec`). */
export class BadDeviceSpec extends Error {}

/**
 * Flattens a device's readings into `<prefix>.<name>` entries; arrays become one entry per index
 * (`robot.line0`, `robot.line1`) so the panel can chart every value.
 */
export function flattenReadings(prefix: string, readings: object): Record<string, ReadingValue> {
  const out: Record<string, ReadingValue> = {};
  for (const [key, value] of Object.entries(readings)) {
    if (Array.isArray(value)) value.forEach((v, i) => (out[`${prefix}.${key.replace(/Sensors$/, '')}${i}`] = v as ReadingValue));
    else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') out[`${prefix}.${key}`] = value;
  }
  return out;
}

/** `udp:<ip>[:port]`, IPv6 in brackets. */
function parseUdpAddress(address: string): { host: string; port: number } {
  if (!address.startsWith('udp:')) throw new BadDeviceSpec(address);
  const rest = address.slice(4);
  const m = /^\[([^\]]+)\](?::(\d+))?$/.exec(rest) ?? /^([^:[\]]+)(?::(\d+))?$/.exec(rest);
  if (!m) throw new BadDeviceSpec(address);
  const port = m[2] === undefined ? 8889 : Number(m[2]);
  if (!Number.isInteger(port) || port < 1 || port > 65535 || isIP(m[1]!) === 0) throw new BadDeviceSpec(address);
  return { host: m[1]!, port };
}

/**
 * Tello over UDP (`udp:<ip>[:port]`) or through a serial radio dongle (any other address is a serial port path:
 * `/dev/ttyUSB1`, `COM5`; firmware-bridge/tello/DONGLE.md). `statePort` is where the drone's state stream arrives
 * over UDP (8890 for a real Tello; tests give the virtual Tello's). The driver's errors come in the request's language.
 */
export function telloConnector(options: { statePort?: number } = {}): DeviceConnector {
  return async ({ address, language }) => {
    if (address.trim() === '') throw new BadDeviceSpec(address);
    const serial = !address.startsWith('udp:');
    const udp = serial ? null : parseUdpAddress(address);
    let transport: TelloTransport;
    let transportLost: () => Error | null = () => null;
    if (udp) transport = await openUdpTelloTransport({ host: udp.host, port: udp.port, statePort: options.statePort ?? TELLO_STATE_PORT });
    else {
      const dongle = await openSerialTelloTransport(address, { language });
      // Unplugged or out of the drone's Wi-Fi: known at once, before the driver's 1.5 s state silence.
      transportLost = () => dongle.linkLost();
      transport = dongle;
    }
    let drone: TelloDrone;
    try {
      drone = await TelloDrone.connect(transport, { language });
    } catch (err) {
      await transport.close();
      throw err;
    }
    return {
      kit: 'drone',
      label: udp ? `Tello ${udp.host}:${udp.port}` : `Tello · ${address}`,
      profileId: null,
      devices: droneDeviceSet(drone),
      readings: () => flattenReadings('drone', drone.readings()),
      linkLost: () => transportLost() ?? drone.linkLost(),
      emergency: () => {
        try {
          drone.emergency();
        } catch (err) {
          console.error(`[LiveService] emergency failed: ${err instanceof Error ? err.message : String(err)}`);
        }
      },
      settle: async (ms) => {
        await drone.whenIdle(ms);
      },
      close: () => drone.close(),
    };
  };
}

/**
 * A Firmata board on a serial port (`firmata:/dev/ttyUSB0`, `firmata:COM3`) with the chosen wiring profile: a robot
 * car or a sensor kit. Stop sets motors to 0 and the buzzer off (the profile's safe state).
 */
export function firmataConnector(options: { readyTimeoutMs?: number } = {}): DeviceConnector {
  return async ({ address, language, profileId }) => {
    if (address.trim() === '') throw new BadDeviceSpec(address);
    const { link, profile, devices, robot, kit } = await connectSerialFirmata({ path: address, profileId, language, readyTimeoutMs: options.readyTimeoutMs });
    const prefix = robot ? 'robot' : 'kit';
    return {
      kit: profile.kit,
      label: `${profile.board === 'mega' ? 'Arduino Mega' : profile.board === 'nano' ? 'Arduino Nano' : 'Arduino Uno'} · ${link.firmware} · ${address}`,
      profileId: profile.id,
      devices,
      readings: () => flattenReadings(prefix, (robot ?? kit)!.readings()),
      linkLost: () => link.linkLost(),
      emergency: () => devices.safeState(),
      settle: async () => undefined,
      close: () => link.close(),
    };
  };
}
