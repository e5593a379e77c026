/**
 * The connection to an AI-lab robot on a serial port, as a state machine the UI shows:
 *
 *   idle → connecting (opening the port) → handshake (HELLO/VER, LineRobot.connect) → ready
 *   ready → lost (port closed under us, or the board silent for `lostAfterMs`) → reconnecting → handshake → ready
 *   connecting/handshake, first time → failed (busy, permission, not found, nothing answering, wrong firmware)
 *   any → closed (close())
 *
 * Contract
 * - Every change is reported to `onDidChangeState` listeners with a message in the connection's language.
 * - Unplug: the port's close event (immediate on Linux) or the heartbeat (`heartbeatMs`, default 100 ms, checking
 *   `LineRobot.linkLost()`) moves `ready` → `lost` well within 1 s. The robot object is closed (its in-flight commands
 *   fail with `line.closed`); the firmware stops its motors by its own 500 ms watchdog, since no host line arrives.
 *   `linkLost()` then returns `error.unplugged` (zh-CN/en), which is what a live run's `linkCheck` wants: the run
 *   stops with reason `disconnected` and that message.
 * - Reconnect (default on): after `lost`, the port is tried every `retryMs` (default 300); when it opens and the
 *   board answers, the state is `ready` again with a NEW `robot`. Only a connection that was ready once reconnects:
 *   a first attempt that fails ends in `failed` with the reason.
 * - Errors are `SerialError` (port) or `LineError` (protocol); `status.error` carries code and message.
 * - Sensor kits: with `kinds` including 'sensorkit' the banner decides (identify.ts): our kit firmware gets a
 *   `KitSession` (`kit`, `device`), the robot firmware a `LineRobot`. A kind not in `kinds` fails with
 *   `kitline` `error.isKit` / `error.isRobot`; after the first ready only the same kind is taken back on reconnect.
 */
import type { Language } from '../../core/i18n';
import { translate } from '../../core/i18n';
import { identifyLineBoard, type LineBoardKind } from '../line/identify';
import { KitError, KitSession, type KitSessionOptions } from '../line/kit-session';
import { LineError, LineRobot, type LineRobotOptions } from '../line/session';
import { openSerialLineTransport, SerialError, type OpenSerialOptions, type SerialLineTransport } from './serial-transport';

export type ConnectionState = 'idle' | 'connecting' | 'handshake' | 'ready' | 'lost' | 'reconnecting' | 'failed' | 'closed';

export interface ConnectionStatus {
  readonly state: ConnectionState;
  readonly path: string;
  /** The state in words, in the connection's language (`serial` namespace `state.*`). */
  readonly message: string;
  /** Why the last attempt failed or the link was lost. */
  readonly error: { readonly code: string; readonly message: string } | null;
  /** Reconnection attempts since the link was lost. */
  readonly attempt: number;
}

export interface RobotConnectionOptions {
  readonly path: string;
  readonly language?: Language;
  readonly baudRate?: number;
  /** Try again after losing a ready link (default true). */
  readonly reconnect?: boolean;
  readonly retryMs?: number;
  readonly heartbeatMs?: number;
  /** Passed to LineRobot.connect (handshake timing, stream rate…); `language` is the connection's. */
  readonly robot?: Omit<LineRobotOptions, 'language'>;
  /** Which boards to take (default only the robot, which then skips identifying). */
  readonly kinds?: readonly LineBoardKind[];
  /** Passed to KitSession.connect when a sensor kit answers. */
  readonly kit?: Omit<KitSessionOptions, 'language'>;
  /** Opens the port (default: serialport); injectable only to count or delay opens. */
  readonly open?: (path: string, options: OpenSerialOptions) => Promise<SerialLineTransport>;
  readonly log?: (line: string) => void;
}

export class RobotConnection {
  private stateValue: ConnectionState = 'idle';
  private errorValue: ConnectionStatus['error'] = null;
  private attempts = 0;
  private everReady = false;
  private transport: SerialLineTransport | null = null;
  private robotValue: LineRobot | null = null;
  private kitValue: KitSession | null = null;
  /** The kind first connected; a reconnect takes back only this one. */
  private lockedKind: LineBoardKind | null = null;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly listeners = new Set<(status: ConnectionStatus) => void>();
  private readonly readyWaiters: { resolve: (r: LineRobot | KitSession) => void; reject: (e: Error) => void }[] = [];
  private readonly language: Language;
  private readonly log: (line: string) => void;

  constructor(private readonly options: RobotConnectionOptions) {
    this.language = options.language ?? 'en';
    this.log = options.log ?? (() => {});
  }

  /** Starts connecting (no-op unless idle). */
  start(): this {
    if (this.stateValue === 'idle') void this.attempt();
    return this;
  }

  get state(): ConnectionState {
    return this.stateValue;
  }

  /** The connected robot while `ready` (a new object after each reconnect), else null. */
  get robot(): LineRobot | null {
    return this.stateValue === 'ready' ? this.robotValue : null;
  }

  /** The connected sensor kit while `ready` (a new object after each reconnect), else null. */
  get kit(): KitSession | null {
    return this.stateValue === 'ready' ? this.kitValue : null;
  }

  /** Whichever board is connected while `ready`. */
  get device(): LineRobot | KitSession | null {
    return this.robot ?? this.kit;
  }

  get status(): ConnectionStatus {
    const { path } = this.options;
    const banner = (this.robotValue ?? this.kitValue)?.banner;
    const params: Record<string, string | number> = {
      path,
      attempt: this.attempts,
      version: banner ? `${banner.major}.${banner.minor}.${banner.patch}` : '?',
      board: banner?.board ?? '?',
    };
    // A kit's own ready line; while a connection that takes kits greets the board, it does not know yet which it is.
    const kitLine = (this.stateValue === 'ready' && this.kitValue !== null) || (this.stateValue === 'handshake' && (this.options.kinds ?? []).includes('sensorkit'));
    const message = translate(this.language, kitLine ? 'kitline' : 'serial', `state.${this.stateValue}`, params);
    return { state: this.stateValue, path, message, error: this.errorValue, attempt: this.attempts };
  }

  onDidChangeState(listener: (status: ConnectionStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves with the robot once ready; rejects when the connection fails, closes, or `ms` pass. */
  whenReady(ms = 10_000): Promise<LineRobot> {
    return this.whenDeviceReady(ms).then((d) => {
      if (d instanceof LineRobot) return d;
      throw new KitError('error.isKit', { path: this.options.path }, this.language);
    });
  }

  /** As `whenReady`, for a connection that takes sensor kits too. */
  whenDeviceReady(ms = 10_000): Promise<LineRobot | KitSession> {
    const device = this.device;
    if (device !== null) return Promise.resolve(device);
    if (this.stateValue === 'failed' || this.stateValue === 'closed') return Promise.reject(this.currentError());
    return new Promise((resolve, reject) => {
      const waiter = {
        resolve: (r: LineRobot | KitSession) => {
          clearTimeout(timer);
          resolve(r);
        },
        reject: (e: Error) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      const timer = setTimeout(() => {
        const i = this.readyWaiters.indexOf(waiter);
        if (i >= 0) this.readyWaiters.splice(i, 1);
        reject(new LineError('line.noAnswer', { address: this.options.path }, this.language));
      }, ms);
      this.readyWaiters.push(waiter);
    });
  }

  /** For a live run's `linkCheck`: null while ready, else why not (unplugged, lost, closed). */
  linkLost(): Error | null {
    if (this.stateValue === 'ready') return (this.robotValue ?? this.kitValue)?.linkLost() ?? null;
    return this.currentError();
  }

  async close(): Promise<void> {
    if (this.stateValue === 'closed') return;
    this.clearTimers();
    const robot = this.robotValue ?? this.kitValue;
    const transport = this.transport;
    this.robotValue = null;
    this.kitValue = null;
    this.transport = null;
    robot?.close(); // sends S (motors off) while the port is still open
    await transport?.close();
    this.setState('closed', this.errorValue);
    for (const w of this.readyWaiters.splice(0)) w.reject(new LineError('line.closed', {}, this.language));
  }

  // -- internals ----------------------------------------------------------------------------------------------------

  /** Re-reads the state after an await (close() may have run meanwhile). */
  private isClosed(): boolean {
    return this.stateValue === 'closed';
  }

  private currentError(): Error {
    if (this.errorValue !== null) return new Error(this.errorValue.message);
    return new LineError('line.closed', {}, this.language);
  }

  private setState(state: ConnectionState, error: ConnectionStatus['error'] = null): void {
    this.stateValue = state;
    this.errorValue = error;
    const status = this.status;
    this.log(`[RobotConnection] ${status.message}${error ? ` (${error.message})` : ''}`);
    for (const l of [...this.listeners]) {
      try {
        l(status);
      } catch (e) {
        this.log(`[RobotConnection] listener failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }

  private async attempt(): Promise<void> {
    const reconnecting = this.everReady;
    if (!reconnecting) this.setState('connecting');
    const open = this.options.open ?? openSerialLineTransport;
    let transport: SerialLineTransport;
    try {
      transport = await open(this.options.path, { baudRate: this.options.baudRate, language: this.language, owner: 'AI-lab robot', log: this.log });
    } catch (e) {
      this.failOrRetry(e);
      return;
    }
    if (this.stateValue === 'closed') {
      await transport.close();
      return;
    }
    this.transport = transport;
    this.setState('handshake', reconnecting ? this.errorValue : null);
    let robot: LineRobot | KitSession;
    try {
      robot = await this.connectBoard(transport);
    } catch (e) {
      this.transport = null;
      await transport.close();
      this.failOrRetry(e);
      return;
    }
    if (this.isClosed() || !transport.isOpen) {
      robot.close();
      await transport.close();
      if (!this.isClosed()) this.failOrRetry(new SerialError('error.notFound', { path: this.options.path }, this.language));
      return;
    }
    if (robot instanceof LineRobot) this.robotValue = robot;
    else this.kitValue = robot;
    this.lockedKind = robot.kind;
    this.everReady = true;
    this.attempts = 0;
    transport.onClose((reason) => {
      if (reason === 'unplugged' && this.transport === transport) this.lose();
    });
    const heartbeatMs = this.options.heartbeatMs ?? 100;
    this.heartbeat = setInterval(() => {
      if (this.stateValue === 'ready' && robot.linkLost() !== null) this.lose();
    }, heartbeatMs);
    if (reconnecting) this.log(`[RobotConnection] ${translate(this.language, 'serial', 'reconnected', { path: this.options.path })}`);
    this.setState('ready');
    for (const w of this.readyWaiters.splice(0)) w.resolve(robot);
  }

  /** The robot straight away when only robots are taken (as before kits existed); otherwise what the banner says. */
  private async connectBoard(transport: SerialLineTransport): Promise<LineRobot | KitSession> {
    const kinds = this.lockedKind !== null ? [this.lockedKind] : (this.options.kinds ?? ['robot']);
    const robotOptions = { ...this.options.robot, language: this.language, log: this.log };
    if (!kinds.includes('sensorkit')) return LineRobot.connect(transport, robotOptions);
    const kind = await identifyLineBoard(transport, { ...this.options.robot, language: this.language });
    if (!kinds.includes(kind)) {
      const k = (x: LineBoardKind) => translate(this.language, 'kitline', `kind.${x}`);
      const { path } = this.options;
      if (this.lockedKind !== null) throw new KitError('error.changedKind', { path, was: k(this.lockedKind), now: k(kind) }, this.language);
      throw new KitError(kind === 'sensorkit' ? 'error.isKit' : 'error.isRobot', { path }, this.language);
    }
    return kind === 'robot' ? LineRobot.connect(transport, robotOptions) : KitSession.connect(transport, { ...this.options.kit, language: this.language, log: this.log });
  }

  private lose(): void {
    if (this.stateValue !== 'ready') return;
    this.clearTimers();
    const robot = this.robotValue ?? this.kitValue;
    const transport = this.transport;
    this.robotValue = null;
    this.kitValue = null;
    this.transport = null;
    robot?.close();
    void transport?.close();
    // A kit has no motors: its unplug message says the alarm LED goes off instead.
    const message = translate(this.language, this.lockedKind === 'sensorkit' ? 'kitline' : 'serial', 'error.unplugged', { path: this.options.path });
    this.setState('lost', { code: 'error.unplugged', message });
    if (this.options.reconnect ?? true) this.scheduleRetry();
  }

  private failOrRetry(e: unknown): void {
    if (this.stateValue === 'closed') return;
    const error =
      e instanceof SerialError || e instanceof LineError || e instanceof KitError ? { code: e.code, message: e.message } : { code: 'error.openFailed', message: e instanceof Error ? e.message : String(e) };
    if (!this.everReady) {
      this.setState('failed', error);
      for (const w of this.readyWaiters.splice(0)) w.reject(e instanceof Error ? e : new Error(error.message));
      return;
    }
    // Reconnecting: the cable is still out (not found), or the board is still booting. Keep the unplug message.
    this.log(`[RobotConnection] reconnect attempt ${this.attempts} failed: ${error.message}`);
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    this.attempts++;
    this.setState('reconnecting', this.errorValue ?? { code: 'error.unplugged', message: translate(this.language, 'serial', 'error.unplugged', { path: this.options.path }) });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.stateValue === 'reconnecting') void this.attempt();
    }, this.options.retryMs ?? 300);
  }

  private clearTimers(): void {
    if (this.heartbeat !== null) clearInterval(this.heartbeat);
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.heartbeat = null;
    this.retryTimer = null;
  }
}
