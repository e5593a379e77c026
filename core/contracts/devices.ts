/**
 * The live-mode part of the host contract: connect a real kit (a Tello over UDP, a Firmata board over serial), run
 * the open project on it in the host (the interpreter runs next to the driver, never in the page), stop it, and
 * watch it: connection state, sensor values, runtime events (highlights, logs, errors) and the serial monitor.
 * `HOST_METHODS` / `HOST_EVENTS` in ./host.ts spread these tables in, so both transports carry them unchanged.
 *
 * Events are throttled in the host (STYLE.md §9): readings at most `READINGS_HZ` a second, serial data in chunks of
 * at most `SERIAL_CHUNK_BYTES` bytes, highlights only when they change.
 */
import { z } from 'zod';
import { AiStateSchema, ProjectSchema, TargetKitSchema } from './project';
import { RuntimeEventSchema } from './sim-worker';

/** Readings events a second (the panel's chart and numbers; the program itself samples every tick). */
export const READINGS_HZ = 10;
/** Largest serial-monitor chunk in one `serial.data` event, bytes. */
export const SERIAL_CHUNK_BYTES = 4096;
/** Baud rates the serial monitor offers (Arduino IDE's list, trimmed to what USB-serial chips on school kits do). */
export const SERIAL_BAUD_RATES = [9600, 19200, 38400, 57600, 115200, 230400, 250000, 500000, 1000000] as const;

const Text = z.string().max(2000);
export const LocalizedTextSchema = z.object({ 'zh-CN': Text, en: Text });
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;
const LanguageSchema = z.enum(['zh-CN', 'en']);

/**
 * A device address as the user types it (the same as `ailab run --device`): `tello:udp:<ip>[:port]`,
 * `tello:<serial path>` (radio dongle), `firmata:<serial path>` (`firmata:/dev/ttyUSB0`, `firmata:COM3`),
 * `ailab:<serial path>[;camera=<serial path>]` (our robot firmware, optionally with an AI vision module).
 */
export const DeviceSpecSchema = z.string().trim().min(3).max(300);

export const ConnectionStateSchema = z.enum(['disconnected', 'connecting', 'connected', 'lost']);
export type ConnectionState = z.infer<typeof ConnectionStateSchema>;

export const LiveRunStateSchema = z.enum(['idle', 'running', 'stopping']);

/**
 * Where the link is in its state machine (issue 3: connecting → handshake → ready → lost → reconnecting). `state` says
 * what the panel may do (run, disconnect); `phase` says what the link is doing. Drivers without a handshake of their
 * own go connecting → ready; `reconnecting` is only reported by drivers that reconnect by themselves.
 */
export const ConnectionPhaseSchema = z.enum(['connecting', 'handshake', 'ready', 'lost', 'reconnecting']);
export type ConnectionPhase = z.infer<typeof ConnectionPhaseSchema>;

/** What the device panel shows about the connection. */
export const DeviceStatusSchema = z.object({
  state: ConnectionStateSchema,
  /** The spec connected to (or being connected to), null when disconnected. */
  spec: z.string().max(300).nullable(),
  /** Which kind of project can run on it. */
  kit: TargetKitSchema.nullable(),
  /** Short description, e.g. `Tello 127.0.0.1:8889` or `Arduino Uno · StandardFirmata 2.5`. */
  label: z.string().max(200),
  /** Wiring profile in use (Firmata boards), else null. */
  profileId: z.string().max(80).nullable(),
  /** Why the last connection failed or was lost, in both languages; null when all is well. */
  error: LocalizedTextSchema.nullable(),
  run: LiveRunStateSchema,
  /** The link's phase; absent or null when disconnected (optional so older hosts' statuses still parse). */
  phase: ConnectionPhaseSchema.nullable().optional(),
  /** Reconnection attempts since the link was lost (with `phase: 'reconnecting'`). */
  attempt: z.number().int().nonnegative().optional(),
});
export type DeviceStatus = z.infer<typeof DeviceStatusSchema>;

/** One reading of every sensor the connected device reports, by reading name (`drone.heightCm`, `kit.lightPercent`…). */
export const DeviceReadingsSchema = z.object({
  /** ms since the connection was made. */
  timeMs: z.number().nonnegative(),
  values: z.record(z.string().max(60), z.union([z.number(), z.boolean(), z.string().max(60)])),
});
export type DeviceReadings = z.infer<typeof DeviceReadingsSchema>;

/** A wiring profile the user can pick for a Firmata board (profiles are data: firmware-bridge/firmata/profiles.ts). */
export const WiringProfileInfoSchema = z.object({
  id: z.string().max(80),
  kit: TargetKitSchema,
  board: z.enum(['uno', 'nano', 'mega']),
  name: LocalizedTextSchema,
});
export type WiringProfileInfo = z.infer<typeof WiringProfileInfoSchema>;

export const SerialStatusSchema = z.object({
  open: z.boolean(),
  path: z.string().max(300).nullable(),
  baudRate: z.number().int().positive().nullable(),
  error: LocalizedTextSchema.nullable(),
});
export type SerialStatus = z.infer<typeof SerialStatusSchema>;

/** Firmware the app can put on a board: StandardFirmata (Firmata boards) or our AI-lab robot firmware. */
export const FirmwareSchema = z.enum(['standardFirmata', 'ailabRobot']);
export type Firmware = z.infer<typeof FirmwareSchema>;

/** Bytes as base64 (JSON carries no binary; 4 KB of serial data is ~5.5 KB of text). */
const Base64 = z.string().max(Math.ceil(SERIAL_CHUNK_BYTES / 3) * 4 + 4).regex(/^[A-Za-z0-9+/]*={0,2}$/);

/** Live-mode methods, merged into `HOST_METHODS`. */
export const DEVICE_METHODS = {
  /** Connects to a kit (disconnecting any other first). Resolves once connected; a failure rejects with a HostError
   *  whose message is in `language`. */
  'device.connect': {
    params: z.object({ spec: DeviceSpecSchema, profileId: z.string().max(80).optional(), language: LanguageSchema }).strict(),
    result: DeviceStatusSchema,
  },
  /** Stops a running program (safe state first), then closes the link. */
  'device.disconnect': { params: z.object({}).strict(), result: DeviceStatusSchema },
  'device.status': { params: z.object({}).strict(), result: DeviceStatusSchema },
  /** Wiring profiles for Firmata boards. */
  'device.profiles': { params: z.object({}).strict(), result: z.array(WiringProfileInfoSchema) },
  /** Runs the project's blocks on the connected kit. Events: `live.event`, then `device.statusChanged` when over. */
  'live.run': { params: z.object({ project: ProjectSchema, language: LanguageSchema }).strict(), result: z.object({ startedAt: z.number() }) },
  /** Big Stop: halts the program and puts the kit in its safe state (motors 0, drone lands). `emergency` cuts a
   *  drone's motors at once instead of landing. Works while the program spins. */
  'live.stop': { params: z.object({ emergency: z.boolean().default(false) }).strict(), result: z.object({ stopped: z.boolean() }) },
  /** Writes firmware into a board through its bootloader (STK500 v1), with `device.flashProgress` events. Not while
   *  the port is connected as a device. */
  'device.flash': {
    params: z.object({ path: z.string().min(1).max(300), board: z.enum(['uno', 'nano', 'mega']), firmware: FirmwareSchema, language: LanguageSchema }).strict(),
    result: z.object({ bytes: z.number().int().nonnegative(), seconds: z.number().nonnegative() }),
  },
  /** Firmware images this host can flash (ours only where it has been built). */
  'device.firmwares': { params: z.object({}).strict(), result: z.array(FirmwareSchema) },
  /** Serial monitor: opens a port for raw text/bytes (not while a Firmata board holds it). */
  'serial.open': { params: z.object({ path: z.string().min(1).max(300), baudRate: z.number().int().min(300).max(2_000_000), language: LanguageSchema }).strict(), result: SerialStatusSchema },
  'serial.close': { params: z.object({}).strict(), result: SerialStatusSchema },
  /** Sends bytes (the page encodes text as UTF-8 or GBK and adds the line ending). */
  'serial.write': { params: z.object({ data: Base64 }).strict(), result: z.object({ written: z.number().int().nonnegative() }) },
} as const;

export const FlashProgressSchema = z.object({ phase: z.enum(['sync', 'write', 'verify', 'done']), done: z.number().int().nonnegative(), total: z.number().int().nonnegative() });
export type FlashProgress = z.infer<typeof FlashProgressSchema>;

/** Live-mode events, merged into `HOST_EVENTS`. */
export const DEVICE_EVENTS = {
  'device.statusChanged': DeviceStatusSchema,
  'device.readings': DeviceReadingsSchema,
  /** A runtime event of the live run (highlight, log, error, stopped, command). */
  'live.event': RuntimeEventSchema,
  /** After a live run in which AI blocks recorded samples or trained models: the new datasets and models. */
  'live.aiState': AiStateSchema,
  'serial.data': z.object({ data: Base64 }),
  'serial.statusChanged': SerialStatusSchema,
  'device.flashProgress': FlashProgressSchema,
} as const;
