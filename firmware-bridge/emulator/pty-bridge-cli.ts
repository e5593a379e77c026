/**
 * Runs an emulated Uno behind a real pty until Ctrl+C, for trying the app or a serial monitor without hardware:
 *
 *   npx tsx firmware-bridge/emulator/pty-bridge-cli.ts [--path /tmp/ailab-robot]      our robot firmware in the kit
 *       [--addons colour,gyro]   with the I2C colour sensor and/or gyro fitted (over a white floor)
 *   npx tsx firmware-bridge/emulator/pty-bridge-cli.ts --kit [--path /tmp/ailab-kit]   our sensor-kit firmware in the kit
 *   npx tsx firmware-bridge/emulator/pty-bridge-cli.ts --hex <file.hex> [--path …]    any Uno program (bare board)
 *
 * Prints the path to open, e.g. `npx ailab run x.ailab --device ailab:/tmp/ailab-robot`.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AvrRunner } from './avr-runner';
import { startEmulatedKit } from './emulated-kit';
import { startEmulatedRobot } from './emulated-robot';
import { startPtyBridge } from './pty-bridge';

const { values } = parseArgs({ options: { hex: { type: 'string' }, path: { type: 'string' }, kit: { type: 'boolean', default: false }, addons: { type: 'string', default: '' } } });
const log = (l: string) => console.error(l);
let stop: () => Promise<void>;
if (values.hex !== undefined) {
  const runner = new AvrRunner(readFileSync(values.hex, 'utf8'));
  runner.start();
  const bridge = await startPtyBridge(runner.serial, { hostPath: values.path, log });
  console.log(bridge.hostPath);
  stop = async () => {
    await bridge.close();
    runner.destroy();
  };
} else if (values.kit) {
  const kit = await startEmulatedKit({ hostPath: values.path, log });
  console.log(kit.path);
  stop = () => kit.stop();
} else {
  const addons = values.addons.split(',').filter((a) => a !== '');
  const unknown = addons.find((a) => a !== 'colour' && a !== 'gyro');
  if (unknown !== undefined) throw new Error(`[pty-bridge-cli] --addons takes colour and/or gyro, not "${unknown}"`);
  const fitted = { colour: addons.includes('colour'), gyro: addons.includes('gyro') };
  const robot = await startEmulatedRobot({ hostPath: values.path, log, fitted });
  robot.board.set({ colourUnder: { r: 255, g: 255, b: 255 } });
  console.log(robot.path);
  stop = () => robot.stop();
}
const quit = () => void stop().then(() => process.exit(0));
process.once('SIGINT', quit);
process.once('SIGTERM', quit);
