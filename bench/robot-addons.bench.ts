/**
 * The robot firmware with its I2C add-on (TCS34725 colour sensor + MPU-6050 gyro) in avr8js, unpaced (`runFor`), so
 * the figures are the emulator's own cost and the firmware's own accuracy, not the machine's scheduling:
 *
 *   bridge.addons.emulator_speed_basic   board s per wall s, basic kit, streaming at 50 Hz
 *   bridge.addons.emulator_speed_i2c     the same with both chips fitted (colour read every 25 ms, gyro every 10 ms)
 *   bridge.addons.turn_error_deg_max     worst |true heading − commanded| after gyro TURNs of 90° at 20, 50, 100 %
 *                                        and of −180° at 60 % (goal ≤ 2.5°), gyro offset 3 °/s calibrated at boot, the
 *                                        robot's rotation lagging its wheels by 50 ms (inertia: it coasts on)
 *
 *   node --import tsx bench/robot-addons.bench.ts
 */
import { AvrRunner } from '../firmware-bridge/emulator/avr-runner';
import { robotFirmwareHex } from '../firmware-bridge/emulator/firmware-files';
import { VirtualRobotBoard, type FittedSensors } from '../firmware-bridge/emulator/robot-board';

const bench = (name: string, value: number, unit: string) => console.log(`BENCH ${JSON.stringify({ name, value: Math.round(value * 1000) / 1000, unit })}`);
const hex = robotFirmwareHex();

function boot(fitted: FittedSensors) {
  const runner = new AvrRunner(hex, { speed: Infinity });
  const board = new VirtualRobotBoard(runner, fitted);
  let text = '';
  runner.serial.on('data', (b: Buffer) => (text += b.toString('latin1')));
  runner.runFor(200);
  return { runner, board, take: () => text };
}

/** Board seconds per wall second over `seconds` of board time at 50 Hz frames, pinged like a host does. */
function speed(fitted: FittedSensors, seconds: number): number {
  const { runner } = boot(fitted);
  runner.serial.write('1 RATE 50\n');
  const t0 = performance.now();
  for (let ms = 0, id = 2; ms < seconds * 1000; ms += 100) {
    runner.runFor(100);
    runner.serial.write(`${id++} PING\n`);
  }
  return seconds / ((performance.now() - t0) / 1000);
}

/** Lets the serial stream deliver what the board sent (its 'data' events come on a later tick). */
const settle = () => new Promise((r) => setImmediate(r));

async function turnError(ddeg: number, speedPercent: number): Promise<number> {
  const { runner, board, take } = boot({ colour: true, gyro: true, gyroBiasDps: 3 });
  const start = board.headingDdeg();
  runner.serial.write(`2 TURN ${ddeg} ${speedPercent}\n`);
  for (let i = 0, id = 3; i < 200 && !take().includes('EV DONE 2'); i++) {
    runner.runFor(100);
    runner.serial.write(`${id++} PING\n`);
    await settle();
  }
  if (!take().includes('EV DONE 2')) throw new Error(`[bench] TURN ${ddeg} ${speedPercent} never finished`);
  runner.runFor(100);
  const turned = (((board.headingDdeg() - start) / 10 + 540) % 360) - 180;
  const wanted = ((ddeg / 10 + 540) % 360) - 180;
  const error = Math.abs(((turned - wanted + 540) % 360) - 180);
  console.log(`[bench] TURN ${ddeg} at ${speedPercent} %: robot turned ${turned.toFixed(1)}°, error ${error.toFixed(1)}°`);
  return error;
}

speed({}, 2); // warm-up: JIT
const basic = speed({}, 10);
const i2c = speed({ colour: true, gyro: true }, 10);
console.log(`[bench] emulator: basic kit ${basic.toFixed(2)}x, with the I2C add-on ${i2c.toFixed(2)}x real time (unpaced)`);
bench('bridge.addons.emulator_speed_basic', basic, 'x');
bench('bridge.addons.emulator_speed_i2c', i2c, 'x');
const errors = [await turnError(900, 20), await turnError(900, 50), await turnError(900, 100), await turnError(-1800, 60)];
bench('bridge.addons.turn_error_deg_max', Math.max(...errors), 'deg');
