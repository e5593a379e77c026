/**
 * Every user-visible string, zh-CN and en, by namespace. The renderer loads these into i18next; the CLI and the
 * runtime use `translate` below. One file per namespace keeps parallel work apart.
 */
import { ai } from './ai.strings';
import { airl } from './airl.strings';
import { app } from './app.strings';
import { aiui } from './aiui.strings';
import { bridge } from './bridge.strings';
import { blocks } from './blocks.strings';
import { camera } from './camera.strings';
import { classroom } from './classroom.strings';
import { classui } from './classui.strings';
import { codegen } from './codegen.strings';
import { devices } from './devices.strings';
import { host } from './host.strings';
import { kitline } from './kitline.strings';
import { lessons } from './lessons.strings';
import { runtime } from './runtime.strings';
import { serial } from './serial.strings';
import { shell } from './shell.strings';
import { sim } from './sim.strings';
import type { Bundle, Language } from './types';

export const BUNDLES = { ai, airl, app, aiui, blocks, bridge, camera, classroom, classui, codegen, devices, host, kitline, lessons, runtime, serial, shell, sim } as const satisfies Record<string, Bundle>;
export type Namespace = keyof typeof BUNDLES;
export * from './types';

/** Text of `ns:key` in `lang` with `{{param}}` filled in; falls back to English, then to the key itself. */
export function translate(lang: Language, ns: Namespace, key: string, params: Record<string, string | number> = {}): string {
  const bundle: Bundle = BUNDLES[ns];
  const text = bundle[lang][key] ?? bundle.en[key] ?? `${ns}:${key}`;
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => (name in params ? String(params[name]) : `{{${name}}}`));
}

/** The same text in both languages (for messages that cross to consumers that pick the language later). */
export function translateBoth(ns: Namespace, key: string, params: Record<string, string | number> = {}) {
  return { 'zh-CN': translate('zh-CN', ns, key, params), en: translate('en', ns, key, params) } as const;
}
