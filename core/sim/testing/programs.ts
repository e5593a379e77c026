/**
 * Small IR programs built by hand for the simulator's tests and benchmarks (no Blockly needed).
 */
import type { Expr, Program, Stmt } from '../../program/ir';

export const num = (value: number): Expr => ({ kind: 'num', value, blockId: '' });
export const str = (value: string): Expr => ({ kind: 'str', value, blockId: '' });
export const read = (sensor: string, ...args: Expr[]): Expr => ({ kind: 'read', sensor, args, blockId: '' });
export const command = (op: string, ...args: Expr[]): Stmt => ({ kind: 'command', op, args, blockId: op });

/** A robot or drone program whose `when started` script is `body`. */
export function program(body: Stmt[], target: Program['target'] = 'robot'): Program {
  return { irVersion: 1, target, variables: [], procedures: [], scripts: [{ blockId: 'start', trigger: { kind: 'start' }, body }] };
}

/** Two-sensor line follower: both on the line → ahead; one → steer towards it; none → creep ahead. */
export function lineFollowProgram(): Program {
  const line = (i: number) => read('robot.line', num(i));
  const motors = (l: number, r: number) => command('robot.setMotors', num(l), num(r));
  return program([
    {
      kind: 'forever', blockId: 'loop', body: [
        {
          kind: 'if', blockId: 'if', else: [motors(30, 30)],
          branches: [
            { cond: { kind: 'binary', op: 'and', left: line(0), right: line(1), blockId: '' }, body: [motors(60, 60)] },
            { cond: line(0), body: [motors(0, 60)] },
            { cond: line(1), body: [motors(60, 0)] },
          ],
        },
        { kind: 'wait', seconds: num(0), blockId: 'wait' },
      ],
    },
  ]);
}

/** Drives until the ultrasonic reads under 15 cm, logging the distance every half second; noise matters here. */
export function wallApproachProgram(): Program {
  return program([
    command('robot.setMotors', num(40), num(40)),
    {
      kind: 'while', until: true, blockId: 'until',
      cond: { kind: 'binary', op: '<', left: read('robot.distanceCm'), right: num(15), blockId: '' },
      body: [{ kind: 'log', value: read('robot.distanceCm'), blockId: 'log' }, { kind: 'wait', seconds: num(0.5), blockId: 'w' }],
    },
    command('robot.stopMotors'),
    command('robot.turnDeg', num(90), num(50)),
    command('robot.driveCm', num(30), num(50)),
  ]);
}
