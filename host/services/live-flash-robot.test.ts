/**
 * Flashing OUR robot firmware from the app (issue 3: "offer to flash it (and StandardFirmata) to a connected board,
 * with progress"): the host's live service, Debian's real optiboot in avr8js behind a real socat pty, and the
 * firmware built from firmware-bridge/firmware with Debian's AVR toolchain. What lands in the emulated flash is
 * compared byte for byte with the build, and the flashed bytes are then booted on a fresh chip that must answer the
 * line protocol's HELLO with our banner (so the image offered is the working firmware, not just some bytes).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { AvrRunner } from '../../firmware-bridge/emulator/avr-runner';
import { robotFirmwareHex } from '../../firmware-bridge/emulator/firmware-files';
import { startPtyBridge, type PtyBridge } from '../../firmware-bridge/emulator/pty-bridge';
import { OptibootBoard } from '../../firmware-bridge/flash/optiboot-board';
import { parseHexImage } from '../../firmware-bridge/flash/stk500v1';
import { until } from '../../firmware-bridge/tello/test-support';
import { createLiveService, type LiveService } from './live-service';

let board: OptibootBoard | null = null;
let bridge: PtyBridge | null = null;
let live: LiveService | null = null;
let fresh: AvrRunner | null = null;
afterEach(async () => {
  await live?.close();
  await bridge?.close();
  board?.runner.destroy();
  fresh?.destroy();
  board = null;
  bridge = null;
  fresh = null;
});

/** Intel HEX of `bytes` from address 0 (16 bytes a record), to boot what was flashed on a fresh chip. */
function toHex(bytes: Uint8Array): string {
  const lines: string[] = [];
  for (let at = 0; at < bytes.length; at += 16) {
    const chunk = bytes.subarray(at, at + 16);
    const record = [chunk.length, (at >> 8) & 0xff, at & 0xff, 0, ...chunk];
    const sum = (0x100 - (record.reduce((a, b) => a + b, 0) & 0xff)) & 0xff;
    lines.push(`:${[...record, sum].map((b) => b.toString(16).padStart(2, '0')).join('').toUpperCase()}`);
  }
  return `${lines.join('\n')}\n:00000001FF\n`;
}

describe('device.flash: the AI-lab robot firmware (optiboot in avr8js over a pty)', () => {
  it('is offered once built, flashes with write and verify progress, and the flashed chip answers HELLO with our banner', { timeout: 180_000 }, async () => {
    const hex = robotFirmwareHex(); // builds it with avr-gcc when missing (a clean checkout)
    board = new OptibootBoard();
    board.runner.start();
    bridge = await startPtyBridge(board.runner.serial, { baudRate: 115200 });
    const events: { event: string; payload: any }[] = [];
    // The emulated chip runs at a fraction of real time on a busy build machine: generous answer timeouts.
    live = createLiveService({ emit: (event, payload) => events.push({ event, payload }), log: () => undefined, flashReplyMs: 5000 });
    expect(await live.methods['device.firmwares']({})).toEqual(['standardFirmata', 'ailabRobot']);

    // A pty cannot pulse DTR: wait out optiboot's start-up LED flashes as avrdude waits after its reset.
    await until(() => board!.runner.emulatedMs > 500, 5000, 'bootloader listening');
    const result = await live.methods['device.flash']({ path: bridge.hostPath, board: 'uno', firmware: 'ailabRobot', language: 'zh-CN' });
    const image = parseHexImage(hex);
    expect(result.bytes).toBe(image.length);
    const flashed = board.flashBytes(image.length);
    expect(flashed).toEqual(image);

    const progress = events.filter((e) => e.event === 'device.flashProgress').map((e) => e.payload);
    // The total counts whole 128-byte pages.
    const total = progress[0].total;
    expect(total).toBe(Math.ceil(image.length / 128) * 128);
    expect(progress.some((p) => p.phase === 'write' && p.done > 0 && p.done < total)).toBe(true);
    expect(progress.filter((p) => p.phase === 'verify').at(-1)?.done).toBe(total);
    expect(progress.at(-1)).toEqual({ phase: 'done', done: total, total });

    // The bytes in flash are a firmware that runs: boot them on a fresh chip and shake hands.
    fresh = new AvrRunner(toHex(flashed));
    fresh.runFor(300);
    let heard = '';
    fresh.serial.on('data', (chunk: Buffer) => (heard += chunk.toString('latin1')));
    fresh.start();
    fresh.serial.write('HELLO\n');
    await until(() => /VER ailab-robot \d+\.\d+\.\d+/.test(heard), 10_000, 'banner from the flashed firmware');
  });
});
