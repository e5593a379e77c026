/** The CLI's language: zh-CN when the user's locale is Chinese (LC_ALL / LC_MESSAGES / LANG, else the OS locale). */
import type { Language } from '../../core/i18n';

export function cliLanguage(env: NodeJS.ProcessEnv = process.env): Language {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || Intl.DateTimeFormat().resolvedOptions().locale || '';
  return /^zh/i.test(locale) ? 'zh-CN' : 'en';
}
