/**
 * A Tello radio dongle in software: speaks the tello-dongle line protocol (DONGLE.md) on a Node Duplex (its "UART")
 * and forwards to a Tello over real UDP, as the ESP32 sketch does over Wi-Fi. Put behind a socat pty
 * (`startEmulatedDongle`), the whole chain the app uses with a real dongle runs for real:
 * driver → serialport → pty → this emulator → UDP on loopback → virtual Tello.
 *
 * Behaviour (the reference for the sketch in firmware-bridge/firmware/tello-dongle/)
 * - `HELLO` → `DONGLE 1.0 <up|down> <info>`; the banner is also sent once at start (a dongle that booted).
 * - `C <text>` → one datagram to `tello.host:tello.port` from the command socket; replies on that socket → `R …`.
 *   With the link down: `E nolink` and nothing sent.
 * - State datagrams arriving on `statePort` (127.0.0.1) → `S …`.
 * - `setLink(false)` is the drone's Wi-Fi dropping: `L down`, datagrams neither sent nor forwarded; `setLink(true)`
 *   → `L up`.
 * - A line it does not understand → `E unknown`; one over 255 bytes → `E overlong`.
 * - `injectRaw(text)` writes bytes as they are (boot noise, line noise) for tests.
 * - `baudRate` (optional) paces both directions as a UART at that rate would (10 bits a byte, 8N1); without it bytes
 *   cross at once, as a pty carries them.
 */
import { createSocket, type Socket } from 'node:dgram';
import { Duplex } from 'node:stream';
import { startPtyBridge, type PtyBridge } from '../emulator/pty-bridge';
import { DongleLineSplitter, encodeDatagramLine, encodeHelloLine, parseHostLine } from './dongle-protocol';
import { TELLO_STATE_PORT } from './protocol';

export interface DongleEmulatorOptions {
  /** Where the Tello listens for commands (the virtual Tello's host and port; a real drone is 192.168.10.1:8889). */
  readonly tello: { readonly host: string; readonly port: number };
  /** Local UDP port the drone's state arrives on (default 8890, where a Tello sends it). Bound on 127.0.0.1. */
  readonly statePort?: number;
  /** The Wi-Fi link to the drone at start (default up). */
  readonly linkUp?: boolean;
  /** Words after the version in the banner (default `TELLO-EMULATED`). */
  readonly info?: string;
  /** Version in the banner (default the protocol's; tests give `2.0` to see it refused). */
  readonly version?: string;
  /** Answer `HELLO` (default true; false = a board running something else that stays silent). */
  readonly answerHello?: boolean;
  /** Paces the serial side to this many bits per second, both ways (default: not paced). */
  readonly baudRate?: number;
  /** `[DongleEmulator]` lines. */
  readonly log?: (line: string) => void;
}

export interface DongleEmulatorStats {
  commands: number;
  replies: number;
  states: number;
  unknownLines: number;
  overlongLines: number;
  /** `C` lines refused with `E nolink`. */
  refused: number;
}

export interface DongleEmulator {
  /** The dongle's UART: write host bytes into it, read the dongle's lines from it. */
  readonly serial: Duplex;
  /** The local port state datagrams are received on. */
  readonly statePort: number;
  readonly stats: DongleEmulatorStats;
  /** Every `C` text forwarded to the drone, in order. */
  readonly forwarded: readonly string[];
  setLink(up: boolean): void;
  injectRaw(text: string): void;
  close(): Promise<void>;
}

export async function createDongleEmulator(options: DongleEmulatorOptions): Promise<DongleEmulator> {
  const log = options.log ?? (() => {});
  const { host, port } = options.tello;
  let linkUp = options.linkUp ?? true;
  const stats: DongleEmulatorStats = { commands: 0, replies: 0, states: 0, unknownLines: 0, overlongLines: 0, refused: 0 };
  const forwarded: string[] = [];
  const splitter = new DongleLineSplitter();
  let closed = false;

  const byteMs = options.baudRate ? 10_000 / options.baudRate : 0;
  const toDongle = new Wire(byteMs, (chunk) => onHostBytes(chunk));
  const toHost = new Wire(byteMs, (chunk) => {
    if (!closed) serial.push(chunk);
  });
  const serial = new Duplex({
    read() {},
    write(chunk: Buffer, _encoding, callback) {
      toDongle.send(chunk);
      callback();
    },
  });
  const out = (line: string | null) => {
    if (line !== null && !closed) toHost.send(Buffer.from(line, 'latin1'));
  };
  const banner = () => encodeHelloLine(linkUp, options.info ?? 'TELLO-EMULATED', options.version);

  const cmd = createSocket('udp4');
  const state = createSocket('udp4');
  const fromDrone = (address: string) => address === host || address === `::ffff:${host}`;
  cmd.on('message', (buf, rinfo) => {
    if (!linkUp || !fromDrone(rinfo.address)) return;
    stats.replies++;
    out(encodeDatagramLine('R', buf.toString('latin1')));
  });
  state.on('message', (buf, rinfo) => {
    if (!linkUp || !fromDrone(rinfo.address)) return;
    stats.states++;
    out(encodeDatagramLine('S', buf.toString('latin1')));
  });
  cmd.on('error', (e) => log(`[DongleEmulator] command socket: ${e.message}`));
  state.on('error', (e) => log(`[DongleEmulator] state socket: ${e.message}`));
  await new Promise<void>((resolve) => cmd.bind(0, '127.0.0.1', () => resolve()));
  try {
    await new Promise<void>((resolve, reject) => {
      state.once('error', reject);
      state.bind(options.statePort ?? TELLO_STATE_PORT, '127.0.0.1', () => {
        state.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    cmd.close();
    state.close();
    throw err;
  }

  function onHostBytes(chunk: Buffer): void {
    const overlongBefore = splitter.stats.overlong;
    const lines = splitter.push(chunk);
    for (let i = overlongBefore; i < splitter.stats.overlong; i++) {
      stats.overlongLines++;
      out('E overlong\n');
    }
    for (const text of lines) {
      const l = parseHostLine(text);
      if (l.kind === 'hello') {
        if (options.answerHello !== false) out(banner());
      } else if (l.kind === 'command') {
        if (!linkUp) {
          stats.refused++;
          out('E nolink\n');
          continue;
        }
        stats.commands++;
        forwarded.push(l.text);
        cmd.send(Buffer.from(l.text, 'latin1'), port, host, () => {});
      } else if (text.length > 0) {
        stats.unknownLines++;
        out('E unknown\n');
      }
    }
  }

  if (options.answerHello !== false) out(banner());
  log(`[DongleEmulator] forwarding to ${host}:${port}, state on 127.0.0.1:${state.address().port}`);

  return {
    serial,
    statePort: state.address().port,
    stats,
    forwarded,
    setLink(up) {
      if (up === linkUp) return;
      linkUp = up;
      out(`L ${up ? 'up' : 'down'}\n`);
    },
    injectRaw(text) {
      if (!closed) toHost.send(Buffer.from(text, 'latin1'));
    },
    async close() {
      if (closed) return;
      closed = true;
      toDongle.stop();
      toHost.stop();
      await Promise.all([closeSocket(cmd), closeSocket(state)]);
      serial.push(null);
    },
  };
}

/**
 * One direction of a UART: each chunk arrives once the wire has carried every byte before it, `byteMs` per byte.
 * With `byteMs` 0 chunks pass at once. One timer drains the queue in order.
 */
class Wire {
  private readonly queue: { due: number; chunk: Buffer }[] = [];
  private freeAt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly byteMs: number,
    private readonly deliver: (chunk: Buffer) => void,
  ) {}

  send(chunk: Buffer): void {
    if (this.byteMs === 0) return this.deliver(chunk);
    const now = performance.now();
    this.freeAt = Math.max(now, this.freeAt) + chunk.length * this.byteMs;
    this.queue.push({ due: this.freeAt, chunk });
    this.arm();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.queue.length = 0;
  }

  private arm(): void {
    if (this.timer || this.queue.length === 0) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      const now = performance.now();
      while (this.queue.length > 0 && this.queue[0]!.due <= now + 0.5) this.deliver(this.queue.shift()!.chunk);
      this.arm();
    }, Math.max(0, this.queue[0]!.due - performance.now()));
  }
}

function closeSocket(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    try {
      socket.close(() => resolve());
    } catch {
      resolve();
    }
  });
}

export interface EmulatedDongle {
  /** The serial path the host opens (a symlink to /dev/pts/N). */
  readonly path: string;
  readonly emulator: DongleEmulator;
  /** `bridge.unplug()` pulls the USB cable; `bridge.plugIn()` puts it back. */
  readonly bridge: PtyBridge;
  close(): Promise<void>;
}

/** A dongle emulator behind a real socat pty at `hostPath` (default a fresh temp path). */
export async function startEmulatedDongle(options: DongleEmulatorOptions & { readonly hostPath?: string }): Promise<EmulatedDongle> {
  const emulator = await createDongleEmulator(options);
  let bridge: PtyBridge;
  try {
    bridge = await startPtyBridge(emulator.serial, { hostPath: options.hostPath, log: options.log });
  } catch (err) {
    await emulator.close();
    throw err;
  }
  return {
    path: bridge.hostPath,
    emulator,
    bridge,
    async close() {
      await bridge.close();
      await emulator.close();
    },
  };
}
