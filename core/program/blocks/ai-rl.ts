/**
 * Reinforcement-learning blocks (robot kit, category 人工智能 / AI): train a Q-learning model on a grid arena, read its
 * best action and learned path, let the robot follow the path, read the robot's grid cell. Ops in core/ai/ops-rl.ts;
 * core/ai/BLOCKS.md describes each block for lesson writers.
 */
import { CATEGORY_STYLES, numberShadow, type ArgSource, type BlockSpec } from './types';

const style = CATEGORY_STYLES.ai.blockStyle;
const KITS = ['robot'] as const;

const modelField = { type: 'field_input', name: 'MODEL', text: '%{BKY_AILAB_AIRL_DEFAULT_MODEL}' } as const;
const numberInput = (name: string) => ({ type: 'input_value', name, check: 'Number' });
const MODEL: ArgSource = { field: 'MODEL', as: 'string' };
const num = (input: string): ArgSource => ({ input, type: 'number' });
/** Message key of a block type: ai_q_train → AILAB_AIRL_Q_TRAIN. */
const key = (type: string) => type.toUpperCase().replace(/^AI_/, 'AILAB_AIRL_');

function block(type: string, shape: { output: string } | 'statement', args0: readonly object[], op: string, args: readonly ArgSource[], shadows?: BlockSpec['shadows']): BlockSpec {
  const k = key(type);
  const connections = shape === 'statement' ? { previousStatement: null, nextStatement: null } : { output: shape.output };
  return {
    type,
    category: 'ai',
    kits: KITS,
    json: { type, message0: `%{BKY_${k}}`, args0, ...connections, inputsInline: true, style, tooltip: `%{BKY_${k}_TIP}` },
    ir: { kind: 'ai', op, args },
    ...(shadows ? { shadows } : {}),
  };
}

export const AI_RL_BLOCKS: readonly BlockSpec[] = [
  block('ai_q_train', 'statement', [
    modelField,
    // Values are GRID_ARENAS ids (core/ai/grid-world.ts).
    { type: 'field_dropdown', name: 'ARENA', options: [['%{BKY_AILAB_AIRL_ARENA_GRID_5X5}', 'grid-5x5'], ['%{BKY_AILAB_AIRL_ARENA_MAZE}', 'maze']] },
    numberInput('EPISODES'),
    { type: 'input_end_row' },
    numberInput('ALPHA'), numberInput('GAMMA'), numberInput('EPSILON'),
    { type: 'input_end_row' },
    numberInput('GOAL'), numberInput('TRAP'), numberInput('STEP'), numberInput('WALL'),
  ], 'qTrain', [
    MODEL, { field: 'ARENA', as: 'string' }, num('EPISODES'), num('ALPHA'), num('GAMMA'), num('EPSILON'),
    num('GOAL'), num('TRAP'), num('STEP'), num('WALL'),
  ], {
    EPISODES: numberShadow(300), ALPHA: numberShadow(0.5), GAMMA: numberShadow(0.9), EPSILON: numberShadow(0.2),
    GOAL: numberShadow(10), TRAP: numberShadow(-10), STEP: numberShadow(-1), WALL: numberShadow(-2),
  }),
  block('ai_q_best_action', { output: 'String' }, [modelField, numberInput('ROW'), numberInput('COL')], 'qBestAction',
    [MODEL, num('ROW'), num('COL')], { ROW: numberShadow(4), COL: numberShadow(0) }),
  block('ai_q_path', { output: 'Array' }, [modelField], 'qPath', [MODEL]),
  block('ai_q_follow', 'statement', [modelField], 'qFollow', [MODEL]),
  block('ai_grid_cell_row', { output: 'Number' }, [], 'gridRow', []),
  block('ai_grid_cell_col', { output: 'Number' }, [], 'gridCol', []),
];
