/**
 * Flashing over a real pty: our STK500 v1 flasher on one end (serialport 13, as for /dev/ttyACM0), Debian's real
 * optiboot bootloader running in avr8js on the other (optiboot-board.ts adds the SPM instruction avr8js lacks).
 * The program flashed is the real StandardFirmata build; what lands in the emulated flash is compared byte for byte.
 */
import { readFileSync } from 'node:fs';
import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../tello/test-support';
import { startPtyBridge, type PtyBridge } from '../emulator/pty-bridge';
import { standardFirmataHex } from '../firmata/emulated-firmata';
import { OptibootBoard, OPTIBOOT_HEX } from './optiboot-board';
import { serialFlashTransport } from './serial-flash';
import { FlashError, flashHex, parseHexImage, type FlashProgress } from './stk500v1';

const open: { board?: OptibootBoard; bridge?: PtyBridge; port?: SerialPort }[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) {
    if (o.port?.isOpen) await new Promise<void>((r) => o.port!.close(() => r()));
    await o.bridge?.close();
    o.board?.runner.destroy();
  }
});

async function boardOnPty(board: OptibootBoard) {
  board.runner.start();
  const bridge = await startPtyBridge(board.runner.serial, { baudRate: 115200 });
  const port = new SerialPort({ path: bridge.hostPath, baudRate: 115200, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
  open.push({ board, bridge, port });
  return { board, port };
}

describe('flashing with STK500 v1 (optiboot in avr8js over a pty)', () => {
  it('writes StandardFirmata into flash with progress, and the read-back verify passes', { timeout: 120_000 }, async () => {
    expect(readFileSync(OPTIBOOT_HEX, 'utf8')).toMatch(/^:10/);
    const { board, port } = await boardOnPty(new OptibootBoard());
    // A pty has no DTR to pulse, so the flasher cannot reset the board; wait out optiboot's start-up LED flashes
    // (~0.4 s of chip time) as avrdude waits after its reset pulse. Bytes sent while it flashes are lost.
    await until(() => board.runner.emulatedMs > 500, 5000, 'bootloader listening');
    const hex = standardFirmataHex('uno');
    const progress: FlashProgress[] = [];
    // The emulated chip runs at a fraction of real time on a busy 2-core build machine: generous answer timeouts.
    const result = await flashHex(serialFlashTransport(port), { board: 'uno', hex, onProgress: (p) => progress.push(p), replyMs: 5000 });
    const image = parseHexImage(hex);
    expect(result.bytes).toBe(image.length);
    expect(board.flashBytes(image.length)).toEqual(image);
    expect(board.stats.writes).toBe(Math.ceil(image.length / 128));
    // Progress: sync, then write pages up to the total, then verify up to the total, then done.
    expect(progress[0]!.phase).toBe('sync');
    const writes = progress.filter((p) => p.phase === 'write').map((p) => p.done);
    expect(writes).toEqual([...writes].sort((a, b) => a - b));
    expect(writes.at(-1)).toBe(progress[0]!.total);
    expect(progress.filter((p) => p.phase === 'verify').at(-1)?.done).toBe(progress[0]!.total);
    expect(progress.at(-1)?.phase).toBe('done');
  });

  it('a board whose bootloader does not answer fails with the reset hint (zh-CN) within the sync time', async () => {
    // Tried: a chip with no bootloader (erased flash, nothing answers on the line).
    const { port } = await boardOnPty(new OptibootBoard(':00000001FF\n'));
    const started = Date.now();
    const err = await flashHex(serialFlashTransport(port), { board: 'uno', hex: standardFirmataHex('uno'), language: 'zh-CN', syncMs: 800 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FlashError);
    expect((err as FlashError).message).toContain('引导程序没有回应');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('a damaged HEX file or one too large for the board is refused before anything is sent', async () => {
    // Tried: a checksum error on line 2, and 40 KB for a 32 KB Uno.
    const hex = standardFirmataHex('uno').split('\n');
    hex[1] = hex[1]!.trimEnd().replace(/..$/, (c) => ((parseInt(c, 16) + 1) & 0xff).toString(16).padStart(2, '0').toUpperCase());
    const sent: Uint8Array[] = [];
    const transport = { write: async (b: Uint8Array) => void sent.push(b), onData: () => () => undefined };
    await expect(flashHex(transport, { board: 'uno', hex: hex.join('\n') })).rejects.toMatchObject({ code: 'flash.badHex' });
    const big = Array.from({ length: 2560 }, (_, i) => {
      const addr = i * 16;
      const bytes = [16, (addr >> 8) & 0xff, addr & 0xff, 0, ...new Array(16).fill(0)];
      const sum = (0x100 - (bytes.reduce((a, b) => a + b, 0) & 0xff)) & 0xff;
      return `:${[...bytes, sum].map((b) => b.toString(16).padStart(2, '0')).join('').toUpperCase()}`;
    });
    const tooBig = [...big.slice(0, 4096), ':00000001FF'].join('\n');
    await expect(flashHex(transport, { board: 'uno', hex: tooBig, language: 'en' })).rejects.toThrow(/too large \(40960 bytes\); this board holds at most 32256/);
    expect(sent).toEqual([]);
  });
});
