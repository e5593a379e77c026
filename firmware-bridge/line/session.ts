/**
 * The AI-lab robot over the line protocol (PROTOCOL.md): implements core's `Robot` over an injected `LineTransport`
 * (a serial port later; the in-process fake board in the tests). No serialport import here.
 *
 * Contract
 * - `LineRobot.connect()` sends `HELLO` up to `helloAttempts` times, `helloMs` apart, and waits for a `VER` banner.
 *   A banner of another firmware → `line.notOurFirmware`; ours with another major → `line.wrongFirmware` (the UI
 *   offers to flash); no banner → `line.noAnswer`. Then `RATE <rateHz>` starts the sensor stream.
 * - Every command carries an id (1…65535, wrapping). `ACK <id>` within `ackMs` or the command fails with
 *   `line.timeout`; `ERR <id> <code>` fails it with `line.refused`. A failed Completion throws a `LineError` from
 *   `isDone()` (the interpreter reports it as `deviceFailed` on the block, in the driver's language).
 * - `driveCm` / `turnDeg` / `playTone` are done when the board sends `EV DONE <id>` (after the ACK), or
 *   `EV CANCEL <id>` (a later motor command or stop replaced it: cancelled counts as done, as in the simulator).
 *   They fail with `line.timeout` when `EV DONE` has not come by the expected duration × 3 + `doneSlackMs`.
 *   `setMotors` / `stopMotors` / `safeState` settle a drive/turn in progress at once, locally.
 * - Watchdog: the board stops its motors when no host line arrives for 500 ms; the session sends `PING` whenever
 *   nothing has been sent for `pingMs` (default 200), so a running program never trips it; a stuck host does.
 * - `sample()` copies the newest `D` frame into what `readings()` returns (sensor units of core's RobotReadings).
 * - A `VER` banner after the handshake means the board restarted: moving commands settle (as cancelled) and `RATE`
 *   is sent again.
 * - `linkLost()`: the board said nothing for `lostAfterMs` (default 1000; it answers every PING) → `line.lost`.
 */
import type { Completion } from '../../core/device/completion';
import { DONE } from '../../core/device/completion';
import type { ColourName, Robot, RobotReadings } from '../../core/device/robot';
import { translate, type Language } from '../../core/i18n';
import { DriverCompletion } from '../driver-completion';
import {
  encodeCommand,
  encodeHello,
  LineSplitter,
  MAX_ID,
  parseBoardLine,
  PROTOCOL_VERSION,
  sanitizeText,
  type BoardLine,
  type LineCommand,
  type SensorFrame,
  type VersionBanner,
} from './codec';

/** A command's progress as the interpreter polls it (settled once by the driver). */
type LineCompletion = DriverCompletion;

/** Bytes to and from the board. */
export interface LineTransport {
  /** For messages, e.g. `/dev/ttyACM0`. */
  readonly address: string;
  /** Sends one or more complete lines; never throws. */
  write(text: string): void;
  /** Bytes from the board, in chunks of any size. */
  onData(listener: (chunk: Uint8Array) => void): () => void;
  close(): Promise<void>;
}

export interface LineRobotOptions {
  /** Language of the errors the student sees (default 'en'). */
  readonly language?: Language;
  readonly helloMs?: number;
  readonly helloAttempts?: number;
  readonly ackMs?: number;
  /** Added to 3 × the expected duration of a drive/turn/tone before it times out, ms. */
  readonly doneSlackMs?: number;
  readonly pingMs?: number;
  readonly lostAfterMs?: number;
  /** Sensor frames per second asked after the handshake (0…100, default 50). */
  readonly rateHz?: number;
  /** Log sink for `[LineRobot]` lines (default none). */
  readonly log?: (line: string) => void;
}

export type LineErrorCode = 'line.noAnswer' | 'line.wrongFirmware' | 'line.notOurFirmware' | 'line.timeout' | 'line.refused' | 'line.closed' | 'line.lost';

/** A driver failure; `message` is in the driver's language, `code`/`params` give the `bridge` i18n key. */
export class LineError extends Error {
  constructor(
    readonly code: LineErrorCode,
    readonly params: Record<string, string | number>,
    language: Language,
  ) {
    super(translate(language, 'bridge', code, params));
    this.name = 'LineError';
  }
}

interface Pending {
  readonly id: number;
  readonly text: string;
  readonly command: LineCommand;
  readonly completion: LineCompletion;
  /** Expected time from ACK to `EV DONE`, ms; null when the ACK finishes it. */
  readonly doneAfterMs: number | null;
  acked: boolean;
  timer: ReturnType<typeof setTimeout> | null;
}

export const IDLE_READINGS: RobotReadings = {
  distanceCm: 400,
  lineSensors: [false, false],
  lightPercent: 0,
  colourUnder: 'none',
  headingDeg: 0,
  bumperPressed: false,
  buttonA: false,
  buttonB: false,
};

/** Colour sensor RGB (0…255) → a colour name: dark → black, bright → white, else the clearly strongest hue. */
export function classifyColour(r: number, g: number, b: number): ColourName {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  if (max < 40) return 'black';
  if (min > 180) return 'white';
  if (r > 120 && g > 120 && b < 0.6 * Math.min(r, g)) return 'yellow';
  const sorted = [r, g, b].sort((x, y) => y - x);
  if (sorted[0]! < 1.4 * sorted[1]!) return 'none';
  return max === r ? 'red' : max === g ? 'green' : 'blue';
}

/** A `D` frame → core's RobotReadings (distance cm 2…400, 400 = nothing; light 0…100 %; heading 0…360°). */
export function frameToReadings(frame: SensorFrame, banner: VersionBanner): RobotReadings {
  const lineCap = banner.capabilities.map((c) => /^LINE([2-8])$/.exec(c)).find((m) => m !== null);
  const lineCount = lineCap ? Number(lineCap[1]) : 2;
  const lineSensors: boolean[] = [];
  for (let i = 0; i < lineCount; i++) lineSensors.push(((frame.lineBits >> i) & 1) === 1);
  return {
    distanceCm: frame.distMm === 0 ? 400 : Math.min(400, Math.max(2, frame.distMm / 10)),
    lineSensors,
    lightPercent: Math.round((frame.light * 1000) / 1023) / 10,
    colourUnder: banner.capabilities.includes('RGB') ? classifyColour(frame.r, frame.g, frame.b) : 'none',
    headingDeg: frame.headingDdeg / 10,
    bumperPressed: frame.bumper,
    buttonA: frame.buttonA,
    buttonB: frame.buttonB,
  };
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.round(v)));

export interface LineRobotStats {
  sent: number;
  acks: number;
  frames: number;
  garbage: number;
  pings: number;
  watchdogTrips: number;
  timeouts: number;
  /** Unrequested `VER` banners after the handshake (board restarts). */
  restarts: number;
}

export class LineRobot implements Robot {
  readonly kind = 'robot' as const;
  readonly stats: LineRobotStats = { sent: 0, acks: 0, frames: 0, garbage: 0, pings: 0, watchdogTrips: 0, timeouts: 0, restarts: 0 };
  /** The board's banner (set by `connect`). */
  banner: VersionBanner = { ...PROTOCOL_VERSION, board: '?', capabilities: [] };
  /** Last failure of a command nobody waits on (`M`, `LED`, `S`, `PING`…), for the UI. */
  lastError: LineError | null = null;
  private readonly splitter = new LineSplitter();
  private readonly pending = new Map<number, Pending>();
  private readonly unlisten: () => void;
  private readonly language: Language;
  private readonly o: Required<Omit<LineRobotOptions, 'language' | 'log'>>;
  private readonly log: (line: string) => void;
  private nextId = 1;
  private lastSentMs = Date.now();
  private lastHeardMs = Date.now();
  private latest: SensorFrame | null = null;
  private sampled: RobotReadings = IDLE_READINGS;
  private pinger: ReturnType<typeof setInterval> | null = null;
  private closed = false;
  private bannerWaiter: ((line: BoardLine) => void) | null = null;

  private constructor(
    private readonly transport: LineTransport,
    options: LineRobotOptions,
  ) {
    this.language = options.language ?? 'en';
    this.log = options.log ?? (() => {});
    this.o = {
      helloMs: options.helloMs ?? 500,
      helloAttempts: options.helloAttempts ?? 4,
      ackMs: options.ackMs ?? 300,
      doneSlackMs: options.doneSlackMs ?? 2000,
      pingMs: options.pingMs ?? 200,
      lostAfterMs: options.lostAfterMs ?? 1000,
      rateHz: options.rateHz ?? 50,
    };
    this.unlisten = transport.onData((chunk) => this.onData(chunk));
  }

  /** Handshake, version check, sensor stream on. Rejects with a LineError (and closes nothing: the caller owns the port). */
  static async connect(transport: LineTransport, options: LineRobotOptions = {}): Promise<LineRobot> {
    const robot = new LineRobot(transport, options);
    try {
      robot.banner = await robot.handshake();
    } catch (e) {
      robot.shutdown();
      throw e;
    }
    robot.log(`[LineRobot] ${transport.address}: ailab-robot ${robot.banner.major}.${robot.banner.minor}.${robot.banner.patch} on ${robot.banner.board}`);
    robot.pinger = setInterval(() => robot.keepAlive(), Math.max(10, Math.floor(robot.o.pingMs / 4)));
    robot.fireAndForget({ verb: 'RATE', hz: clamp(robot.o.rateHz, 0, 100) });
    return robot;
  }

  private async handshake(): Promise<VersionBanner> {
    for (let attempt = 0; attempt < this.o.helloAttempts; attempt++) {
      this.send(encodeHello());
      const line = await new Promise<BoardLine | null>((resolve) => {
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
      if (line.kind === 'foreignVersion') throw new LineError('line.notOurFirmware', { address: this.transport.address, banner: line.text }, this.language);
      if (line.kind === 'version') {
        if (line.major !== PROTOCOL_VERSION.major) {
          throw new LineError(
            'line.wrongFirmware',
            { address: this.transport.address, found: `${line.major}.${line.minor}.${line.patch}`, wanted: `${PROTOCOL_VERSION.major}.x` },
            this.language,
          );
        }
        return line;
      }
    }
    throw new LineError('line.noAnswer', { address: this.transport.address }, this.language);
  }

  // -- Robot --------------------------------------------------------------------------------------------------

  /** Copies the newest sensor frame into what `readings()` returns until the next sample. */
  sample(): void {
    if (this.latest !== null) this.sampled = frameToReadings(this.latest, this.banner);
  }

  readings(): RobotReadings {
    return this.sampled;
  }

  driveCm(cm: number, speedPercent: number): Completion {
    const mm = clamp(cm * 10, -10000, 10000);
    const speed = clamp(speedPercent, 1, 100);
    if (mm === 0) return DONE;
    this.settleMotion();
    return this.request({ verb: 'DRIVE', mm, speed }, (Math.abs(mm) / (4 * speed)) * 1000);
  }

  turnDeg(deg: number, speedPercent: number): Completion {
    const ddeg = clamp(deg * 10, -36000, 36000);
    const speed = clamp(speedPercent, 1, 100);
    if (ddeg === 0) return DONE;
    this.settleMotion();
    return this.request({ verb: 'TURN', ddeg, speed }, (Math.abs(ddeg) / (18 * speed)) * 1000);
  }

  setMotors(leftPercent: number, rightPercent: number): void {
    this.settleMotion();
    this.fireAndForget({ verb: 'M', left: clamp(leftPercent, -100, 100), right: clamp(rightPercent, -100, 100) });
  }

  stopMotors(): void {
    this.settleMotion();
    this.fireAndForget({ verb: 'S' });
  }

  setLed(colour: string): void {
    const m = /^#?([0-9a-fA-F]{6})$/.exec(colour);
    this.fireAndForget({ verb: 'LED', rgb: m ? m[1]!.toLowerCase() : '000000' });
  }

  playTone(frequencyHz: number, beats: number): Completion {
    const hz = frequencyHz <= 0 ? 0 : clamp(frequencyHz, 20, 20000);
    const ms = clamp(beats * 500, 0, 60000);
    if (ms === 0) return DONE;
    return this.request({ verb: 'TONE', hz, ms }, ms);
  }

  showText(text: string): void {
    if (!this.banner.capabilities.includes('TEXT')) return; // no display fitted: nothing to show, as in the contract
    this.fireAndForget({ verb: 'TEXT', text: sanitizeText(text) });
  }

  /** Motors 0 and buzzer off (`S`), settling drives, turns and tones in progress. */
  safeState(): void {
    for (const p of this.pending.values()) {
      if (p.command.verb === 'DRIVE' || p.command.verb === 'TURN' || p.command.verb === 'TONE') this.finish(p, 'done');
    }
    if (!this.closed) this.fireAndForget({ verb: 'S' });
  }

  // -- link -----------------------------------------------------------------------------------------------------

  /** Null while the board is heard; a `line.lost` / `line.closed` error otherwise. */
  linkLost(): LineError | null {
    if (this.closed) return new LineError('line.closed', {}, this.language);
    const silentMs = Date.now() - this.lastHeardMs;
    if (silentMs <= this.o.lostAfterMs) return null;
    return new LineError('line.lost', { seconds: Math.round(silentMs / 100) / 10 }, this.language);
  }

  /** Until every command in flight has settled (or `ms` passed). */
  async whenIdle(ms = 5000): Promise<void> {
    const deadline = Date.now() + ms;
    while (this.pending.size > 0 && Date.now() < deadline) {
      await Promise.race([[...this.pending.values()][0]!.completion.settled(), new Promise((r) => setTimeout(r, 20))]);
    }
  }

  /** Sends `S`, fails what is in flight with `line.closed`, stops listening. Does not close the transport. */
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
    const err = new LineError('line.closed', {}, this.language);
    for (const p of [...this.pending.values()]) this.finish(p, 'failed', err);
  }

  // -- internals ------------------------------------------------------------------------------------------------

  private send(text: string): void {
    this.lastSentMs = Date.now();
    this.stats.sent++;
    this.transport.write(text);
  }

  private keepAlive(): void {
    if (this.closed) return;
    if (Date.now() - this.lastSentMs >= this.o.pingMs) {
      this.stats.pings++;
      this.fireAndForget({ verb: 'PING' });
    }
  }

  private settleMotion(): void {
    for (const p of this.pending.values()) if (p.command.verb === 'DRIVE' || p.command.verb === 'TURN') this.finish(p, 'done');
  }

  private fireAndForget(command: LineCommand): void {
    const c = this.request(command, null);
    void c.settled().then(() => {
      if (c.state === 'failed' && c.error instanceof LineError) {
        this.lastError = c.error;
        this.log(`[LineRobot] ${c.error.message}`);
      }
    });
  }

  private request(command: LineCommand, doneAfterMs: number | null): LineCompletion {
    const completion = new DriverCompletion('LineRobot');
    if (this.closed) {
      completion.settle('failed', new LineError('line.closed', {}, this.language));
      return completion;
    }
    const id = this.nextId;
    this.nextId = this.nextId >= MAX_ID ? 1 : this.nextId + 1;
    const text = encodeCommand(id, command);
    const p: Pending = { id, text: text.trim(), command, completion, doneAfterMs, acked: false, timer: null };
    // An id still in flight after 65535 more commands is long dead: fail it rather than confuse two answers.
    const old = this.pending.get(id);
    if (old) this.finish(old, 'failed', new LineError('line.timeout', { command: old.text, seconds: 0 }, this.language));
    this.pending.set(id, p);
    p.timer = setTimeout(() => this.timeout(p, this.o.ackMs), this.o.ackMs);
    this.send(text);
    return completion;
  }

  private timeout(p: Pending, ms: number): void {
    this.stats.timeouts++;
    this.finish(p, 'failed', new LineError('line.timeout', { command: p.text, seconds: Math.round(ms / 100) / 10 }, this.language));
  }

  private finish(p: Pending, state: 'done' | 'failed', error: Error | null = null): void {
    if (p.timer !== null) clearTimeout(p.timer);
    p.timer = null;
    if (this.pending.get(p.id) === p) this.pending.delete(p.id);
    p.completion.settle(state, error);
  }

  private onData(chunk: Uint8Array): void {
    for (const text of this.splitter.push(chunk)) {
      this.lastHeardMs = Date.now();
      const line = parseBoardLine(text);
      this.onLine(line);
    }
  }

  private onLine(line: BoardLine): void {
    switch (line.kind) {
      case 'version':
      case 'foreignVersion':
        if (this.bannerWaiter !== null) {
          this.bannerWaiter(line);
        } else if (this.pinger !== null && line.kind === 'version') {
          // A banner nobody asked for: the board restarted (brown-out, reset button). It forgot its motions and its
          // stream rate: settle what was moving (cancelled counts as done) and ask for the stream again.
          this.stats.restarts++;
          this.log('[LineRobot] the board restarted; sensor stream requested again');
          for (const p of this.pending.values()) if (p.doneAfterMs !== null) this.finish(p, 'done');
          this.fireAndForget({ verb: 'RATE', hz: clamp(this.o.rateHz, 0, 100) });
        }
        return;
      case 'ack': {
        this.stats.acks++;
        const p = this.pending.get(line.id);
        if (!p || p.acked) return;
        p.acked = true;
        if (p.timer !== null) clearTimeout(p.timer);
        if (p.doneAfterMs === null) {
          this.finish(p, 'done');
        } else {
          const ms = 3 * p.doneAfterMs + this.o.doneSlackMs;
          p.timer = setTimeout(() => this.timeout(p, ms), ms);
        }
        return;
      }
      case 'error': {
        const p = this.pending.get(line.id);
        if (p) this.finish(p, 'failed', new LineError('line.refused', { command: p.text, code: line.code }, this.language));
        else this.log(`[LineRobot] board error ${line.code} for id ${line.id}`);
        return;
      }
      case 'event': {
        if (line.name === 'DONE' || line.name === 'CANCEL') {
          const id = Number(line.args[0]);
          const p = this.pending.get(id);
          if (p && p.doneAfterMs !== null) this.finish(p, 'done');
        } else if (line.name === 'WATCHDOG') {
          this.stats.watchdogTrips++;
          this.log('[LineRobot] board watchdog stopped the motors (no host line for 500 ms)');
          for (const p of this.pending.values()) if (p.command.verb === 'DRIVE' || p.command.verb === 'TURN') this.finish(p, 'done');
        }
        return;
      }
      case 'frame':
        this.stats.frames++;
        this.latest = line;
        return;
      case 'comment':
        return;
      case 'garbage':
        this.stats.garbage++;
        return;
    }
  }
}
