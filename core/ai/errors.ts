/**
 * The one error AI ops throw. `key` is a key of the `ai` i18n namespace (core/i18n/ai.strings.ts) and `params` fill
 * its placeholders; the interpreter turns it into a runtime error on the block that ran the op (code `ai`), so the
 * student sees e.g. "There is no model called 颜色" on the predict block, in zh-CN and en.
 */
export class AiError extends Error {
  constructor(
    readonly key: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`[AI] ${key} ${JSON.stringify(params)}`);
  }
}
