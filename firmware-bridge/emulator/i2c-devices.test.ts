/**
 * The emulated I2C chips answer as their datasheets' register maps say, so firmware written for the real chips (ours,
 * or a library's) reads sensible values: IDs, command/pointer bytes, burst reads, 16-bit latching, sleep, full scale.
 * Driven through the same I2cDevice calls the bus makes for each START/byte/STOP.
 */
import { describe, expect, it } from 'vitest';
import { ColourSensorTcs34725, TCS34725_ID, WHITE_COUNTS_PER_CYCLE_1X } from './colour-sensor-tcs34725';
import { GyroMpu6050 } from './gyro-mpu6050';
import type { I2cDevice } from './i2c-bus';

function writeRegs(dev: I2cDevice, bytes: number[]): boolean[] {
  dev.begin(true);
  const acks = bytes.map((b) => dev.write(b));
  dev.end();
  return acks;
}
function readRegs(dev: I2cDevice, first: number, count: number): number[] {
  writeRegs(dev, [first]);
  dev.begin(false);
  const out = Array.from({ length: count }, () => dev.read());
  dev.end();
  return out;
}

describe('TCS34725 colour sensor (0x29)', () => {
  it('answers its ID, refuses a byte without the command bit, and gives no data before the ADC has integrated', () => {
    let now = 0;
    const tcs = new ColourSensorTcs34725(() => ({ r: 255, g: 255, b: 255 }), () => now);
    expect(readRegs(tcs, 0x80 | 0x12, 1)).toEqual([TCS34725_ID]);
    expect(writeRegs(tcs, [0x12])).toEqual([false]);
    writeRegs(tcs, [0x80 | 0x00, 0x03]); // PON + AEN
    now = 2; // the first integration ends after the 2.4 ms warm-up + 2.4 ms (reset ATIME 0xFF = 1 cycle)
    expect(readRegs(tcs, 0x80 | 0x13, 1)[0]! & 1).toBe(0);
  });

  it('reads a red surface as counts in proportion, low byte first, in one auto-increment burst', () => {
    let now = 0;
    let surface = { r: 255, g: 0, b: 51 };
    const tcs = new ColourSensorTcs34725(() => surface, () => now);
    writeRegs(tcs, [0x80 | 0x01, 0xf6]); // ATIME: 10 cycles
    writeRegs(tcs, [0x80 | 0x0f, 0x01]); // 4x
    writeRegs(tcs, [0x80 | 0x00, 0x03]);
    now = 30;
    const b = readRegs(tcs, 0x80 | 0x20 | 0x13, 9);
    const word = (i: number) => b[i]! | (b[i + 1]! << 8);
    const white = WHITE_COUNTS_PER_CYCLE_1X * 10 * 4;
    expect(b[0]! & 1).toBe(1);
    expect([word(3), word(5), word(7)]).toEqual([white, 0, white / 5]);
    expect(word(1)).toBe(white * 1.2); // clear sees all three
    // New data only at the end of an integration (24 ms each), not while the master reads.
    surface = { r: 0, g: 255, b: 0 };
    now = 31;
    expect(readRegs(tcs, 0x80 | 0x20 | 0x16, 2)).toEqual([white & 0xff, white >> 8]);
    now = 60;
    expect(readRegs(tcs, 0x80 | 0x20 | 0x16, 4)).toEqual([0, 0, white & 0xff, white >> 8]);
  });

  it('latches the high byte when the low byte is read, so a 16-bit count is never torn by a new integration', () => {
    let now = 0;
    let surface = { r: 255, g: 0, b: 0 };
    const tcs = new ColourSensorTcs34725(() => surface, () => now);
    writeRegs(tcs, [0x80 | 0x01, 0x00]); // 256 cycles: full scale 65535
    writeRegs(tcs, [0x80 | 0x0f, 0x03]); // 60x → red clips at full scale
    writeRegs(tcs, [0x80 | 0x00, 0x03]);
    now = 700;
    const low = readRegs(tcs, 0x80 | 0x16, 1)[0]!; // repeated-byte type: the pointer stays
    surface = { r: 0, g: 0, b: 0 };
    now = 1400; // a new (dark) integration completes between the two reads
    const high = readRegs(tcs, 0x80 | 0x17, 1)[0]!;
    expect(low | (high << 8)).toBe(65535);
  });
});

describe('MPU-6050 gyro (0x68)', () => {
  it('answers WHO_AM_I 0x68 and keeps its outputs frozen at 0 while asleep (the power-on state)', () => {
    const mpu = new GyroMpu6050(() => 90);
    expect(readRegs(mpu, 0x75, 1)).toEqual([0x68]);
    expect(readRegs(mpu, 0x6b, 1)).toEqual([0x40]);
    expect(readRegs(mpu, 0x47, 2)).toEqual([0, 0]);
  });

  it('reads a clockwise turn as a negative Z rate at the full scale set, high byte first, plus its zero-rate offset', () => {
    let dps = 90;
    const mpu = new GyroMpu6050(() => dps, 2);
    writeRegs(mpu, [0x6b, 0x01]);
    writeRegs(mpu, [0x19, 9, 0x03, 0x08]); // burst: SMPLRT_DIV, CONFIG, GYRO_CONFIG = ±500 °/s
    expect(readRegs(mpu, 0x1a, 2)).toEqual([0x03, 0x08]);
    const z = () => {
      const [h, l] = readRegs(mpu, 0x47, 2);
      return ((h! << 8) | l!) << 16 >> 16;
    };
    expect(z()).toBe(Math.round((2 - 90) * 65.5));
    dps = -1000; // beyond ±500 °/s: clipped
    expect(z()).toBe(32767);
    writeRegs(mpu, [0x1b, 0x18]); // ±2000 °/s
    expect(z()).toBe(Math.round(1002 * 16.4));
  });
});
