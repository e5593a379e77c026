/**
 * An MPU-6050 (InvenSense) gyro on the emulated I2C bus at 0x68 (AD0 low), written from its register map:
 *
 * - A write transfer's first byte sets the register pointer; further bytes are written there, the pointer counting
 *   up. Reads come from the pointer and count up too (burst reads of the 16-bit outputs).
 * - 0x75 WHO_AM_I = 0x68. 0x6B PWR_MGMT_1 resets to 0x40 (SLEEP set: outputs stay frozen until it is cleared).
 *   0x1B GYRO_CONFIG FS_SEL bits 4:3 → ±250/500/1000/2000 °/s = 131/65.5/32.8/16.4 LSB per °/s.
 *   0x43…0x48 GYRO_XOUT…GYRO_ZOUT, high byte first, two's complement. Other registers read back what was written
 *   (0 after power-on); accelerometer and temperature outputs read 0 g / 0 raw (not modelled).
 * - Axes: Z points up out of the chip; a positive Z rate is anticlockwise seen from above (right-hand rule), so a
 *   robot turning clockwise reads a negative Z rate.
 * - The outputs follow the rate at the moment of the read plus a constant zero-rate offset (`biasDps`; real chips
 *   read a few °/s at rest, which firmware must measure and subtract), clipped to the full-scale range.
 */
import type { I2cDevice } from './i2c-bus';

export const MPU6050_ADDRESS = 0x68;
export const MPU6050_WHO_AM_I = 0x68;

const REG = { gyroConfig: 0x1b, gyroXoutH: 0x43, pwrMgmt1: 0x6b, whoAmI: 0x75 } as const;
const SLEEP = 0x40;
const LSB_PER_DPS = [131, 65.5, 32.8, 16.4] as const;

export class GyroMpu6050 implements I2cDevice {
  private readonly regs = new Uint8Array(0x80);
  private pointer = 0;
  private expectPointer = false;
  /** Output registers captured at the first byte of a read burst, so one burst reads one sample. */
  private sample: Uint8Array | null = null;

  /**
   * @param clockwiseDps the robot's turn rate now, degrees per second, clockwise seen from above
   * @param biasDps what the Z output reads at rest, °/s on the chip's own axis (anticlockwise positive)
   */
  constructor(
    private readonly clockwiseDps: () => number,
    private readonly biasDps = 0,
  ) {
    this.regs[REG.pwrMgmt1] = SLEEP;
    this.regs[REG.whoAmI] = MPU6050_WHO_AM_I;
  }

  begin(write: boolean): void {
    this.expectPointer = write;
    this.sample = null;
  }

  write(byte: number): boolean {
    if (this.expectPointer) {
      this.expectPointer = false;
      this.pointer = byte & 0x7f;
      return true;
    }
    if (this.pointer !== REG.whoAmI && !(this.pointer >= 0x3b && this.pointer <= 0x48)) this.regs[this.pointer] = byte & 0xff;
    this.pointer = (this.pointer + 1) & 0x7f;
    return true;
  }

  read(): number {
    if (this.sample === null) this.sample = this.outputs();
    const value = this.pointer >= 0x3b && this.pointer <= 0x48 ? this.sample[this.pointer - 0x3b]! : this.regs[this.pointer]!;
    this.pointer = (this.pointer + 1) & 0x7f;
    return value;
  }

  end(): void {
    this.expectPointer = false;
    this.sample = null;
  }

  /** 0x3B…0x48 (accel, temp, gyro) as they read now; frozen (last values) while asleep. */
  private outputs(): Uint8Array {
    const out = this.regs.subarray(0x3b, 0x49);
    if ((this.regs[REG.pwrMgmt1]! & SLEEP) === 0) {
      const lsb = LSB_PER_DPS[(this.regs[REG.gyroConfig]! >> 3) & 0b11]!;
      const z = Math.max(-32768, Math.min(32767, Math.round((this.biasDps - this.clockwiseDps()) * lsb)));
      const at = REG.gyroXoutH - 0x3b + 4; // GYRO_ZOUT_H
      out[at] = (z >> 8) & 0xff;
      out[at + 1] = z & 0xff;
    }
    return out.slice();
  }
}
