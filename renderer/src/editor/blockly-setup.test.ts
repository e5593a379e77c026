/** Blockly's messages follow the UI language: Blockly's own strings and our blocks' strings switch together. */
import * as Blockly from 'blockly';
import { describe, expect, it } from 'vitest';
import { BUNDLES } from '../../../core/i18n';
import { applyBlocklyLanguage, registerBlocksOnce, themeFor } from './blockly-setup';

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
