/**
 * Where the built firmware images are, building ours on demand. The robot firmware's .hex is not committed: it is
 * built from firmware-bridge/firmware/ with Debian's AVR toolchain (`make`, see the Makefile there). CI builds it
 * before the tests (scripts/build-firmware.mjs); a test run on a clean clone builds it here the first time (~10 s).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FIRMWARE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'firmware');

/** Path of build/ailab-robot.hex, running `make` first when it is missing or older than its sources. */
export function robotFirmwareHexPath(): string {
  // make decides what is out of date (a no-op run takes a few ms); flock keeps parallel test files from building the
  // same objects at once.
  try {
    execFileSync('flock', [join(FIRMWARE_DIR, '.build.lock'), 'make', '-s', '-C', FIRMWARE_DIR], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (e) {
    const stderr = (e as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(
      `[firmware] could not build the robot firmware (needs: apt-get install gcc-avr avr-libc binutils-avr arduino-core-avr make util-linux)\n${stderr}`,
    );
  }
  const hex = join(FIRMWARE_DIR, 'build', 'ailab-robot.hex');
  if (!existsSync(hex)) throw new Error(`[firmware] make ran but ${hex} is missing`);
  return hex;
}

export function robotFirmwareHex(): string {
  return readFileSync(robotFirmwareHexPath(), 'utf8');
}
