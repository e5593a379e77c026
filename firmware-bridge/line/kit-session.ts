/**
 * The AI-lab sensor kit over the line protocol's sensor-kit mode (PROTOCOL.md "Sensor kit"): core's `SensorKit` over
 * an injected `LineTransport`, as `LineRobot` is core's `Robot`. No serialport import here.
 *
 * Contract
 * - `KitSession.connect()` sends `HELLO` up to `helloAttempts` times, `helloMs` apart, and waits for a `VER ailab-kit`
 *   banner: a robot's banner or another firmware → `error.notOurFirmware`, another major → `error.wrongFirmware`,
 *   silence → `error.noAnswer` (namespace `kitline`, zh-CN/en). Then `RATE <rateHz>` starts the `K` frames.
 * - The board sends RAW readings; the host calibrates them with calibrations as data: by default those of the Firmata
 *   profile of the same wiring (`uno-sensor-kit`: NTC, HR202, LDR, sound envelope, knob), so one kit reads the same
 *   on either firmware. `sample()` copies the newest frame into what `readings()` returns (core units: °C, %).
 * - `setLed` / `safeState` are commands with ids, acknowledged within `ackMs` or counted as failed (`lastError`); the
 *   interpreter does not wait on them. `showText` is sent only when the banner lists `TEXT` (this kit has no display).
 * - Watchdog: the session sends `PING` whenever it has sent nothing for `pingMs` (200), so the board never turns the
 *   LED off under a running program; `linkLost()` is an error once the board said nothing for `lostAfterMs` (1000).
 * - A banner nobody asked for means the board restarted: `RATE` is sent again.
 */
import type { SensorKit, SensorKitReadings } from '../../core/device/sensor-kit';
import { translate, type Language } from '../../core/i18n';
import { calibrate, percent, type Calibration } from '../firmata/calibration';
import { findProfile, type SensorKitProfile } from '../firmata/profiles';
import { DriverCompletion } from '../driver-completion';
import { encodeCommand, encodeHello, LineSplitter, MAX_ID, parseKitBoardLine, PROTOCOL_VERSION, sanitizeText, type KitBoardLine, type KitFrame, type LineCommand, type VersionBanner } from './codec';
import type { LineTransport } from './session';

export interface KitSessionOptions {
  readonly language?: Language;
  readonly helloMs?: number;
  readonly helloAttempts?: number;
  readonly ackMs?: number;
  readonly pingMs?: number;
  readonly lostAfterMs?: number;
  /** Frames per second asked after the handshake (0…100, default 20: sensor kits change slowly). */
  readonly rateHz?: number;
  /** Calibrations to use instead of the ones for the banner's board. */
  readonly calibrations?: KitCalibrations;
  readonly log?: (line: string) => void;
}

/** How each raw input becomes a core unit. */
export interface KitCalibrations {
  readonly temperature: Calibration;
  readonly humidity: Calibration;
  readonly light: Calibration;
  readonly sound: Calibration;
  readonly knob: Calibration;
}

/** Banner board → the Firmata wiring profile with the same modules on the same pins (data, not code). */
const CALIBRATION_PROFILES: Readonly<Record<string, string>> = { uno: 'uno-sensor-kit' };

/** The calibrations for a board name from the banner (unknown boards: the Uno kit's). */
export function kitCalibrationsFor(board: string): KitCalibrations {
  const profile = findProfile(CALIBRATION_PROFILES[board] ?? 'uno-sensor-kit') as SensorKitProfile;
  const cal = (spec: SensorKitProfile['temperature'], what: string): Calibration => {
    if (spec === null) throw new Error(`[KitSession] the ${profile.id} profile has no ${what} sensor`);
    return spec.calibration;
  };
  return { temperature: cal(profile.temperature, 'temperature'), humidity: cal(profile.humidity, 'humidity'), light: cal(profile.light, 'light'), sound: cal(profile.sound, 'sound'), knob: cal(profile.knob, 'knob') };
}

/** A `K` frame → core readings through the calibrations. */
export function kitFrameToReadings(frame: KitFrame, cal: KitCalibrations): SensorKitReadings {
  return {
    temperatureC: calibrate(frame.temperatureRaw, cal.temperature),
    humidityPercent: percent(frame.humidityRaw, cal.humidity),
    lightPercent: percent(frame.lightRaw, cal.light),
    soundPercent: percent(frame.soundRaw, cal.sound),
    motion: frame.motion,
    knobPercent: percent(frame.knobRaw, cal.knob),
    buttonPressed: frame.button,
  };
}

export const IDLE_KIT_READINGS: SensorKitReadings = { temperatureC: 0, humidityPercent: 0, lightPercent: 0, soundPercent: 0, motion: false, knobPercent: 0, buttonPressed: false };

export type KitErrorCode =
  | 'error.noAnswer'
  | 'error.wrongFirmware'
  | 'error.notOurFirmware'
  | 'error.timeout'
  | 'error.refused'
  | 'error.closed'
  | 'error.lost'
  /** An `ailab:` connection found the other kind of board than it takes (robot-connection.ts). */
  | 'error.isKit'
  | 'error.isRobot'
  | 'error.changedKind';

/** A kit driver failure; `message` in the driver's language (namespace `kitline`). */
export class KitError extends Error {
  constructor(
    readonly code: KitErrorCode,
    readonly params: Record<string, string | number>,
    language: Language,
  ) {
    super(translate(language, 'kitline', code, params));
    this.name = 'KitError';
  }
}

export interface KitSessionStats {
  sent: number;
  acks: number;
  frames: number;
  garbage: number;
  pings: number;
  watchdogTrips: number;
  timeouts: number;
  restarts: number;
}

interface Pending {
  readonly text: string;
  readonly completion: DriverCompletion;
  readonly timer: ReturnType<typeof setTimeout>;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.round(v)));

export class KitSession implements SensorKit {
  readonly kind = 'sensorkit' as const;
  readonly stats: KitSessionStats = { sent: 0, acks: 0, frames: 0, garbage: 0, pings: 0, watchdogTrips: 0, timeouts: 0, restarts: 0 };
  banner: VersionBanner = { ...PROTOCOL_VERSION, board: '?', capabilities: [] };
  /** Last failure of a command (LED, S, PING…), for the UI. */
  lastError: KitError | null = null;
  /** The newest frame as received (raw), null before the first. */
  latest: KitFrame | null = null;
  private calibrations: KitCalibrations;
  private readonly splitter = new LineSplitter();
  private readonly pending = new Map<number, Pending>();
  private readonly unlisten: () => void;
  private readonly language: Language;
  private readonly o: Required<Omit<KitSessionOptions, 'language' | 'log' | 'calibrations'>>;
  private readonly log: (line: string) => void;
  private nextId = 1;
  private lastSentMs = Date.now();
  private lastHeardMs = Date.now();
  private sampled: SensorKitReadings = IDLE_KIT_READINGS;
  private pinger: ReturnType<typeof setInterval> | null = null;
  private closed = false;
  private bannerWaiter: ((line: KitBoardLine) => void) | null = null;

  private constructor(
    private readonly transport: LineTransport,
    options: KitSessionOptions,
  ) {
    this.language = options.language ?? 'en';
    this.log = options.log ?? (() => {});
    this.o = {
      helloMs: options.helloMs ?? 500,
      helloAttempts: options.helloAttempts ?? 4,
      ackMs: options.ackMs ?? 300,
      pingMs: options.pingMs ?? 200,
      lostAfterMs: options.lostAfterMs ?? 1000,
      rateHz: options.rateHz ?? 20,
    };
    this.calibrations = options.calibrations ?? kitCalibrationsFor('uno');
    this.unlisten = transport.onData((chunk) => this.onData(chunk));
  }

  /** Handshake, version check, frames on. Rejects with a KitError (closes nothing: the caller owns the port). */
  static async connect(transport: LineTransport, options: KitSessionOptions = {}): Promise<KitSession> {
    const kit = new KitSession(transport, options);
    try {
      kit.banner = await kit.handshake();
    } catch (e) {
      kit.shutdown();
      throw e;
    }
    if (options.calibrations === undefined) kit.calibrations = kitCalibrationsFor(kit.banner.board);
    kit.log(`[KitSession] ${transport.address}: ailab-kit ${kit.banner.major}.${kit.banner.minor}.${kit.banner.patch} on ${kit.banner.board}`);
    kit.pinger = setInterval(() => kit.keepAlive(), Math.max(10, Math.floor(kit.o.pingMs / 4)));
    kit.command({ verb: 'RATE', hz: clamp(kit.o.rateHz, 0, 100) });
    return kit;
  }

  private async handshake(): Promise<VersionBanner> {
    const address = this.transport.address;
    for (let attempt = 0; attempt < this.o.helloAttempts; attempt++) {
      this.send(encodeHello());
      const line = await new Promise<KitBoardLine | null>((resolve) => {
        const timer = setTimeout(() => {
          this.bannerWaiter = null;
          resolve(null);
        }, this.o.helloMs);
        this.bannerWaiter = (l) => {
          clearTimeout(timer);
          this.bannerWaiter = null;
          resolve(l);
        };
      });
      if (line === null) continue;
      if (line.kind === 'foreignVersion') throw new KitError('error.notOurFirmware', { address, banner: line.text }, this.language);
      if (line.kind === 'version') throw new KitError('error.notOurFirmware', { address, banner: `ailab-robot ${line.major}.${line.minor}.${line.patch}` }, this.language);
      if (line.kind === 'kitVersion') {
        if (line.major !== PROTOCOL_VERSION.major) {
          throw new KitError('error.wrongFirmware', { address, found: `${line.major}.${line.minor}.${line.patch}`, wanted: `${PROTOCOL_VERSION.major}.x` }, this.language);
        }
        const { kind: _kind, ...banner } = line;
        return banner;
      }
    }
    throw new KitError('error.noAnswer', { address }, this.language);
  }

  // -- SensorKit ------------------------------------------------------------------------------------------------

  sample(): void {
    if (this.latest !== null) this.sampled = kitFrameToReadings(this.latest, this.calibrations);
  }

  readings(): SensorKitReadings {
    return this.sampled;
  }

  setLed(colour: string): void {
    const m = /^#?([0-9a-fA-F]{6})$/.exec(colour);
    this.command({ verb: 'LED', rgb: m ? m[1]!.toLowerCase() : '000000' });
  }

  showText(text: string): void {
    if (!this.banner.capabilities.includes('TEXT')) return; // no display on this kit: nothing to show
    this.command({ verb: 'TEXT', text: sanitizeText(text) });
  }

  /** Buzzer off (`S`). The LED keeps its colour, as on the Firmata kit; the board's watchdog turns it off if the host goes. */
  safeState(): void {
    if (!this.closed) this.command({ verb: 'S' });
  }

  // -- link -----------------------------------------------------------------------------------------------------

  linkLost(): KitError | null {
    if (this.closed) return new KitError('error.closed', {}, this.language);
    const silentMs = Date.now() - this.lastHeardMs;
    if (silentMs <= this.o.lostAfterMs) return null;
    return new KitError('error.lost', { seconds: Math.round(silentMs / 100) / 10 }, this.language);
  }

  /** Until every command in flight has been answered (or `ms` passed). */
  async whenIdle(ms = 2000): Promise<void> {
    const deadline = Date.now() + ms;
    while (this.pending.size > 0 && Date.now() < deadline) {
      await Promise.race([[...this.pending.values()][0]!.completion.settled(), new Promise((r) => setTimeout(r, 20))]);
    }
  }

  /** Sends `S`, fails what is in flight, stops listening. Does not close the transport. */
  close(): void {
    if (this.closed) return;
    this.safeState();
    this.shutdown();
  }

  private shutdown(): void {
    this.closed = true;
    if (this.pinger !== null) clearInterval(this.pinger);
    this.pinger = null;
    this.unlisten();
    for (const [id, p] of [...this.pending]) this.finish(id, p, new KitError('error.closed', {}, this.language));
  }

  // -- internals ------------------------------------------------------------------------------------------------

  private send(text: string): void {
    this.lastSentMs = Date.now();
    this.stats.sent++;
    this.transport.write(text);
  }

  private keepAlive(): void {
    if (this.closed || Date.now() - this.lastSentMs < this.o.pingMs) return;
    this.stats.pings++;
    this.command({ verb: 'PING' });
  }

  /** Sends a command with the next id; its answer (or silence) settles it; failures land in `lastError`. */
  private command(command: LineCommand): void {
    if (this.closed) return;
    const id = this.nextId;
    this.nextId = this.nextId >= MAX_ID ? 1 : this.nextId + 1;
    const text = encodeCommand(id, command);
    const old = this.pending.get(id);
    if (old) this.finish(id, old, new KitError('error.timeout', { command: old.text, seconds: 0 }, this.language));
    const completion = new DriverCompletion('KitSession');
    const timer = setTimeout(() => {
      this.stats.timeouts++;
      this.finish(id, p, new KitError('error.timeout', { command: p.text, seconds: Math.round(this.o.ackMs / 100) / 10 }, this.language));
    }, this.o.ackMs);
    const p: Pending = { text: text.trim(), completion, timer };
    this.pending.set(id, p);
    this.send(text);
  }

  private finish(id: number, p: Pending, error: KitError | null): void {
    clearTimeout(p.timer);
    if (this.pending.get(id) === p) this.pending.delete(id);
    p.completion.settle(error ? 'failed' : 'done', error);
    if (error && error.code !== 'error.closed') {
      this.lastError = error;
      this.log(`[KitSession] ${error.message}`);
    }
  }

  private onData(chunk: Uint8Array): void {
    for (const text of this.splitter.push(chunk)) {
      this.lastHeardMs = Date.now();
      this.onLine(parseKitBoardLine(text));
    }
  }

  private onLine(line: KitBoardLine): void {
    switch (line.kind) {
      case 'kitVersion':
      case 'version':
      case 'foreignVersion':
        if (this.bannerWaiter !== null) {
          this.bannerWaiter(line);
        } else if (this.pinger !== null && line.kind === 'kitVersion') {
          // The board restarted (reset button, brown-out): its frame rate is back to 0.
          this.stats.restarts++;
          this.log('[KitSession] the board restarted; frames requested again');
          this.command({ verb: 'RATE', hz: clamp(this.o.rateHz, 0, 100) });
        }
        return;
      case 'ack': {
        this.stats.acks++;
        const p = this.pending.get(line.id);
        if (p) this.finish(line.id, p, null);
        return;
      }
      case 'error': {
        const p = this.pending.get(line.id);
        if (p) this.finish(line.id, p, new KitError('error.refused', { command: p.text, code: line.code }, this.language));
        return;
      }
      case 'event':
        if (line.name === 'WATCHDOG') {
          this.stats.watchdogTrips++;
          this.log('[KitSession] board watchdog turned the LED off (no host line for 500 ms)');
        }
        return;
      case 'kitFrame':
        this.stats.frames++;
        this.latest = line;
        return;
      case 'garbage':
      case 'frame':
        this.stats.garbage++;
        return;
      case 'comment':
        return;
    }
  }
}
