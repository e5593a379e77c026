/**
 * The I2C (TWI) bus of the emulated Uno: devices at 7-bit addresses answer the ATmega328P's TWI master, with the
 * time each bus step takes at the SCL clock the program set (TWBR/prescaler), so a program's I2C reads cost what they
 * cost on a board (≈ 0.1 ms a byte at 100 kHz).
 *
 * avr8js 0.21 models the master's registers (AVRTWI) and asks a `TWIEventHandler` what the bus does; this is that
 * handler. A transfer to an address nobody answers is NACKed, as on a bus with only its pull-ups.
 */
import type { AVRTWI, CPU, TWIEventHandler } from 'avr8js';

/** One chip on the bus. Register maps live in the device (see colour-sensor-tcs34725.ts, gyro-mpu6050.ts). */
export interface I2cDevice {
  /** A transfer addressed to this device begins (after START + address); `write` = the master will send. */
  begin(write: boolean): void;
  /** A byte from the master; returns the device's ACK (true) or NACK. */
  write(byte: number): boolean;
  /** The next byte the device sends. */
  read(): number;
  /** STOP (or a repeated START to someone else) ends the transfer. */
  end(): void;
}

/** SCL periods per bus step: START/STOP ≈ 1, a byte with its ACK bit = 9. */
const BYTE_CLOCKS = 9;

export class I2cBus {
  private readonly devices = new Map<number, I2cDevice>();
  private readonly attachListeners = new Set<(cpu: CPU) => void>();
  private active: I2cDevice | null = null;

  /** Fits a device at a 7-bit address (0x08…0x77). */
  add(address: number, device: I2cDevice): void {
    if (!Number.isInteger(address) || address < 0x08 || address > 0x77) throw new RangeError(`I2C address ${address}: 0x08…0x77`);
    if (this.devices.has(address)) throw new Error(`I2C address 0x${address.toString(16)} is taken`);
    this.devices.set(address, device);
  }

  /** Takes a device off the bus (a loose connector): from the next transfer its address is NACKed. */
  remove(address: number): void {
    const device = this.devices.get(address);
    if (device !== undefined && device === this.active) this.active = null;
    this.devices.delete(address);
  }

  /** Called with each new CPU (power-on and every reset): the chips on the bus keep their state, timers restart. */
  onDidAttach(listener: (cpu: CPU) => void): () => void {
    this.attachListeners.add(listener);
    return () => this.attachListeners.delete(listener);
  }

  /** Connects the bus to a chip's TWI peripheral (the runner calls this after building the CPU). */
  attach(twi: AVRTWI, cpu: CPU): void {
    this.active?.end();
    this.active = null;
    twi.eventHandler = this.handler(twi, cpu);
    for (const l of this.attachListeners) l(cpu);
  }

  private handler(twi: AVRTWI, cpu: CPU): TWIEventHandler {
    // Cycles one SCL period takes at the rate the program set; a disabled/zero setting still takes a little time.
    const later = (clocks: number, fn: () => void) => {
      const cycles = Math.max(1, Math.round((clocks * 16_000_000) / twi.sclFrequency));
      cpu.addClockEvent(fn, cycles);
    };
    return {
      start: () => {
        // A repeated START ends the transfer in progress (the device keeps its register pointer).
        this.active?.end();
        this.active = null;
        later(1, () => twi.completeStart());
      },
      stop: () => {
        this.active?.end();
        this.active = null;
        later(1, () => twi.completeStop());
      },
      connectToSlave: (address, write) => {
        const device = this.devices.get(address) ?? null;
        this.active = device;
        device?.begin(write);
        later(BYTE_CLOCKS, () => twi.completeConnect(device !== null));
      },
      writeByte: (value) => {
        const ack = this.active?.write(value) ?? false;
        later(BYTE_CLOCKS, () => twi.completeWrite(ack));
      },
      readByte: () => {
        // Nobody driving SDA reads as the pull-ups: 0xFF.
        const value = this.active?.read() ?? 0xff;
        later(BYTE_CLOCKS, () => twi.completeRead(value & 0xff));
      },
    };
  }
}
