/**
 * LineRobot against the in-process fake board (fake-board.ts, written from PROTOCOL.md). Time is vitest's fake clock
 * (Date.now and timers), so watchdog and timeout behaviour is exact and quick. The transport is an in-memory pair:
 * the serial port is what the next session adds (pty + avr8js firmware); nothing else is mocked.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Completion } from '../../core/device/completion';
import { translate } from '../../core/i18n';
import { FakeBoard, type FakeBoardOptions } from './fake-board';
import { classifyColour, LineError, LineRobot, type LineRobotOptions, type LineTransport } from './session';

const enc = new TextEncoder();

/** Wires a FakeBoard to a LineTransport; board answers arrive on the next timer turn, board time advances every 5 ms. */
function wire(board: FakeBoard) {
  const listeners = new Set<(chunk: Uint8Array) => void>();
  const link = { hostMuted: false, unplugged: false, written: [] as string[] };
  const deliver = (lines: string[]) => {
    if (lines.length === 0 || link.unplugged) return;
    const bytes = enc.encode(lines.join(''));
    setTimeout(() => listeners.forEach((l) => l(bytes)), 0);
  };
  const tick = setInterval(() => deliver(board.advance(Date.now())), 5);
  const transport: LineTransport = {
    address: '/dev/fake0',
    write(text) {
      link.written.push(text);
      if (link.hostMuted || link.unplugged) return;
      for (const line of text.split('\n').filter((l) => l !== '')) deliver(board.receive(line, Date.now()));
    },
    onData(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => clearInterval(tick),
  };
  /** Bytes straight into the host, as if the board (or line noise) sent them. */
  const inject = (data: Uint8Array) => listeners.forEach((l) => l(data));
  return { transport, link, inject, stop: () => clearInterval(tick) };
}

async function connected(boardOptions: FakeBoardOptions = {}, options: LineRobotOptions = {}) {
  const board = new FakeBoard(boardOptions);
  const w = wire(board);
  const pending = LineRobot.connect(w.transport, options);
  await vi.advanceTimersByTimeAsync(50);
  const robot = await pending;
  return { board, robot, ...w };
}

/** Advances the clock in 10 ms steps until the completion is done (or `ms` passed); returns the time taken. */
async function until(c: Completion, ms: number): Promise<number> {
  const start = Date.now();
  while (!c.isDone() && Date.now() - start < ms) await vi.advanceTimersByTimeAsync(10);
  return Date.now() - start;
}

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('AI-lab robot session: handshake', () => {
  it('shakes hands, turns the sensor stream on and serves sensor readings in core units', async () => {
    const { board, robot, stop } = await connected({ sensors: { distMm: 350, lineBits: 0b101, light: 1023, r: 220, g: 30, b: 20, buttonA: true } });
    expect(robot.banner).toMatchObject({ major: 1, board: 'fake' });
    expect(board.rateHz).toBe(50);
    await vi.advanceTimersByTimeAsync(100);
    expect(robot.readings().distanceCm).toBe(400); // nothing sampled yet: idle readings
    robot.sample();
    expect(robot.readings()).toEqual({
      distanceCm: 35,
      lineSensors: [true, false, true],
      lightPercent: 100,
      colourUnder: 'red',
      headingDeg: 0,
      bumperPressed: false,
      buttonA: true,
      buttonB: false,
    });
    expect(robot.stats.frames).toBeGreaterThanOrEqual(4);
    robot.close();
    stop();
  });

  it('refuses firmware with another major version, telling the student in Chinese to flash the robot', async () => {
    const board = new FakeBoard({ version: { major: 2, minor: 0, patch: 0 } });
    const w = wire(board);
    const result = LineRobot.connect(w.transport, { language: 'zh-CN' }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(100);
    const error = await result;
    expect(error).toBeInstanceOf(LineError);
    expect((error as LineError).code).toBe('line.wrongFirmware');
    expect((error as LineError).message).toContain('2.0.0');
    expect((error as LineError).message).toContain('刷写');
    expect(translate('en', 'bridge', 'line.wrongFirmware', (error as LineError).params)).toMatch(/wrong firmware.*flash/i);
    w.stop();
  });

  it('names another firmware’s banner, and gives up on a silent board after its HELLO attempts', async () => {
    const foreign = wire(new FakeBoard({ banner: 'VER grbl 1.1h' }));
    const e1 = LineRobot.connect(foreign.transport).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(100);
    expect(await e1).toMatchObject({ code: 'line.notOurFirmware', message: expect.stringContaining('grbl') });
    foreign.stop();

    const silent = wire(new FakeBoard());
    silent.link.unplugged = true;
    const e2 = LineRobot.connect(silent.transport, { helloMs: 500, helloAttempts: 4 }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1900);
    expect(silent.link.written.filter((t) => t === 'HELLO\n')).toHaveLength(4);
    await vi.advanceTimersByTimeAsync(200);
    expect(await e2).toMatchObject({ code: 'line.noAnswer', message: expect.stringContaining('/dev/fake0') });
    silent.stop();
  });
});

describe('AI-lab robot session: commands', () => {
  it('a drive is done when the board reports EV DONE, not at the ACK', async () => {
    const { board, robot, stop } = await connected();
    const drive = robot.driveCm(20, 50); // 200 mm at 4 mm/s per % → 1 s on the fake board
    await vi.advanceTimersByTimeAsync(100);
    expect(board.heard.some((l) => /^\d+ DRIVE 200 50$/.test(l))).toBe(true);
    expect(drive.isDone()).toBe(false);
    const took = await until(drive, 3000);
    expect(took).toBeGreaterThanOrEqual(900);
    expect(took).toBeLessThan(1200);
    expect(board.left).toBe(0);

    const turn = robot.turnDeg(90, 100); // 900 ddeg at 1800 ddeg/s → 0.5 s
    await until(turn, 2000);
    await vi.advanceTimersByTimeAsync(50);
    robot.sample();
    expect(robot.readings().headingDeg).toBe(90);
    robot.close();
    stop();
  });

  it('setting the motors cancels a drive in progress at once, and the board stops driving', async () => {
    const { board, robot, stop } = await connected();
    const drive = robot.driveCm(100, 20);
    await vi.advanceTimersByTimeAsync(100);
    robot.setMotors(30, -30);
    expect(drive.isDone()).toBe(true);
    await vi.advanceTimersByTimeAsync(50);
    expect([board.left, board.right]).toEqual([30, -30]);
    robot.stopMotors();
    await vi.advanceTimersByTimeAsync(50);
    expect(board.moving).toBe(false);
    robot.close();
    stop();
  });

  it('a command the board never acknowledges fails with a timeout the student can read', async () => {
    const { robot, stop } = await connected({ ignore: ['TONE', 'LED'] }, { ackMs: 300, language: 'en' });
    const tone = robot.playTone(440, 1);
    robot.setLed('#00ff00');
    await vi.advanceTimersByTimeAsync(250);
    expect(tone.isDone()).toBe(false);
    await vi.advanceTimersByTimeAsync(100);
    expect(() => tone.isDone()).toThrow(/did not answer "\d+ TONE 440 500" within 0.3 s/);
    expect(robot.lastError?.code).toBe('line.timeout');
    expect(robot.stats.timeouts).toBe(2);
    robot.close();
    stop();
  });

  it('a board without a buzzer refuses the tone, and the block fails with its error code', async () => {
    const { robot, stop } = await connected({ version: { capabilities: ['M', 'DRIVE', 'TURN'] } });
    const tone = robot.playTone(440, 2);
    await vi.advanceTimersByTimeAsync(20);
    expect(() => tone.isDone()).toThrow(/refused .*TONE 440 1000.*CAP/);
    robot.close();
    stop();
  });

  it('a tone is done when it has played (beats of 0.5 s)', async () => {
    const { robot, stop } = await connected();
    const tone = robot.playTone(523, 2);
    const took = await until(tone, 3000);
    expect(took).toBeGreaterThanOrEqual(1000);
    expect(took).toBeLessThan(1100);
    robot.close();
    stop();
  });
});

describe('AI-lab robot session: watchdog and link', () => {
  it('pings while idle, so motors set once keep running for seconds', async () => {
    const { board, robot, stop } = await connected({}, { pingMs: 200 });
    robot.setMotors(60, 60);
    await vi.advanceTimersByTimeAsync(3000);
    expect(board.watchdogTrips).toBe(0);
    expect([board.left, board.right]).toEqual([60, 60]);
    expect(robot.stats.pings).toBeGreaterThanOrEqual(10);
    expect(robot.linkLost()).toBeNull();
    robot.close();
    stop();
  });

  it('when the host goes quiet the board stops the motors after 500 ms and says so', async () => {
    const { board, robot, link, stop } = await connected();
    robot.setMotors(60, 60);
    await vi.advanceTimersByTimeAsync(50);
    const drive = robot.driveCm(50, 50);
    await vi.advanceTimersByTimeAsync(50);
    link.hostMuted = true; // the host's lines no longer reach the board (a stuck host)
    await vi.advanceTimersByTimeAsync(400);
    expect(board.moving).toBe(true);
    await vi.advanceTimersByTimeAsync(150);
    expect(board.moving).toBe(false);
    expect(board.watchdogTrips).toBe(1);
    await vi.advanceTimersByTimeAsync(20);
    expect(robot.stats.watchdogTrips).toBe(1);
    expect(drive.isDone()).toBe(true);
    robot.close();
    stop();
  });

  it('an unplugged board is noticed within about a second', async () => {
    const { robot, link, stop } = await connected({}, { lostAfterMs: 1000 });
    await vi.advanceTimersByTimeAsync(500);
    expect(robot.linkLost()).toBeNull();
    link.unplugged = true;
    await vi.advanceTimersByTimeAsync(900);
    expect(robot.linkLost()).toBeNull();
    await vi.advanceTimersByTimeAsync(200);
    expect(robot.linkLost()?.code).toBe('line.lost');
    robot.close();
    expect(robot.linkLost()?.code).toBe('line.closed');
    stop();
  });

  it('a board that restarts mid-run gets its sensor stream back, and a drive it forgot does not hang the program', async () => {
    const { board, robot, inject, stop } = await connected();
    const drive = robot.driveCm(100, 10);
    await vi.advanceTimersByTimeAsync(50);
    inject(enc.encode('VER ailab-robot 1.0.0 fake M\n')); // what the firmware prints after a reset
    expect(drive.isDone()).toBe(true);
    await vi.advanceTimersByTimeAsync(50);
    expect(board.heard.filter((l) => / RATE 50$/.test(l))).toHaveLength(2);
    expect(robot.stats.restarts).toBe(1);
    robot.close();
    stop();
  });

  it('line noise between answers does not break the session', async () => {
    const { robot, inject, stop } = await connected({}, { ackMs: 300 });
    inject(Uint8Array.from([0, 255, 13, 10, 65, 67, 75, 32, 10]));
    inject(enc.encode(`${'z'.repeat(500)}\nEV`));
    inject(enc.encode(' NOISE 1\nD 1 2\n'));
    const tone = robot.playTone(440, 1);
    await until(tone, 1000);
    expect(tone.isDone()).toBe(true);
    expect(robot.stats.garbage).toBeGreaterThanOrEqual(2);
    robot.close();
    stop();
  });
});

describe('AI-lab robot session: fuzzed', () => {
  it('random bytes from the board never break a connected robot (20,000 chunks), and it still works after', async () => {
    const { robot, inject, stop } = await connected();
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 200 }), fc.constantFrom('ACK 1\n', 'EV DONE 2\n', 'ERR 3 BUSY\n', 'VER ailab-robot 9.0.0 x\n', 'D 1 2\n').map((t) => enc.encode(t))), (chunk) => {
        inject(chunk);
      }),
      { numRuns: 20_000 },
    );
    inject(enc.encode('\n'));
    const tone = robot.playTone(440, 1);
    await until(tone, 1000);
    expect(tone.isDone()).toBe(true);
    robot.close();
    stop();
  });

  it('the fake board survives any host line and still answers PING (so it is a fair stand-in for the firmware)', () => {
    const board = new FakeBoard();
    let t = 0;
    fc.assert(
      fc.property(fc.string({ maxLength: 150 }), (line) => {
        t += 7;
        board.receive(line, t);
      }),
      { numRuns: 20_000 },
    );
    expect(board.receive('65535 PING', t + 1)).toContain('ACK 65535\n');
  });
});

describe('AI-lab robot session: colour names', () => {
  it('names the colours a grade-4 student would', () => {
    expect(classifyColour(10, 12, 8)).toBe('black');
    expect(classifyColour(240, 235, 230)).toBe('white');
    expect(classifyColour(230, 200, 40)).toBe('yellow');
    expect(classifyColour(30, 40, 200)).toBe('blue');
    expect(classifyColour(40, 180, 60)).toBe('green');
    expect(classifyColour(120, 110, 100)).toBe('none');
  });
});
