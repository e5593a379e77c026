/** Events: hat blocks that start a script (one green thread each), and broadcast. No side effects. */
import { CATEGORY_STYLES, HAT_BLOCK_STYLE, textShadow, type BlockSpec } from './types';

const style = CATEGORY_STYLES.events.blockStyle;
/** Hats (scripts' starting blocks) get the hat-shaped style; other event blocks the plain events style. */
const hat = HAT_BLOCK_STYLE;

export const EVENT_BLOCKS: readonly BlockSpec[] = [
  {
    type: 'event_when_started',
    category: 'events',
    kits: ['robot', 'drone', 'sensorkit'],
    json: { type: 'event_when_started', message0: '%{BKY_AILAB_EVENT_WHEN_STARTED}', nextStatement: null, style: hat, tooltip: '%{BKY_AILAB_EVENT_WHEN_STARTED_TIP}' },
    ir: { kind: 'hat', trigger: 'start' },
  },
  {
    type: 'event_when_button',
    category: 'events',
    kits: ['robot'],
    json: {
      type: 'event_when_button',
      message0: '%{BKY_AILAB_EVENT_WHEN_BUTTON}',
      args0: [{ type: 'field_dropdown', name: 'BUTTON', options: [['A', 'A'], ['B', 'B']] }],
      nextStatement: null,
      style: hat,
    },
    ir: { kind: 'hat', trigger: 'button', field: 'BUTTON' },
  },
  {
    type: 'event_when_obstacle',
    category: 'events',
    kits: ['robot'],
    json: {
      type: 'event_when_obstacle',
      message0: '%{BKY_AILAB_EVENT_WHEN_OBSTACLE}',
      // cm: the ultrasonic range is 2–400 cm.
      args0: [{ type: 'field_number', name: 'CM', value: 20, min: 2, max: 400 }],
      nextStatement: null,
      style: hat,
      tooltip: '%{BKY_AILAB_EVENT_WHEN_OBSTACLE_TIP}',
    },
    ir: { kind: 'hat', trigger: 'obstacle', field: 'CM' },
  },
  {
    type: 'event_when_message',
    category: 'events',
    kits: ['robot', 'drone', 'sensorkit'],
    json: {
      type: 'event_when_message',
      message0: '%{BKY_AILAB_EVENT_WHEN_MESSAGE}',
      args0: [{ type: 'field_input', name: 'MESSAGE', text: 'go' }],
      nextStatement: null,
      style: hat,
    },
    ir: { kind: 'hat', trigger: 'message', field: 'MESSAGE' },
  },
  {
    type: 'event_broadcast',
    category: 'events',
    kits: ['robot', 'drone', 'sensorkit'],
    json: {
      type: 'event_broadcast',
      message0: '%{BKY_AILAB_EVENT_BROADCAST}',
      args0: [{ type: 'input_value', name: 'MESSAGE', check: ['String', 'Number'] }],
      previousStatement: null,
      nextStatement: null,
      style,
      tooltip: '%{BKY_AILAB_EVENT_BROADCAST_TIP}',
    },
    ir: { kind: 'broadcast', message: { input: 'MESSAGE', type: 'string' } },
    shadows: { MESSAGE: textShadow('go') },
  },
];
