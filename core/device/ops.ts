/**
 * The device operations a program can use, as data: the one table the block definitions (core/program),
 * the interpreter (core/runtime), the code view (core/codegen) and the lesson checker agree on.
 *
 * A command returns a Completion when it blocks its thread (drive 20 cm) and nothing when it acts at once.
 * A reading returns a value from the sample taken at the start of the tick.
 * Arguments arrive already coerced by the interpreter: 'number' args are finite numbers, 'string' args strings.
 */
import { largestBlob, linePosition, objectByClass, tagById, type CameraNeed } from './camera';
import type { Completion } from './completion';
import type { DeviceSet } from './device-set';
import type { DroneDirection, FlipDirection } from './drone';

export type ArgType = 'number' | 'string';
/** Devices a program may lack (a MissingDeviceError names one); `camera` is the robot's AI camera. */
export type DeviceName = 'robot' | 'drone' | 'kit' | 'camera';
type Value = number | string | boolean;

export interface CommandSpec {
  readonly device: DeviceName;
  readonly args: readonly ArgType[];
  /** True when the thread waits for the returned Completion. */
  readonly blocking: boolean;
  run(devices: DeviceSet, args: readonly (number | string)[]): Completion | void;
}

export interface ReadingSpec {
  readonly device: DeviceName | 'clock';
  readonly returns: 'number' | 'boolean' | 'string';
  readonly args: readonly ArgType[];
  read(devices: DeviceSet, args: readonly (number | string)[]): Value;
}

/** Thrown when a program uses a device its project's kit does not have. */
export class MissingDeviceError extends Error {
  constructor(readonly device: DeviceName) {
    super(`[Device] no ${device} in this device set`);
  }
}

function robot(d: DeviceSet) {
  if (!d.robot) throw new MissingDeviceError('robot');
  return d.robot;
}
function drone(d: DeviceSet) {
  if (!d.drone) throw new MissingDeviceError('drone');
  return d.drone;
}
function kit(d: DeviceSet) {
  if (!d.kit) throw new MissingDeviceError('kit');
  return d.kit;
}
/** The robot's camera frame for `need`; a robot without an AI camera (a real car with none plugged in) is a
 *  missing device, so the student learns why the camera blocks never see anything. */
function camera(d: DeviceSet, need: CameraNeed) {
  const r = robot(d);
  if (!r.camera) throw new MissingDeviceError('camera');
  return r.camera(need);
}
const num = (v: number | string) => v as number;
const str = (v: number | string) => String(v);
const clampPercent = (v: number) => Math.max(-100, Math.min(100, v));
const speed = (v: number) => Math.max(1, Math.min(100, Math.abs(v)));

/** Commands by op name, e.g. `robot.driveCm`. */
export const COMMANDS = {
  'robot.driveCm': { device: 'robot', args: ['number', 'number'], blocking: true, run: (d, [cm, sp]) => robot(d).driveCm(num(cm), speed(num(sp))) },
  'robot.turnDeg': { device: 'robot', args: ['number', 'number'], blocking: true, run: (d, [deg, sp]) => robot(d).turnDeg(num(deg), speed(num(sp))) },
  'robot.setMotors': { device: 'robot', args: ['number', 'number'], blocking: false, run: (d, [l, r]) => robot(d).setMotors(clampPercent(num(l)), clampPercent(num(r))) },
  'robot.stopMotors': { device: 'robot', args: [], blocking: false, run: (d) => robot(d).stopMotors() },
  'robot.setLed': { device: 'robot', args: ['string'], blocking: false, run: (d, [c]) => robot(d).setLed(str(c)) },
  'robot.playTone': { device: 'robot', args: ['number', 'number'], blocking: true, run: (d, [f, b]) => robot(d).playTone(Math.max(0, num(f)), Math.max(0, num(b))) },
  'robot.showText': { device: 'robot', args: ['string'], blocking: false, run: (d, [t]) => robot(d).showText(str(t)) },
  'drone.takeoff': { device: 'drone', args: [], blocking: true, run: (d) => drone(d).takeoff() },
  'drone.land': { device: 'drone', args: [], blocking: true, run: (d) => drone(d).land() },
  'drone.move': { device: 'drone', args: ['string', 'number'], blocking: true, run: (d, [dir, cm]) => drone(d).move(str(dir) as DroneDirection, num(cm)) },
  'drone.rotateDeg': { device: 'drone', args: ['number'], blocking: true, run: (d, [deg]) => drone(d).rotateDeg(num(deg)) },
  'drone.flip': { device: 'drone', args: ['string'], blocking: true, run: (d, [dir]) => drone(d).flip(str(dir) as FlipDirection) },
  'drone.emergency': { device: 'drone', args: [], blocking: false, run: (d) => drone(d).emergency() },
  'kit.setLed': { device: 'kit', args: ['string'], blocking: false, run: (d, [c]) => kit(d).setLed(str(c)) },
  'kit.showText': { device: 'kit', args: ['string'], blocking: false, run: (d, [t]) => kit(d).showText(str(t)) },
} as const satisfies Record<string, CommandSpec>;

/** Readings by sensor name, e.g. `robot.distanceCm`. `clock.*` readings are served by the interpreter itself. */
export const READINGS = {
  'robot.distanceCm': { device: 'robot', returns: 'number', args: [], read: (d) => robot(d).readings().distanceCm },
  /** Line sensor by index (0 = leftmost). */
  'robot.line': { device: 'robot', returns: 'boolean', args: ['number'], read: (d, [i]) => robot(d).readings().lineSensors[num(i)] ?? false },
  /** Leftmost / rightmost line sensor, whatever the sensor count (the "left/right line sensor" blocks). */
  'robot.lineLeft': { device: 'robot', returns: 'boolean', args: [], read: (d) => robot(d).readings().lineSensors[0] ?? false },
  'robot.lineRight': { device: 'robot', returns: 'boolean', args: [], read: (d) => { const s = robot(d).readings().lineSensors; return s[s.length - 1] ?? false; } },
  'robot.lightPercent': { device: 'robot', returns: 'number', args: [], read: (d) => robot(d).readings().lightPercent },
  'robot.colourUnder': { device: 'robot', returns: 'string', args: [], read: (d) => robot(d).readings().colourUnder },
  'robot.headingDeg': { device: 'robot', returns: 'number', args: [], read: (d) => robot(d).readings().headingDeg },
  'robot.bumperPressed': { device: 'robot', returns: 'boolean', args: [], read: (d) => robot(d).readings().bumperPressed },
  'robot.button': { device: 'robot', returns: 'boolean', args: ['string'], read: (d, [b]) => (str(b) === 'B' ? robot(d).readings().buttonB : robot(d).readings().buttonA) },
  // AI camera (core/device/camera.ts): pixels of the 320 × 240 image; −1 when the thing is not in view.
  'robot.cameraSeesColour': { device: 'robot', returns: 'boolean', args: ['string'], read: (d, [c]) => largestBlob(camera(d, 'colour'), str(c)) !== undefined },
  'robot.cameraBlobX': { device: 'robot', returns: 'number', args: ['string'], read: (d, [c]) => largestBlob(camera(d, 'colour'), str(c))?.x ?? -1 },
  'robot.cameraBlobY': { device: 'robot', returns: 'number', args: ['string'], read: (d, [c]) => largestBlob(camera(d, 'colour'), str(c))?.y ?? -1 },
  /** Width of the largest blob of the colour, pixels (0–320); grows as the robot gets closer. */
  'robot.cameraBlobSize': { device: 'robot', returns: 'number', args: ['string'], read: (d, [c]) => largestBlob(camera(d, 'colour'), str(c))?.width ?? -1 },
  'robot.cameraTagSeen': { device: 'robot', returns: 'boolean', args: ['number'], read: (d, [id]) => tagById(camera(d, 'tag'), num(id)) !== undefined },
  'robot.cameraTagX': { device: 'robot', returns: 'number', args: ['number'], read: (d, [id]) => tagById(camera(d, 'tag'), num(id))?.x ?? -1 },
  'robot.cameraLineSeen': { device: 'robot', returns: 'boolean', args: [], read: (d) => camera(d, 'line').line !== null },
  /** −100 (line at the left edge) … 100 (right edge); 0 when no line is in view. */
  'robot.cameraLinePosition': { device: 'robot', returns: 'number', args: [], read: (d) => linePosition(camera(d, 'line')) },
  'robot.cameraObjectSeen': { device: 'robot', returns: 'boolean', args: ['string'], read: (d, [c]) => objectByClass(camera(d, 'object'), str(c)) !== undefined },
  'robot.cameraObjectX': { device: 'robot', returns: 'number', args: ['string'], read: (d, [c]) => objectByClass(camera(d, 'object'), str(c))?.x ?? -1 },
  'drone.heightCm': { device: 'drone', returns: 'number', args: [], read: (d) => drone(d).readings().heightCm },
  'drone.batteryPercent': { device: 'drone', returns: 'number', args: [], read: (d) => drone(d).readings().batteryPercent },
  'drone.flying': { device: 'drone', returns: 'boolean', args: [], read: (d) => drone(d).readings().flying },
  'drone.yawDeg': { device: 'drone', returns: 'number', args: [], read: (d) => drone(d).readings().yawDeg },
  'kit.temperatureC': { device: 'kit', returns: 'number', args: [], read: (d) => kit(d).readings().temperatureC },
  'kit.humidityPercent': { device: 'kit', returns: 'number', args: [], read: (d) => kit(d).readings().humidityPercent },
  'kit.lightPercent': { device: 'kit', returns: 'number', args: [], read: (d) => kit(d).readings().lightPercent },
  'kit.soundPercent': { device: 'kit', returns: 'number', args: [], read: (d) => kit(d).readings().soundPercent },
  'kit.motion': { device: 'kit', returns: 'boolean', args: [], read: (d) => kit(d).readings().motion },
  'kit.knobPercent': { device: 'kit', returns: 'number', args: [], read: (d) => kit(d).readings().knobPercent },
  'kit.buttonPressed': { device: 'kit', returns: 'boolean', args: [], read: (d) => kit(d).readings().buttonPressed },
} as const satisfies Record<string, ReadingSpec>;

/** Readings the interpreter answers from its own clock, not from a device. */
export const CLOCK_READINGS = ['clock.timerS'] as const;
/**
 * Commands the interpreter performs on its own clock, not on a device (IR `command` nodes with these ops, no args):
 * 'clock.resetTimer' sets `clock.timerS` back to 0. Never blocking.
 */
export const CLOCK_COMMANDS = ['clock.resetTimer'] as const;
export type ClockCommandOp = (typeof CLOCK_COMMANDS)[number];
export function isClockCommand(op: string): op is ClockCommandOp {
  return (CLOCK_COMMANDS as readonly string[]).includes(op);
}

export type CommandOp = keyof typeof COMMANDS;
export type ReadingName = keyof typeof READINGS | (typeof CLOCK_READINGS)[number];

export function isCommandOp(op: string): op is CommandOp {
  return Object.prototype.hasOwnProperty.call(COMMANDS, op);
}
export function isReadingName(name: string): name is ReadingName {
  return Object.prototype.hasOwnProperty.call(READINGS, name) || (CLOCK_READINGS as readonly string[]).includes(name);
}
