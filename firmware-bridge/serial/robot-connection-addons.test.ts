/**
 * The AI-lab robot with and without its I2C add-on (TCS34725 colour sensor, MPU-6050 gyro), over a REAL serial path:
 * our firmware (avr-gcc) in avr8js inside the virtual robot kit, the chips emulated on the board's TWI bus, behind a
 * real socat pty; the host opens it with serialport (raw lines, and RobotConnection + LineRobot as the app does).
 * Real time throughout; nothing mocked.
 */
import { ReadlineParser } from '@serialport/parser-readline';
import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startEmulatedRobot, type EmulatedRobot } from '../emulator/emulated-robot';
import type { FittedSensors } from '../emulator/robot-board';
import { RobotConnection } from './robot-connection';

vi.setConfig({ testTimeout: 90_000 });
const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const BASIC_BANNER = 'VER ailab-robot 1.0.0 uno M DRIVE TURN LED TONE US LINE3 LIGHT BUMP BTN';
const PATIENT = { ackMs: 3000, helloMs: 1500, lostAfterMs: 3000 };

async function robotOnPty(fitted?: FittedSensors): Promise<EmulatedRobot> {
  const r = await startEmulatedRobot({ fitted });
  cleanups.push(() => r.stop());
  return r;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(check: () => boolean, ms: number): Promise<void> {
  const start = Date.now();
  while (!check() && Date.now() - start < ms) await sleep(5);
}
async function boardSleep(emu: EmulatedRobot, ms: number): Promise<void> {
  const start = emu.runner.emulatedMs;
  await until(() => emu.runner.emulatedMs - start >= ms, 60_000);
}

/** Opens the pty as a serial monitor would: every line the board sends, and a way to send one. */
async function rawLines(path: string) {
  const port = new SerialPort({ path, baudRate: 115200, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
  cleanups.push(() => new Promise<void>((resolve) => port.close(() => resolve())));
  const lines: string[] = [];
  port.pipe(new ReadlineParser({ delimiter: '\n' })).on('data', (l: string) => lines.push(l));
  return { lines, send: (l: string) => port.write(`${l}\n`) };
}

/** The fields of the newest `D` frame: ms dist line light r g b heading bumper btnA btnB. */
function lastFrame(lines: string[]): number[] | null {
  const d = lines.filter((l) => l.startsWith('D ')).at(-1);
  return d === undefined ? null : d.split(' ').slice(1).map(Number);
}

function connect(path: string) {
  const c = new RobotConnection({ path, robot: PATIENT });
  cleanups.push(() => c.close());
  c.start();
  return c.whenReady(20_000);
}

describe('robot firmware with the I2C colour sensor and gyro, over a real pty', () => {
  it('lists RGB and GYRO (and no buttons, their pins being the bus) and streams the colour under the robot', async () => {
    const emu = await robotOnPty({ colour: true, gyro: true });
    emu.board.set({ colourUnder: { r: 230, g: 30, b: 20 } });
    const { lines, send } = await rawLines(emu.path);
    await until(() => lines.some((l) => l.startsWith('VER')), 5000);
    send('HELLO');
    await until(() => lines.filter((l) => l.startsWith('VER')).length > 0, 10_000);
    expect(lines.find((l) => l.startsWith('VER'))).toBe('VER ailab-robot 1.0.0 uno M DRIVE TURN LED TONE US LINE3 LIGHT RGB GYRO BUMP');
    send('1 RATE 20');
    await until(() => lastFrame(lines) !== null, 10_000);
    await boardSleep(emu, 100);
    await sleep(100);
    // r g b: the sensor's counts scaled so white reads 255 (±1 for rounding of counts).
    const [r, g, b] = lastFrame(lines)!.slice(4, 7);
    expect(Math.abs(r! - 230)).toBeLessThanOrEqual(1);
    expect(Math.abs(g! - 30)).toBeLessThanOrEqual(1);
    expect(Math.abs(b! - 20)).toBeLessThanOrEqual(1);
    // A button press cannot be seen: the add-on owns A4/A5.
    emu.board.set({ colourUnder: { r: 20, g: 40, b: 220 }, buttonA: true });
    await boardSleep(emu, 100); // > 24 ms integration + 25 ms poll + a frame
    await sleep(100);
    const after = lastFrame(lines)!;
    expect(after.slice(4, 7).map((v) => Math.round(v / 10))).toEqual([2, 4, 22]);
    expect(after.slice(9)).toEqual([0, 0]);
  });

  it('names the colour under the robot to a program (red, then green) through LineRobot', async () => {
    const emu = await robotOnPty({ colour: true });
    emu.board.set({ colourUnder: { r: 220, g: 30, b: 30 } });
    const robot = await connect(emu.path);
    expect(robot.banner.capabilities).toContain('RGB');
    expect(robot.banner.capabilities).not.toContain('GYRO');
    await until(() => {
      robot.sample();
      return robot.readings().colourUnder === 'red';
    }, 10_000);
    expect(robot.readings().colourUnder).toBe('red');
    emu.board.set({ colourUnder: { r: 30, g: 200, b: 40 } });
    await until(() => {
      robot.sample();
      return robot.readings().colourUnder !== 'red';
    }, 10_000);
    expect(robot.readings().colourUnder).toBe('green');
  });

  it('turns 90° on the gyro (offset calibrated out) and the heading follows the robot turned by hand', async () => {
    // A real MPU-6050 reads a few °/s at rest: uncalibrated, 3 °/s would add ~10° over this test.
    const emu = await robotOnPty({ gyro: true, gyroBiasDps: 3 });
    const robot = await connect(emu.path);
    expect(robot.banner.capabilities).toContain('GYRO');
    const heading = () => {
      robot.sample();
      return robot.readings().headingDeg;
    };
    const angleBetween = (a: number, b: number) => Math.abs(((a - b + 540) % 360) - 180);
    const truth = () => emu.board.headingDdeg() / 10;

    const turn = robot.turnDeg(90, 60);
    await until(() => turn.isDone(), 30_000);
    expect(turn.isDone()).toBe(true);
    expect(robot.stats.restarts).toBe(0); // a restart (an unasked banner) would settle the turn as cancelled
    await boardSleep(emu, 100);
    await sleep(100);
    // The board slowed down and stopped when its gyro said 90°: the robot, coasting a little after (its rotation lags
    // the wheels by 50 ms), really is at 90° (±2.5°), and says so.
    expect(angleBetween(truth(), 90)).toBeLessThanOrEqual(2.5);
    expect(angleBetween(heading(), truth())).toBeLessThanOrEqual(1.5);

    // Motors off, a hand turns the robot 45° anticlockwise at 90 °/s: the gyro sees it (the timed model could not).
    emu.board.set({ extraTurnDps: -90 });
    await boardSleep(emu, 500);
    emu.board.set({ extraTurnDps: 0 });
    await boardSleep(emu, 100);
    await sleep(100);
    expect(angleBetween(truth(), 45)).toBeLessThanOrEqual(3);
    expect(angleBetween(heading(), truth())).toBeLessThanOrEqual(1.5);
    // Standing still it does not drift (the offset was measured at boot).
    const still = heading();
    await boardSleep(emu, 1000);
    await sleep(100);
    expect(angleBetween(heading(), still)).toBeLessThanOrEqual(0.5);
  });

  it('drives straight on the gyro: a push turning the robot 20 °/s is steered out (heading stays within 3°)', async () => {
    const emu = await robotOnPty({ gyro: true });
    const robot = await connect(emu.path);
    const drive = robot.driveCm(30, 50); // 1.5 s of board time
    await until(() => emu.board.motors().left !== 0, 10_000);
    emu.board.set({ extraTurnDps: 20 }); // without the gyro: 30° off course by the end
    let worst = 0;
    let steered = false;
    while (!drive.isDone()) {
      const h = emu.board.headingDdeg() / 10;
      worst = Math.max(worst, Math.min(h, 360 - h));
      const { left, right } = emu.board.motors();
      if (right > left) steered = true;
      await sleep(20);
    }
    emu.board.set({ extraTurnDps: 0 });
    expect(drive.isDone()).toBe(true);
    expect(robot.stats.restarts).toBe(0);
    expect(steered).toBe(true); // the right wheel sped up against the clockwise push
    expect(worst).toBeLessThan(3);
    expect(emu.board.motors()).toEqual({ left: 0, right: 0 });
  });

  it('gives a gyro turn up (EV CANCEL, motors off) when a hand holds the robot still, once the host would have too', async () => {
    const emu = await robotOnPty({ gyro: true });
    const { lines, send } = await rawLines(emu.path);
    send('HELLO');
    await until(() => lines.some((l) => l.startsWith('VER')), 10_000);
    send('2 TURN 900 50');
    await until(() => emu.board.motors().left !== 0, 10_000);
    // 50 % turns at 90 °/s; the hand turns it back as fast: from now on the gyro sees no rotation.
    emu.board.set({ extraTurnDps: -90 });
    const start = emu.runner.emulatedMs;
    let id = 3;
    const pinger = setInterval(() => send(`${id++} PING`), 100); // the host keeps the watchdog fed meanwhile
    cleanups.push(() => clearInterval(pinger));
    await until(() => lines.includes('EV CANCEL 2'), 60_000);
    clearInterval(pinger);
    const tookMs = emu.runner.emulatedMs - start;
    expect(lines).toContain('EV CANCEL 2');
    expect(lines).not.toContain('EV WATCHDOG');
    // 3 × the 1 s timed estimate + 2 s, then the motors are off.
    expect(tookMs).toBeGreaterThan(4900);
    expect(tookMs).toBeLessThan(5500);
    expect(emu.board.motors()).toEqual({ left: 0, right: 0 });
  });

  it('after a reset the add-on is found again; coming loose mid-run: the board keeps answering, colour reads 0 0 0, and after a reset only what answers is listed', async () => {
    const emu = await robotOnPty({ colour: true, gyro: true });
    emu.board.set({ colourUnder: { r: 255, g: 255, b: 255 } });
    const { lines, send } = await rawLines(emu.path);
    send('HELLO');
    await until(() => lines.some((l) => l.startsWith('VER')), 10_000);
    // A reset with the add-on in place: the chips (not reset) answer the new probe, both listed again.
    emu.runner.reset();
    await until(() => lines.filter((l) => l.startsWith('VER')).length > 1, 10_000);
    expect(lines.filter((l) => l.startsWith('VER')).at(-1)).toContain(' LIGHT RGB GYRO BUMP');
    send('1 RATE 20');
    await until(() => lastFrame(lines)?.[4] === 255, 10_000);
    expect(lastFrame(lines)!.slice(4, 7)).toEqual([255, 255, 255]);
    emu.runner.i2c.remove(0x29); // the colour sensor's connector falls out
    emu.runner.i2c.remove(0x68); // and the gyro's
    await boardSleep(emu, 300);
    send('2 PING');
    await until(() => lines.includes('ACK 2'), 10_000);
    await sleep(100);
    expect(lines).toContain('ACK 2');
    expect(lastFrame(lines)!.slice(4, 7)).toEqual([0, 0, 0]);
    // The reset button: the board probes again and lists neither (and gives the buttons back).
    const banners = lines.filter((l) => l.startsWith('VER')).length;
    emu.runner.reset();
    await until(() => lines.filter((l) => l.startsWith('VER')).length > banners, 10_000);
    expect(lines.filter((l) => l.startsWith('VER')).at(-1)).toBe(BASIC_BANNER);
  });

  it('without the add-on nothing changes: the same banner, colour 0 0 0, buttons, and a timed heading a hand cannot move', async () => {
    const emu = await robotOnPty();
    emu.board.set({ colourUnder: { r: 230, g: 30, b: 20 }, buttonB: true, extraTurnDps: 90 });
    const { lines, send } = await rawLines(emu.path);
    send('HELLO');
    await until(() => lines.some((l) => l.startsWith('VER')), 10_000);
    expect(lines.find((l) => l.startsWith('VER'))).toBe(BASIC_BANNER);
    send('1 RATE 20');
    await until(() => lastFrame(lines) !== null, 10_000);
    await boardSleep(emu, 300);
    await sleep(100);
    const f = lastFrame(lines)!;
    expect(f.slice(4, 8)).toEqual([0, 0, 0, 0]);
    expect(f.slice(9)).toEqual([0, 1]);
  });
});
