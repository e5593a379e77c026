/**
 * Tello link measures over real UDP on 127.0.0.1 (driver ↔ virtual Tello, same process):
 *   bridge.tello.query_rtt_p50_ms / _p95_ms — `battery?` round trips through the driver's queue (1000 of them);
 *   bridge.tello.state_parse_per_s          — state strings parsed per second (pure parser);
 *   bridge.live.tick_late_max_ms / _mean_ms — tick lateness of a live run of examples/drone-rings.ailab
 *                                             (virtual Tello flights 20× faster; 20 ms ticks).
 *   node --import tsx bench/tello.bench.ts
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fromBlockly } from '../core/program/index';
import { droneDeviceSet } from '../firmware-bridge/live/device-sets';
import { startLiveRun } from '../firmware-bridge/live/live-run';
import { encodeState, parseState } from '../firmware-bridge/tello/protocol';
import { connectToVirtualTello } from '../firmware-bridge/tello/test-support';

const bench = (name: string, value: number, unit: string) => console.log(`BENCH ${JSON.stringify({ name, value: Math.round(value * 1000) / 1000, unit })}`);

const flight = await connectToVirtualTello({ timeScale: 0.05 }, { keepAliveMs: 0 });
const rtts: number[] = [];
for (let i = 0; i < 1000; i++) {
  const t0 = performance.now();
  await flight.drone.query('battery');
  rtts.push(performance.now() - t0);
}
rtts.sort((a, b) => a - b);
bench('bridge.tello.query_rtt_p50_ms', rtts[Math.floor(rtts.length * 0.5)]!, 'ms');
bench('bridge.tello.query_rtt_p95_ms', rtts[Math.floor(rtts.length * 0.95)]!, 'ms');

const line = encodeState({ pitch: 1, roll: -2, yaw: 45, vgx: 0, vgy: 3, vgz: 0, templ: 60, temph: 63, tof: 90, h: 80, bat: 87, baro: 1.2, time: 12, agx: 1, agy: 2, agz: -999 });
const n = 200_000;
const t0 = performance.now();
let ok = 0;
for (let i = 0; i < n; i++) if (parseState(line)) ok++;
if (ok !== n) throw new Error('[Bench] state parse failed');
bench('bridge.tello.state_parse_per_s', n / ((performance.now() - t0) / 1000), 'lines/s');

const project = JSON.parse(readFileSync(fileURLToPath(new URL('../examples/drone-rings.ailab', import.meta.url)), 'utf8'));
const { program } = fromBlockly(project.workspace, project.target);
const summary = await startLiveRun({ program, devices: droneDeviceSet(flight.drone) }).done;
if (summary.stopReason !== 'finished') throw new Error(`[Bench] drone-rings ended with ${summary.stopReason}`);
bench('bridge.live.tick_late_max_ms', summary.maxLateMs, 'ms');
bench('bridge.live.tick_late_mean_ms', summary.meanLateMs, 'ms');
await flight.close();
