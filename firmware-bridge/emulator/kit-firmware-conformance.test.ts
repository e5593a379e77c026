/**
 * Our sensor-kit firmware (built with avr-gcc, run in avr8js) against the reference board (line/fake-board.ts, written
 * from PROTOCOL.md) set up with the kit's banner and capabilities: the same host lines into both, the same answers out
 * (ACK / ERR <code> / banner). So the kit keeps the robot's framing, ids and error codes, and refuses motor and
 * display verbs as missing hardware (CAP). Unpaced emulation (`runFor`): the result does not depend on the load.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FakeBoard } from '../line/fake-board';
import { AvrRunner } from './avr-runner';
import { kitFirmwareHexPath } from './emulated-kit';

const BANNER = 'VER ailab-kit 1.0.0 uno LED TONE TEMP HUM LIGHT SOUND PIR KNOB BTN';
const CAPS = BANNER.split(' ').slice(4);

const answers = (text: string) =>
  text
    .split('\n')
    .filter((l) => /^(ACK|ERR|VER) /.test(l))
    .join('|');

async function firmwareAnswers(runner: AvrRunner, line: string): Promise<string> {
  let out = '';
  const on = (b: Buffer) => (out += b.toString('latin1'));
  runner.serial.on('data', on);
  runner.serial.write(`${line}\n`);
  runner.runFor(16);
  await new Promise((r) => setImmediate(r));
  runner.serial.off('data', on);
  return answers(out);
}

async function bootedKit(): Promise<AvrRunner> {
  const runner = new AvrRunner(readFileSync(kitFirmwareHexPath(), 'utf8'));
  const drain = () => {};
  runner.serial.on('data', drain);
  runner.runFor(30);
  await new Promise((r) => setImmediate(r));
  runner.serial.off('data', drain);
  return runner;
}

const EDGE_CASES = [
  'HELLO',
  '  HELLO  ',
  'HELLOX',
  '1 PING',
  '65535 PING',
  '65536 PING',
  '0 PING',
  '007 PING',
  '12',
  '12 FLY 3',
  '1 M 100 -100',
  '1 M 101 0',
  '1 DRIVE 100 50',
  '1 TURN 900 50',
  '1 S',
  '1 LED ff8000',
  '1 LED FF8000',
  '1 LED ff800',
  '1 TONE 440 100',
  '1 TONE 19 100',
  '1 RATE 101',
  '1 RATE 0',
  '1 TEXT Hello',
  `1 TEXT ${'x'.repeat(33)}`,
  '1 PING extra',
  'x'.repeat(130),
  '1 M 1 1\r',
];

describe('kit firmware vs the reference board with the kit banner (same lines, same answers)', () => {
  it('answers every edge case as the reference does: robot framing, CAP for motors and the display', async () => {
    const runner = await bootedKit();
    const reference = new FakeBoard({ version: { board: 'uno', capabilities: CAPS }, banner: BANNER });
    const differences: string[] = [];
    for (const line of EDGE_CASES) {
      const ours = await firmwareAnswers(runner, line);
      const theirs = answers(reference.receive(line, runner.emulatedMs).join(''));
      if (ours !== theirs) differences.push(`${JSON.stringify(line)}: firmware ${JSON.stringify(ours)}, reference ${JSON.stringify(theirs)}`);
    }
    expect(differences).toEqual([]);
    expect(await firmwareAnswers(runner, '5 M 50 50')).toBe('ERR 5 CAP');
  });

  it('answers 300 generated command lines (valid and broken) as the reference does', async () => {
    const verb = fc.constantFrom('M', 'S', 'LED', 'TONE', 'RATE', 'PING', 'DRIVE', 'TURN', 'TEXT', 'FLY', 'm');
    const arg = fc.oneof(fc.integer({ min: -40000, max: 40000 }).map(String), fc.constantFrom('ff0000', '00aaff', 'x', '-0', '007', ''), fc.stringMatching(/^[ -~]{0,6}$/));
    const line = fc.tuple(fc.integer({ min: 0, max: 70000 }), verb, fc.array(arg, { maxLength: 3 })).map(([id, v, args]) => [String(id), v, ...args].join(' ').trimEnd());
    const lines = fc.sample(line, { numRuns: 300, seed: 20261130 });
    const runner = await bootedKit();
    const reference = new FakeBoard({ version: { board: 'uno', capabilities: CAPS }, banner: BANNER });
    const differences: string[] = [];
    for (const l of lines) {
      const ours = await firmwareAnswers(runner, l);
      const theirs = answers(reference.receive(l, runner.emulatedMs).join(''));
      if (ours !== theirs) differences.push(`${JSON.stringify(l)}: firmware ${JSON.stringify(ours)}, reference ${JSON.stringify(theirs)}`);
    }
    expect(differences.slice(0, 10)).toEqual([]);
  });
});
