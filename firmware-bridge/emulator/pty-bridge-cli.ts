/**
 * Runs an emulated Uno behind a real pty until Ctrl+C, for trying the app or a serial monitor without hardware:
 *
 *   npx tsx firmware-bridge/emulator/pty-bridge-cli.ts [--hex <file.hex>] [--path /tmp/ailab-robot]
 *
 * Default hex: our robot firmware (built on demand). Then e.g. `npx ailab run x.ailab --device ailab:/tmp/ailab-robot`.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AvrRunner } from './avr-runner';
import { robotFirmwareHex } from './firmware-files';
import { startPtyBridge } from './pty-bridge';

const { values } = parseArgs({ options: { hex: { type: 'string' }, path: { type: 'string' } } });
const runner = new AvrRunner(values.hex !== undefined ? readFileSync(values.hex, 'utf8') : robotFirmwareHex());
runner.start();
const bridge = await startPtyBridge(runner.serial, { hostPath: values.path, log: (l) => console.error(l) });
console.log(bridge.hostPath);
const stop = async () => {
  await bridge.close();
  runner.destroy();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
