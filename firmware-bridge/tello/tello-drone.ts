/**
 * The Tello driver: implements core's `Drone` over a `TelloTransport` (Wi-Fi UDP today, a serial dongle later).
 *
 * Contract
 * - One command in flight: each waits for its reply before the next is sent (the SDK has no command ids, so a reply
 *   belongs to the command in flight). A reply that arrives with nothing in flight is ignored.
 * - Timeouts: queries `queryMs`; moves `commandMs + perCmMs × cm`; rotations `commandMs + perDegMs × deg`; flips
 *   `commandMs`; take-off `takeoffMs`; land `landMs`. Only idempotent commands (`command`, queries) are retried
 *   (`retries` times); a flight command is never sent twice, since a late reply would make the drone move twice.
 * - A command that fails (the drone answers `error…`, or no answer in time) makes its Completion throw a
 *   `TelloError` from `isDone()`: the interpreter reports it as a `deviceFailed` error on the block, in the driver's
 *   language, and stops the program (which lands the drone through `safeState`).
 * - Keep-alive: when nothing has been sent for `keepAliveMs` (default 5 s) and the queue is idle, `command` is sent
 *   (valid in every state, no effect), so the drone does not land by itself after 15 s without a command.
 * - `emergency()` sends `emergency` at once, bypassing and cancelling the queue; `safeState()` cancels the queue and
 *   sends `land` at once if the drone is (or may be) in the air. Cancelled completions count as done.
 * - Telemetry comes from the state stream (~10 Hz); `sample()` copies the newest into what `readings()` returns, so
 *   every read within a tick agrees. `flying` is what the acknowledged commands say, corrected to false when the
 *   stream shows height 0 for `landedAfterMs` (the drone landed by itself).
 */
import type { Completion } from '../../core/device/completion';
import { DONE } from '../../core/device/completion';
import type { Drone, DroneDirection, DroneReadings, FlipDirection } from '../../core/device/drone';
import { translate, type Language } from '../../core/i18n';
import { encodeCommand, parseReply, parseState, TELLO_LIMITS, type TelloCommand, type TelloQuery, type TelloReply, type TelloState } from './protocol';
import type { TelloTransport } from './transport';
import { DriverCompletion } from '../driver-completion';

/** A command's progress as the interpreter polls it (settled once by the driver). */
type TelloCompletion = DriverCompletion<TelloReply>;

export interface TelloTimeouts {
  /** Per attempt of the `command` handshake (3 attempts by default). */
  readonly handshakeMs: number;
  readonly queryMs: number;
  /** Base time for a flight command (moves, rotations, flips). */
  readonly commandMs: number;
  /** Extra time per cm of a move (20 ms/cm ≈ a 50 cm/s drone). */
  readonly perCmMs: number;
  /** Extra time per degree of a rotation. */
  readonly perDegMs: number;
  readonly takeoffMs: number;
  readonly landMs: number;
}

export const DEFAULT_TELLO_TIMEOUTS: TelloTimeouts = {
  handshakeMs: 1000,
  queryMs: 1500,
  commandMs: 7000,
  perCmMs: 20,
  perDegMs: 15,
  takeoffMs: 20_000,
  landMs: 20_000,
};

export interface TelloDroneOptions {
  /** Language of the errors the student sees (default 'en'). */
  readonly language?: Language;
  readonly timeouts?: Partial<TelloTimeouts>;
  /** Idle time before a keep-alive `command` is sent, ms (default 5000; 0 = never). */
  readonly keepAliveMs?: number;
  /** Extra attempts for idempotent commands (handshake, queries), default 2. */
  readonly retries?: number;
  /** Height 0 in the state stream for this long while believed flying → landed (default 3000 ms). */
  readonly landedAfterMs?: number;
  /** The link counts as lost after this long without a state string, once the stream has been seen (default 1500 ms;
   *  the drone sends ~10 a second). */
  readonly lostAfterMs?: number;
  /** Wall clock, ms (tests may pass their own). */
  readonly now?: () => number;
}

export type TelloErrorCode = 'tello.noAnswer' | 'tello.timeout' | 'tello.refused' | 'tello.closed' | 'tello.badValue' | 'tello.lost';

/** A driver failure; `message` is in the driver's language, `code`/`params` give the `bridge` i18n key. */
export class TelloError extends Error {
  constructor(
    readonly code: TelloErrorCode,
    readonly params: Record<string, string | number>,
    language: Language,
  ) {
    super(translate(language, 'bridge', code, params));
    this.name = 'TelloError';
  }
}

/** Done when every part is done; throws the first part's failure. */
function allOf(parts: readonly TelloCompletion[]): Completion {
  return { isDone: () => parts.every((p) => p.isDone()) };
}

interface Item {
  readonly text: string;
  readonly expects: 'ok' | 'value';
  readonly timeoutMs: number;
  attemptsLeft: number;
  readonly completion: TelloCompletion;
}

const FLIP_CODE: Record<FlipDirection, 'l' | 'r' | 'f' | 'b'> = { left: 'l', right: 'r', forward: 'f', back: 'b' };

export class TelloDrone implements Drone {
  readonly kind = 'drone' as const;
  private readonly timeouts: TelloTimeouts;
  private readonly language: Language;
  private readonly retries: number;
  private readonly keepAliveMs: number;
  private readonly landedAfterMs: number;
  private readonly lostAfterMs: number;
  private readonly now: () => number;
  private readonly queue: Item[] = [];
  private inFlight: Item | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private keepAliveTimer: ReturnType<typeof setInterval> | null = null;
  private readonly unsubscribe: (() => void)[] = [];
  private lastSentAt: number;
  private lastHeardAt: number;
  private lastStateAt: number | null = null;
  private lastTimeoutAt: number | null = null;
  private closed = false;
  private flying = false;
  private state: TelloState | null = null;
  private groundSince: number | null = null;
  private yawOrigin = 0;
  private yawOriginSet = false;
  private readonly sampled = { heightCm: 0, batteryPercent: 0, flying: false, yawDeg: 0 };
  /** Commands sent, replies matched, timeouts, keep-alives (for the live summary and tests). */
  readonly stats = { sent: 0, replies: 0, timeouts: 0, keepAlives: 0, strayReplies: 0, badStates: 0, states: 0 };

  private constructor(
    private readonly transport: TelloTransport,
    options: TelloDroneOptions,
  ) {
    this.timeouts = { ...DEFAULT_TELLO_TIMEOUTS, ...options.timeouts };
    this.language = options.language ?? 'en';
    this.retries = options.retries ?? 2;
    this.keepAliveMs = options.keepAliveMs ?? 5000;
    this.landedAfterMs = options.landedAfterMs ?? 3000;
    this.lostAfterMs = options.lostAfterMs ?? 1500;
    this.now = options.now ?? Date.now;
    this.lastSentAt = this.lastHeardAt = this.now();
    this.unsubscribe.push(transport.onMessage((t) => this.onReply(t)));
    this.unsubscribe.push(transport.onState((t) => this.onState(t)));
  }

  /**
   * Enters SDK mode (`command` → `ok`) and starts the keep-alive. Rejects with `TelloError('tello.noAnswer')` when
   * nothing answers (the transport stays open; the caller closes it).
   */
  static async connect(transport: TelloTransport, options: TelloDroneOptions = {}): Promise<TelloDrone> {
    const drone = new TelloDrone(transport, options);
    const c = drone.enqueue('command', 'ok', drone.timeouts.handshakeMs, drone.retries);
    await c.settled();
    if (c.state !== 'done') {
      void drone.close(false);
      throw new TelloError('tello.noAnswer', { address: transport.address }, drone.language);
    }
    if (drone.keepAliveMs > 0) {
      drone.keepAliveTimer = setInterval(() => drone.keepAlive(), Math.max(10, Math.min(1000, drone.keepAliveMs / 4)));
      drone.keepAliveTimer.unref?.();
    }
    return drone;
  }

  /** The address of the drone (from the transport). */
  get address(): string {
    return this.transport.address;
  }

  /** Milliseconds since anything (reply or state) was heard from the drone. */
  get silentMs(): number {
    return this.now() - this.lastHeardAt;
  }

  /**
   * Why the link is down, or null while it is up: closed; the state stream (once seen) silent for `lostAfterMs`;
   * or, without a stream, a command timed out and nothing was heard since. Live runs check it every tick and stop
   * the program with reason 'disconnected'.
   */
  linkLost(): TelloError | null {
    if (this.closed) return new TelloError('tello.closed', {}, this.language);
    const now = this.now();
    const silentMs = now - this.lastHeardAt;
    const streamDown = this.lastStateAt !== null && now - this.lastStateAt >= this.lostAfterMs;
    const noAnswer = this.lastTimeoutAt !== null && this.lastTimeoutAt >= this.lastHeardAt;
    if (!streamDown && !noAnswer) return null;
    return new TelloError('tello.lost', { seconds: Math.round(silentMs / 100) / 10 }, this.language);
  }

  /** The newest state from the stream, or null before the first one. */
  get latestState(): TelloState | null {
    return this.state;
  }

  /** Asks a number (`battery?`, `height?`…); rejects with a TelloError on refusal or timeout. */
  async query(what: TelloQuery): Promise<number> {
    const c = this.enqueue(encodeCommand({ kind: 'query', what }), 'value', this.timeouts.queryMs, this.retries);
    await c.settled();
    if (c.state === 'failed') throw c.error;
    const value = c.reply?.kind === 'value' ? c.reply.value : NaN;
    // Without a state stream (blocked port) the battery reading still starts from the drone's answer.
    if (what === 'battery' && Number.isFinite(value) && !this.state) this.sampled.batteryPercent = Math.max(0, Math.min(100, value));
    return value;
  }

  // ---- Drone contract -------------------------------------------------------------------------------------------

  readings(): DroneReadings {
    return this.sampled;
  }

  /** Copies the newest telemetry into `readings()`; called once per tick (DeviceSet.sample). */
  sample(): void {
    const s = this.state;
    const r = this.sampled;
    r.flying = this.flying;
    r.batteryPercent = s ? Math.max(0, Math.min(100, s.bat)) : r.batteryPercent;
    r.heightCm = s && this.flying ? Math.max(0, s.h) : 0;
    r.yawDeg = s ? Math.round((((s.yaw - this.yawOrigin) % 360) + 360) % 360 * 10) / 10 % 360 : 0;
  }

  takeoff(): Completion {
    if (this.flying && !this.queue.length && !this.inFlight) return DONE;
    return this.flight({ kind: 'takeoff' }, this.timeouts.takeoffMs);
  }

  land(): Completion {
    if (!this.flying && !this.maybeAirborne()) return DONE;
    return this.flight({ kind: 'land' }, this.timeouts.landMs);
  }

  move(direction: DroneDirection, cm: number): Completion {
    const { min, max } = TELLO_LIMITS.moveCm;
    // Same rule as the simulated drone: distance magnitude, clamped to the SDK's 20–500 cm.
    const d = Math.min(max, Math.max(min, Math.round(Math.abs(cm))));
    return this.flight({ kind: 'move', direction, cm: d }, this.timeouts.commandMs + this.timeouts.perCmMs * d);
  }

  rotateDeg(deg: number): Completion {
    let left = Math.round(Math.abs(deg));
    if (left === 0) return DONE;
    const direction = deg < 0 ? 'ccw' : 'cw';
    // The SDK takes 1–360° per command; larger turns go as several commands.
    const parts: TelloCompletion[] = [];
    while (left > 0) {
      const step = Math.min(TELLO_LIMITS.rotateDeg.max, left);
      left -= step;
      parts.push(this.flight({ kind: 'rotate', direction, deg: step }, this.timeouts.commandMs + this.timeouts.perDegMs * step));
    }
    return parts.length === 1 ? parts[0]! : allOf(parts);
  }

  flip(direction: FlipDirection): Completion {
    return this.flight({ kind: 'flip', direction: FLIP_CODE[direction] ?? 'f' }, this.timeouts.commandMs);
  }

  emergency(): void {
    if (this.closed) return;
    this.cancelAll();
    this.sendNow('emergency');
    this.flying = false;
  }

  safeState(): void {
    if (this.closed) return;
    const airborne = this.flying || this.maybeAirborne();
    this.cancelAll();
    if (!airborne) return;
    // Bypass the queue: `land` goes now and becomes the command in flight, so its `ok` is matched to it.
    const item: Item = { text: 'land', expects: 'ok', timeoutMs: this.timeouts.landMs, attemptsLeft: 0, completion: new DriverCompletion<TelloReply>('Tello') };
    this.watchFlight(item, 'land');
    this.inFlight = item;
    this.transmit(item);
  }

  // ---- lifecycle ------------------------------------------------------------------------------------------------

  /** Resolves when no command is queued or in flight (e.g. the landing after Stop is acknowledged), or after `timeoutMs`. */
  async whenIdle(timeoutMs: number): Promise<boolean> {
    const end = this.now() + timeoutMs;
    while (this.inFlight || this.queue.length) {
      if (this.now() >= end || this.closed) return false;
      await new Promise((r) => setTimeout(r, 20));
    }
    return true;
  }

  /** Stops timers, cancels pending commands (their completions fail with `tello.closed`) and closes the transport. */
  async close(closeTransport = true): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.keepAliveTimer) clearInterval(this.keepAliveTimer);
    if (this.timer) clearTimeout(this.timer);
    const err = new TelloError('tello.closed', {}, this.language);
    for (const item of [...(this.inFlight ? [this.inFlight] : []), ...this.queue.splice(0)]) item.completion.settle('failed', err);
    this.inFlight = null;
    for (const u of this.unsubscribe.splice(0)) u();
    if (closeTransport) await this.transport.close();
  }

  // ---- queue ----------------------------------------------------------------------------------------------------

  private maybeAirborne(): boolean {
    return this.inFlight?.text === 'takeoff' || this.queue.some((i) => i.text === 'takeoff');
  }

  private flight(command: TelloCommand, timeoutMs: number): TelloCompletion {
    let text: string;
    try {
      text = encodeCommand(command);
    } catch {
      const c = new DriverCompletion<TelloReply>('Tello');
      c.settle('failed', new TelloError('tello.badValue', { command: command.kind }, this.language));
      return c;
    }
    const c = this.enqueue(text, 'ok', timeoutMs, 0);
    if (command.kind === 'takeoff' || command.kind === 'land') {
      const item = this.queue.find((i) => i.completion === c) ?? this.inFlight;
      if (item) this.watchFlight(item, command.kind);
    }
    return c;
  }

  /** Updates `flying` when a take-off or landing is acknowledged. */
  private watchFlight(item: Item, kind: 'takeoff' | 'land'): void {
    void item.completion.settled().then(() => {
      if (item.completion.state !== 'done' || item.completion.reply?.kind !== 'ok') return;
      this.flying = kind === 'takeoff';
      this.groundSince = null;
      if (kind === 'takeoff' && this.state) {
        this.yawOrigin = this.state.yaw;
        this.yawOriginSet = true;
      }
    });
  }

  private enqueue(text: string, expects: 'ok' | 'value', timeoutMs: number, retries: number): TelloCompletion {
    const completion = new DriverCompletion<TelloReply>('Tello');
    if (this.closed) {
      completion.settle('failed', new TelloError('tello.closed', {}, this.language));
      return completion;
    }
    this.queue.push({ text, expects, timeoutMs, attemptsLeft: retries, completion });
    this.pump();
    return completion;
  }

  private pump(): void {
    if (this.inFlight || this.closed) return;
    const next = this.queue.shift();
    if (!next) return;
    this.inFlight = next;
    this.transmit(next);
  }

  private transmit(item: Item): void {
    if (this.timer) clearTimeout(this.timer);
    this.stats.sent++;
    this.lastSentAt = this.now();
    this.transport.send(item.text);
    this.timer = setTimeout(() => this.onTimeout(item), item.timeoutMs);
  }

  /** Sends outside the queue (emergency); any reply to it arrives with nothing in flight and is ignored. */
  private sendNow(text: string): void {
    this.stats.sent++;
    this.lastSentAt = this.now();
    this.transport.send(text);
  }

  private onTimeout(item: Item): void {
    if (this.inFlight !== item) return;
    this.timer = null;
    if (item.attemptsLeft > 0) {
      item.attemptsLeft--;
      this.transmit(item);
      return;
    }
    this.stats.timeouts++;
    this.lastTimeoutAt = this.now();
    this.inFlight = null;
    item.completion.settle('failed', new TelloError('tello.timeout', { command: item.text, seconds: Math.round(item.timeoutMs / 100) / 10 }, this.language));
    this.pump();
  }

  private onReply(text: string): void {
    this.lastHeardAt = this.now();
    const reply = parseReply(text);
    const item = this.inFlight;
    if (!reply || !item) {
      if (reply) this.stats.strayReplies++;
      return;
    }
    let outcome: 'done' | 'failed' | null = null;
    if (reply.kind === 'error') outcome = 'failed';
    else if (item.expects === 'ok') outcome = reply.kind === 'ok' ? 'done' : null;
    else outcome = reply.kind === 'value' || reply.kind === 'text' ? 'done' : null;
    if (outcome === null) {
      // A number while waiting for `ok` (or `ok` while waiting for a number) is not this command's reply.
      this.stats.strayReplies++;
      return;
    }
    this.stats.replies++;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.inFlight = null;
    const error = outcome === 'failed' ? new TelloError('tello.refused', { command: item.text, reply: reply.kind === 'error' ? reply.text : '' }, this.language) : null;
    item.completion.settle(outcome, error, reply);
    this.pump();
  }

  private onState(text: string): void {
    const s = parseState(text);
    if (!s) {
      this.stats.badStates++;
      return;
    }
    this.stats.states++;
    this.lastHeardAt = this.lastStateAt = this.now();
    this.state = s;
    if (!this.yawOriginSet) {
      // Until take-off, yaw counts from the heading at connection.
      this.yawOrigin = s.yaw;
      this.yawOriginSet = true;
    }
    // Landed by itself (15 s idle, low battery): height 0 for a while with no take-off under way.
    if (this.flying && s.h <= 0 && this.inFlight?.text !== 'takeoff') {
      this.groundSince ??= this.now();
      if (this.now() - this.groundSince >= this.landedAfterMs) this.flying = false;
    } else this.groundSince = null;
  }

  private keepAlive(): void {
    if (this.closed || this.inFlight || this.queue.length) return;
    if (this.now() - this.lastSentAt < this.keepAliveMs) return;
    this.stats.keepAlives++;
    this.enqueue('command', 'ok', this.timeouts.queryMs, this.retries);
  }

  private cancelAll(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const item of [...(this.inFlight ? [this.inFlight] : []), ...this.queue.splice(0)]) item.completion.settle('done');
    this.inFlight = null;
  }
}
