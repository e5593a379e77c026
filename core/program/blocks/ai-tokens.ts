/**
 * Tokenizer blocks (grade 7, "how a language model reads text"; category 人工智能 / AI): the tokens, token ids and
 * token count of a text with the built-in vocabulary. Ops in core/ai/ops-tokens.ts; core/ai/BLOCKS.md describes them.
 */
import { CATEGORY_STYLES, textShadow, type BlockSpec } from './types';

const style = CATEGORY_STYLES.ai.blockStyle;

function reporter(type: string, op: string, output: 'Array' | 'Number'): BlockSpec {
  const k = type.toUpperCase().replace(/^AI_/, 'AILAB_AIRL_');
  return {
    type,
    category: 'ai',
    kits: ['robot', 'sensorkit'],
    json: { type, message0: `%{BKY_${k}}`, args0: [{ type: 'input_value', name: 'TEXT' }], output, inputsInline: true, style, tooltip: `%{BKY_${k}_TIP}` },
    ir: { kind: 'ai', op, args: [{ input: 'TEXT', type: 'string' }] },
    shadows: { TEXT: textShadow('我喜欢人工智能 robots') },
  };
}

export const AI_TOKEN_BLOCKS: readonly BlockSpec[] = [
  reporter('ai_tokenize', 'tokenize', 'Array'),
  reporter('ai_token_ids', 'tokenIds', 'Array'),
  reporter('ai_token_count', 'tokenCount', 'Number'),
];
