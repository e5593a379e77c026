/**
 * i18next for the renderer: every namespace of core/i18n (`BUNDLES`), zh-CN by default, English switchable at run
 * time. The choice is remembered in localStorage under `ailab.language`. Keys are flat (`project.save`), so the key
 * separator is off; namespaces are addressed as `host:projectTooLarge`.
 */
import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { BUNDLES, LANGUAGES, type Language, type Namespace } from '../../core/i18n';

export const LANGUAGE_STORAGE_KEY = 'ailab.language';

/** Stored language, or zh-CN (the classroom default) when none or an unknown one is stored. */
export function storedLanguage(): Language {
  try {
    const v = localStorage.getItem(LANGUAGE_STORAGE_KEY);
    if (v && (LANGUAGES as readonly string[]).includes(v)) return v as Language;
  } catch {
    // Storage can be unavailable (privacy mode); fall through to the default.
  }
  return 'zh-CN';
}

export function rememberLanguage(lang: Language): void {
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, lang);
  } catch {
    // Not remembered: the app still switches for this session.
  }
}

export function createI18n(lang: Language): I18n {
  const resources: Record<string, Record<string, Record<string, string>>> = {};
  for (const l of LANGUAGES) {
    resources[l] = {};
    for (const ns of Object.keys(BUNDLES) as Namespace[]) resources[l][ns] = { ...BUNDLES[ns][l] };
  }
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: lang,
    fallbackLng: 'en',
    ns: Object.keys(BUNDLES),
    defaultNS: 'app',
    keySeparator: false,
    nsSeparator: ':',
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  return instance;
}
