/**
 * Puts an emulated board (anything with a serial Duplex, e.g. `AvrRunner.serial`) behind a REAL pseudo-terminal, so
 * the host side opens it with serialport exactly like `/dev/ttyACM0`. Needs `socat` (Debian package `socat`).
 *
 * How: `socat pty,raw,echo=0,link=<hostPath> pty,raw,echo=0,link=<boardPath>` makes a connected pty pair; this module
 * opens the board end with serialport and pipes it to the board's Duplex. The host path is a symlink to /dev/pts/N.
 *
 * - `unplug()` kills socat: the host's port sees the device vanish (read error / close), like pulling the USB cable.
 *   The board keeps running (as a board on batteries would) but hears nothing.
 * - `plugIn()` makes a fresh pair at the same host path, as replugging the cable gives the same /dev name back.
 * - `close()` unplugs and removes the links. The board itself is the caller's to stop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { SerialPort } from 'serialport';

export interface PtyBridgeOptions {
  /** Where the host-side link goes (default a fresh temp dir + `/board`). */
  readonly hostPath?: string;
  /** Baud rate for the board end (a pty ignores it; kept for the record). */
  readonly baudRate?: number;
  /** socat binary (default `socat` on PATH). */
  readonly socat?: string;
  /** Log sink for `[PtyBridge]` lines. */
  readonly log?: (line: string) => void;
}

export interface PtyBridge {
  /** The path the host opens (a symlink to a /dev/pts/N). */
  readonly hostPath: string;
  readonly plugged: boolean;
  /** Pulls the cable: kills socat. Resolves when the pty pair is gone. */
  unplug(): Promise<void>;
  /** Plugs it back in (same hostPath). */
  plugIn(): Promise<void>;
  close(): Promise<void>;
}

const WAIT_LINK_MS = 5000;

async function waitFor(check: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`[PtyBridge] timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Starts a pty pair for `board` and resolves once the host path can be opened. */
export async function startPtyBridge(board: Duplex, options: PtyBridgeOptions = {}): Promise<PtyBridge> {
  const dir = mkdtempSync(join(tmpdir(), 'ailab-pty-'));
  const hostPath = options.hostPath ?? join(dir, 'board');
  const boardPath = join(dir, 'board-side');
  const log = options.log ?? (() => {});
  let socat: ChildProcess | null = null;
  let port: SerialPort | null = null;
  let exited: Promise<void> = Promise.resolve();

  // Board → host. Written only while a pair exists; what the board says while unplugged is lost, as on a cable.
  // Chunks of one event-loop turn go out in one write (each write is a thread-pool job in serialport).
  let pending: Buffer[] = [];
  const flush = () => {
    const data = Buffer.concat(pending);
    pending = [];
    if (port?.isOpen) port.write(data);
  };
  const onBoardData = (chunk: Buffer) => {
    if (pending.length === 0) setImmediate(flush);
    pending.push(chunk);
  };
  board.on('data', onBoardData);

  const plugIn = async () => {
    if (socat !== null) return;
    rmSync(hostPath, { force: true });
    rmSync(boardPath, { force: true });
    const child = spawn(options.socat ?? 'socat', [`pty,raw,echo=0,link=${hostPath}`, `pty,raw,echo=0,link=${boardPath}`], { stdio: 'ignore' });
    socat = child;
    exited = new Promise((resolve) => child.once('exit', () => resolve()));
    child.once('error', (e) => log(`[PtyBridge] socat failed: ${e.message}`));
    await waitFor(() => existsSync(hostPath) && existsSync(boardPath), WAIT_LINK_MS, `socat links at ${hostPath}`);
    const p = new SerialPort({ path: boardPath, baudRate: options.baudRate ?? 115200, autoOpen: false });
    await new Promise<void>((resolve, reject) => p.open((e) => (e ? reject(e) : resolve())));
    p.on('data', (chunk: Buffer) => board.write(chunk));
    p.on('error', (e) => log(`[PtyBridge] board side: ${e.message}`));
    port = p;
    log(`[PtyBridge] plugged in at ${hostPath}`);
  };

  const unplug = async () => {
    const child = socat;
    if (child === null) return;
    socat = null;
    const p = port;
    port = null;
    child.kill('SIGKILL');
    await exited;
    // The device node goes away with the cable (a killed socat leaves its links dangling, and the pts number may be
    // handed to another pty at once).
    rmSync(hostPath, { force: true });
    rmSync(boardPath, { force: true });
    // The board end usually notices the hang-up and closes by itself; never wait long on it.
    if (p?.isOpen) await Promise.race([new Promise<void>((resolve) => p.close(() => resolve())), new Promise((r) => setTimeout(r, 500))]);
    log(`[PtyBridge] unplugged ${hostPath}`);
  };

  await plugIn();
  return {
    hostPath,
    get plugged() {
      return socat !== null;
    },
    unplug,
    plugIn,
    async close() {
      await unplug();
      board.off('data', onBoardData);
      rmSync(hostPath, { force: true });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
