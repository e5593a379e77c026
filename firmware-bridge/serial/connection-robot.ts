/**
 * A `Robot` that follows a `RobotConnection` across reconnects: every call goes to the connection's current
 * `LineRobot`. While the link is down, readings stay at the last sample and commands that take time fail at once with
 * the unplug message (the interpreter reports it on the block); instant commands are dropped (the board's watchdog
 * has already stopped its motors). For hosts that keep one device object while the cable comes and goes.
 */
import type { Completion } from '../../core/device/completion';
import type { Robot, RobotReadings } from '../../core/device/robot';
import { translate, type Language } from '../../core/i18n';
import { DriverCompletion } from '../driver-completion';
import { IDLE_READINGS } from '../line/session';
import type { RobotConnection } from './robot-connection';

export function connectionRobot(connection: RobotConnection, language: Language): Robot & { sample(): void } {
  let last: RobotReadings = IDLE_READINGS;
  const unplugged = (): Completion => {
    const c = new DriverCompletion('RobotConnection');
    c.settle('failed', connection.linkLost() ?? new Error(translate(language, 'serial', 'error.unplugged', { path: connection.status.path })));
    return c;
  };
  return {
    kind: 'robot',
    sample: () => {
      const robot = connection.robot;
      if (robot === null) return;
      robot.sample();
      last = robot.readings();
    },
    readings: () => last,
    driveCm: (cm, speed) => connection.robot?.driveCm(cm, speed) ?? unplugged(),
    turnDeg: (deg, speed) => connection.robot?.turnDeg(deg, speed) ?? unplugged(),
    setMotors: (left, right) => connection.robot?.setMotors(left, right),
    stopMotors: () => connection.robot?.stopMotors(),
    setLed: (colour) => connection.robot?.setLed(colour),
    playTone: (hz, beats) => connection.robot?.playTone(hz, beats) ?? unplugged(),
    showText: (text) => connection.robot?.showText(text),
    safeState: () => connection.robot?.safeState(),
  };
}
