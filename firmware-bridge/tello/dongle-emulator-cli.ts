/**
 * Runs the Tello dongle emulator behind a real pty until Ctrl+C, so `ailab run … --device tello:<path>` can be tried
 * without a dongle (and without a drone: by default a virtual Tello is started on a free loopback port).
 *
 *   npx tsx firmware-bridge/tello/dongle-emulator-cli.ts [--path /tmp/ailab-tello-dongle] [--tello 127.0.0.1:8889]
 *   npx ailab run examples/drone-rings.ailab --device tello:/tmp/ailab-tello-dongle
 *
 * `--tello host:port` forwards to a Tello already listening there (e.g. `ailab virtual-tello`, whose state then goes
 * to `--state-port`, default 8890). Developer tool: messages are English only.
 */
import { parseArgs } from 'node:util';
import { startEmulatedDongle } from './dongle-emulator';
import { startVirtualTello, type VirtualTello } from './virtual-tello';
import { freeUdpPort } from './test-support';

const { values } = parseArgs({
  options: {
    path: { type: 'string', default: '/tmp/ailab-tello-dongle' },
    tello: { type: 'string' },
    'state-port': { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
});
const log = values.quiet ? () => {} : (line: string) => console.log(line);

let tello: VirtualTello | null = null;
let target: { host: string; port: number };
let statePort: number;
if (values.tello) {
  const m = /^([\d.]+):(\d{1,5})$/.exec(values.tello);
  if (!m) {
    console.error(`[DongleEmulator] --tello wants host:port, e.g. 127.0.0.1:8889 (got ${values.tello})`);
    process.exit(2);
  }
  target = { host: m[1]!, port: Number(m[2]) };
  statePort = Number(values['state-port'] ?? 8890);
} else {
  statePort = values['state-port'] ? Number(values['state-port']) : await freeUdpPort();
  tello = await startVirtualTello({ port: 0, statePort, log });
  target = { host: tello.host, port: tello.port };
}

const dongle = await startEmulatedDongle({ tello: target, statePort, hostPath: values.path, log });
console.log(`[DongleEmulator] dongle at ${dongle.path} → Tello ${target.host}:${target.port}${tello ? ' (virtual)' : ''}; Ctrl+C stops`);
console.log(`[DongleEmulator] try: npx ailab run examples/drone-rings.ailab --device tello:${dongle.path}`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await dongle.close();
  await tello?.close();
  console.log('[DongleEmulator] stopped');
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
