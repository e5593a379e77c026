/**
 * The AI-lab robot over a REAL serial path: our firmware (built with avr-gcc) in avr8js, inside the virtual robot kit,
 * behind a real socat pty; the host side is serialport + LineRobot + RobotConnection, as in the app. Real time
 * throughout (the emulator is paced to the wall clock). Nothing is mocked; "unplug" kills the pty.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Completion } from '../../core/device/completion';
import { fromBlockly } from '../../core/program';
import { startEmulatedRobot, type EmulatedRobot } from '../emulator/emulated-robot';
import { startPtyBridge } from '../emulator/pty-bridge';
import { robotDeviceSet } from '../live/device-sets';
import { startLiveRun } from '../live/live-run';
import { RobotConnection, type ConnectionState } from './robot-connection';
import { openSerialLineTransport, SerialError } from './serial-transport';
import { Duplex, PassThrough } from 'node:stream';

const here = dirname(fileURLToPath(import.meta.url));
// The emulated board may run well below real time when the machine is busy: give each test room.
vi.setConfig({ testTimeout: 90_000 });
const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function robotOnPty(): Promise<EmulatedRobot> {
  const r = await startEmulatedRobot();
  cleanups.push(() => r.stop());
  return r;
}

/**
 * The emulated board runs at up to real time, slower on a loaded machine (2 cores shared by the whole test run), so
 * the tests widen the host's ack and hello timeouts; the defaults are for real boards. Timing claims about the board
 * (its 500 ms watchdog) are checked in the board's own emulated time.
 */
const PATIENT = { ackMs: 3000, helloMs: 1500, lostAfterMs: 3000 };

function connection(path: string, extra: Partial<ConstructorParameters<typeof RobotConnection>[0]> = {}) {
  const c = new RobotConnection({ path, ...extra, robot: { ...PATIENT, ...extra.robot } });
  const states: ConnectionState[] = [];
  c.onDidChangeState((s) => {
    if (states[states.length - 1] !== s.state) states.push(s.state);
  });
  cleanups.push(() => c.close());
  c.start();
  return { c, states };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(check: () => boolean, ms: number): Promise<number> {
  const start = Date.now();
  while (!check() && Date.now() - start < ms) await sleep(5);
  return Date.now() - start;
}
/** Waits until the emulated board has lived `ms` more of its own time (it may run slower than the wall clock). */
async function boardSleep(emu: EmulatedRobot, ms: number): Promise<void> {
  const start = emu.runner.emulatedMs;
  await until(() => emu.runner.emulatedMs - start >= ms, 60_000);
}
async function settled(c: Completion, ms: number): Promise<number> {
  return until(() => c.isDone(), ms);
}

describe('AI-lab robot firmware over a real pty', () => {
  it('connects (connecting → handshake → ready) and serves the kit sensors in core units', async () => {
    const emu = await robotOnPty();
    emu.board.set({ distanceMm: 350, lineDark: [true, false, true], lightRaw: 1023, buttonA: true });
    const { c, states } = connection(emu.path);
    const robot = await c.whenReady(20_000);
    expect(states).toEqual(['connecting', 'handshake', 'ready']);
    expect(c.status.message).toContain('firmware 1.0.0, uno');
    expect(robot.banner.capabilities).toContain('US');
    // The firmware measures the ultrasonic every 60 ms and streams at 50 Hz.
    await until(() => {
      robot.sample();
      return robot.readings().distanceCm !== 400;
    }, 10_000);
    const r = robot.readings();
    expect(r.distanceCm).toBeGreaterThan(34);
    expect(r.distanceCm).toBeLessThan(36);
    expect(r.lineSensors).toEqual([true, false, true]);
    expect(r.lightPercent).toBeGreaterThan(99);
    expect(r.buttonA).toBe(true);
    expect(r.buttonB).toBe(false);
    emu.board.set({ distanceMm: null, buttonA: false, bumper: true });
    await boardSleep(emu, 200); // > one ultrasonic period (60 ms) and several frames
    await sleep(50);
    robot.sample();
    expect(robot.readings()).toMatchObject({ distanceCm: 400, buttonA: false, bumperPressed: true });
  });

  it('drives 20 cm and turns 90° on the board (done on EV DONE, motors on the pins meanwhile), LED and tone', async () => {
    const emu = await robotOnPty();
    const { c } = connection(emu.path);
    const robot = await c.whenReady(20_000);
    const drive = robot.driveCm(20, 50); // 200 mm at 4 mm/s per % → 1.0 s of board time
    await until(() => emu.board.motors().left !== 0 && emu.board.motors().right !== 0, 10_000);
    const boardStart = emu.runner.emulatedMs;
    expect(emu.board.motors()).toEqual({ left: 50, right: 50 });
    await settled(drive, 20_000);
    expect(drive.isDone()).toBe(true);
    expect(emu.runner.emulatedMs - boardStart).toBeGreaterThan(900);
    expect(emu.board.motors()).toEqual({ left: 0, right: 0 });

    const turn = robot.turnDeg(-90, 50); // 900 ddeg at 18 ddeg/s per % → 1.0 s, anticlockwise
    await until(() => emu.board.motors().left !== 0 && emu.board.motors().right !== 0, 10_000);
    expect(emu.board.motors()).toEqual({ left: -50, right: 50 });
    await settled(turn, 20_000);
    expect(turn.isDone()).toBe(true);
    await boardSleep(emu, 100);
    await sleep(50);
    robot.sample();
    // A watchdog trip here would mean the host's pings were held up > 500 ms (a starved machine): say so if it fails.
    expect(robot.readings().headingDeg, JSON.stringify(robot.stats)).toBe(270);

    robot.setLed('#ff8000');
    const tone = robot.playTone(440, 1); // 0.5 s
    await until(() => emu.board.buzzing(), 10_000);
    expect(emu.board.led()).toEqual({ r: 255, g: 128, b: 0 });
    expect(emu.board.buzzing()).toBe(true);
    await settled(tone, 20_000);
    expect(tone.isDone()).toBe(true);
    await boardSleep(emu, 50);
    expect(emu.board.buzzing()).toBe(false);
  });

  it('a connected host keeps the motors running past the 500 ms watchdog (pings); a silent host trips it', async () => {
    const emu = await robotOnPty();
    const { c } = connection(emu.path);
    const robot = await c.whenReady(20_000);
    robot.setMotors(40, 40);
    await until(() => emu.board.motors().left === 40 && emu.board.motors().right === 40, 10_000);
    const boardStart = emu.runner.emulatedMs;
    await until(() => emu.runner.emulatedMs - boardStart > 1500, 8000); // three watchdog periods of board time
    expect(emu.board.motors()).toEqual({ left: 40, right: 40 });
    expect(robot.stats.watchdogTrips).toBe(0);
    await c.close();

    // A host that sends one motor line and then nothing: the firmware stops within 0.5 s and says so.
    const port = new SerialPort({ path: emu.path, baudRate: 115200, autoOpen: false });
    await new Promise<void>((res, rej) => port.open((e) => (e ? rej(e) : res())));
    cleanups.push(() => new Promise((r) => port.close(() => r(null))));
    let heard = '';
    port.on('data', (b: Buffer) => (heard += b.toString('latin1')));
    port.write('1 M 60 60\n');
    // Exactly "ACK 1": the board may still be answering the closed connection's last commands (ACK 12…).
    await until(() => /^ACK 1$/m.test(heard), 10_000);
    expect(emu.board.motors()).toEqual({ left: 60, right: 60 });
    const startedAtBoardMs = emu.runner.emulatedMs;
    await until(() => emu.board.motors().left === 0 && emu.board.motors().right === 0, 5000);
    const stoppedAfterBoardMs = emu.runner.emulatedMs - startedAtBoardMs;
    expect(stoppedAfterBoardMs).toBeGreaterThan(400);
    expect(stoppedAfterBoardMs).toBeLessThan(600);
    await until(() => heard.includes('EV WATCHDOG'), 1000);
    expect(heard).toContain('EV WATCHDOG');
  });

  it('unplugged mid-run: the program stops as disconnected with the unplug message within 1 s, motors stop, and the robot reconnects when plugged back', async () => {
    const emu = await robotOnPty();
    const { c, states } = connection(emu.path, { language: 'zh-CN' });
    const robot = await c.whenReady(20_000);
    const project = {
      blocks: {
        languageVersion: 0,
        blocks: [
          {
            type: 'event_when_started',
            x: 0,
            y: 0,
            next: { block: { type: 'robot_set_motors', inputs: { LEFT: { shadow: { type: 'math_number', fields: { NUM: 50 } } }, RIGHT: { shadow: { type: 'math_number', fields: { NUM: 50 } } } }, next: { block: { type: 'control_forever' } } } },
          },
        ],
      },
    };
    const { program, diagnostics } = fromBlockly(project, 'robot');
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const run = startLiveRun({ program, devices: robotDeviceSet(robot), linkCheck: () => c.linkLost() });
    const events: string[] = [];
    run.interpreter.onDidEmit((e) => events.push(JSON.stringify(e).slice(0, 200)));
    await until(() => emu.board.motors().left === 50 && emu.board.motors().right === 50, 10_000);
    expect(emu.board.motors(), JSON.stringify({ stats: robot.stats, err: robot.lastError?.message, state: c.state, it: run.interpreter.state, runner: emu.runner.stats() })).toEqual({ left: 50, right: 50 });

    const pulledAt = Date.now();
    await emu.bridge.unplug(); // kills socat: the pty vanishes as a pulled USB cable does
    const summary = await run.done;
    const stopMs = Date.now() - pulledAt;
    expect(summary.stopReason).toBe('disconnected');
    expect(stopMs).toBeLessThan(1000);
    expect(summary.disconnect).toContain('被拔掉了');
    expect(summary.disconnect).toContain('电机已停止');
    // The board hears nothing now: its watchdog stops the motors within 0.5 s of its own time.
    const boardMsAtUnplug = emu.runner.emulatedMs;
    await until(() => emu.board.motors().left === 0 && emu.board.motors().right === 0, 5000);
    expect(emu.runner.emulatedMs - boardMsAtUnplug).toBeLessThan(600);
    // Retrying: between attempts, or (on a loaded machine) in the middle of one that will fail.
    expect(['reconnecting', 'handshake']).toContain(c.state);

    await emu.bridge.plugIn();
    const again = await c.whenReady(20_000);
    expect(again).not.toBe(robot);
    expect(states.slice(0, 5)).toEqual(['connecting', 'handshake', 'ready', 'lost', 'reconnecting']);
    expect(states.slice(-2)).toEqual(['handshake', 'ready']);
    expect(states.slice(5, -2).every((s) => s === 'reconnecting' || s === 'handshake')).toBe(true);
    again.setMotors(20, 20);
    await until(() => emu.board.motors().left === 20 && emu.board.motors().right === 20, 10_000);
    expect(emu.board.motors()).toEqual({ left: 20, right: 20 });
  });
  it('the board restarts mid-drive (reset button): motors stop, the drive settles, the stream comes back, commands work', async () => {
    const emu = await robotOnPty();
    const { c } = connection(emu.path);
    const robot = await c.whenReady(20_000);
    const drive = robot.driveCm(100, 40); // 6 s of board time: still going when the reset comes
    await until(() => emu.board.motors().left === 40 && emu.board.motors().right === 40, 10_000);
    emu.runner.reset();
    expect(emu.board.motors()).toEqual({ left: 0, right: 0 }); // a reset chip drives no motor
    await settled(drive, 10_000);
    expect(drive.isDone()).toBe(true); // settled by the unasked banner, not by a timeout
    expect(robot.stats.restarts).toBe(1);
    const framesAtReset = robot.stats.frames;
    await until(() => robot.stats.frames > framesAtReset + 5, 10_000); // RATE was sent again
    expect(robot.stats.frames).toBeGreaterThan(framesAtReset + 5);
    robot.setMotors(25, 25);
    await until(() => emu.board.motors().left === 25 && emu.board.motors().right === 25, 10_000);
    expect(emu.board.motors()).toEqual({ left: 25, right: 25 });
    expect(c.state).toBe('ready');
  });
});

describe('serial port errors a student can act on', () => {
  it('a port held by another program: "in use by another program" (zh-CN and en), nothing else touched', async () => {
    const emu = await robotOnPty();
    // `flock` holds the same exclusive lock serialport takes, as another serial program would.
    const holder = spawn('flock', ['--nonblock', realpathSync(emu.path), 'sleep', '30'], { stdio: 'ignore' });
    cleanups.push(() => holder.kill('SIGKILL'));
    await sleep(200);
    const { c } = connection(emu.path, { language: 'zh-CN' });
    await expect(c.whenReady(3000)).rejects.toThrow(/另一个程序占用/);
    expect(c.state).toBe('failed');
    expect(c.status.error?.code).toBe('error.busy');
    await expect(openSerialLineTransport(emu.path, { language: 'en' })).rejects.toThrow(/in use by another program/);
  });

  it('a port this app already uses: the second driver is told who has it', async () => {
    const emu = await robotOnPty();
    const first = await openSerialLineTransport(emu.path, { owner: 'Firmata board' });
    cleanups.push(() => first.close());
    const err = await openSerialLineTransport(emu.path, { language: 'en' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SerialError);
    expect((err as SerialError).message).toContain('already used by "Firmata board"');
    await first.close();
    const again = await openSerialLineTransport(emu.path);
    await again.close();
  });

  it('no permission (EACCES, tried as an unprivileged user on a pty with mode 000): the dialout fix is named', async (ctx) => {
    const emu = await robotOnPty();
    const pts = realpathSync(emu.path); // /dev/pts/N itself, so the refusal comes from its mode
    chmodSync(pts, 0o000);
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, 'fixtures', 'open-port.ts'), pts, 'zh-CN'], { cwd: join(here, '..', '..'), encoding: 'utf8', timeout: 20_000, ...asUser });
    const last = r.stdout.trim().split('\n').pop() ?? '';
    // Root ignores file modes, so the opener runs as `nobody`; that needs a checkout others can read.
    if (!last.startsWith('{') && /EACCES|ERR_MODULE_NOT_FOUND|Cannot find/.test(r.stderr)) ctx.skip(`the checkout is not readable by an unprivileged user: ${r.stderr.slice(0, 200)}`);
    const out = JSON.parse(last || '{}') as { code?: string; message?: string };
    expect(out.code, r.stderr).toBe('error.permission');
    expect(out.message).toContain('sudo usermod -aG dialout $USER');
  });

  it('a board with another firmware, or ours with another major version, is refused with "offer to flash" (zh-CN)', async () => {
    // A board on a real pty that answers HELLO with a fixed banner (our firmware cannot be made to lie about itself).
    const banner = (text: string) => {
      const board: Duplex = new Duplex({
        read: () => {},
        write: (chunk: Buffer, _e, done) => {
          if (chunk.toString().includes('HELLO')) board.push(`${text}\n`);
          done();
        },
      });
      return board;
    };
    for (const [text, code, words] of [
      ['VER grbl 1.1h', 'line.notOurFirmware', '不是 AI 实验室机器人固件'],
      ['VER ailab-robot 2.0.0 uno M', 'line.wrongFirmware', '请给机器人刷写新的固件'],
    ] as const) {
      const bridge = await startPtyBridge(banner(text));
      cleanups.push(() => bridge.close());
      const { c } = connection(bridge.hostPath, { language: 'zh-CN' });
      await expect(c.whenReady(10_000)).rejects.toThrow(words);
      expect(c.state).toBe('failed');
      expect(c.status.error?.code).toBe(code);
    }
  });

  it('a path that does not exist, and a port where nothing answers, fail with their own messages', async () => {
    const missing = connection('/dev/ttyNOPE9', { language: 'en' });
    await expect(missing.c.whenReady(3000)).rejects.toThrow(/does not exist/);
    expect(missing.c.status.error?.code).toBe('error.notFound');

    const silent = await startPtyBridge(new PassThrough({ transform: undefined }).resume());
    cleanups.push(() => silent.close());
    const quiet = connection(silent.hostPath, { robot: { helloMs: 150, helloAttempts: 2 } });
    await expect(quiet.c.whenReady(3000)).rejects.toThrow(/did not answer/);
    expect(quiet.c.status.error?.code).toBe('line.noAnswer');
  });
});
