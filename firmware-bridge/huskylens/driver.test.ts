/**
 * The HuskyLens driver against the emulator: what a program reading the camera blocks would get from a real module.
 * First through an in-memory byte pipe (fast), then over a real pty pair made by socat with serialport on both ends
 * (the emulator plays the module on one end, at 9600 baud as the module runs). The physical USB-serial adapter is
 * the only part not exercised.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fc from 'fast-check';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceSet } from '../../core/device/device-set';
import { READINGS } from '../../core/device/ops';
import type { Robot, RobotReadings } from '../../core/device/robot';
import { DONE } from '../../core/device/completion';
import { ALGORITHM, COMMAND } from './codec';
import { HuskyLensCamera, HuskyLensError, withCamera, type ByteTransport } from './driver';
import { attachEmulator, HuskyLensEmulator } from './emulator';
import { connectHuskyLens } from './serial-port';
import { robotDeviceSet } from '../live/device-sets';

/** Bytes written go to the emulator; its answers arrive on the next turn of the event loop, as from a port. */
function pipeTo(emu: HuskyLensEmulator): ByteTransport & { noise(b: number[]): void } {
  const listeners = new Set<(c: Uint8Array) => void>();
  const deliver = (c: Uint8Array) => setImmediate(() => { for (const l of listeners) l(c); });
  return {
    address: 'memory',
    write: (b) => {
      const answer = emu.handle(b);
      if (answer.length) deliver(answer);
    },
    onData: (l) => { listeners.add(l); return () => listeners.delete(l); },
    close: async () => { listeners.clear(); },
    noise: (b) => deliver(Uint8Array.from(b)),
  };
}

/** A robot with nothing but the camera the tests give it (the car's own driver is tested elsewhere). */
function bareRobot(): Robot {
  const readings: RobotReadings = { distanceCm: 400, lineSensors: [false, false], lightPercent: 0, colourUnder: 'none', headingDeg: 0, bumperPressed: false, buttonA: false, buttonB: false };
  return {
    kind: 'robot', readings: () => readings, driveCm: () => DONE, turnDeg: () => DONE, setMotors: () => {}, stopMotors: () => {},
    setLed: () => {}, playTone: () => DONE, showText: () => {}, safeState: () => {},
  };
}
const devicesWith = (robot: Robot): DeviceSet => ({ robot, drone: null, kit: null, sample: () => {}, safeState: () => {} });

const until = async (cond: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};

const scene = () => new HuskyLensEmulator({
  views: {
    [ALGORITHM.COLOR_RECOGNITION]: { blocks: [{ x: 200, y: 120, width: 40, height: 30, id: 1 }, { x: 60, y: 100, width: 10, height: 10, id: 2 }, { x: 10, y: 10, width: 5, height: 5, id: 0 }] },
    [ALGORITHM.TAG_RECOGNITION]: { blocks: [{ x: 90, y: 80, width: 30, height: 30, id: 3 }] },
    [ALGORITHM.LINE_TRACKING]: { arrows: [{ xTail: 120, yTail: 239, xHead: 150, yHead: 40, id: 1 }] },
    [ALGORITHM.OBJECT_RECOGNITION]: { blocks: [{ x: 250, y: 100, width: 50, height: 60, id: 1 }] },
  },
});

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe('HuskyLens driver (in-memory pipe to the emulator)', () => {
  it('the camera blocks read the module: colours by learned id, then tags after the module switches algorithm', async () => {
    const emu = scene();
    const cam = await HuskyLensCamera.connect(pipeTo(emu), { pollMs: 5, objectIds: { 1: 'cat' } });
    cleanups.push(() => cam.close());
    const d = devicesWith(withCamera(bareRobot(), cam));
    const read = (name: keyof typeof READINGS, ...args: (string | number)[]) => READINGS[name].read(d, args);

    await until(() => read('robot.cameraSeesColour', 'red') === true);
    expect(emu.algorithm).toBe(ALGORITHM.COLOR_RECOGNITION);
    expect(read('robot.cameraBlobX', 'red')).toBe(200);
    expect(read('robot.cameraBlobSize', 'red')).toBe(40);
    expect(read('robot.cameraBlobY', 'green')).toBe(100);
    expect(read('robot.cameraSeesColour', 'blue')).toBe(false);

    // Asking for a tag switches the module to tag recognition; the tag shows up within a few polls.
    expect(read('robot.cameraTagSeen', 3)).toBe(false);
    await until(() => read('robot.cameraTagSeen', 3) === true);
    expect(emu.algorithm).toBe(ALGORITHM.TAG_RECOGNITION);
    expect(read('robot.cameraTagX', 3)).toBe(90);
    expect(read('robot.cameraTagX', 4)).toBe(-1);

    read('robot.cameraLineSeen');
    await until(() => read('robot.cameraLineSeen') === true);
    expect(read('robot.cameraLinePosition')).toBe(-25);

    read('robot.cameraObjectSeen', 'cat');
    await until(() => read('robot.cameraObjectSeen', 'cat') === true);
    expect(read('robot.cameraObjectX', 'cat')).toBe(250);
    expect(read('robot.cameraObjectSeen', 'dog')).toBe(false);
    expect(emu.received.filter((c) => c === COMMAND.REQUEST_ALGORITHM).length).toBeGreaterThanOrEqual(4);
  });

  it('a program reading colours and tags every tick gets both: the module takes turns, not only the last part asked', async () => {
    const emu = scene();
    const cam = await HuskyLensCamera.connect(pipeTo(emu), { pollMs: 5, dwellPolls: 3 });
    cleanups.push(() => cam.close());
    const d = devicesWith(withCamera(bareRobot(), cam));
    let sawRed = 0, sawTag = 0;
    // 50 ticks of 20 ms, each reading the colour first and the tag last (as "if sees red … if sees tag 3 …").
    for (let tick = 0; tick < 50; tick++) {
      if (READINGS['robot.cameraSeesColour'].read(d, ['red'])) sawRed++;
      if (READINGS['robot.cameraTagSeen'].read(d, [3])) sawTag++;
      await new Promise((r) => setTimeout(r, 20));
    }
    // Once both have been seen, neither flickers off when the module switches to the other.
    expect(sawRed).toBeGreaterThan(40);
    expect(sawTag).toBeGreaterThan(40);
    const switches = emu.received.filter((c) => c === COMMAND.REQUEST_ALGORITHM).length;
    expect(switches).toBeGreaterThan(4);
  });

  it('a live robot with the camera added still samples and stops through its device set, and reads the camera', async () => {
    const emu = scene();
    const cam = await HuskyLensCamera.connect(pipeTo(emu), { pollMs: 5 });
    cleanups.push(() => cam.close());
    let samples = 0, stops = 0;
    const car = { ...bareRobot(), sample: () => { samples++; }, safeState: () => { stops++; } };
    const devices = robotDeviceSet(withCamera(car, cam));
    devices.sample();
    devices.safeState();
    expect([samples, stops]).toEqual([1, 1]);
    await until(() => READINGS['robot.cameraBlobX'].read(devices, ['red']) === 200);
    // The car's own readings are untouched.
    expect(devices.robot!.readings().distanceCm).toBe(400);
  });

  it('keeps working when noise arrives between answers, and counts what it dropped', async () => {
    const emu = scene();
    const pipe = pipeTo(emu);
    const cam = await HuskyLensCamera.connect(pipe, { pollMs: 5 });
    cleanups.push(() => cam.close());
    for (let i = 0; i < 20; i++) pipe.noise([0x13, 0x55, 0x00, 0xff, 0xaa]);
    const polls = cam.polls;
    await until(() => cam.polls > polls + 10);
    expect(cam.frame('colour').blobs.map((b) => b.colour)).toEqual(['red', 'green']);
    expect(cam.droppedFrames).toBeGreaterThan(0);
  });

  it('survives 20,000 random chunks from the module side while polling, and still reads the module right after', async () => {
    const emu = scene();
    const pipe = pipeTo(emu);
    const cam = await HuskyLensCamera.connect(pipe, { pollMs: 1, timeoutMs: 50 });
    cleanups.push(() => cam.close());
    const chunks = fc.sample(fc.oneof(
      fc.uint8Array({ maxLength: 24 }),
      // Frame-like garbage: a real header and address, then anything.
      fc.uint8Array({ maxLength: 20 }).map((rest) => Uint8Array.from([0x55, 0xaa, 0x11, ...rest])),
    ), { numRuns: 20_000, seed: 42 });
    for (let i = 0; i < chunks.length; i += 500) {
      for (const c of chunks.slice(i, i + 500)) pipe.noise([...c]);
      await new Promise((r) => setTimeout(r, 5));
    }
    const polls = cam.polls;
    await until(() => cam.polls > polls + 5, 5000);
    expect(cam.frame('colour').blobs).toEqual([
      { colour: 'red', x: 200, y: 120, width: 40, height: 30 },
      { colour: 'green', x: 60, y: 100, width: 10, height: 10 },
    ]);
    expect(cam.droppedFrames).toBeGreaterThan(1000);
  }, 30_000);

  it('a module that never answers is refused with a clear message in Chinese and English', async () => {
    const emu = scene();
    emu.silent = true;
    const err = await HuskyLensCamera.connect(pipeTo(emu), { timeoutMs: 30, baudRate: 9600 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HuskyLensError);
    const e = err as HuskyLensError;
    expect(e.code).toBe('huskylens.noAnswer');
    expect(e.localized.en).toContain('memory');
    expect(e.localized.en).toContain('9600');
    expect(e.localized['zh-CN']).toContain('没有回应');
    // It knocked three times before giving up.
    expect(emu.received.filter((c) => c === COMMAND.REQUEST_KNOCK)).toHaveLength(3);
  });

  it('reports the module gone when it stops answering while polling', async () => {
    const emu = scene();
    const cam = await HuskyLensCamera.connect(pipeTo(emu), { pollMs: 2, timeoutMs: 20, maxMissed: 3 });
    cleanups.push(() => cam.close());
    const errors: HuskyLensError[] = [];
    cam.onError((e) => errors.push(e));
    await until(() => cam.polls > 2);
    emu.silent = true;
    await until(() => errors.length === 1);
    expect(errors[0].code).toBe('huskylens.noAnswer');
  });
});

describe('HuskyLens driver over a real pty pair (socat + serialport, 9600 baud)', () => {
  it('reads the emulated module on the other end of the pty: red blob, then tag 3', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'huskylens-'));
    const a = join(dir, 'host'), b = join(dir, 'module');
    const socat: ChildProcess = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], { stdio: 'ignore' });
    cleanups.push(() => { socat.kill(); rmSync(dir, { recursive: true, force: true }); });
    await until(() => existsSync(a) && existsSync(b), 5000);

    const modulePort = new SerialPort({ path: b, baudRate: 9600, autoOpen: false });
    await new Promise<void>((res, rej) => modulePort.open((e) => (e ? rej(e) : res())));
    cleanups.push(() => new Promise<void>((res) => modulePort.close(() => res())));
    const emu = scene();
    attachEmulator(emu, modulePort);

    const cam = await connectHuskyLens(a, { pollMs: 20 });
    cleanups.push(() => cam.close());
    await until(() => cam.frame('colour').blobs.length === 2, 5000);
    expect(cam.frame('colour').blobs[0]).toEqual({ colour: 'red', x: 200, y: 120, width: 40, height: 30 });
    await until(() => cam.frame('tag').tags.length === 1, 5000);
    expect(cam.frame('tag').tags[0]).toEqual({ id: 3, x: 90, y: 80, width: 30, height: 30 });
    expect(cam.droppedFrames).toBe(0);
  }, 20_000);
});
