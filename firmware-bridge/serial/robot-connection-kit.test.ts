/**
 * One `ailab:` connection, two firmwares: the banner decides whether the port gets a KitSession or a LineRobot. Our
 * robot and sensor-kit firmwares (built with avr-gcc) run in avr8js behind real socat ptys and are opened with
 * serialport. What a user would notice: the kit shows as a kit, a robot where a kit project wants a kit is named as a
 * robot (zh-CN), and a different board plugged into the same socket is not driven as the old one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulatedKit, type EmulatedKit } from '../emulator/emulated-kit';
import { startEmulatedRobot, type EmulatedRobot } from '../emulator/emulated-robot';
import { KitSession } from '../line/kit-session';
import { LineRobot } from '../line/session';
import { until } from '../tello/test-support';
import { RobotConnection } from './robot-connection';

let kit: EmulatedKit;
let robot: EmulatedRobot;
beforeAll(async () => {
  [kit, robot] = await Promise.all([startEmulatedKit(), startEmulatedRobot()]);
}, 60_000);
afterAll(async () => {
  await Promise.all([kit?.stop(), robot?.stop()]);
});

describe('ailab: connection choosing robot or kit from the banner', () => {
  it('a kit becomes a KitSession and the status names a sensor kit; a robot a LineRobot', { timeout: 30_000 }, async () => {
    const toKit = new RobotConnection({ path: kit.path, kinds: ['robot', 'sensorkit'] }).start();
    const toRobot = new RobotConnection({ path: robot.path, kinds: ['robot', 'sensorkit'] }).start();
    try {
      expect(await toKit.whenDeviceReady()).toBeInstanceOf(KitSession);
      expect(toKit.status.message).toBe(`Connected: AI-lab sensor kit at ${kit.path} (firmware 1.0.0, uno)`);
      expect(toKit.robot).toBeNull();
      expect(await toRobot.whenDeviceReady()).toBeInstanceOf(LineRobot);
      expect(toRobot.kit).toBeNull();
      // A robot-only caller asking a kit connection for its robot is told what is plugged in.
      await expect(toKit.whenReady()).rejects.toMatchObject({ code: 'error.isKit' });
    } finally {
      await Promise.all([toKit.close(), toRobot.close()]);
    }
  });

  it('a connection that takes only kits refuses the robot, saying in Chinese it is a robot', { timeout: 30_000 }, async () => {
    const c = new RobotConnection({ path: robot.path, kinds: ['sensorkit'], language: 'zh-CN' }).start();
    try {
      await expect(c.whenDeviceReady()).rejects.toThrow(`${robot.path} 上接的是 AI 实验室机器人，不是传感器套件`);
      expect(c.status).toMatchObject({ state: 'failed', error: { code: 'error.isRobot' } });
    } finally {
      await c.close();
    }
  });

  it('a robot plugged into the kit socket while lost is not taken; the kit plugged back is', { timeout: 60_000 }, async () => {
    const logs: string[] = [];
    const c = new RobotConnection({ path: kit.path, kinds: ['robot', 'sensorkit'], retryMs: 100, log: (l) => logs.push(l) }).start();
    let other: EmulatedRobot | null = null;
    try {
      await c.whenDeviceReady();
      await kit.bridge.unplug();
      await until(() => c.state === 'reconnecting', 2000, 'reconnecting');
      other = await startEmulatedRobot({ hostPath: kit.path });
      // Several attempts reach the robot's banner and are turned down.
      await new Promise((r) => setTimeout(r, 1500));
      expect(c.device).toBeNull();
      // Still trying (between attempts, or greeting the robot again), never ready with it.
      expect(['reconnecting', 'handshake']).toContain(c.state);
      expect(logs.some((l) => l.includes('it was a sensor kit, now it is a robot'))).toBe(true);
      await other.stop();
      other = null;
      await kit.bridge.plugIn();
      await until(() => c.kit !== null, 10_000, 'the kit back');
    } finally {
      await other?.stop();
      await c.close();
    }
  });
});
