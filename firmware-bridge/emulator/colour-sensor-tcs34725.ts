/**
 * A TCS34725 RGB colour sensor (ams) on the emulated I2C bus at 0x29, written from the datasheet's register map:
 *
 * - Every transfer from the master starts with a COMMAND byte: bit 7 = 1, bits 6:5 = type (00 repeated byte: the
 *   pointer stays; 01 auto-increment), bits 4:0 = register. Further written bytes go to the register(s); reads come
 *   from the pointer.
 * - 0x00 ENABLE (PON bit 0, AEN bit 1), 0x01 ATIME (integration = 2.4 ms × (256 − ATIME), full scale
 *   min(65535, 1024 × (256 − ATIME)) counts), 0x0F CONTROL (AGAIN bits 1:0 → 1×, 4×, 16×, 60×), 0x12 ID (0x44),
 *   0x13 STATUS (AVALID bit 0: an integration has completed since the ADC was enabled), 0x14…0x1B clear, red, green,
 *   blue data, low byte first; reading a low byte latches its high byte, so a 16-bit value is read whole.
 * - Reset values: ENABLE 0, ATIME 0xFF, CONTROL 0 (what a sensor has after power-on; a board reset does not reset it).
 *
 * The light model (ours, not the datasheet's): a white card under the kit's LED gives WHITE_COUNTS_PER_CYCLE_1X counts
 * per 2.4 ms cycle at gain 1× on each of red, green and blue; a surface of colour (r, g, b) 0…255 gives that share;
 * clear sees the sum. Counts clip at full scale, as the chip's do. Values change at the end of each integration.
 */
import type { I2cDevice } from './i2c-bus';

export const TCS34725_ADDRESS = 0x29;
export const TCS34725_ID = 0x44;
/** Counts per integration cycle at 1× gain from a white surface, per colour channel. */
export const WHITE_COUNTS_PER_CYCLE_1X = 50;

const CYCLE_MS = 2.4;
const GAINS = [1, 4, 16, 60] as const;
const REG = { enable: 0x00, atime: 0x01, control: 0x0f, id: 0x12, status: 0x13, cdatal: 0x14 } as const;
const PON = 0x01;
const AEN = 0x02;

export interface SurfaceColour {
  r: number;
  g: number;
  b: number;
}

export class ColourSensorTcs34725 implements I2cDevice {
  private readonly regs = new Uint8Array(0x20);
  private pointer = 0;
  private autoIncrement = false;
  private expectCommand = false;
  private latchedHigh = 0;
  /** Emulated ms when the ADC was (last) enabled; null while off. */
  private adcOnMs: number | null = null;
  private lastCycle = -1;

  /**
   * @param surface the colour under the sensor now (0…255 each)
   * @param nowMs emulated time, ms
   */
  constructor(
    private readonly surface: () => SurfaceColour,
    private readonly nowMs: () => number,
  ) {
    this.regs[REG.atime] = 0xff;
    this.regs[REG.id] = TCS34725_ID;
  }

  begin(write: boolean): void {
    this.expectCommand = write;
  }

  write(byte: number): boolean {
    if (this.expectCommand) {
      this.expectCommand = false;
      if ((byte & 0x80) === 0) return false; // not a command byte: the chip NACKs
      this.pointer = byte & 0x1f;
      this.autoIncrement = ((byte >> 5) & 0b11) === 0b01;
      return true;
    }
    this.writeRegister(this.pointer, byte);
    this.advance();
    return true;
  }

  read(): number {
    this.integrate();
    const reg = this.pointer;
    let value: number;
    if (reg >= REG.cdatal && reg <= 0x1b && (reg - REG.cdatal) % 2 === 1) value = this.latchedHigh;
    else value = this.regs[reg]!;
    if (reg >= REG.cdatal && reg <= 0x1b && (reg - REG.cdatal) % 2 === 0) this.latchedHigh = this.regs[reg + 1]!;
    this.advance();
    return value;
  }

  end(): void {
    this.expectCommand = false;
  }

  private advance(): void {
    if (this.autoIncrement) this.pointer = (this.pointer + 1) & 0x1f;
  }

  private writeRegister(reg: number, value: number): void {
    if (reg === REG.id || reg === REG.status || reg >= REG.cdatal) return; // read-only
    if (reg === REG.enable) {
      const wasOn = (this.regs[REG.enable]! & (PON | AEN)) === (PON | AEN);
      const on = (value & (PON | AEN)) === (PON | AEN);
      if (on && !wasOn) {
        this.adcOnMs = this.nowMs();
        this.lastCycle = -1;
        this.regs[REG.status] = this.regs[REG.status]! & ~1;
      }
      if (!on) this.adcOnMs = null;
    }
    this.regs[reg] = value & 0xff;
  }

  /** Latches new data for every integration that has completed since the last look. */
  private integrate(): void {
    if (this.adcOnMs === null) return;
    const cycles = 256 - this.regs[REG.atime]!;
    const integrationMs = CYCLE_MS * cycles;
    // The first integration starts after a 2.4 ms warm-up once the ADC is enabled.
    const done = Math.floor((this.nowMs() - this.adcOnMs - CYCLE_MS) / integrationMs);
    if (done < 1 || done === this.lastCycle) return;
    this.lastCycle = done;
    const fullScale = Math.min(65535, 1024 * cycles);
    const perChannel = WHITE_COUNTS_PER_CYCLE_1X * cycles * GAINS[this.regs[REG.control]! & 0b11]!;
    const { r, g, b } = this.surface();
    const share = (v: number) => Math.min(255, Math.max(0, v)) / 255;
    const counts = [share(r) + share(g) + share(b), share(r), share(g), share(b)].map((s) => Math.min(fullScale, Math.round(s * perChannel)));
    counts.forEach((c, i) => {
      this.regs[REG.cdatal + 2 * i] = c & 0xff;
      this.regs[REG.cdatal + 2 * i + 1] = c >> 8;
    });
    this.regs[REG.status] = this.regs[REG.status]! | 1;
  }
}
