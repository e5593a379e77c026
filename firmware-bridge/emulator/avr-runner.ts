/**
 * Runs an Arduino Uno/Nano program (ATmega328P at 16 MHz, an Intel HEX file) in avr8js: CPU, timers 0–2, ports B/C/D,
 * ADC, USART0 and TWI (I2C devices on `i2c`), paced to wall-clock time. Used by the tests and benches to run our robot
 * firmware and StandardFirmata as if a board were plugged in; `pty-bridge.ts` puts it behind a real pty.
 *
 * Contract
 * - `serial` is a Node Duplex for the board's USART0: bytes written to it arrive on the board's RX pin one character
 *   time apart at the baud rate the program set (bytes sent while the program has not enabled its receiver are lost,
 *   as on a real board); bytes the program transmits are readable from it.
 * - Time: `start()` runs the CPU in slices of `sliceMs` emulated milliseconds, paced so emulated time follows wall
 *   time × `speed` (default 1). When the machine is too slow to keep up, the board runs as fast as it can and
 *   `stats().speed` tells the ratio reached; it never races ahead to make up more than 5 ms of lag (the rest is
 *   `stats().slipMs`), so the board never hears its host's lines compressed in time. `speed: Infinity` runs
 *   unthrottled.
 * - Pins use Arduino numbers (0–13 digital, 14–19 = A0–A5). `onPin` reports output level changes with the emulated
 *   time; `setInput` drives an input; `setAnalog` sets an ADC channel in volts (0…5); `pwmDuty` reads a PWM output
 *   (0…1) from the timer registers, or its digital level when PWM is off; `after(ms, fn)` runs `fn` at an emulated
 *   time (cycle-exact, for sensor models such as an ultrasonic echo).
 * - Nothing is global: several boards can run side by side.
 */
import { Duplex } from 'node:stream';
import {
  adcConfig,
  avrInstruction,
  AVRADC,
  AVRIOPort,
  AVRTimer,
  AVRTWI,
  AVRUSART,
  CPU,
  PinState,
  portBConfig,
  portCConfig,
  portDConfig,
  timer0Config,
  timer1Config,
  timer2Config,
  twiConfig,
  usart0Config,
} from 'avr8js';
import intelHex from 'intel-hex';
import { I2cBus } from './i2c-bus';

export const CLOCK_HZ = 16_000_000;
/** ATmega328P flash: 32 KiB. */
const FLASH_BYTES = 0x8000;
/** Largest lag behind the wall clock the runner makes up by running faster, ms. */
const MAX_DEBT_MS = 5;
/** Longest stretch of wall time the runner keeps the event loop, ms. */
const MAX_TURN_MS = 4;

export interface AvrRunnerOptions {
  /** Emulated ms per slice between looks at the wall clock and the serial input (default 1). */
  readonly sliceMs?: number;
  /** Emulated seconds per wall second (default 1; Infinity = as fast as possible). */
  readonly speed?: number;
}

export interface AvrRunnerStats {
  /** Emulated time since start, ms. */
  readonly emulatedMs: number;
  /** Wall time since start, ms. */
  readonly wallMs: number;
  /** emulatedMs / wallMs. */
  readonly speed: number;
  /** Bytes into RX / out of TX, and RX bytes lost because the program's receiver was off or still busy. */
  readonly rxBytes: number;
  readonly txBytes: number;
  readonly rxDropped: number;
  /** Emulated time given up because the machine could not keep up, ms (0 on a fast enough machine). */
  readonly slipMs: number;
}

type PinListener = (high: boolean, emulatedMs: number) => void;

interface PinRef {
  readonly port: AVRIOPort;
  readonly bit: number;
}

/** Timer compare outputs behind analogWrite() on the Uno: data-space addresses of TCCRnA, its COM bits, OCRnx. */
const PWM_OUTPUTS: Readonly<Record<number, { tccr: number; comShift: number; ocr: number }>> = {
  6: { tccr: 0x44, comShift: 6, ocr: 0x47 }, // OC0A
  5: { tccr: 0x44, comShift: 4, ocr: 0x48 }, // OC0B
  9: { tccr: 0x80, comShift: 6, ocr: 0x88 }, // OC1A (low byte; Arduino uses 8-bit PWM)
  10: { tccr: 0x80, comShift: 4, ocr: 0x8a }, // OC1B
  11: { tccr: 0xb0, comShift: 6, ocr: 0xb3 }, // OC2A
  3: { tccr: 0xb0, comShift: 4, ocr: 0xb4 }, // OC2B
};

/** Intel HEX text → flash image as 16-bit program words. Throws on a malformed file or one too big for the chip. */
export function loadHex(hexText: string): Uint16Array {
  const parsed = intelHex.parse(hexText, FLASH_BYTES);
  if (parsed.data.length > FLASH_BYTES) throw new RangeError(`program is ${parsed.data.length} bytes; the ATmega328P holds ${FLASH_BYTES}`);
  const bytes = new Uint8Array(FLASH_BYTES);
  bytes.set(parsed.data);
  return new Uint16Array(bytes.buffer);
}

export class AvrRunner {
  // Replaced by reset() (a new chip state), hence not readonly; read them, do not keep them.
  cpu!: CPU;
  usart!: AVRUSART;
  adc!: AVRADC;
  portB!: AVRIOPort;
  portC!: AVRIOPort;
  portD!: AVRIOPort;
  twi!: AVRTWI;
  readonly serial: Duplex;
  /** The I2C bus on A4/A5 (TWI): fit devices with `i2c.add()`; they outlive resets, as chips on a board do. */
  readonly i2c = new I2cBus();
  /** Resets so far (power-on excluded). */
  resets = 0;
  private timers: AVRTimer[] = [];
  private readonly program: Uint16Array;
  private readonly rxQueue: number[] = [];
  private txBatch: number[] = [];
  private readonly pinListeners = new Map<number, Set<PinListener>>();
  private readonly lastLevels = new Map<number, boolean>();
  /** Inputs driven from outside (pins and ADC volts), re-applied after a reset: the world does not reset. */
  private readonly inputs = new Map<number, boolean>();
  private readonly analog = new Map<number, number>();
  private readonly sliceCycles: number;
  private readonly speed: number;
  private running = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private immediate: ReturnType<typeof setImmediate> | null = null;
  private startWall = 0;
  private startCycles = 0;
  private counts = { rxBytes: 0, txBytes: 0, rxDropped: 0 };
  private slipCycles = 0;
  /** A received byte waits in UDR (RXC set on the chip). */
  private rxUnread = false;

  constructor(hexText: string, options: AvrRunnerOptions = {}) {
    this.program = loadHex(hexText);
    this.sliceCycles = Math.round(((options.sliceMs ?? 1) * CLOCK_HZ) / 1000);
    this.speed = options.speed ?? 1;
    this.serial = new Duplex({
      read: () => {},
      write: (chunk: Buffer, _encoding, callback) => {
        for (const byte of chunk) this.rxQueue.push(byte);
        this.counts.rxBytes += chunk.length;
        if (!this.usart.rxBusy) this.feedRx();
        callback();
      },
    });
    this.build(0);
  }

  /**
   * The reset button (or a USB-serial adapter's DTR auto-reset): the program starts again from address 0 with fresh
   * registers and peripherals, as after power-on. Time goes on; inputs from the world (pins, ADC) stay as they were;
   * a byte being received is lost. Our firmware then sends its banner again.
   */
  reset(): void {
    this.resets++;
    this.build(this.cpu.cycles);
    for (const [pin, high] of this.inputs) this.setInput(pin, high);
    for (const [channel, volts] of this.analog) this.setAnalog(channel, volts);
    for (const pin of this.pinListeners.keys()) this.lastLevels.set(pin, this.pinHigh(pin));
  }

  private build(cycles: number): void {
    this.cpu = new CPU(this.program);
    this.cpu.cycles = cycles;
    this.timers = [timer0Config, timer1Config, timer2Config].map((c) => new AVRTimer(this.cpu, c));
    this.portB = new AVRIOPort(this.cpu, portBConfig);
    this.portC = new AVRIOPort(this.cpu, portCConfig);
    this.portD = new AVRIOPort(this.cpu, portDConfig);
    this.adc = new AVRADC(this.cpu, adcConfig);
    this.usart = new AVRUSART(this.cpu, usart0Config, CLOCK_HZ);
    this.twi = new AVRTWI(this.cpu, twiConfig, CLOCK_HZ);
    this.i2c.attach(this.twi, this.cpu);
    this.rxUnread = false;
    this.usart.onByteTransmit = (byte) => {
      this.counts.txBytes++;
      this.txBatch.push(byte);
    };
    // The next queued byte goes in as soon as the previous one has been received (one character time later).
    this.usart.onRxComplete = () => {
      this.rxUnread = true;
      this.feedRx();
    };
    this.keepReceivedBytes();
    for (const port of [this.portB, this.portC, this.portD]) port.addListener(() => this.checkPins(port));
  }

  /** Emulated time since reset, ms. */
  get emulatedMs(): number {
    return (this.cpu.cycles * 1000) / CLOCK_HZ;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.startWall = performance.now();
    this.startCycles = this.cpu.cycles;
    this.slipCycles = 0;
    this.runSlice();
  }

  stop(): void {
    this.running = false;
    if (this.timer !== null) clearTimeout(this.timer);
    if (this.immediate !== null) clearImmediate(this.immediate);
    this.timer = null;
    this.immediate = null;
  }

  /** Ends the serial stream too (readers see 'end'). */
  destroy(): void {
    this.stop();
    this.serial.push(null);
    this.serial.destroy();
  }

  stats(): AvrRunnerStats {
    const wallMs = this.running ? performance.now() - this.startWall : 0;
    const slipMs = (this.slipCycles * 1000) / CLOCK_HZ;
    const emulatedMs = ((this.cpu.cycles - this.startCycles) * 1000) / CLOCK_HZ;
    return { emulatedMs, wallMs, speed: wallMs > 0 ? emulatedMs / wallMs : 0, ...this.counts, slipMs };
  }

  /** Runs the CPU for `ms` emulated milliseconds right now (no pacing), e.g. to boot a board in a unit test. */
  runFor(ms: number): void {
    this.execute(this.cpu.cycles + Math.round((ms * CLOCK_HZ) / 1000));
  }

  // -- pins ---------------------------------------------------------------------------------------------------------

  onPin(pin: number, listener: PinListener): () => void {
    let set = this.pinListeners.get(pin);
    if (!set) {
      set = new Set();
      this.pinListeners.set(pin, set);
      this.lastLevels.set(pin, this.pinHigh(pin));
    }
    set.add(listener);
    return () => set.delete(listener);
  }

  /** True when the pin drives high (an output set high). */
  pinHigh(pin: number): boolean {
    const { port, bit } = pinRef(this, pin);
    return port.pinState(bit) === PinState.High;
  }

  /** Drives an input pin from outside (a button, a sensor's digital output). */
  setInput(pin: number, high: boolean): void {
    this.inputs.set(pin, high);
    const { port, bit } = pinRef(this, pin);
    port.setPin(bit, high);
  }

  /** Sets ADC channel 0…7 (A0 = 0) to `volts` (0…5). */
  setAnalog(channel: number, volts: number): void {
    this.analog.set(channel, volts);
    this.adc.channelValues[channel] = Math.min(5, Math.max(0, volts));
  }

  /** A PWM output's duty cycle 0…1, or its digital level (0/1) while its timer output is off. */
  pwmDuty(pin: number): number {
    const out = PWM_OUTPUTS[pin];
    if (out !== undefined && ((this.cpu.data[out.tccr]! >> out.comShift) & 0b11) !== 0) return this.cpu.data[out.ocr]! / 255;
    return this.pinHigh(pin) ? 1 : 0;
  }

  /** Runs `fn` after `ms` emulated milliseconds, at the exact cycle. */
  after(ms: number, fn: () => void): void {
    this.cpu.addClockEvent(fn, Math.max(1, Math.round((ms * CLOCK_HZ) / 1000)));
  }

  // -- internals ----------------------------------------------------------------------------------------------------

  /**
   * avr8js 0.21 drops a received byte that the program has not read yet whenever the program writes UCSR0B with the
   * receiver left on (its hook clears the RX-complete interrupt), and clears the RXC bit on any UCSR0A write. The
   * Arduino core writes both while it transmits (switching its data-register-empty interrupt on and off), so a byte
   * arriving while the board talks was lost: one in a few hundred, found by the firmware answering `ERR 0 PARSE` to a
   * command sent right after `HELLO`. On the chip RXC is read-only and stays set until UDR is read; these wrappers
   * restore exactly that.
   */
  private keepReceivedBytes(): void {
    const { cpu } = this;
    const { UCSRA, UCSRB, UDR } = usart0Config;
    const RXC = 0x80;
    const RXCIE = 0x80;
    const rxInterrupt = (this.usart as unknown as { RXC: Parameters<CPU['setInterruptFlag']>[0] }).RXC;
    const readUdr = cpu.readHooks[UDR]!;
    cpu.readHooks[UDR] = (addr) => {
      this.rxUnread = false;
      return readUdr(addr);
    };
    const writeA = cpu.writeHooks[UCSRA]!;
    cpu.writeHooks[UCSRA] = (value, old, addr, mask) => {
      const handled = writeA(value, old, addr, mask);
      if (this.rxUnread) cpu.data[UCSRA] |= RXC;
      return handled;
    };
    const writeB = cpu.writeHooks[UCSRB]!;
    cpu.writeHooks[UCSRB] = (value, old, addr, mask) => {
      const handled = writeB(value, old, addr, mask);
      if (this.rxUnread && value & RXCIE) cpu.setInterruptFlag(rxInterrupt);
      else if (this.rxUnread) cpu.data[UCSRA] |= RXC;
      return handled;
    };
  }

  private feedRx(): void {
    while (this.rxQueue.length > 0 && !this.usart.rxBusy) {
      const byte = this.rxQueue.shift()!;
      // writeByte schedules delivery one character time later and returns false when the receiver is off.
      if (this.usart.writeByte(byte) !== true) this.counts.rxDropped++;
      else break;
    }
  }

  private execute(untilCycle: number): void {
    const { cpu } = this;
    while (cpu.cycles < untilCycle) {
      avrInstruction(cpu);
      cpu.tick();
    }
    if (this.txBatch.length > 0) {
      const bytes = Buffer.from(this.txBatch);
      this.txBatch = [];
      this.serial.push(bytes);
    }
  }

  private runSlice = (): void => {
    this.timer = null;
    this.immediate = null;
    if (!this.running) return;
    let due = this.startCycles - this.slipCycles + ((performance.now() - this.startWall) * this.speed * CLOCK_HZ) / 1000;
    // Behind by more than MAX_DEBT_MS (a slow or busy machine, JIT warm-up): let the debt go instead of racing to
    // catch up, because a board running faster than the wall clock would hear its host's lines too far apart in its
    // own time (its 500 ms watchdog would trip although the host sent on time). Emulated time then lags ("slips").
    const debtCycles = due - this.cpu.cycles;
    const maxDebt = (MAX_DEBT_MS * CLOCK_HZ) / 1000;
    if (Number.isFinite(due) && debtCycles > maxDebt) {
      const slip = debtCycles - maxDebt;
      this.slipCycles += slip;
      due -= slip;
    }
    // At most MAX_TURN_MS of wall time in one go, so the event loop (and a host in the same process) stays responsive
    // however slowly the board runs.
    const turnStart = performance.now();
    while (this.cpu.cycles + this.sliceCycles <= due && performance.now() - turnStart < MAX_TURN_MS) this.execute(this.cpu.cycles + this.sliceCycles);
    const aheadMs = ((this.cpu.cycles + this.sliceCycles - due) * 1000) / (CLOCK_HZ * this.speed);
    if (aheadMs > 1) this.timer = setTimeout(this.runSlice, Math.floor(aheadMs));
    else this.immediate = setImmediate(this.runSlice);
  };

  private checkPins(port: AVRIOPort): void {
    for (const [pin, listeners] of this.pinListeners) {
      if (pinRef(this, pin).port !== port) continue;
      const high = this.pinHigh(pin);
      if (this.lastLevels.get(pin) === high) continue;
      this.lastLevels.set(pin, high);
      const at = this.emulatedMs;
      for (const l of listeners) l(high, at);
    }
  }
}

function pinRef(runner: AvrRunner, pin: number): PinRef {
  if (!Number.isInteger(pin) || pin < 0 || pin > 19) throw new RangeError(`Arduino pin ${pin}: the Uno has 0–19`);
  if (pin < 8) return { port: runner.portD, bit: pin };
  if (pin < 14) return { port: runner.portB, bit: pin - 8 };
  return { port: runner.portC, bit: pin - 14 };
}
