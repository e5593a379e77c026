/**
 * The one place the renderer registers things with Blockly (STYLE.md §7): the block engineer's definitions, the
 * language messages, the themes. Call `registerBlocksOnce()` before the first inject; `applyBlocklyLanguage(lang)`
 * before (re-)rendering blocks in that language.
 */
import * as Blockly from 'blockly';
import * as BlocklyEn from 'blockly/msg/en';
import * as BlocklyZhHans from 'blockly/msg/zh-hans';
import HighContrastTheme from '@blockly/theme-highcontrast';
import { BLOCK_DEFINITIONS } from '../../../core/program';
import { BUNDLES, type Language } from '../../../core/i18n';

let registered = false;

export function registerBlocksOnce(): void {
  if (registered) return;
  registered = true;
  Blockly.common.defineBlocksWithJsonArray(BLOCK_DEFINITIONS as never[]);
}

/** Blockly's own messages for `lang` merged with our `blocks` namespace (ours win), set into `Blockly.Msg`. */
export function applyBlocklyLanguage(lang: Language): void {
  const base = (lang === 'zh-CN' ? BlocklyZhHans : BlocklyEn) as unknown as Record<string, string>;
  const locale: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) if (typeof v === 'string') locale[k] = v;
  Object.assign(locale, BUNDLES.blocks[lang]);
  Blockly.setLocale(locale);
}

export type ThemeName = 'classic' | 'highContrast' | 'dark';
export const THEME_NAMES: readonly ThemeName[] = ['classic', 'highContrast', 'dark'];

/** Larger default font for readability (CJK glyphs at 11 px are hard to read for grade 4). */
const fontStyle = { family: '"Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", "Source Han Sans SC", system-ui, sans-serif', size: 13 };

let darkTheme: Blockly.Theme | null = null;

export function themeFor(name: ThemeName): Blockly.Theme {
  if (name === 'highContrast') return HighContrastTheme as Blockly.Theme;
  if (name === 'dark') {
    darkTheme ??= Blockly.Theme.defineTheme('ailab-dark', {
      name: 'ailab-dark',
      base: Blockly.Themes.Classic,
      componentStyles: {
        workspaceBackgroundColour: '#1e1e24',
        toolboxBackgroundColour: '#2b2b33',
        toolboxForegroundColour: '#f0f0f0',
        flyoutBackgroundColour: '#33333d',
        flyoutForegroundColour: '#eeeeee',
        flyoutOpacity: 1,
        scrollbarColour: '#797979',
        insertionMarkerColour: '#ffffff',
        insertionMarkerOpacity: 0.3,
        cursorColour: '#d0d0d0',
      },
      fontStyle,
    });
    return darkTheme;
  }
  return Blockly.Themes.Classic;
}
