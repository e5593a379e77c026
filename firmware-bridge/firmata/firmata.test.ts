/**
 * The Firmata driver against the real StandardFirmata build (avrgirl-arduino's Uno hex) running in avr8js, over a
 * real pty pair made by socat, opened with serialport 13 exactly like /dev/ttyUSB0. What is checked is what the
 * emulated chip does with its pins (levels, PWM duty) and what the program reads when the emulator's ADC is set.
 */
import { spawn } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SerialError, openSerialLineTransport } from '../serial/serial-transport';
import { completes, sleep, until } from '../tello/test-support';
import { startEmulatedFirmata, type EmulatedFirmata } from './emulated-firmata';
import { FirmataError } from './firmata-board';
import type { FirmataRobot, FirmataSensorKit } from './firmata-devices';
import { connectSerialFirmata } from './serial-firmata';

describe('Firmata robot car (uno-car-l298n) on StandardFirmata in avr8js over a pty', () => {
  let board: EmulatedFirmata;
  let car: Awaited<ReturnType<typeof connectSerialFirmata>>;
  let robot: FirmataRobot;

  beforeAll(async () => {
    board = await startEmulatedFirmata();
    car = await connectSerialFirmata({ path: board.path, profileId: 'uno-car-l298n', language: 'en' });
    robot = car.robot!;
  });
  afterAll(async () => {
    await car?.link.close();
    await board?.stop();
  });

  it('connects and names the firmware', () => {
    expect(car.link.firmware).toMatch(/^StandardFirmata\.ino 2\.\d+$/);
    expect(car.devices.robot).toBe(robot);
  });

  it('LED on → pin 13 goes high on the chip; black → low', async () => {
    robot.setLed('#00ff00');
    await until(() => board.runner.pinHigh(13), 2000, 'pin 13 high');
    robot.setLed('#000000');
    await until(() => !board.runner.pinHigh(13), 2000, 'pin 13 low');
  });

  it('motor powers reach the H-bridge pins: speed as PWM duty, direction on IN1/IN2', async () => {
    robot.setMotors(100, -50);
    await until(() => board.runner.pwmDuty(5) > 0.99 && Math.abs(board.runner.pwmDuty(6) - 0.5) < 0.02, 2000, 'PWM duties');
    // Left forward: IN1 (4) high, IN2 (7) low. Right backward: IN1 (8) low, IN2 (12) high.
    expect([board.runner.pinHigh(4), board.runner.pinHigh(7)]).toEqual([true, false]);
    expect([board.runner.pinHigh(8), board.runner.pinHigh(12)]).toEqual([false, true]);
    robot.safeState();
    await until(() => board.runner.pwmDuty(5) === 0 && board.runner.pwmDuty(6) === 0, 2000, 'motors off');
  });

  it('drive 20 cm at 50 % runs both motors for the calibrated time (40 cm/s at full → 1 s), then stops', async () => {
    const started = Date.now();
    const done = robot.driveCm(20, 50);
    await until(() => board.runner.pwmDuty(5) > 0.45 && board.runner.pwmDuty(6) > 0.45, 1000, 'motors on');
    expect(done.isDone()).toBe(false);
    await completes(done, 3000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    await until(() => board.runner.pwmDuty(5) === 0 && board.runner.pwmDuty(6) === 0, 1000, 'motors off');
  });

  it('a turn adds to the heading estimate; setMotors cancels a drive at once', async () => {
    robot.sample();
    const before = robot.readings().headingDeg;
    await completes(robot.turnDeg(90, 100), 3000);
    robot.sample();
    expect(robot.readings().headingDeg).toBeCloseTo((before + 90) % 360, 0);
    const drive = robot.driveCm(100, 10);
    robot.setMotors(0, 0);
    expect(drive.isDone()).toBe(true);
  });

  it('sensor inputs set on the chip reach the readings through the profile calibration', async () => {
    board.runner.setAnalog(0, 1.0); // Sharp IR at 1.0 V ≈ 28 cm
    board.runner.setAnalog(1, 0.2); // LDR module: low voltage = bright
    board.runner.setInput(2, true); // left line sensor over a dark line
    board.runner.setInput(3, false);
    board.runner.setInput(9, false); // bumper switch to ground (pull-up): pressed
    await until(() => {
      robot.sample();
      const r = robot.readings();
      return r.distanceCm > 20 && r.distanceCm < 35 && r.lineSensors[0] === true && r.bumperPressed;
    }, 3000, 'readings');
    const r = robot.readings();
    expect(r.distanceCm).toBeGreaterThan(27);
    expect(r.distanceCm).toBeLessThan(29);
    expect(r.lightPercent).toBeGreaterThan(99);
    expect(r.lineSensors).toEqual([true, false]);
    board.runner.setInput(9, true);
    await until(() => (robot.sample(), !robot.readings().bumperPressed), 2000, 'bumper released');
  });

  it('unplugging the cable is noticed within 1.2 s', async () => {
    expect(car.link.linkLost()).toBeNull();
    await board.bridge.unplug();
    const at = Date.now();
    await until(() => car.link.linkLost() !== null, 2000, 'lost');
    expect(Date.now() - at).toBeLessThan(1200);
    expect(car.link.linkLost()?.message).toMatch(/Lost contact with the board/);
  });
});

describe('Firmata sensor kit (uno-sensor-kit)', () => {
  let board: EmulatedFirmata;
  let kitLink: Awaited<ReturnType<typeof connectSerialFirmata>>;
  let kit: FirmataSensorKit;

  beforeAll(async () => {
    board = await startEmulatedFirmata();
    kitLink = await connectSerialFirmata({ path: board.path, profileId: 'uno-sensor-kit', language: 'zh-CN' });
    kit = kitLink.kit!;
  });
  afterAll(async () => {
    await kitLink?.link.close();
    await board?.stop();
  });

  it('temperature, humidity, light, sound and knob follow the voltages set on A0–A4', async () => {
    // NTC divider at half the supply: the NTC equals the 10 kΩ series resistor → 25 °C.
    board.runner.setAnalog(0, 2.5);
    board.runner.setAnalog(1, 1.8); // humidity module: 20 + (368 − 123) / 491 · 70 ≈ 55 %
    board.runner.setAnalog(2, 5.0); // LDR dark
    board.runner.setAnalog(3, 0.1); // quiet
    board.runner.setAnalog(4, 2.5); // knob half way
    await until(() => (kit.sample(), Math.abs(kit.readings().knobPercent - 50) < 1), 3000, 'knob');
    await sleep(100);
    kit.sample();
    const r = kit.readings();
    expect(r.temperatureC).toBeGreaterThan(24.8);
    expect(r.temperatureC).toBeLessThan(25.2);
    expect(r.humidityPercent).toBeGreaterThan(54);
    expect(r.humidityPercent).toBeLessThan(56);
    expect(r.lightPercent).toBe(0);
    expect(r.soundPercent).toBe(0);
    // Warmer: the NTC's share of the divider drops.
    board.runner.setAnalog(0, 2.0);
    await until(() => (kit.sample(), kit.readings().temperatureC > 30), 3000, 'warmer');
  });

  it('PIR motion and the button read their digital pins', async () => {
    board.runner.setInput(7, true);
    board.runner.setInput(2, false); // button to ground with the pull-up
    await until(() => (kit.sample(), kit.readings().motion && kit.readings().buttonPressed), 3000, 'motion + button');
    board.runner.setInput(7, false);
    board.runner.setInput(2, true);
    await until(() => (kit.sample(), !kit.readings().motion && !kit.readings().buttonPressed), 3000, 'released');
  });
});

describe('Firmata connection failures (zh-CN/en messages)', () => {
  it('a wiring profile that does not exist, or none chosen, is refused before the port is touched', async () => {
    // Tried: an unknown profile id and no profile.
    await expect(connectSerialFirmata({ path: '/dev/null-ailab', profileId: 'uno-car-xyz', language: 'en' })).rejects.toThrow('There is no wiring profile called "uno-car-xyz"');
    await expect(connectSerialFirmata({ path: '/dev/null-ailab', profileId: undefined, language: 'zh-CN' })).rejects.toThrow('请选一个接线方案');
  });

  it('a port that does not exist is refused with the port name and the reason', async () => {
    const err = await connectSerialFirmata({ path: '/dev/ttyAILAB-missing', profileId: 'uno-sensor-kit', language: 'en' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FirmataError);
    expect((err as FirmataError).message).toMatch(/^Could not open serial port \/dev\/ttyAILAB-missing: /);
  });

  it('one owner per port: a port another program holds is "in use by another program" (zh-CN); one this app holds names its driver; closing frees it', async () => {
    const board = await startEmulatedFirmata();
    // Tried: `flock` holding the lock serialport takes, as the Arduino IDE's serial monitor would (--close: the lock
    // dies with flock itself, not with its child).
    const holder = spawn('flock', ['--close', '--nonblock', realpathSync(board.path), 'sleep', '5'], { stdio: 'ignore' });
    try {
      await sleep(300);
      const busy = await connectSerialFirmata({ path: board.path, profileId: 'uno-sensor-kit', language: 'zh-CN' }).catch((e: unknown) => e);
      expect(busy).toBeInstanceOf(SerialError);
      expect((busy as SerialError).code).toBe('error.busy');
      expect((busy as SerialError).message).toContain('另一个程序占用');
      holder.kill('SIGKILL');
      await new Promise((r) => holder.once('exit', r));
      // Tried: the robot driver asking for a port the Firmata driver holds, then the other way round.
      const kit = await connectSerialFirmata({ path: board.path, profileId: 'uno-sensor-kit', language: 'en' });
      const robotErr = await openSerialLineTransport(board.path, { language: 'en' }).catch((e: unknown) => e);
      expect((robotErr as Error).message).toContain('already used by "Firmata board"');
      await kit.link.close();
      const robotLine = await openSerialLineTransport(board.path, { language: 'en', owner: 'AI-lab robot' });
      const inUse = await connectSerialFirmata({ path: board.path, profileId: 'uno-sensor-kit', language: 'en' }).catch((e: unknown) => e);
      expect((inUse as SerialError).code).toBe('error.inUse');
      expect((inUse as Error).message).toContain('already used by "AI-lab robot"');
      await robotLine.close();
    } finally {
      holder.kill('SIGKILL');
      await board.stop();
    }
  });

  it('a board that never answers gives "did not answer with Firmata" in time', async () => {
    // Tried: a real pty whose board is StandardFirmata slowed 10,000× from reset, so it never gets to answer.
    const board = await startEmulatedFirmata({ booted: false, speed: 0.0001 });
    try {
      const err = await connectSerialFirmata({ path: board.path, profileId: 'uno-sensor-kit', language: 'zh-CN', readyTimeoutMs: 800 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(FirmataError);
      expect((err as FirmataError).message).toContain('没有用 Firmata 回应');
    } finally {
      await board.stop();
    }
  });
});
