/** Sensing (robot car) and the timer. Readings come from the sample taken at the start of each tick. */
import { CATEGORY_STYLES, options, type BlockSpec } from './types';

const style = CATEGORY_STYLES.sensing.blockStyle;
const reporter = (type: string, message: string, output: string) =>
  ({ type, message0: `%{BKY_${message}}`, output, style }) as const;

export const SENSING_BLOCKS: readonly BlockSpec[] = [
  {
    type: 'robot_distance_cm',
    category: 'sensing',
    kits: ['robot'],
    json: { ...reporter('robot_distance_cm', 'AILAB_ROBOT_DISTANCE_CM', 'Number'), tooltip: '%{BKY_AILAB_ROBOT_DISTANCE_CM_TIP}' },
    ir: { kind: 'read', sensor: 'robot.distanceCm', args: [] },
  },
  {
    type: 'robot_line_left',
    category: 'sensing',
    kits: ['robot'],
    json: reporter('robot_line_left', 'AILAB_ROBOT_LINE_LEFT', 'Boolean'),
    ir: { kind: 'read', sensor: 'robot.lineLeft', args: [] },
  },
  {
    type: 'robot_line_right',
    category: 'sensing',
    kits: ['robot'],
    json: reporter('robot_line_right', 'AILAB_ROBOT_LINE_RIGHT', 'Boolean'),
    ir: { kind: 'read', sensor: 'robot.lineRight', args: [] },
  },
  {
    type: 'robot_light_percent',
    category: 'sensing',
    kits: ['robot'],
    json: reporter('robot_light_percent', 'AILAB_ROBOT_LIGHT_PERCENT', 'Number'),
    ir: { kind: 'read', sensor: 'robot.lightPercent', args: [] },
  },
  {
    type: 'robot_colour_under',
    category: 'sensing',
    kits: ['robot'],
    json: reporter('robot_colour_under', 'AILAB_ROBOT_COLOUR_UNDER', 'String'),
    ir: { kind: 'read', sensor: 'robot.colourUnder', args: [] },
  },
  {
    type: 'robot_colour_is',
    category: 'sensing',
    kits: ['robot'],
    json: {
      type: 'robot_colour_is',
      message0: '%{BKY_AILAB_ROBOT_COLOUR_IS}',
      // Values are core/device/robot.ts ColourName.
      args0: [{ type: 'field_dropdown', name: 'COLOUR', options: options('AILAB_COLOURNAME_', ['red', 'green', 'blue', 'yellow', 'black', 'white']) }],
      output: 'Boolean',
      style,
    },
    ir: { kind: 'readEquals', sensor: 'robot.colourUnder', field: 'COLOUR' },
  },
  {
    type: 'robot_heading_deg',
    category: 'sensing',
    kits: ['robot'],
    json: reporter('robot_heading_deg', 'AILAB_ROBOT_HEADING_DEG', 'Number'),
    ir: { kind: 'read', sensor: 'robot.headingDeg', args: [] },
  },
  {
    type: 'robot_bumper_pressed',
    category: 'sensing',
    kits: ['robot'],
    json: reporter('robot_bumper_pressed', 'AILAB_ROBOT_BUMPER_PRESSED', 'Boolean'),
    ir: { kind: 'read', sensor: 'robot.bumperPressed', args: [] },
  },
  {
    type: 'robot_button_pressed',
    category: 'sensing',
    kits: ['robot'],
    json: {
      type: 'robot_button_pressed',
      message0: '%{BKY_AILAB_ROBOT_BUTTON_PRESSED}',
      args0: [{ type: 'field_dropdown', name: 'BUTTON', options: [['A', 'A'], ['B', 'B']] }],
      output: 'Boolean',
      style,
    },
    ir: { kind: 'read', sensor: 'robot.button', args: [{ field: 'BUTTON', as: 'string' }] },
  },
  {
    type: 'sensing_timer',
    category: 'sensing',
    kits: ['robot', 'drone', 'sensorkit'],
    json: { ...reporter('sensing_timer', 'AILAB_SENSING_TIMER', 'Number'), tooltip: '%{BKY_AILAB_SENSING_TIMER_TIP}' },
    ir: { kind: 'read', sensor: 'clock.timerS', args: [] },
  },
  {
    type: 'sensing_reset_timer',
    category: 'sensing',
    kits: ['robot', 'drone', 'sensorkit'],
    json: { type: 'sensing_reset_timer', message0: '%{BKY_AILAB_SENSING_RESET_TIMER}', previousStatement: null, nextStatement: null, style },
    ir: { kind: 'command', op: 'clock.resetTimer', args: [] },
  },
];
