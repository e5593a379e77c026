/**
 * The virtual Tello: a UDP emulator of a Tello drone on loopback, written from the public SDK 2.0 document, for the
 * tests and for students without a drone (`ailab virtual-tello`).
 *
 * Behaviour
 * - Listens on `host:port` (loopback only: 127.0.0.1 or ::1; anything else is refused). Nothing is answered before
 *   `command` (SDK mode); after it, state strings go ~10 times a second to the `command` sender's address, port
 *   `statePort` (8890 by default, as the real drone does).
 * - Flight commands answer `ok` when the flight is done, after a realistic duration (take-off and landing 2.5 s,
 *   moves 0.4 s + distance / speed, rotations 0.3 s + 1 s per 90°, flips 1.5 s), all multiplied by `timeScale`.
 * - Refusals: `error Not flying` (a flight command on the ground), `error out of range` (a value outside the SDK
 *   ranges), `error busy` (a flight command while another flies; `land` and `emergency` always win),
 *   `error Battery low` (take-off under 10 %, flip under 50 %), `unknown command: …`.
 * - Queries answer at once: `battery?` %, `height?` dm (`8dm`), `time?` motor-on s (`12s`), `sdk?` `20`,
 *   `speed?` cm/s (`100.0`), `wifi?` `90`. `rc a b c d` gets no reply (as on the drone).
 * - Lands by itself after `idleLandMs` (15 s) without a command and when the battery falls under 10 %.
 *   Battery: −0.15 %/s flying, −0.01 %/s on the ground (a Tello flies about 13 minutes).
 */
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { encodeState, parseCommandText, TELLO_COMMAND_PORT, TELLO_IDLE_LAND_MS, TELLO_STATE_PORT, type TelloCommand } from './protocol';

export interface VirtualTelloOptions {
  /** Command port (default 8889; 0 picks a free one, see `port` on the result). */
  readonly port?: number;
  /** Port on the client the state goes to (default 8890). */
  readonly statePort?: number;
  /** Loopback address to listen on (default 127.0.0.1). */
  readonly host?: string;
  /** Multiplies every flight duration (default 1; tests use e.g. 0.05). */
  readonly timeScale?: number;
  /** Lands by itself after this long without a command, ms (default 15 000). */
  readonly idleLandMs?: number;
  /** Battery at start, % (default 100). */
  readonly batteryPercent?: number;
  /** State strings per second (default 10). */
  readonly stateHz?: number;
  /** Each command received and what happened, for a console (e.g. `[VirtualTello] forward 50 → ok`). */
  readonly log?: (line: string) => void;
}

export interface VirtualTelloStatus {
  readonly sdkMode: boolean;
  readonly flying: boolean;
  readonly heightCm: number;
  /** Horizontal position from the take-off point, cm (x right, y forward at power-on heading). */
  readonly xCm: number;
  readonly yCm: number;
  /** −180…180, clockwise positive. */
  readonly yawDeg: number;
  readonly batteryPercent: number;
  /** Why it last landed by itself, if it did. */
  readonly autoLanded: 'idle' | 'battery' | null;
  /** Every command text received, in order. */
  readonly received: readonly string[];
}

export interface VirtualTello {
  readonly host: string;
  readonly port: number;
  readonly statePort: number;
  status(): VirtualTelloStatus;
  /** Stops answering and streaming at once (like a drone switched off) and frees the port. */
  close(): Promise<void>;
}

interface Pose {
  x: number;
  y: number;
  h: number;
  yaw: number;
}

interface Action {
  readonly kind: TelloCommand['kind'];
  readonly from: Pose;
  readonly to: Pose;
  readonly startMs: number;
  readonly endMs: number;
  /** Whether `ok` goes back when done (an automatic landing answers nothing). */
  readonly reply: boolean;
  readonly timer: ReturnType<typeof setTimeout>;
}

const DURATION_MS = { takeoff: 2500, land: 2500, flip: 1500, moveBase: 400, rotateBase: 300, rotatePer90: 1000 };
const TAKEOFF_HEIGHT_CM = 80;
const MIN_HEIGHT_CM = 20;
const CEILING_CM = 1000;
const DRAIN_FLYING_PER_S = 0.15;
const DRAIN_IDLE_PER_S = 0.01;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

export async function startVirtualTello(options: VirtualTelloOptions = {}): Promise<VirtualTello> {
  const requested = options.host ?? '127.0.0.1';
  if (!LOOPBACK_HOSTS.has(requested)) throw new Error(`[VirtualTello] loopback only (127.0.0.1 or ::1), not ${requested}`);
  const host = requested === 'localhost' ? '127.0.0.1' : requested;
  const socket = createSocket(host === '::1' ? 'udp6' : 'udp4');
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(options.port ?? TELLO_COMMAND_PORT, host, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  const emulator = new Emulator(socket, options);
  return {
    host,
    port: socket.address().port,
    statePort: emulator.statePort,
    status: () => emulator.status(),
    close: () => emulator.close(),
  };
}

class Emulator {
  readonly statePort: number;
  private readonly timeScale: number;
  private readonly idleLandMs: number;
  private readonly log: (line: string) => void;
  private client: { address: string; port: number } | null = null;
  private pose: Pose = { x: 0, y: 0, h: 0, yaw: 0 };
  private flying = false;
  private battery: number;
  private speedCmPerS = 100;
  private motorS = 0;
  private action: Action | null = null;
  private lastCommandMs = Date.now();
  private lastTickMs = Date.now();
  private autoLanded: 'idle' | 'battery' | null = null;
  private readonly received: string[] = [];
  private readonly ticker: ReturnType<typeof setInterval>;
  private closed = false;

  constructor(
    private readonly socket: Socket,
    options: VirtualTelloOptions,
  ) {
    this.statePort = options.statePort ?? TELLO_STATE_PORT;
    this.timeScale = options.timeScale ?? 1;
    this.idleLandMs = options.idleLandMs ?? TELLO_IDLE_LAND_MS;
    this.battery = options.batteryPercent ?? 100;
    this.log = options.log ?? (() => {});
    socket.on('message', (buf, rinfo) => this.onDatagram(buf.toString('latin1'), rinfo));
    socket.on('error', (err) => this.log(`[VirtualTello] socket error: ${err.message}`));
    this.ticker = setInterval(() => this.tick(), 1000 / (options.stateHz ?? 10));
  }

  status(): VirtualTelloStatus {
    const p = this.currentPose(Date.now());
    return {
      sdkMode: this.client !== null,
      flying: this.flying,
      heightCm: Math.round(p.h),
      xCm: Math.round(p.x),
      yCm: Math.round(p.y),
      yawDeg: Math.round(wrap180(p.yaw)),
      batteryPercent: Math.floor(this.battery),
      autoLanded: this.autoLanded,
      received: [...this.received],
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.ticker);
    if (this.action) clearTimeout(this.action.timer);
    await new Promise<void>((r) => this.socket.close(() => r()));
  }

  private onDatagram(text: string, from: RemoteInfo): void {
    if (this.closed) return;
    const parsed = parseCommandText(text);
    const shown = text.trim().slice(0, 60);
    this.received.push(shown);
    if (this.received.length > 10_000) this.received.splice(0, 5000);
    const isCommand = parsed !== null && 'kind' in parsed && parsed.kind === 'command';
    // Before SDK mode the drone answers nothing but `command`.
    if (!this.client && !isCommand) return this.log(`[VirtualTello] ${shown} → (not in SDK mode, ignored)`);
    if (parsed === null) return this.reply(from, `unknown command: ${shown}`, shown);
    if ('error' in parsed) return this.reply(from, 'error out of range', shown);
    this.lastCommandMs = Date.now();
    const answer = this.handle(parsed, from);
    if (answer !== null) this.reply(from, answer, shown);
    else this.log(`[VirtualTello] ${shown}`);
  }

  /** The immediate reply, or null when the reply comes later (flights) or never (`rc`). */
  private handle(c: TelloCommand, from: RemoteInfo): string | null {
    const now = Date.now();
    switch (c.kind) {
      case 'command':
        this.client = { address: from.address, port: from.port };
        return 'ok';
      case 'query':
        return this.answerQuery(c.what);
      case 'rc':
        return null;
      case 'speed':
        this.speedCmPerS = c.cmPerS;
        return 'ok';
      case 'emergency':
        this.stopAction();
        this.pose = { ...this.currentPose(now), h: 0 };
        this.flying = false;
        return 'ok';
      case 'land':
        if (!this.flying) return 'error Not flying';
        this.stopAction();
        this.start('land', { ...this.currentPose(now), h: 0 }, DURATION_MS.land, true);
        return null;
      case 'takeoff':
        if (this.flying) return 'ok';
        if (this.action) return 'error busy';
        if (this.battery < 10) return 'error Battery low';
        this.flying = true;
        this.autoLanded = null;
        this.start('takeoff', { ...this.pose, h: TAKEOFF_HEIGHT_CM }, DURATION_MS.takeoff, true);
        return null;
      default: {
        if (!this.flying) return 'error Not flying';
        if (this.action) return 'error busy';
        const p = this.pose;
        if (c.kind === 'flip') {
          if (this.battery < 50) return 'error Battery low';
          this.start('flip', { ...p }, DURATION_MS.flip, true);
          return null;
        }
        if (c.kind === 'rotate') {
          const to = { ...p, yaw: p.yaw + (c.direction === 'cw' ? c.deg : -c.deg) };
          this.start('rotate', to, DURATION_MS.rotateBase + (c.deg / 90) * DURATION_MS.rotatePer90, true);
          return null;
        }
        // A move, relative to the heading (yaw 0 = forward along +y).
        const rad = (p.yaw * Math.PI) / 180;
        const fx = Math.sin(rad), fy = Math.cos(rad);
        const to = { ...p };
        switch (c.direction) {
          case 'up': to.h = Math.min(CEILING_CM, p.h + c.cm); break;
          case 'down': to.h = Math.max(MIN_HEIGHT_CM, p.h - c.cm); break;
          case 'forward': to.x += fx * c.cm; to.y += fy * c.cm; break;
          case 'back': to.x -= fx * c.cm; to.y -= fy * c.cm; break;
          case 'right': to.x += fy * c.cm; to.y -= fx * c.cm; break;
          case 'left': to.x -= fy * c.cm; to.y += fx * c.cm; break;
        }
        this.start('move', to, DURATION_MS.moveBase + (c.cm / this.speedCmPerS) * 1000, true);
        return null;
      }
    }
  }

  private answerQuery(what: string): string {
    const p = this.currentPose(Date.now());
    switch (what) {
      case 'battery': return String(Math.floor(this.battery));
      case 'height': return `${Math.round(p.h / 10)}dm`;
      case 'time': return `${Math.floor(this.motorS)}s`;
      case 'sdk': return '20';
      case 'speed': return this.speedCmPerS.toFixed(1);
      default: return '90';
    }
  }

  private start(kind: TelloCommand['kind'], to: Pose, durationMs: number, reply: boolean): void {
    const now = Date.now();
    const endMs = now + durationMs * this.timeScale;
    const timer = setTimeout(() => this.finish(), Math.max(0, endMs - now));
    this.action = { kind, from: this.currentPose(now), to, startMs: now, endMs, reply, timer };
  }

  private finish(): void {
    const a = this.action;
    if (!a || this.closed) return;
    this.action = null;
    this.pose = { ...a.to };
    if (a.kind === 'land') this.flying = false;
    if (a.reply && this.client) this.send(this.client.address, this.client.port, 'ok', `(${a.kind} done)`);
  }

  private stopAction(): void {
    if (!this.action) return;
    clearTimeout(this.action.timer);
    this.pose = this.currentPose(Date.now());
    this.action = null;
  }

  private currentPose(now: number): Pose {
    const a = this.action;
    if (!a) return this.pose;
    const t = a.endMs <= a.startMs ? 1 : Math.min(1, Math.max(0, (now - a.startMs) / (a.endMs - a.startMs)));
    const lerp = (u: number, v: number) => u + (v - u) * t;
    return { x: lerp(a.from.x, a.to.x), y: lerp(a.from.y, a.to.y), h: lerp(a.from.h, a.to.h), yaw: lerp(a.from.yaw, a.to.yaw) };
  }

  private tick(): void {
    const now = Date.now();
    const dtS = (now - this.lastTickMs) / 1000;
    this.lastTickMs = now;
    this.battery = Math.max(0, this.battery - (this.flying ? DRAIN_FLYING_PER_S : DRAIN_IDLE_PER_S) * dtS);
    if (this.flying) this.motorS += dtS;
    const landing = this.action?.kind === 'land';
    if (this.flying && !landing && !this.action && now - this.lastCommandMs >= this.idleLandMs) this.autoLand('idle');
    else if (this.flying && !landing && this.battery < 10) this.autoLand('battery');
    if (this.client) this.sendState(now);
  }

  private autoLand(reason: 'idle' | 'battery'): void {
    this.log(`[VirtualTello] landing by itself (${reason})`);
    this.autoLanded = reason;
    this.stopAction();
    this.start('land', { ...this.pose, h: 0 }, DURATION_MS.land, false);
  }

  private sendState(now: number): void {
    const p = this.currentPose(now);
    const a = this.action;
    const durS = a ? Math.max(0.001, (a.endMs - a.startMs) / 1000) : 1;
    const v = (from: number, to: number) => (a ? (to - from) / durS / 10 : 0); // dm/s
    const text = encodeState({
      pitch: 0,
      roll: 0,
      yaw: wrap180(p.yaw),
      vgx: a ? v(a.from.x, a.to.x) : 0,
      vgy: a ? v(a.from.y, a.to.y) : 0,
      vgz: a ? -v(a.from.h, a.to.h) : 0,
      templ: 60,
      temph: 63,
      tof: this.flying ? Math.round(p.h) + 10 : 10,
      h: this.flying ? Math.round(p.h) : 0,
      bat: Math.floor(this.battery),
      baro: p.h / 100,
      time: Math.floor(this.motorS),
      agx: 0,
      agy: 0,
      agz: -1000,
    });
    const c = this.client!;
    this.socket.send(Buffer.from(text, 'latin1'), this.statePort, c.address, () => {});
  }

  private reply(to: RemoteInfo, text: string, shown: string): void {
    this.send(to.address, to.port, text, shown);
  }

  private send(address: string, port: number, text: string, shown: string): void {
    this.log(`[VirtualTello] ${shown} → ${text}`);
    try {
      this.socket.send(Buffer.from(text, 'latin1'), port, address, () => {});
    } catch {
      // Closing.
    }
  }
}

function wrap180(deg: number): number {
  const d = ((((deg + 180) % 360) + 360) % 360) - 180;
  return d === -180 ? 180 : d;
}
