/** Drone (Tello-class): take off, land, move N cm (20–500), rotate, flip, hover, height, battery. */
import { CATEGORY_STYLES, numberShadow, options, type BlockSpec } from './types';

const style = CATEGORY_STYLES.drone.blockStyle;
const statement = { previousStatement: null, nextStatement: null, style } as const;

export const DRONE_BLOCKS: readonly BlockSpec[] = [
  {
    type: 'drone_takeoff',
    category: 'drone',
    kits: ['drone'],
    json: { type: 'drone_takeoff', message0: '%{BKY_AILAB_DRONE_TAKEOFF}', ...statement },
    ir: { kind: 'command', op: 'drone.takeoff', args: [] },
  },
  {
    type: 'drone_land',
    category: 'drone',
    kits: ['drone'],
    json: { type: 'drone_land', message0: '%{BKY_AILAB_DRONE_LAND}', ...statement },
    ir: { kind: 'command', op: 'drone.land', args: [] },
  },
  {
    type: 'drone_move',
    category: 'drone',
    kits: ['drone'],
    json: {
      type: 'drone_move',
      message0: '%{BKY_AILAB_DRONE_MOVE}',
      // Values are core/device/drone.ts DroneDirection.
      args0: [
        { type: 'field_dropdown', name: 'DIR', options: options('AILAB_DIR_', ['up', 'down', 'left', 'right', 'forward', 'back']) },
        { type: 'input_value', name: 'CM', check: 'Number' },
      ],
      inputsInline: true,
      ...statement,
      tooltip: '%{BKY_AILAB_DRONE_MOVE_TIP}',
    },
    ir: { kind: 'command', op: 'drone.move', args: [{ field: 'DIR', as: 'string' }, { input: 'CM', type: 'number' }] },
    shadows: { CM: numberShadow(50) },
  },
  {
    type: 'drone_rotate',
    category: 'drone',
    kits: ['drone'],
    json: {
      type: 'drone_rotate',
      message0: '%{BKY_AILAB_DRONE_ROTATE}',
      args0: [
        { type: 'field_dropdown', name: 'DIR', options: options('AILAB_ROT_', ['cw', 'ccw']) },
        { type: 'input_value', name: 'DEG', check: 'Number' },
      ],
      inputsInline: true,
      ...statement,
    },
    // drone.rotateDeg(deg): positive = clockwise.
    ir: { kind: 'command', op: 'drone.rotateDeg', args: [{ input: 'DEG', type: 'number', negateWhen: { field: 'DIR', equals: 'ccw' } }] },
    shadows: { DEG: numberShadow(90) },
  },
  {
    type: 'drone_flip',
    category: 'drone',
    kits: ['drone'],
    json: {
      type: 'drone_flip',
      message0: '%{BKY_AILAB_DRONE_FLIP}',
      // Values are core/device/drone.ts FlipDirection.
      args0: [{ type: 'field_dropdown', name: 'DIR', options: options('AILAB_DIR_', ['forward', 'back', 'left', 'right']) }],
      ...statement,
    },
    ir: { kind: 'command', op: 'drone.flip', args: [{ field: 'DIR', as: 'string' }] },
  },
  {
    type: 'drone_hover_s',
    category: 'drone',
    kits: ['drone'],
    json: {
      type: 'drone_hover_s',
      message0: '%{BKY_AILAB_DRONE_HOVER_S}',
      args0: [{ type: 'input_value', name: 'SECONDS', check: 'Number' }],
      inputsInline: true,
      ...statement,
    },
    // Hovering is waiting while airborne (the drone holds position between commands).
    ir: { kind: 'wait', seconds: { input: 'SECONDS', type: 'number' } },
    shadows: { SECONDS: numberShadow(2) },
  },
  {
    type: 'drone_height_cm',
    category: 'drone',
    kits: ['drone'],
    json: { type: 'drone_height_cm', message0: '%{BKY_AILAB_DRONE_HEIGHT_CM}', output: 'Number', style },
    ir: { kind: 'read', sensor: 'drone.heightCm', args: [] },
  },
  {
    type: 'drone_battery_percent',
    category: 'drone',
    kits: ['drone'],
    json: { type: 'drone_battery_percent', message0: '%{BKY_AILAB_DRONE_BATTERY_PERCENT}', output: 'Number', style },
    ir: { kind: 'read', sensor: 'drone.batteryPercent', args: [] },
  },
];
