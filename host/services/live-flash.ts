/**
 * Flashing from the app: StandardFirmata (the MIT build shipped in avrgirl-arduino) or our AI-lab robot firmware
 * (firmware-bridge/firmware/build/ailab-robot.hex in a checkout, <resources>/firmware in the installed app; offered only
 * once it has been built) written through the board's
 * bootloader with STK500 v1, progress pushed as `device.flashProgress` events. The bootloader's baud rate is the
 * board's (optiboot on the Uno: 115200; the Nano's older bootloader: 57600).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SerialPort } from 'serialport';
import type { Firmware } from '../../core/contracts/devices';
import type { HostServices } from '../../core/contracts/host';
import { standardFirmataHex } from '../../firmware-bridge/firmata/emulated-firmata';
import { serialFlashTransport } from '../../firmware-bridge/flash/serial-flash';
import { FLASH_TARGETS, FlashError, flashHex } from '../../firmware-bridge/flash/stk500v1';
import { HostException } from './host-error';
import type { HostEventSink } from './live-service';

/**
 * Where `make -C firmware-bridge/firmware` puts our firmware, found by walking up from this module: it runs from
 * host/services under tsx and from node_modules/.cache/ailab-cli/<build>/ when bundled.
 */
export function robotFirmwareHexPath(): string | null {
  // The installed app: electron-builder copies the built firmware to <resources>/firmware (electron-builder.yml).
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  if (resources && existsSync(join(resources, 'firmware', 'ailab-robot.hex'))) return join(resources, 'firmware', 'ailab-robot.hex');
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'firmware-bridge', 'firmware', 'build', 'ailab-robot.hex');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return null;
}

export type FlashMethod = 'device.flash' | 'device.firmwares';

export interface FlashServiceOptions {
  readonly emit: HostEventSink;
  /** True when the path is connected as a device or open in the serial monitor (the flash must not share it). */
  readonly portBusy: (path: string) => boolean;
  /** Answer timeout per bootloader command, ms (tests on a loaded machine raise it). */
  readonly replyMs?: number;
  readonly log?: (line: string) => void;
}

function firmwareHex(firmware: Firmware, board: 'uno' | 'nano' | 'mega'): string {
  if (firmware === 'standardFirmata') return standardFirmataHex(board);
  const path = robotFirmwareHexPath();
  if (!path) throw new Error('the AI-lab robot firmware has not been built (make -C firmware-bridge/firmware)');
  return readFileSync(path, 'utf8');
}

export function createFlashService(options: FlashServiceOptions): Pick<HostServices, FlashMethod> {
  const log = options.log ?? ((line: string) => console.log(line));
  let busy = false;
  return {
    async 'device.firmwares'() {
      return robotFirmwareHexPath() ? ['standardFirmata', 'ailabRobot'] : ['standardFirmata'];
    },
    async 'device.flash'({ path, board, firmware, language }) {
      if (busy || options.portBusy(path)) throw new HostException('flashPortBusy');
      busy = true;
      const port = new SerialPort({ path, baudRate: board === 'nano' ? 57_600 : FLASH_TARGETS[board].baudRate, autoOpen: false });
      try {
        let hex: string;
        try {
          hex = firmwareHex(firmware, board);
        } catch (err) {
          throw new HostException('flashFailed', { detail: err instanceof Error ? err.message.slice(0, 300) : String(err) });
        }
        try {
          await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
        } catch (err) {
          throw new HostException('flashFailed', { detail: err instanceof Error ? err.message.slice(0, 300) : String(err) });
        }
        log(`[Flash] ${firmware} → ${board} on ${path}`);
        const result = await flashHex(serialFlashTransport(port), { board, hex, language, replyMs: options.replyMs, onProgress: (p) => options.emit('device.flashProgress', p) });
        log(`[Flash] done: ${result.bytes} bytes in ${result.seconds} s`);
        return result;
      } catch (err) {
        if (err instanceof FlashError) throw new HostException('flashFailed', { detail: err.message });
        throw err;
      } finally {
        busy = false;
        if (port.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
      }
    },
  };
}
