/**
 * Our sensor-kit firmware (firmware/ailab-kit) running in avr8js inside the virtual kit, behind a real pty: "a sensor
 * kit on /dev/pts/N" for tests and try-outs. The .hex is built on demand with Debian's AVR toolchain, like the
 * robot's (firmware-files.ts). `stop()` ends the emulator and removes the pty.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AvrRunner, type AvrRunnerOptions } from './avr-runner';
import { BOOT_MS } from './emulated-robot';
import { VirtualKitBoard } from './kit-board';
import { startPtyBridge, type PtyBridge, type PtyBridgeOptions } from './pty-bridge';

const FIRMWARE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'firmware');

/** Path of build/ailab-kit.hex, running `make SKETCH=ailab-kit` first (a no-op when it is up to date). */
export function kitFirmwareHexPath(): string {
  try {
    execFileSync('flock', [join(FIRMWARE_DIR, '.build.lock'), 'make', '-s', '-C', FIRMWARE_DIR, 'SKETCH=ailab-kit'], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (e) {
    const stderr = (e as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`[firmware] could not build the sensor-kit firmware (needs: apt-get install gcc-avr avr-libc binutils-avr arduino-core-avr make util-linux)\n${stderr}`);
  }
  const hex = join(FIRMWARE_DIR, 'build', 'ailab-kit.hex');
  if (!existsSync(hex)) throw new Error(`[firmware] make ran but ${hex} is missing`);
  return hex;
}

export interface EmulatedKit {
  readonly runner: AvrRunner;
  readonly board: VirtualKitBoard;
  readonly bridge: PtyBridge;
  /** The path to open, like /dev/ttyACM0. */
  readonly path: string;
  stop(): Promise<void>;
}

export async function startEmulatedKit(options: AvrRunnerOptions & Pick<PtyBridgeOptions, 'hostPath' | 'log'> = {}): Promise<EmulatedKit> {
  const runner = new AvrRunner(readFileSync(kitFirmwareHexPath(), 'utf8'), options);
  const board = new VirtualKitBoard(runner);
  runner.runFor(BOOT_MS);
  runner.start();
  const bridge = await startPtyBridge(runner.serial, { hostPath: options.hostPath, log: options.log });
  return {
    runner,
    board,
    bridge,
    path: bridge.hostPath,
    async stop() {
      await bridge.close();
      runner.destroy();
    },
  };
}
