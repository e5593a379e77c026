/**
 * The AI-lab robot line over a REAL pty, against our firmware running in avr8js in its own process (as a board is
 * another computer): `firmware-bridge/emulator/pty-bridge-cli.ts`. The host side is serialport + the line codecs.
 *
 *   bridge.line.rtt_p50_ms / _p95_ms      `<id> PING` → `ACK <id>`, 500 in a row, sensor stream off (goal p50 ≤ 2)
 *   bridge.line.throughput_fraction       host→board command bytes acknowledged per second of the BOARD's own time,
 *                                         over the 11,520 B/s of 115200 8N1 (goal ≥ 0.9), 16 commands in flight
 *   bridge.line.throughput_wall_fraction  the same per wall second: bounded by how fast the emulator runs here
 *   bridge.line.emulator_speed            board seconds per wall second during the throughput run
 *   bridge.line.unanswered_commands       commands of that stream never acknowledged (goal 0)
 *   bridge.stream.lost_samples            `D` frames missing at 50 Hz over 60 s of board time (gaps in the frames'
 *                                         `ms` field, plus lines that did not parse) (goal 0)
 *
 * The emulated board's speed bounds every number here: its UART runs at 115200 in emulated time, so when the emulator
 * runs below real time (a busy machine) the wall-clock figures drop with it. That is why throughput is also given per
 * board second; round trips include the emulator's scheduling (it works in ≤ 4 ms turns).
 *   node --import tsx bench/bridge-line.bench.ts [--stream-seconds 60]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { LineSplitter, parseBoardLine } from '../firmware-bridge/line/codec';
import { openSerialLineTransport } from '../firmware-bridge/serial/serial-transport';

const bench = (name: string, value: number, unit: string) => console.log(`BENCH ${JSON.stringify({ name, value: Math.round(value * 1000) / 1000, unit })}`);
const { values } = parseArgs({ options: { 'stream-seconds': { type: 'string', default: '60' } } });
const streamSeconds = Number(values['stream-seconds']);
const LINE_BYTES_PER_S = 11_520;
/** Commands in flight: 16 × ~12 bytes stays inside the firmware's 256-byte receive buffer. */
const WINDOW = 16;

// -- the board, in its own process -------------------------------------------------------------------------------
const dir = mkdtempSync(join(tmpdir(), 'ailab-bench-'));
const path = join(dir, 'robot');
const cli = fileURLToPath(new URL('../firmware-bridge/emulator/pty-bridge-cli.ts', import.meta.url));
const board = spawn(process.execPath, ['--import', 'tsx', cli, '--path', path], { stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise<void>((resolve, reject) => {
  board.stdout.on('data', (b: Buffer) => {
    if (b.toString().includes(path)) resolve();
  });
  board.once('exit', (code) => reject(new Error(`[Bench] board process exited (${code})`)));
});

const transport = await openSerialLineTransport(path);
const splitter = new LineSplitter();
const lineListeners = new Set<(line: string) => void>();
transport.onData((chunk) => {
  for (const l of splitter.push(chunk)) for (const f of lineListeners) f(l);
});
const nextLine = (match: (l: string) => boolean, ms = 5000) =>
  new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      lineListeners.delete(on);
      reject(new Error('[Bench] no answer'));
    }, ms);
    const on = (l: string) => {
      if (!match(l)) return;
      clearTimeout(timer);
      lineListeners.delete(on);
      resolve(l);
    };
    lineListeners.add(on);
  });

let id = 1;
const nextId = () => (id = id >= 65535 ? 1 : id + 1);
transport.write('HELLO\n');
await nextLine((l) => l.startsWith('VER ailab-robot'));

// -- round trips ---------------------------------------------------------------------------------------------------
for (let i = 0; i < 50; i++) {
  const n = nextId();
  transport.write(`${n} PING\n`);
  await nextLine((l) => l === `ACK ${n}`);
}
const rtts: number[] = [];
for (let i = 0; i < 500; i++) {
  const n = nextId();
  const t0 = performance.now();
  const answered = nextLine((l) => l === `ACK ${n}`);
  transport.write(`${n} PING\n`);
  await answered;
  rtts.push(performance.now() - t0);
}
rtts.sort((a, b) => a - b);
bench('bridge.line.rtt_p50_ms', rtts[Math.floor(rtts.length * 0.5)]!, 'ms');
bench('bridge.line.rtt_p95_ms', rtts[Math.floor(rtts.length * 0.95)]!, 'ms');

// -- sustained command stream ----------------------------------------------------------------------------------------
// Board time comes from sensor frames (RATE 10): their `ms` field is the board's uptime.
let lastBoardMs = 0;
const frameClock = (l: string) => {
  const parsed = parseBoardLine(l);
  if (parsed.kind === 'frame') lastBoardMs = parsed.ms;
};
lineListeners.add(frameClock);
const rate = nextId();
transport.write(`${rate} RATE 10\n`);
await nextLine((l) => l === `ACK ${rate}`);
await nextLine((l) => l.startsWith('D '));
const inFlight = new Map<number, number>(); // id → bytes
let ackedBytes = 0;
let streaming = true;
let power = 0;
// Refill the window on every ACK (no polling), so the host never leaves the line idle while it could send.
const refill = () => {
  let text = '';
  while (streaming && inFlight.size < WINDOW) {
    const n = nextId();
    power = (power + 7) % 100;
    const line = `${n} M ${power} -${power}\n`;
    inFlight.set(n, line.length);
    text += line;
  }
  if (text !== '') transport.write(text);
};
const onAck = (l: string) => {
  const m = /^ACK (\d+)$/.exec(l);
  if (!m) return;
  const bytes = inFlight.get(Number(m[1]));
  if (bytes === undefined) return;
  inFlight.delete(Number(m[1]));
  ackedBytes += bytes;
  refill();
};
lineListeners.add(onAck);
const streamWallMs = 4000;
const boardStart = lastBoardMs;
const wallStart = performance.now();
refill();
await new Promise((r) => setTimeout(r, streamWallMs));
streaming = false;
const wallSeconds = (performance.now() - wallStart) / 1000;
// Every command must be answered: one that never is means a byte was lost on the way (and would hold a window slot).
const drainUntil = performance.now() + 3000;
while (inFlight.size > 0 && performance.now() < drainUntil) await new Promise((r) => setTimeout(r, 10));
bench('bridge.line.unanswered_commands', inFlight.size, 'commands');
await nextLine((l) => l.startsWith('D '));
const boardSeconds = Math.max(0.001, (lastBoardMs - boardStart) / 1000);
lineListeners.delete(onAck);
bench('bridge.line.throughput_fraction', ackedBytes / boardSeconds / LINE_BYTES_PER_S, 'fraction');
bench('bridge.line.throughput_wall_fraction', ackedBytes / wallSeconds / LINE_BYTES_PER_S, 'fraction');
bench('bridge.line.emulator_speed', boardSeconds / wallSeconds, 'x');
const stop = nextId();
transport.write(`${stop} S\n`);
await nextLine((l) => l === `ACK ${stop}`);

// -- sensor stream at 50 Hz ------------------------------------------------------------------------------------------
let frames = 0;
let lost = 0;
let badLines = 0;
let previousMs: number | null = null;
let streamStartMs: number | null = null;
const onStream = (l: string) => {
  const parsed = parseBoardLine(l);
  if (parsed.kind === 'garbage') badLines++;
  if (parsed.kind !== 'frame') return;
  frames++;
  streamStartMs ??= parsed.ms;
  if (previousMs !== null) lost += Math.max(0, Math.round((parsed.ms - previousMs) / 20) - 1);
  previousMs = parsed.ms;
};
const fifty = nextId();
transport.write(`${fifty} RATE 50\n`);
await nextLine((l) => l === `ACK ${fifty}`);
lineListeners.add(onStream);
// Keep feeding the watchdog as a host does (pings every 200 ms), for 60 s of board time.
while (streamStartMs === null || (previousMs ?? 0) - streamStartMs < streamSeconds * 1000) {
  transport.write(`${nextId()} PING\n`);
  await new Promise((r) => setTimeout(r, 200));
}
lineListeners.delete(onStream);
bench('bridge.stream.lost_samples', lost + badLines, 'frames');
console.error(`[Bench] stream: ${frames} frames over ${streamSeconds} s of board time, ${lost} gaps, ${badLines} unreadable lines`);

await transport.close();
board.kill('SIGTERM');
await new Promise((r) => board.once('exit', r));
rmSync(dir, { recursive: true, force: true });
