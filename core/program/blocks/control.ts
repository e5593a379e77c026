/**
 * Control blocks of our own (wait, forever, wait until, stop all). Repeat, if/else, while/until, for, for-each and
 * break/continue are Blockly's standard blocks (see toolbox.ts), so Blockly's generators work on them too.
 * They use Blockly's `loop_blocks` style so they look like the standard loops next to them.
 */
import { numberShadow, type BlockSpec } from './types';

const ALL = ['robot', 'drone', 'sensorkit'] as const;

export const CONTROL_BLOCKS: readonly BlockSpec[] = [
  {
    type: 'control_wait_s',
    category: 'control',
    kits: ALL,
    json: {
      type: 'control_wait_s',
      message0: '%{BKY_AILAB_CONTROL_WAIT_S}',
      args0: [{ type: 'input_value', name: 'SECONDS', check: 'Number' }],
      inputsInline: true,
      previousStatement: null,
      nextStatement: null,
      style: 'loop_blocks',
    },
    ir: { kind: 'wait', seconds: { input: 'SECONDS', type: 'number' } },
    shadows: { SECONDS: numberShadow(1) },
  },
  {
    type: 'control_forever',
    category: 'control',
    kits: ALL,
    json: {
      type: 'control_forever',
      message0: '%{BKY_AILAB_CONTROL_FOREVER}',
      message1: '%1',
      args1: [{ type: 'input_statement', name: 'DO' }],
      // No next connection: nothing after `forever` would ever run.
      previousStatement: null,
      style: 'loop_blocks',
    },
    ir: { kind: 'forever', statements: 'DO' },
  },
  {
    type: 'control_wait_until',
    category: 'control',
    kits: ALL,
    json: {
      type: 'control_wait_until',
      message0: '%{BKY_AILAB_CONTROL_WAIT_UNTIL}',
      args0: [{ type: 'input_value', name: 'CONDITION', check: 'Boolean' }],
      previousStatement: null,
      nextStatement: null,
      style: 'loop_blocks',
    },
    ir: { kind: 'waitUntil', input: 'CONDITION' },
  },
  {
    type: 'control_stop_all',
    category: 'control',
    kits: ALL,
    json: { type: 'control_stop_all', message0: '%{BKY_AILAB_CONTROL_STOP_ALL}', previousStatement: null, style: 'loop_blocks' },
    ir: { kind: 'stopAll' },
  },
];
