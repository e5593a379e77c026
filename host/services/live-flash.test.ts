/**
 * Flashing through the host's live service (what the device panel calls): Debian's real optiboot in avr8js behind a
 * real socat pty, StandardFirmata written through it, progress events as the page would get them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startPtyBridge, type PtyBridge } from '../../firmware-bridge/emulator/pty-bridge';
import { standardFirmataHex } from '../../firmware-bridge/firmata/emulated-firmata';
import { OptibootBoard } from '../../firmware-bridge/flash/optiboot-board';
import { parseHexImage } from '../../firmware-bridge/flash/stk500v1';
import { until } from '../../firmware-bridge/tello/test-support';
import { createLiveService, type LiveService } from './live-service';

let board: OptibootBoard | null = null;
let bridge: PtyBridge | null = null;
let live: LiveService | null = null;
afterEach(async () => {
  await live?.close();
  await bridge?.close();
  board?.runner.destroy();
  board = null;
  bridge = null;
});

describe('device.flash (optiboot in avr8js over a pty)', () => {
  it('flashes StandardFirmata with progress events, and refuses a port the serial monitor holds', { timeout: 120_000 }, async () => {
    board = new OptibootBoard();
    board.runner.start();
    bridge = await startPtyBridge(board.runner.serial, { baudRate: 115200 });
    const events: { event: string; payload: any }[] = [];
    // The emulated chip runs at a fraction of real time on a busy build machine: generous answer timeouts.
    live = createLiveService({ emit: (event, payload) => events.push({ event, payload }), log: () => undefined, flashReplyMs: 5000 });
    expect(await live.methods['device.firmwares']({})).toContain('standardFirmata');

    // Tried: flashing while the serial monitor has the port open.
    await live.methods['serial.open']({ path: bridge.hostPath, baudRate: 115200, language: 'en' });
    await expect(live.methods['device.flash']({ path: bridge.hostPath, board: 'uno', firmware: 'standardFirmata', language: 'en' })).rejects.toMatchObject({ code: 'flashPortBusy' });
    await live.methods['serial.close']({});

    // A pty cannot pulse DTR: wait out optiboot's start-up LED flashes as avrdude waits after its reset.
    await until(() => board!.runner.emulatedMs > 500, 5000, 'bootloader listening');
    const result = await live.methods['device.flash']({ path: bridge.hostPath, board: 'uno', firmware: 'standardFirmata', language: 'en' });
    const image = parseHexImage(standardFirmataHex('uno'));
    expect(result.bytes).toBe(image.length);
    expect(board.flashBytes(image.length)).toEqual(image);
    const progress = events.filter((e) => e.event === 'device.flashProgress').map((e) => e.payload);
    expect(progress.length).toBeGreaterThan(2 * Math.ceil(image.length / 128));
    expect(progress.at(-1)).toEqual({ phase: 'done', done: progress[0].total, total: progress[0].total });
  });

  it('a port that does not exist fails with the reason', async () => {
    live = createLiveService({ emit: () => undefined, log: () => undefined });
    await expect(live.methods['device.flash']({ path: '/dev/ttyAILAB-none', board: 'uno', firmware: 'standardFirmata', language: 'en' })).rejects.toMatchObject({ code: 'flashFailed' });
  });
});
