/**
 * Firmata bridge speed against the real StandardFirmata (avrgirl-arduino's Uno build) running in avr8js behind a
 * socat pty, opened with serialport 13 as a user's /dev/ttyUSB0 would be.
 *
 * - `bridge.firmata.connect_ms` (goal ≤ 1000): from opening the port of an Uno that has already booted to a ready
 *   robot car (firmata-io version + firmware + capability + analog-mapping queries, johnny-five Board ready, the
 *   car profile's components set up). A real Uno resets when its port opens and adds ~2 s of StandardFirmata boot
 *   on top; the emulated board does not reset, so this is the bridge's own cost. Median of RUNS fresh boards.
 * - `bridge.firmata.stop_ms`: from `safeState()` with the motors at 80 % to both PWM outputs reading 0 on the
 *   emulated chip (what the big Stop costs on the wire). Median of RUNS.
 *
 * The emulator runs at about real time on a quiet machine (it reports its speed); a slower emulator makes both
 * figures larger, never smaller.
 *
 *   node --import tsx bench/bridge-firmata.bench.ts
 */
import { loadavg } from 'node:os';
import { startEmulatedFirmata } from '../firmware-bridge/firmata/emulated-firmata';
import { connectSerialFirmata } from '../firmware-bridge/firmata/serial-firmata';

const RUNS = 5;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(check: () => boolean, ms: number): Promise<number> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > ms) throw new Error(`[bench] condition not reached in ${ms} ms`);
    await new Promise((r) => setImmediate(r));
  }
  return performance.now() - start;
}

async function main(): Promise<void> {
  const connects: number[] = [];
  const stops: number[] = [];
  const speeds: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const board = await startEmulatedFirmata();
    await sleep(200);
    try {
      const started = performance.now();
      const car = await connectSerialFirmata({ path: board.path, profileId: 'uno-car-l298n', language: 'en' });
      connects.push(performance.now() - started);
      const robot = car.robot!;
      robot.setMotors(80, 80);
      await waitFor(() => board.runner.pwmDuty(5) > 0.7 && board.runner.pwmDuty(6) > 0.7, 3000);
      const stopAt = performance.now();
      robot.safeState();
      await waitFor(() => board.runner.pwmDuty(5) === 0 && board.runner.pwmDuty(6) === 0, 3000);
      stops.push(performance.now() - stopAt);
      speeds.push(board.runner.stats().speed);
      await car.link.close();
    } finally {
      await board.stop();
    }
  }
  const round = (v: number) => Math.round(v * 10) / 10;
  console.error(`[bench] connect ms per run: ${connects.map(round).join(', ')}; stop ms: ${stops.map(round).join(', ')}; emulator speed ${speeds.map((s) => s.toFixed(2)).join(', ')}× real time; load ${loadavg()[0]!.toFixed(2)}`);
  console.log(`BENCH ${JSON.stringify({ name: 'bridge.firmata.connect_ms', value: round(median(connects)), unit: 'ms' })}`);
  console.log(`BENCH ${JSON.stringify({ name: 'bridge.firmata.stop_ms', value: round(median(stops)), unit: 'ms' })}`);
  // johnny-five components keep timers of their own; the numbers are out.
  process.exit(0);
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
