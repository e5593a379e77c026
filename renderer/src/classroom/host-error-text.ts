/**
 * A failed host call as a sentence in the user's language: host refusals carry a code of the `host` namespace
 * (`error.<code>`; the classroom's own refusals arrive as `error.classroom` with the zh-CN and en text as params).
 */
import type { TFunction } from 'i18next';
import { HostCallError } from '../host-client';

export function hostErrorText(t: TFunction, e: unknown): string {
  const detail = e instanceof HostCallError
    ? e.code.startsWith('client')
      ? t(`app.error.${e.code}`, { ns: 'app', ...e.params, defaultValue: e.message })
      : t(`error.${e.code}`, { ns: 'host', ...e.params, defaultValue: e.message })
    : e instanceof Error ? e.message : String(e);
  return t('error', { ns: 'classui', detail });
}
