/**
 * An Uno fresh from reset into its bootloader, for flashing tests: Debian's real optiboot build
 * (`arduino-core-avr`: /usr/share/arduino/hardware/arduino/avr/bootloaders/optiboot/optiboot_atmega328.hex) runs in
 * the serial helper's AvrRunner (avr8js) with the CPU starting at the boot section (BOOTRST fuse) and MCUSR saying
 * "external reset", as after the auto-reset pulse. `runner.serial` goes behind a real pty with `startPtyBridge`.
 *
 * avr8js 0.21 treats SPM as a no-op, so this board carries out self-programming itself, from the write to SPMCSR
 * that precedes every SPM (avr-libc's boot.h sets Z and r1:r0 first, then writes SPMCSR, then executes SPM within
 * the 4 cycles the datasheet allows): fill the page buffer, erase or write the page at Z (ATmega328P datasheet §26
 * "Self-Programming the Flash"), and SPMCSR reads back cleared so the bootloader's busy-wait ends. No watchdog is
 * modelled: a bootloader that loses sync waits for a reset that never comes (a real one would start the old program).
 */
import { existsSync, readFileSync } from 'node:fs';
import { AvrRunner } from '../emulator/avr-runner';

export const OPTIBOOT_HEX = '/usr/share/arduino/hardware/arduino/avr/bootloaders/optiboot/optiboot_atmega328.hex';
const BOOT_WORD_ADDRESS = 0x7e00 >> 1;
const PAGE_WORDS = 64;
const SPMCSR = 0x57;
const MCUSR = 0x54;
const EXTRF = 1 << 1;
const SPMEN = 0x01;
const PGERS = 0x02;
const PGWRT = 0x04;
const BLBSET = 0x08;
const RWWSRE = 0x10;
const SIGRD = 0x20;

export function optibootAvailable(): boolean {
  return existsSync(OPTIBOOT_HEX);
}

export class OptibootBoard {
  readonly runner: AvrRunner;
  private readonly pageBuffer = new Uint16Array(PAGE_WORDS).fill(0xffff);
  /** Pages erased and written by self-programming (tests look at them). */
  readonly stats = { erases: 0, writes: 0 };

  constructor(bootloaderHex = readFileSync(OPTIBOOT_HEX, 'utf8')) {
    this.runner = new AvrRunner(bootloaderHex);
    const { cpu } = this.runner;
    cpu.pc = BOOT_WORD_ADDRESS;
    cpu.data[MCUSR] = EXTRF;
    cpu.writeHooks[SPMCSR] = (value) => {
      this.selfProgram(value);
      cpu.data[SPMCSR] = value & 0x80; // operation done at once: SPMEN and friends read back clear
      return true;
    };
  }

  /** The program now in flash, bytes from address 0. */
  flashBytes(length: number): Uint8Array {
    const words = this.runner.cpu.progMem;
    const bytes = new Uint8Array(length);
    for (let i = 0; i < length; i++) bytes[i] = (words[i >> 1]! >> ((i & 1) * 8)) & 0xff;
    return bytes;
  }

  private selfProgram(control: number): void {
    if (!(control & SPMEN) || control & (BLBSET | RWWSRE | SIGRD)) return;
    const { cpu } = this.runner;
    const z = cpu.data[30]! | (cpu.data[31]! << 8);
    const pageStart = (z >> 1) & ~(PAGE_WORDS - 1);
    if (control & PGERS) {
      cpu.progMem.fill(0xffff, pageStart, pageStart + PAGE_WORDS);
      this.stats.erases++;
    } else if (control & PGWRT) {
      cpu.progMem.set(this.pageBuffer, pageStart);
      this.pageBuffer.fill(0xffff);
      this.stats.writes++;
    } else {
      this.pageBuffer[(z >> 1) & (PAGE_WORDS - 1)] = cpu.data[0]! | (cpu.data[1]! << 8);
    }
  }
}
