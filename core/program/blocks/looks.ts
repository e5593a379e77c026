/** Lights & Sound: LED style, buzzer, display. The LED and display exist on the robot car and the sensor kit. */
import { CATEGORY_STYLES, numberShadow, textShadow, type BlockSpec } from './types';

const style = CATEGORY_STYLES.looks.blockStyle;

/** LED colours offered by the colour dropdown: message key suffix → `#rrggbb`. */
export const LED_COLOURS: readonly (readonly [string, string])[] = [
  ['RED', '#ff0000'],
  ['ORANGE', '#ff8000'],
  ['YELLOW', '#ffff00'],
  ['GREEN', '#00ff00'],
  ['CYAN', '#00ffff'],
  ['BLUE', '#0000ff'],
  ['PURPLE', '#8000ff'],
  ['WHITE', '#ffffff'],
  ['OFF', '#000000'],
];

export const LOOKS_BLOCKS: readonly BlockSpec[] = [
  {
    type: 'looks_set_led',
    category: 'looks',
    kits: ['robot', 'sensorkit'],
    json: {
      type: 'looks_set_led',
      message0: '%{BKY_AILAB_LOOKS_SET_LED}',
      args0: [{ type: 'input_value', name: 'COLOUR', check: ['Colour', 'String'] }],
      previousStatement: null,
      nextStatement: null,
      style,
    },
    ir: { kind: 'command', op: { robot: 'robot.setLed', sensorkit: 'kit.setLed' }, args: [{ input: 'COLOUR', type: 'colour' }] },
    shadows: { COLOUR: { type: 'looks_colour', fields: { COLOUR: '#ff0000' } } },
  },
  {
    type: 'looks_colour',
    category: 'looks',
    kits: ['robot', 'sensorkit'],
    json: {
      type: 'looks_colour',
      message0: '%1',
      args0: [{ type: 'field_dropdown', name: 'COLOUR', options: LED_COLOURS.map(([key, hex]) => [`%{BKY_AILAB_LED_${key}}`, hex]) }],
      output: 'Colour',
      style,
    },
    ir: { kind: 'colour', field: 'COLOUR' },
  },
  {
    type: 'looks_play_tone',
    category: 'looks',
    kits: ['robot'],
    json: {
      type: 'looks_play_tone',
      message0: '%{BKY_AILAB_LOOKS_PLAY_TONE}',
      args0: [
        { type: 'input_value', name: 'FREQ', check: 'Number' },
        { type: 'input_value', name: 'BEATS', check: 'Number' },
      ],
      inputsInline: true,
      previousStatement: null,
      nextStatement: null,
      style,
      tooltip: '%{BKY_AILAB_LOOKS_PLAY_TONE_TIP}',
    },
    // robot.playTone(frequencyHz, beats): 1 beat = 0.5 s; 262 Hz is middle C.
    ir: { kind: 'command', op: 'robot.playTone', args: [{ input: 'FREQ', type: 'number' }, { input: 'BEATS', type: 'number' }] },
    shadows: { FREQ: numberShadow(262), BEATS: numberShadow(1) },
  },
  {
    type: 'looks_show_text',
    category: 'looks',
    kits: ['robot', 'sensorkit'],
    json: {
      type: 'looks_show_text',
      message0: '%{BKY_AILAB_LOOKS_SHOW_TEXT}',
      args0: [{ type: 'input_value', name: 'TEXT' }],
      previousStatement: null,
      nextStatement: null,
      style,
    },
    ir: { kind: 'command', op: { robot: 'robot.showText', sensorkit: 'kit.showText' }, args: [{ input: 'TEXT', type: 'string' }] },
    shadows: { TEXT: textShadow('Hello') },
  },
];
