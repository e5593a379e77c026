export type Language = 'zh-CN' | 'en';
export const LANGUAGES: readonly Language[] = ['zh-CN', 'en'];
/** Flat key → text. Interpolation uses i18next's `{{name}}` syntax. */
export type Messages = Readonly<Record<string, string>>;
/** One namespace in both languages; a test checks that both hold the same keys. */
export interface Bundle {
  readonly 'zh-CN': Messages;
  readonly en: Messages;
}
