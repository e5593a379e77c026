/**
 * Test doubles and IR builders for interpreter tests (and anyone who needs to drive the interpreter without the
 * simulator, e.g. lesson-check tests). Pure TypeScript, no test framework imports.
 *
 * `FakeDevices` is a DeviceSet whose robot (and optionally drone / sensor kit) records every call and finishes a
 * blocking action after a fixed number of ticks (counted by `sample()`, which the driver calls once a tick).
 */
import type { Completion } from '../device/completion';
import type { DeviceSet } from '../device/device-set';
import type { Drone, DroneReadings } from '../device/drone';
import type { Robot, RobotReadings } from '../device/robot';
import type { SensorKit, SensorKitReadings } from '../device/sensor-kit';
import type { BinaryOp, Expr, Procedure, Program, Script, Stmt, TargetKit, Trigger, UnaryOp } from '../program/ir';
import type { Interpreter } from './interpreter';

export interface DeviceCall {
  readonly device: 'robot' | 'drone' | 'kit';
  readonly method: string;
  readonly args: readonly (number | string)[];
  /** Number of `sample()` calls (ticks) before this call. */
  readonly tick: number;
}

export interface FakeDevicesOptions {
  /** Devices present (default: just the robot). */
  readonly kits?: readonly TargetKit[];
  /** Ticks a blocking action (drive, turn, tone, drone moves) takes to finish (default 3). */
  readonly actionTicks?: number;
  /** Make `safeState` throw (a driver breaking its promise), to test that Stop still wins. */
  readonly safeStateThrows?: boolean;
}

/** A recording DeviceSet. Set `robotReadings` fields to steer the sensors. */
export class FakeDevices implements DeviceSet {
  readonly calls: DeviceCall[] = [];
  safeStateCalls = 0;
  ticks = 0;
  robotReadings: { -readonly [K in keyof RobotReadings]: RobotReadings[K] } = {
    distanceCm: 400,
    lineSensors: [false, false],
    lightPercent: 50,
    colourUnder: 'white',
    headingDeg: 0,
    bumperPressed: false,
    buttonA: false,
    buttonB: false,
  };
  droneReadings: { -readonly [K in keyof DroneReadings]: DroneReadings[K] } = { heightCm: 0, batteryPercent: 100, flying: false, yawDeg: 0 };
  kitReadings: { -readonly [K in keyof SensorKitReadings]: SensorKitReadings[K] } = {
    temperatureC: 22,
    humidityPercent: 40,
    lightPercent: 50,
    soundPercent: 10,
    motion: false,
    knobPercent: 0,
    buttonPressed: false,
  };
  readonly robot: Robot | null;
  readonly drone: Drone | null;
  readonly kit: SensorKit | null;
  private readonly actionTicks: number;

  constructor(private readonly options: FakeDevicesOptions = {}) {
    const kits = options.kits ?? ['robot'];
    this.actionTicks = options.actionTicks ?? 3;
    this.robot = kits.includes('robot') ? this.makeRobot() : null;
    this.drone = kits.includes('drone') ? this.makeDrone() : null;
    this.kit = kits.includes('sensorkit') ? this.makeKit() : null;
  }

  sample(): void {
    this.ticks++;
  }

  safeState(): void {
    this.safeStateCalls++;
    if (this.options.safeStateThrows) throw new Error('[FakeDevices] safeState failed');
  }

  /** Calls of one method, e.g. `callsOf('driveCm')`. */
  callsOf(method: string): DeviceCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  private record(device: DeviceCall['device'], method: string, args: (number | string)[]): void {
    this.calls.push({ device, method, args, tick: this.ticks });
  }

  private action(): Completion {
    const doneAt = this.ticks + this.actionTicks;
    return { isDone: () => this.ticks >= doneAt };
  }

  private makeRobot(): Robot {
    return {
      kind: 'robot',
      readings: () => ({ ...this.robotReadings }),
      driveCm: (cm, speed) => (this.record('robot', 'driveCm', [cm, speed]), this.action()),
      turnDeg: (deg, speed) => (this.record('robot', 'turnDeg', [deg, speed]), this.action()),
      setMotors: (l, r) => this.record('robot', 'setMotors', [l, r]),
      stopMotors: () => this.record('robot', 'stopMotors', []),
      setLed: (c) => this.record('robot', 'setLed', [c]),
      playTone: (f, b) => (this.record('robot', 'playTone', [f, b]), this.action()),
      showText: (t) => this.record('robot', 'showText', [t]),
      safeState: () => this.record('robot', 'safeState', []),
    };
  }

  private makeDrone(): Drone {
    return {
      kind: 'drone',
      readings: () => ({ ...this.droneReadings }),
      takeoff: () => (this.record('drone', 'takeoff', []), this.action()),
      land: () => (this.record('drone', 'land', []), this.action()),
      move: (dir, cm) => (this.record('drone', 'move', [dir, cm]), this.action()),
      rotateDeg: (deg) => (this.record('drone', 'rotateDeg', [deg]), this.action()),
      flip: (dir) => (this.record('drone', 'flip', [dir]), this.action()),
      emergency: () => this.record('drone', 'emergency', []),
      safeState: () => this.record('drone', 'safeState', []),
    };
  }

  private makeKit(): SensorKit {
    return {
      kind: 'sensorkit',
      readings: () => ({ ...this.kitReadings }),
      setLed: (c) => this.record('kit', 'setLed', [c]),
      showText: (t) => this.record('kit', 'showText', [t]),
      safeState: () => this.record('kit', 'safeState', []),
    };
  }
}

/**
 * Drives an interpreter like the sim session does: every `dtMs` of device time, sample then tick.
 * Runs `ticks` ticks starting at `fromMs` and returns the time of the next tick.
 */
export function runTicks(interp: Pick<Interpreter, 'tick'>, devices: DeviceSet, ticks: number, fromMs = 0, dtMs = 20): number {
  let t = fromMs;
  for (let k = 0; k < ticks; k++) {
    devices.sample();
    interp.tick(t);
    t += dtMs;
  }
  return t;
}

// ── IR builders: `id` is the Blockly block id the node claims to come from ─────────────────────────────────

let autoId = 0;
const next = () => `b${++autoId}`;

export const ir = {
  num: (value: number, blockId = next()): Expr => ({ kind: 'num', value, blockId }),
  str: (value: string, blockId = next()): Expr => ({ kind: 'str', value, blockId }),
  bool: (value: boolean, blockId = next()): Expr => ({ kind: 'bool', value, blockId }),
  v: (name: string, blockId = next()): Expr => ({ kind: 'var', name, blockId }),
  bin: (op: BinaryOp, left: Expr, right: Expr, blockId = next()): Expr => ({ kind: 'binary', op, left, right, blockId }),
  un: (op: UnaryOp, arg: Expr, blockId = next()): Expr => ({ kind: 'unary', op, arg, blockId }),
  random: (min: Expr, max: Expr, blockId = next()): Expr => ({ kind: 'random', min, max, blockId }),
  call: (name: string, args: Expr[], blockId = next()): Expr => ({ kind: 'call', name, args, blockId }),
  builtin: (name: string, args: Expr[], blockId = next()): Expr => ({ kind: 'builtin', name, args, blockId }),
  read: (sensor: string, args: Expr[] = [], blockId = next()): Expr => ({ kind: 'read', sensor, args, blockId }),
  /** AI op as an expression (core/ai/ops.ts), e.g. `ir.ai('predict', [ir.str('m'), list])`. */
  ai: (op: string, args: Expr[], blockId = next()): Expr => ({ kind: 'ai', op, args, blockId }),
  list: (items: Expr[], blockId = next()): Expr => ({ kind: 'builtin', name: 'list.create', args: items, blockId }),

  set: (name: string, value: Expr, blockId = next()): Stmt => ({ kind: 'set', name, value, blockId }),
  change: (name: string, by: Expr, blockId = next()): Stmt => ({ kind: 'change', name, by, blockId }),
  if: (cond: Expr, body: Stmt[], elseBody: Stmt[] | null = null, blockId = next()): Stmt => ({ kind: 'if', branches: [{ cond, body }], else: elseBody, blockId }),
  repeat: (times: Expr, body: Stmt[], blockId = next()): Stmt => ({ kind: 'repeat', times, body, blockId }),
  forever: (body: Stmt[], blockId = next()): Stmt => ({ kind: 'forever', body, blockId }),
  while: (cond: Expr, body: Stmt[], until = false, blockId = next()): Stmt => ({ kind: 'while', cond, until, body, blockId }),
  for: (name: string, from: Expr, to: Expr, by: Expr, body: Stmt[], blockId = next()): Stmt => ({ kind: 'for', name, from, to, by, body, blockId }),
  forEach: (name: string, list: Expr, body: Stmt[], blockId = next()): Stmt => ({ kind: 'forEach', name, list, body, blockId }),
  break: (blockId = next()): Stmt => ({ kind: 'break', blockId }),
  continue: (blockId = next()): Stmt => ({ kind: 'continue', blockId }),
  wait: (seconds: Expr, blockId = next()): Stmt => ({ kind: 'wait', seconds, blockId }),
  waitUntil: (cond: Expr, blockId = next()): Stmt => ({ kind: 'waitUntil', cond, blockId }),
  command: (op: string, args: Expr[], blockId = next()): Stmt => ({ kind: 'command', op, args, blockId }),
  listOp: (op: string, name: string, args: Expr[], blockId = next()): Stmt => ({ kind: 'listOp', op, name, args, blockId }),
  callProc: (name: string, args: Expr[], blockId = next()): Stmt => ({ kind: 'callProc', name, args, blockId }),
  ret: (value: Expr | null, blockId = next()): Stmt => ({ kind: 'return', value, blockId }),
  broadcast: (message: string, blockId = next()): Stmt => ({ kind: 'broadcast', message: { kind: 'str', value: message, blockId: next() }, blockId }),
  log: (value: Expr, blockId = next()): Stmt => ({ kind: 'log', value, blockId }),
  stopAll: (blockId = next()): Stmt => ({ kind: 'stopAll', blockId }),
  expr: (expr: Expr, blockId = next()): Stmt => ({ kind: 'expr', expr, blockId }),
  /** AI op as a statement (record, train …). */
  aiDo: (op: string, args: Expr[], blockId = next()): Stmt => ({ kind: 'ai', op, args, blockId }),

  script: (trigger: Trigger, body: Stmt[], blockId = next()): Script => ({ trigger, body, blockId }),
  proc: (name: string, params: string[], body: Stmt[], result: Expr | null = null, blockId = next()): Procedure => ({
    name,
    params,
    body,
    result,
    returnsValue: result !== null,
    blockId,
  }),
  program: (scripts: Script[], procedures: Procedure[] = [], variables: string[] = [], target: TargetKit = 'robot'): Program => ({
    irVersion: 1,
    target,
    variables,
    procedures,
    scripts,
  }),
};
