/**
 * The AI-lab sensor kit (our firmware's sensor-kit mode) over a REAL pty, the board in avr8js in its own process
 * (`firmware-bridge/emulator/pty-bridge-cli.ts --kit`), the host being KitSession over serialport, as in the app.
 *
 *   bridge.kit.led_rtt_p50_ms / _p95_ms   `<id> LED rrggbb` → `ACK <id>`, 300 in a row, frames on at 20 Hz (goal p50 ≤ 3)
 *   bridge.kit.handshake_ms               port open → banner read → frames on (KitSession.connect), board already up
 *   bridge.kit.lost_frames                `K` frames missing at 20 Hz over 30 s of board time (gaps in the `ms`
 *                                         field, plus lines that did not parse) (goal 0)
 *
 * Round trips include both processes' scheduling and the emulator's ≤ 4 ms turns: on a shared 2-core machine under load
 * they grow with the load average (measured 12–20 ms p50 at load 7), so compare them side by side with bridge-line.
 *   node --import tsx bench/bridge-kit.bench.ts [--stream-seconds 30]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { LineSplitter, parseKitBoardLine } from '../firmware-bridge/line/codec';
import { KitSession } from '../firmware-bridge/line/kit-session';
import { openSerialLineTransport } from '../firmware-bridge/serial/serial-transport';

const bench = (name: string, value: number, unit: string) => console.log(`BENCH ${JSON.stringify({ name, value: Math.round(value * 1000) / 1000, unit })}`);
const { values } = parseArgs({ options: { 'stream-seconds': { type: 'string', default: '30' } } });
const streamSeconds = Number(values['stream-seconds']);
const RATE_HZ = 20;

const dir = mkdtempSync(join(tmpdir(), 'ailab-bench-kit-'));
const path = join(dir, 'kit');
const cli = fileURLToPath(new URL('../firmware-bridge/emulator/pty-bridge-cli.ts', import.meta.url));
const board = spawn(process.execPath, ['--import', 'tsx', cli, '--kit', '--path', path], { stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise<void>((resolve, reject) => {
  board.stdout.on('data', (b: Buffer) => {
    if (b.toString().includes(path)) resolve();
  });
  board.once('exit', (code) => reject(new Error(`[Bench] board process exited (${code})`)));
});

const transport = await openSerialLineTransport(path);
const t0 = performance.now();
const kit = await KitSession.connect(transport, { rateHz: RATE_HZ });
bench('bridge.kit.handshake_ms', performance.now() - t0, 'ms');

// Every frame's board time, read from the same bytes the session gets, to find gaps (a missing frame shows as a jump
// of two periods or more in the board's `ms`).
const boardMs: number[] = [];
let badLines = 0;
const splitter = new LineSplitter();
const unlisten = transport.onData((chunk) => {
  for (const text of splitter.push(chunk)) {
    const line = parseKitBoardLine(text);
    if (line.kind === 'kitFrame') boardMs.push(line.ms);
    else if (line.kind === 'garbage') badLines++;
  }
});

// LED round trips: the session's own ack counter moves when the board answers.
const rtts: number[] = [];
for (let i = 0; i < 300; i++) {
  const acks = kit.stats.acks;
  const start = performance.now();
  kit.setLed(i % 2 === 0 ? '#ff0000' : '#000000');
  while (kit.stats.acks === acks) await new Promise((r) => setImmediate(r));
  rtts.push(performance.now() - start);
}
rtts.sort((a, b) => a - b);
bench('bridge.kit.led_rtt_p50_ms', rtts[Math.floor(rtts.length * 0.5)]!, 'ms');
bench('bridge.kit.led_rtt_p95_ms', rtts[Math.floor(rtts.length * 0.95)]!, 'ms');

// Stream: count frames by their board time until streamSeconds of board time have passed.
const from = boardMs.length - 1;
const badBefore = badLines;
while (boardMs.at(-1)! - boardMs[from]! < streamSeconds * 1000) await new Promise((r) => setTimeout(r, 100));
unlisten();
const periodMs = 1000 / RATE_HZ;
let missing = 0;
for (let i = from + 1; i < boardMs.length; i++) missing += Math.max(0, Math.round((boardMs[i]! - boardMs[i - 1]!) / periodMs) - 1);
bench('bridge.kit.lost_frames', missing + (badLines - badBefore), 'frames');

kit.close();
await transport.close();
board.kill('SIGTERM');
await new Promise((r) => board.once('exit', r));
rmSync(dir, { recursive: true, force: true });
