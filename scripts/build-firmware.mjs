#!/usr/bin/env node
// Builds the AI-lab robot firmware (firmware-bridge/firmware) with Debian's AVR toolchain into
// firmware-bridge/firmware/build/ailab-robot.hex, and the sensor-kit firmware into build/ailab-kit.hex. CI runs it
// before the tests; the tests also build on demand.
// Needs: apt-get install gcc-avr avr-libc binutils-avr arduino-core-avr make
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'firmware-bridge', 'firmware');
for (const sketch of ['ailab-robot', 'ailab-kit']) {
  const r = spawnSync('flock', [join(dir, '.build.lock'), 'make', '-C', dir, '--no-print-directory', `SKETCH=${sketch}`, ...process.argv.slice(2)], { stdio: 'inherit' });
  if (r.error) console.error(`[build-firmware] ${r.error.message}`);
  if (r.status !== 0) process.exit(r.status ?? 1);
}
