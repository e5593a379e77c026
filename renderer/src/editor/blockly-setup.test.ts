/** Blockly's messages follow the UI language: Blockly's own strings and our blocks' strings switch together. */
import * as Blockly from 'blockly';
import { describe, expect, it } from 'vitest';
import { BUNDLES } from '../../../core/i18n';
import { BLOCK_DEFINITIONS, CATEGORY_STYLES, HAT_BLOCK_STYLE, toolboxFor } from '../../../core/program';
import { HIGH_CONTRAST_COLOURS, THEME_NAMES, applyBlocklyLanguage, registerBlocksOnce, themeFor } from './blockly-setup';

describe('Blockly language', () => {
  it('Chinese gives Chinese Blockly menus and our block labels; English switches both back', () => {
    applyBlocklyLanguage('zh-CN');
    expect(Blockly.Msg.UNDO).toBe('撤销');
    expect(Blockly.Msg.AILAB_EVENT_WHEN_STARTED).toBe(BUNDLES.blocks['zh-CN'].AILAB_EVENT_WHEN_STARTED);
    applyBlocklyLanguage('en');
    expect(Blockly.Msg.UNDO).toBe('Undo');
    expect(Blockly.Msg.AILAB_EVENT_WHEN_STARTED).toBe(BUNDLES.blocks.en.AILAB_EVENT_WHEN_STARTED);
  });

  it('a block created after the switch shows its label in the new language', () => {
    registerBlocksOnce();
    const ws = new Blockly.Workspace();
    applyBlocklyLanguage('zh-CN');
    const zh = ws.newBlock('event_when_started').toString();
    applyBlocklyLanguage('en');
    const en = ws.newBlock('event_when_started').toString();
    expect(zh).not.toBe(en);
    expect(en.length).toBeGreaterThan(0);
    ws.dispose();
  });

  it('every theme the picker offers exists', () => {
    for (const name of ['classic', 'highContrast', 'dark'] as const) expect(themeFor(name).name).toBeTruthy();
  });
});

/** WCAG relative luminance of `#rrggbb`. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrastWithWhite = (hex: string) => 1.05 / (luminance(hex) + 0.05);

describe('themes recolour our blocks', () => {
  const usedStyles = [...new Set(BLOCK_DEFINITIONS.map((d) => d.style as string))];

  it('every style a custom block uses is defined by every theme the picker offers', () => {
    for (const name of THEME_NAMES) {
      const theme = themeFor(name);
      for (const style of usedStyles) expect(theme.blockStyles[style], `${name}: ${style}`).toBeDefined();
    }
  });

  it('every toolbox category style of every kit is defined by every theme', () => {
    for (const name of THEME_NAMES) {
      const theme = themeFor(name);
      for (const kit of ['robot', 'drone', 'sensorkit'] as const)
        for (const c of toolboxFor(kit).contents) expect(theme.categoryStyles[c.categorystyle], `${name}/${kit}: ${c.categorystyle}`).toBeDefined();
    }
  });

  it('high contrast gives each of our categories a different, darker colour than classic', () => {
    const classic = themeFor('classic');
    const hc = themeFor('highContrast');
    for (const s of Object.values(CATEGORY_STYLES)) {
      const a = classic.blockStyles[s.blockStyle].colourPrimary;
      const b = hc.blockStyles[s.blockStyle].colourPrimary;
      expect(b.toLowerCase()).not.toBe(a.toLowerCase());
      expect(luminance(b)).toBeLessThan(luminance(a));
    }
  });

  it('white block text on high-contrast blocks reaches 7:1 contrast (WCAG AAA) for all our colours', () => {
    for (const [id, c] of Object.entries(HIGH_CONTRAST_COLOURS)) expect(contrastWithWhite(c.primary), id).toBeGreaterThanOrEqual(7);
    const hc = themeFor('highContrast');
    for (const s of Object.values(CATEGORY_STYLES)) expect(contrastWithWhite(hc.categoryStyles[s.categoryStyle].colour)).toBeGreaterThanOrEqual(7);
  });

  it('event hats have the rounded hat top in every theme; other blocks do not', () => {
    for (const name of THEME_NAMES) {
      const theme = themeFor(name);
      expect(theme.blockStyles[HAT_BLOCK_STYLE].hat, name).toBe('cap');
      expect(theme.blockStyles[CATEGORY_STYLES.motion.blockStyle].hat ?? '', name).toBe('');
    }
  });

  it('the standard Blockly styles (loops, logic…) are still there in our themes', () => {
    for (const name of THEME_NAMES) for (const s of ['loop_blocks', 'logic_blocks', 'math_blocks', 'text_blocks', 'list_blocks', 'variable_blocks', 'procedure_blocks'])
      expect(themeFor(name).blockStyles[s], `${name}: ${s}`).toBeDefined();
  });
});
