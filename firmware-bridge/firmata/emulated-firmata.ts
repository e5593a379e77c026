/**
 * StandardFirmata (the real build shipped in the npm package avrgirl-arduino, MIT) running in avr8js behind a real
 * pty: "an Uno with StandardFirmata on /dev/pts/N" for tests, benches and try-outs. Uses the serial helper's
 * AvrRunner and pty bridge (firmware-bridge/emulator). The runner models the ATmega328P, so Uno and Nano builds run;
 * the Mega (ATmega2560) cannot be emulated here.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { AvrRunner, type AvrRunnerOptions } from '../emulator/avr-runner';
import { startPtyBridge, type PtyBridge } from '../emulator/pty-bridge';

const require = createRequire(import.meta.url);

/** StandardFirmata's Intel HEX for a board, from avrgirl-arduino's package. */
export function standardFirmataHex(board: 'uno' | 'nano' | 'mega'): string {
  const root = dirname(require.resolve('avrgirl-arduino/package.json'));
  return readFileSync(join(root, 'junk', 'hex', board, 'StandardFirmata.cpp.hex'), 'utf8');
}

/** Emulated ms StandardFirmata needs from reset to its first version report (it blinks first). */
export const FIRMATA_BOOT_MS = 2100;

export interface EmulatedFirmata {
  readonly runner: AvrRunner;
  readonly bridge: PtyBridge;
  readonly path: string;
  stop(): Promise<void>;
}

/**
 * Starts the board and its pty. `booted` (default true) runs the boot blink before the pty appears, as a board that
 * was powered earlier; false plugs in a board fresh from reset (the host then waits for the boot, as with a real Uno
 * that resets when its port opens).
 */
export async function startEmulatedFirmata(options: AvrRunnerOptions & { board?: 'uno' | 'nano'; booted?: boolean; log?: (line: string) => void } = {}): Promise<EmulatedFirmata> {
  const runner = new AvrRunner(standardFirmataHex(options.board ?? 'uno'), options);
  if (options.booted ?? true) runner.runFor(FIRMATA_BOOT_MS);
  runner.start();
  const bridge = await startPtyBridge(runner.serial, { baudRate: 57600, log: options.log });
  return {
    runner,
    bridge,
    path: bridge.hostPath,
    async stop() {
      await bridge.close();
      runner.destroy();
    },
  };
}
