/** AI ops of the tokenizer activity: tokens, token ids and token count of a text (core/ai/tokenizer.ts). */
import type { AiOpSpec } from './ops';
import { tokenCount, tokenIds, tokenTexts } from './tokenizer';

export const TOKEN_OPS: Record<string, AiOpSpec> = {
  /** tokenize(text) → list of token texts (`##ing` for a word-inner piece, `[UNK]` for unknown text). */
  tokenize: { args: ['string'], returns: 'list', run: (_ctx, [text]) => tokenTexts(String(text)) },
  /** tokenIds(text) → list of vocabulary ids. */
  tokenIds: { args: ['string'], returns: 'list', run: (_ctx, [text]) => tokenIds(String(text)) },
  /** tokenCount(text) → number of tokens. */
  tokenCount: { args: ['string'], returns: 'number', run: (_ctx, [text]) => tokenCount(String(text)) },
};
