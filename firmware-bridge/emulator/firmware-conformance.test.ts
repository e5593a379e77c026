/**
 * Our robot firmware (built with avr-gcc, run in avr8js) against the reference board (line/fake-board.ts, written from
 * PROTOCOL.md): the same host lines into both, the same answers out (ACK / ERR <code> / banner; sensor frames and
 * events are timing and are checked elsewhere). Lines: hand-picked edge cases plus 300 generated ones (fixed seed).
 * Unpaced emulation (`runFor`), so the result does not depend on the machine's load.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FakeBoard } from '../line/fake-board';
import { AvrRunner } from './avr-runner';
import { robotFirmwareHex } from './firmware-files';

/** The firmware's banner capabilities, so the reference refuses what the firmware lacks (TEXT, RGB, GYRO). */
const CAPS = ['M', 'DRIVE', 'TURN', 'LED', 'TONE', 'US', 'LINE3', 'LIGHT', 'BUMP', 'BTN'];

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
  // A 128-byte line takes 11 ms at 115200; the answer follows within a loop pass.
  runner.runFor(16);
  await new Promise((r) => setImmediate(r));
  runner.serial.off('data', on);
  return answers(out);
}

/** A firmware booted past its boot banner (which a host that just opened the port may or may not see). */
async function bootedFirmware(): Promise<AvrRunner> {
  const runner = new AvrRunner(robotFirmwareHex());
  const drain = () => {};
  runner.serial.on('data', drain);
  runner.runFor(30);
  await new Promise((r) => setImmediate(r));
  runner.serial.off('data', drain);
  return runner;
}

function referenceAnswers(board: FakeBoard, line: string, nowMs: number): string {
  return answers(board.receive(line, nowMs).join(''));
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
  '12 ',
  '12 ping',
  '12 FLY 3',
  '1 M 100 -100',
  '1 M 101 0',
  '1 M -0 0',
  '1 M 05 0',
  '1 M 5',
  '1 M 5 5 5',
  '1 M  5   5',
  '1 M +5 5',
  '1 S',
  '1 S 1',
  '1 LED ff8000',
  '1 LED FF8000',
  '1 LED ff800',
  '1 TONE 0 100',
  '1 TONE 19 100',
  '1 TONE 20000 60000',
  '1 TONE 440 60001',
  '1 RATE 0',
  '1 RATE 101',
  '1 DRIVE 0 50',
  '1 DRIVE -10000 1',
  '1 DRIVE 10001 1',
  '1 DRIVE 100 0',
  '1 TURN 36000 100',
  '1 TURN -36001 100',
  '1 TEXT Hello',
  '1 TEXT',
  `1 TEXT ${'x'.repeat(33)}`,
  '1 PING extra',
  '1 M 5 99999999999',
  '# a comment from a person',
  '1 M 1 1\r',
  'x'.repeat(130),
  `1 TEXT ${'y'.repeat(120)}`,
  '99999 PING',
  '1 RATE 50',
  '1 RATE 0',
];

describe('firmware vs the reference board (same lines, same answers)', () => {
  it('answers every edge case exactly as PROTOCOL.md\'s reference board does', async () => {
    const runner = await bootedFirmware();
    const reference = new FakeBoard({ version: { board: 'uno', capabilities: CAPS } });
    const differences: string[] = [];
    for (const line of EDGE_CASES) {
      const ours = await firmwareAnswers(runner, line);
      const theirs = referenceAnswers(reference, line, runner.emulatedMs);
      if (ours !== theirs) differences.push(`${JSON.stringify(line)}: firmware ${JSON.stringify(ours)}, reference ${JSON.stringify(theirs)}`);
    }
    expect(differences).toEqual([]);
  });

  it('answers 300 generated command lines (valid and broken) exactly as the reference board does', async () => {
    const verb = fc.constantFrom('M', 'S', 'LED', 'TONE', 'RATE', 'PING', 'DRIVE', 'TURN', 'TEXT', 'FLY', 'm');
    const arg = fc.oneof(fc.integer({ min: -40000, max: 40000 }).map(String), fc.constantFrom('ff0000', '00aaff', 'x', '-0', '007', ''), fc.stringMatching(/^[ -~]{0,6}$/));
    const line = fc.tuple(fc.integer({ min: 0, max: 70000 }), verb, fc.array(arg, { maxLength: 3 })).map(([id, v, args]) => [String(id), v, ...args].join(' ').trimEnd());
    const lines = fc.sample(line, { numRuns: 300, seed: 20261130 });
    const runner = await bootedFirmware();
    const reference = new FakeBoard({ version: { board: 'uno', capabilities: CAPS } });
    const differences: string[] = [];
    for (const l of lines) {
      const ours = await firmwareAnswers(runner, l);
      const theirs = referenceAnswers(reference, l, runner.emulatedMs);
      if (ours !== theirs) differences.push(`${JSON.stringify(l)}: firmware ${JSON.stringify(ours)}, reference ${JSON.stringify(theirs)}`);
    }
    expect(differences.slice(0, 10)).toEqual([]);
  });
});
