/**
 * Tello through the serial radio dongle, all real parts in one process: driver → serialport → socat pty → dongle
 * emulator → UDP on 127.0.0.1 → virtual Tello.
 *   bridge.dongle.query_rtt_p50_ms / _p95_ms — `battery?` round trips through the driver's queue (1000 of them);
 *   bridge.dongle.query_rtt_115200_p50_ms / _p95_ms — the same with the emulator pacing its UART at 115200 baud both
 *                                             ways (a pty has no baud rate; a real dongle's wire does);
 *   bridge.dongle.state_lines_per_s           — state lines the host received per second (the drone sends 10);
 *   bridge.dongle.parse_lines_per_s           — dongle lines split + parsed per second (pure codec, 64-byte chunks).
 * Compare bridge.tello.query_rtt_* (same queue over plain UDP) in tello.bench.ts: the difference is the pty hop.
 *   node --import tsx bench/tello-dongle.bench.ts
 */
import { DongleLineSplitter, encodeDatagramLine, parseDongleLine } from '../firmware-bridge/tello/dongle-protocol';
import { startEmulatedDongle } from '../firmware-bridge/tello/dongle-emulator';
import { encodeState } from '../firmware-bridge/tello/protocol';
import { openSerialTelloTransport } from '../firmware-bridge/tello/serial-transport';
import { TelloDrone } from '../firmware-bridge/tello/tello-drone';
import { freeUdpPort } from '../firmware-bridge/tello/test-support';
import { startVirtualTello } from '../firmware-bridge/tello/virtual-tello';

const bench = (name: string, value: number, unit: string) => console.log(`BENCH ${JSON.stringify({ name, value: Math.round(value * 1000) / 1000, unit })}`);

async function measure(baudRate: number | undefined, prefix: string, stateSeconds: number): Promise<void> {
  const statePort = await freeUdpPort();
  const tello = await startVirtualTello({ port: 0, statePort, timeScale: 0.05 });
  const dongle = await startEmulatedDongle({ tello: { host: '127.0.0.1', port: tello.port }, statePort, baudRate });
  const transport = await openSerialTelloTransport(dongle.path);
  const drone = await TelloDrone.connect(transport, { keepAliveMs: 0 });

  const rtts: number[] = [];
  for (let i = 0; i < 1000; i++) {
    const t0 = performance.now();
    await drone.query('battery');
    rtts.push(performance.now() - t0);
  }
  rtts.sort((a, b) => a - b);
  bench(`${prefix}_p50_ms`, rtts[Math.floor(rtts.length * 0.5)]!, 'ms');
  bench(`${prefix}_p95_ms`, rtts[Math.floor(rtts.length * 0.95)]!, 'ms');

  if (stateSeconds > 0) {
    const s0 = transport.stats.states;
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, stateSeconds * 1000));
    bench('bridge.dongle.state_lines_per_s', (transport.stats.states - s0) / ((performance.now() - t0) / 1000), 'lines/s');
  }
  if (drone.stats.timeouts !== 0) throw new Error(`[Bench] ${drone.stats.timeouts} timeouts over the dongle`);
  await drone.close();
  await dongle.close();
  await tello.close();
}

await measure(undefined, 'bridge.dongle.query_rtt', 3);
await measure(115_200, 'bridge.dongle.query_rtt_115200', 0);

const state = encodeState({ pitch: 1, roll: -2, yaw: 45, vgx: 0, vgy: 3, vgz: 0, templ: 60, temph: 63, tof: 90, h: 80, bat: 87, baro: 1.2, time: 12, agx: 1, agy: 2, agz: -999 });
const stream = Buffer.from(`${encodeDatagramLine('S', state)!}R ok\n`.repeat(2000), 'latin1');
const splitter = new DongleLineSplitter();
const p0 = performance.now();
let lines = 0;
for (let round = 0; round < 20; round++) {
  for (let i = 0; i < stream.length; i += 64) for (const l of splitter.push(stream.subarray(i, i + 64))) if (parseDongleLine(l).kind !== 'garbage') lines++;
}
if (lines !== 20 * 4000) throw new Error(`[Bench] parsed ${lines} lines`);
bench('bridge.dongle.parse_lines_per_s', lines / ((performance.now() - p0) / 1000), 'lines/s');
