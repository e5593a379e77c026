/**
 * A fake AI-lab robot board written from PROTOCOL.md: a pure state machine (no timers, no I/O) that answers host
 * lines. `receive(line, nowMs)` and `advance(nowMs)` return the board's lines (each ending `\n`). Time is what the
 * caller passes, ms. The next session replaces it in the tests with the real firmware running in avr8js.
 *
 * Motion model: a drive moves at 4 mm/s per % of speed, a turn at 18 ddeg/s (1.8 °/s) per %; `M` powers run the
 * wheels until changed (no odometry). The watchdog stops the motors (and cancels a drive/turn) when no host line has
 * arrived for 500 ms while they run, sending `EV WATCHDOG`.
 */
import { encodeFrame, encodeVersion, parseHostLine, PROTOCOL_VERSION, type LineVerb, type SensorFrame, type VersionBanner } from './codec';

export const WATCHDOG_MS = 500;

export interface FakeBoardOptions {
  /** Banner fields; default this host's version, board `fake`, every capability. */
  readonly version?: Partial<VersionBanner>;
  /** Answer HELLO with this exact line instead (e.g. another firmware's banner). */
  readonly banner?: string;
  /** Verbs the board receives but never acknowledges (to test ack timeouts). */
  readonly ignore?: readonly LineVerb[];
  /** Sensor values in frames (defaults: nothing ahead, no line, mid light). */
  readonly sensors?: Partial<SensorFrame>;
}

interface Motion {
  readonly id: number;
  readonly kind: 'DRIVE' | 'TURN';
  readonly endMs: number;
  readonly ddeg: number;
}

export class FakeBoard {
  /** Every host line received, for tests. */
  readonly heard: string[] = [];
  left = 0;
  right = 0;
  led = '000000';
  text = '';
  rateHz = 0;
  watchdogTrips = 0;
  sensors: SensorFrame;
  private lastHostMs = 0;
  private motion: Motion | null = null;
  private tone: { id: number; endMs: number } | null = null;
  private nextFrameMs = 0;
  private heading = 0;
  private readonly banner: VersionBanner;

  constructor(private readonly options: FakeBoardOptions = {}) {
    this.banner = {
      ...PROTOCOL_VERSION,
      board: 'fake',
      capabilities: ['M', 'LED', 'TONE', 'DRIVE', 'TURN', 'TEXT', 'US', 'LINE3', 'LIGHT', 'RGB', 'GYRO', 'BUMP', 'BTN'],
      ...options.version,
    };
    this.sensors = { ms: 0, distMm: 0, lineBits: 0, light: 512, r: 0, g: 0, b: 0, headingDdeg: 0, bumper: false, buttonA: false, buttonB: false, ...options.sensors };
  }

  get moving(): boolean {
    return this.left !== 0 || this.right !== 0 || this.motion !== null;
  }

  receive(line: string, nowMs: number): string[] {
    const out = this.advance(nowMs);
    this.heard.push(line);
    const parsed = parseHostLine(line);
    if (parsed.kind === 'garbage') {
      // A line the board cannot read does not feed the watchdog; answer only when it looked like a command.
      if (/^[0-9]/.test(line)) out.push('ERR 0 PARSE\n');
      return out;
    }
    this.lastHostMs = nowMs;
    if (parsed.kind === 'hello') {
      out.push(this.options.banner !== undefined ? `${this.options.banner}\n` : encodeVersion(this.banner));
      return out;
    }
    if (parsed.kind === 'bad') {
      out.push(`ERR ${parsed.id} ${parsed.code}\n`);
      return out;
    }
    const { id, command } = parsed;
    if (this.options.ignore?.includes(command.verb)) return out;
    const cap = command.verb === 'S' || command.verb === 'PING' || command.verb === 'RATE' ? null : command.verb;
    if (cap !== null && !this.banner.capabilities.includes(cap)) {
      out.push(`ERR ${id} CAP\n`);
      return out;
    }
    switch (command.verb) {
      case 'M':
        this.cancelMotion(out);
        this.left = command.left;
        this.right = command.right;
        break;
      case 'S':
        this.cancelMotion(out);
        this.left = this.right = 0;
        if (this.tone !== null) out.push(`EV CANCEL ${this.tone.id}\n`);
        this.tone = null;
        break;
      case 'LED':
        this.led = command.rgb;
        break;
      case 'TEXT':
        this.text = command.text;
        break;
      case 'RATE':
        this.rateHz = command.hz;
        this.nextFrameMs = nowMs;
        break;
      case 'PING':
        break;
      case 'TONE':
        if (this.tone !== null) out.push(`EV CANCEL ${this.tone.id}\n`);
        this.tone = { id, endMs: nowMs + command.ms };
        break;
      case 'DRIVE':
      case 'TURN': {
        this.cancelMotion(out);
        const perMs = command.verb === 'DRIVE' ? (4 * command.speed) / 1000 : (18 * command.speed) / 1000;
        const amount = command.verb === 'DRIVE' ? command.mm : command.ddeg;
        this.motion = { id, kind: command.verb, endMs: nowMs + Math.abs(amount) / perMs, ddeg: command.verb === 'TURN' ? command.ddeg : 0 };
        const power = Math.sign(amount) * command.speed;
        this.left = power;
        this.right = command.verb === 'DRIVE' ? power : -power;
        break;
      }
    }
    out.push(`ACK ${id}\n`);
    return out.concat(this.advance(nowMs));
  }

  /** Lets board time pass to `nowMs`: finished motions and tones, the watchdog, sensor frames. */
  advance(nowMs: number): string[] {
    const out: string[] = [];
    if (this.motion !== null && nowMs >= this.motion.endMs) {
      this.heading = (((this.heading + this.motion.ddeg) % 3600) + 3600) % 3600;
      out.push(`EV DONE ${this.motion.id}\n`);
      this.motion = null;
      this.left = this.right = 0;
    }
    if (this.tone !== null && nowMs >= this.tone.endMs) {
      out.push(`EV DONE ${this.tone.id}\n`);
      this.tone = null;
    }
    if (this.moving && nowMs - this.lastHostMs >= WATCHDOG_MS) {
      this.cancelMotion(out);
      this.left = this.right = 0;
      this.watchdogTrips++;
      out.push('EV WATCHDOG\n');
    }
    if (this.rateHz > 0 && nowMs >= this.nextFrameMs) {
      this.sensors = { ...this.sensors, ms: nowMs % 4294967296, headingDdeg: this.heading };
      out.push(encodeFrame(this.sensors));
      this.nextFrameMs = Math.max(this.nextFrameMs + 1000 / this.rateHz, nowMs);
    }
    return out;
  }

  private cancelMotion(out: string[]): void {
    if (this.motion === null) return;
    out.push(`EV CANCEL ${this.motion.id}\n`);
    this.motion = null;
  }
}
