/** Motion (robot car): drive, turn, motor power, stop. Distances in cm, angles in degrees, speed/power in %. */
import { CATEGORY_STYLES, numberShadow, options, type BlockSpec } from './types';

const style = CATEGORY_STYLES.motion.blockStyle;
const statement = { previousStatement: null, nextStatement: null, style } as const;

export const MOTION_BLOCKS: readonly BlockSpec[] = [
  {
    type: 'robot_drive_cm',
    category: 'motion',
    kits: ['robot'],
    json: {
      type: 'robot_drive_cm',
      message0: '%{BKY_AILAB_ROBOT_DRIVE_CM}',
      args0: [
        { type: 'field_dropdown', name: 'DIR', options: options('AILAB_DIR_', ['forward', 'back']) },
        { type: 'input_value', name: 'CM', check: 'Number' },
        { type: 'input_value', name: 'SPEED', check: 'Number' },
      ],
      inputsInline: true,
      ...statement,
      tooltip: '%{BKY_AILAB_ROBOT_DRIVE_CM_TIP}',
    },
    // robot.driveCm(cm, speedPercent): negative cm drives backwards.
    ir: { kind: 'command', op: 'robot.driveCm', args: [{ input: 'CM', type: 'number', negateWhen: { field: 'DIR', equals: 'back' } }, { input: 'SPEED', type: 'number' }] },
    shadows: { CM: numberShadow(20), SPEED: numberShadow(50) },
  },
  {
    type: 'robot_turn_deg',
    category: 'motion',
    kits: ['robot'],
    json: {
      type: 'robot_turn_deg',
      message0: '%{BKY_AILAB_ROBOT_TURN_DEG}',
      args0: [
        { type: 'field_dropdown', name: 'DIR', options: options('AILAB_DIR_', ['left', 'right']) },
        { type: 'input_value', name: 'DEG', check: 'Number' },
        { type: 'input_value', name: 'SPEED', check: 'Number' },
      ],
      inputsInline: true,
      ...statement,
    },
    // robot.turnDeg(deg, speedPercent): positive = clockwise (right), so left is negated.
    ir: { kind: 'command', op: 'robot.turnDeg', args: [{ input: 'DEG', type: 'number', negateWhen: { field: 'DIR', equals: 'left' } }, { input: 'SPEED', type: 'number' }] },
    shadows: { DEG: numberShadow(90), SPEED: numberShadow(50) },
  },
  {
    type: 'robot_set_motors',
    category: 'motion',
    kits: ['robot'],
    json: {
      type: 'robot_set_motors',
      message0: '%{BKY_AILAB_ROBOT_SET_MOTORS}',
      args0: [
        { type: 'input_value', name: 'LEFT', check: 'Number' },
        { type: 'input_value', name: 'RIGHT', check: 'Number' },
      ],
      inputsInline: true,
      ...statement,
      tooltip: '%{BKY_AILAB_ROBOT_SET_MOTORS_TIP}',
    },
    ir: { kind: 'command', op: 'robot.setMotors', args: [{ input: 'LEFT', type: 'number' }, { input: 'RIGHT', type: 'number' }] },
    shadows: { LEFT: numberShadow(50), RIGHT: numberShadow(50) },
  },
  {
    type: 'robot_stop',
    category: 'motion',
    kits: ['robot'],
    json: { type: 'robot_stop', message0: '%{BKY_AILAB_ROBOT_STOP}', ...statement },
    ir: { kind: 'command', op: 'robot.stopMotors', args: [] },
  },
];
