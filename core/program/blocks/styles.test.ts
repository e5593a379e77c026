/** Every custom block and toolbox category is coloured through a theme style, so theme switches recolour them. */
import { describe, expect, it } from 'vitest';
import { BLOCK_SPECS } from './index';
import { CATEGORY_STYLES, HAT_BLOCK_STYLE } from './types';
import { toolboxFor } from '../toolbox';
import { ALL_KITS } from './types';

const OUR_BLOCK_STYLES = new Set([...Object.values(CATEGORY_STYLES).map((s) => s.blockStyle), HAT_BLOCK_STYLE]);
/** Blockly's standard block styles (defined by Classic and the high-contrast plugin alike). */
const STANDARD_BLOCK_STYLES = new Set(['loop_blocks', 'logic_blocks', 'math_blocks', 'text_blocks', 'list_blocks']);

describe('block styles', () => {
  it('no custom block carries a fixed hex colour (a theme could not recolour it)', () => {
    for (const spec of BLOCK_SPECS) expect(spec.json, spec.type).not.toHaveProperty('colour');
  });

  it('every custom block names a style that is ours or a standard Blockly one', () => {
    for (const spec of BLOCK_SPECS) {
      const style = spec.json.style as string | undefined;
      expect(style, spec.type).toBeTruthy();
      expect(OUR_BLOCK_STYLES.has(style!) || STANDARD_BLOCK_STYLES.has(style!), `${spec.type}: ${style}`).toBe(true);
    }
  });

  it('blocks of our categories use their category style; event hats use the hat style', () => {
    for (const spec of BLOCK_SPECS) {
      if (spec.ir.kind === 'hat') expect(spec.json.style, spec.type).toBe(HAT_BLOCK_STYLE);
      else if (spec.category in CATEGORY_STYLES)
        expect(spec.json.style, spec.type).toBe(CATEGORY_STYLES[spec.category as keyof typeof CATEGORY_STYLES].blockStyle);
    }
  });

  it('every hat block starts a script: no block can be attached above it', () => {
    const hats = BLOCK_SPECS.filter((s) => s.json.style === HAT_BLOCK_STYLE);
    expect(hats.map((s) => s.type).sort()).toEqual(['event_when_button', 'event_when_message', 'event_when_obstacle', 'event_when_started']);
    for (const s of hats) expect(s.json).not.toHaveProperty('previousStatement');
  });

  it('every toolbox category of every kit has a category style and no hex colour', () => {
    const ours = new Set(Object.values(CATEGORY_STYLES).map((s) => s.categoryStyle));
    for (const kit of ALL_KITS) for (const c of toolboxFor(kit).contents) {
      expect(c, c.toolboxitemid).not.toHaveProperty('colour');
      expect(c.categorystyle, c.toolboxitemid).toBeTruthy();
      if (c.toolboxitemid in CATEGORY_STYLES) expect(ours.has(c.categorystyle)).toBe(true);
    }
  });

  it('style names are unique, so two categories never share a colour by accident', () => {
    const names = Object.values(CATEGORY_STYLES).flatMap((s) => [s.blockStyle, s.categoryStyle]);
    expect(new Set([...names, HAT_BLOCK_STYLE]).size).toBe(names.length + 1);
  });
});
