/**
 * The one place the renderer registers things with Blockly (STYLE.md §7): the block engineer's definitions, the
 * language messages, the themes. Call `registerBlocksOnce()` before the first inject; `applyBlocklyLanguage(lang)`
 * before (re-)rendering blocks in that language.
 */
import * as Blockly from 'blockly';
import * as BlocklyEn from 'blockly/msg/en';
import * as BlocklyZhHans from 'blockly/msg/zh-hans';
import HighContrastTheme from '@blockly/theme-highcontrast';
import { BLOCK_DEFINITIONS, CATEGORY_STYLES, HAT_BLOCK_STYLE, type CustomCategoryId } from '../../../core/program';
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

/**
 * High-contrast primaries of our categories, in the high-contrast plugin's manner: dark, strongly saturated colours
 * under white text (each ≥ 7:1 contrast with white, WCAG AAA; checked in blockly-setup.test.ts), distinct from the
 * plugin's colours for the standard categories. Secondary/tertiary are light tints for shadow blocks and outlines.
 */
export const HIGH_CONTRAST_COLOURS: Readonly<Record<CustomCategoryId, { primary: string; secondary: string; tertiary: string }>> = {
  events: { primary: '#7a3e00', secondary: '#FFC46B', tertiary: '#FFE7C2' },
  motion: { primary: '#0d3c8c', secondary: '#7FB2FF', tertiary: '#D6E6FF' },
  sensing: { primary: '#004e6e', secondary: '#5CCBFF', tertiary: '#CBEFFF' },
  looks: { primary: '#5a1a8c', secondary: '#C596FF', tertiary: '#EBDDFF' },
  drone: { primary: '#1b5420', secondary: '#7EE08A', tertiary: '#D5F7DA' },
  sensorkit: { primary: '#8c0032', secondary: '#FF7FA8', tertiary: '#FFD6E4' },
  ai: { primary: '#004d43', secondary: '#5FD3C2', tertiary: '#CDF3EE' },
};

type BlockStyles = Record<string, Partial<Blockly.Theme.BlockStyle>>;
type CategoryStyles = Record<string, Blockly.Theme.CategoryStyle>;

/** Our block and category styles for one theme: `colours(id)` gives the block style colours of a category. */
function ailabStyles(colours: (id: CustomCategoryId) => Partial<Blockly.Theme.BlockStyle>): { blockStyles: BlockStyles; categoryStyles: CategoryStyles } {
  const blockStyles: BlockStyles = {};
  const categoryStyles: CategoryStyles = {};
  for (const [id, style] of Object.entries(CATEGORY_STYLES) as [CustomCategoryId, (typeof CATEGORY_STYLES)[CustomCategoryId]][]) {
    const c = colours(id);
    blockStyles[style.blockStyle] = { ...c };
    categoryStyles[style.categoryStyle] = { colour: c.colourPrimary! };
  }
  // Hats: the events colours with the rounded cap, so a script's first block looks like a starting point.
  blockStyles[HAT_BLOCK_STYLE] = { ...colours('events'), hat: 'cap' };
  return { blockStyles, categoryStyles };
}

const classicColours = (id: CustomCategoryId) => ({ colourPrimary: CATEGORY_STYLES[id].colour });
const highContrastColours = (id: CustomCategoryId) => {
  const c = HIGH_CONTRAST_COLOURS[id];
  return { colourPrimary: c.primary, colourSecondary: c.secondary, colourTertiary: c.tertiary };
};

const themes: Partial<Record<ThemeName, Blockly.Theme>> = {};

/**
 * The Blockly theme for a picker choice. Each is Blockly's (or the high-contrast plugin's) theme extended with our
 * `ailab_*` block and category styles (defineTheme registers the name once; themes are built on first use).
 */
export function themeFor(name: ThemeName): Blockly.Theme {
  const cached = themes[name];
  if (cached) return cached;
  let theme: Blockly.Theme;
  if (name === 'highContrast') {
    theme = Blockly.Theme.defineTheme('ailab-highcontrast', {
      name: 'ailab-highcontrast',
      base: HighContrastTheme as Blockly.Theme,
      ...ailabStyles(highContrastColours),
    });
  } else if (name === 'dark') {
    theme = Blockly.Theme.defineTheme('ailab-dark', {
      name: 'ailab-dark',
      base: Blockly.Themes.Classic,
      ...ailabStyles(classicColours),
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
  } else {
    theme = Blockly.Theme.defineTheme('ailab-classic', {
      name: 'ailab-classic',
      base: Blockly.Themes.Classic,
      ...ailabStyles(classicColours),
    });
  }
  themes[name] = theme;
  return theme;
}
