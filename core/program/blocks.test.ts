/**
 * The block definitions, toolbox and messages against real (headless) Blockly: a mismatch here is a block a student
 * cannot drag out, a toolbox that fails to open, or a block label showing `%{BKY_…}` instead of words.
 */
import Blockly from 'blockly/core';
import 'blockly/blocks';
import * as En from 'blockly/msg/en';
import * as ZhHans from 'blockly/msg/zh-hans';
import { beforeAll, describe, expect, it } from 'vitest';
import { BLOCK_DEFINITIONS, BLOCK_MESSAGES, BLOCK_SPECS, fromBlockly, toolboxBlockTypes, toolboxFor, type TargetKit, type Toolbox } from './index';

const KITS: TargetKit[] = ['robot', 'drone', 'sensorkit'];

function useLanguage(lang: 'zh-CN' | 'en') {
  Blockly.setLocale((lang === 'en' ? En : ZhHans) as unknown as Record<string, string>);
  Object.assign(Blockly.Msg, BLOCK_MESSAGES[lang]);
}

beforeAll(() => {
  useLanguage('en');
  Blockly.common.defineBlocksWithJsonArray(BLOCK_DEFINITIONS as unknown as object[]);
});

function refs(x: unknown, out = new Set<string>()): Set<string> {
  if (typeof x === 'string') for (const m of x.matchAll(/%\{BKY_([A-Za-z0-9_]+)\}/g)) out.add(m[1]);
  else if (Array.isArray(x)) x.forEach((y) => refs(y, out));
  else if (x && typeof x === 'object') Object.values(x).forEach((y) => refs(y, out));
  return out;
}

describe('block definitions and toolbox', () => {
  it('every %{BKY_…} label used by a block or a category exists in Chinese and in English', () => {
    const used = refs([BLOCK_DEFINITIONS, ...KITS.map((k) => toolboxFor(k))]);
    expect(used.size).toBeGreaterThan(50);
    for (const key of used) {
      // Blockly's own messages (e.g. from standard blocks) are not ours to supply.
      if (!key.startsWith('AILAB_')) continue;
      expect(BLOCK_MESSAGES['zh-CN'][key], `zh-CN ${key}`).toBeTruthy();
      expect(BLOCK_MESSAGES.en[key], `en ${key}`).toBeTruthy();
    }
  });

  it('every custom block builds in both languages with readable labels (no %{BKY_…} or %1 left over)', () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      useLanguage(lang);
      const ws = new Blockly.Workspace();
      for (const spec of BLOCK_SPECS) {
        const block = ws.newBlock(spec.type);
        const text = block.toString();
        expect(text, `${lang} ${spec.type}`).not.toMatch(/%\{BKY_|%\d/);
        for (const input of block.inputList) for (const field of input.fieldRow) {
          if (field instanceof Blockly.FieldDropdown) {
            for (const [label] of field.getOptions(false)) expect(String(label), `${lang} ${spec.type} option`).not.toMatch(/%\{BKY_/);
          }
        }
      }
      ws.dispose();
    }
    useLanguage('en');
  });

  it('block type ids are snake_case with a category prefix, and field names are UPPER_SNAKE', () => {
    for (const spec of BLOCK_SPECS) {
      expect(spec.type).toMatch(/^(event|robot|sensing|looks|control|drone|kit|ai)_[a-z0-9_]+$/);
      for (const arg of refsArgs(spec.json)) expect(arg).toMatch(/^[A-Z][A-Z0-9_]*$/);
    }
  });

  for (const kit of KITS) {
    it(`${kit}: every toolbox block can be dragged into headless Blockly and turns into IR without "unknown block"`, () => {
      const ws = new Blockly.Workspace();
      const toolbox: Toolbox = toolboxFor(kit);
      let placed = 0;
      for (const category of toolbox.contents) for (const entry of category.contents ?? []) {
        const { kind: _kind, ...state } = entry;
        const block = Blockly.serialization.blocks.append(state as Blockly.serialization.blocks.State, ws);
        const hat = ws.newBlock('event_when_started');
        if (block.outputConnection) {
          const print = ws.newBlock('text_print');
          print.getInput('TEXT')!.connection!.connect(block.outputConnection);
          hat.nextConnection!.connect(print.previousConnection!);
        } else if (block.previousConnection) {
          hat.nextConnection!.connect(block.previousConnection);
        } else {
          hat.dispose();
        }
        placed++;
      }
      expect(placed).toBeGreaterThan(30);
      const { diagnostics } = fromBlockly(Blockly.serialization.workspaces.save(ws), kit);
      expect(diagnostics.filter((d) => d.code === 'unknownBlock' || d.code === 'wrongKit')).toEqual([]);
      ws.dispose();
    });

    it(`${kit}: the toolbox shows the categories of that kit, each with a name and a theme style`, () => {
      const ids = toolboxFor(kit).contents.map((c) => c.toolboxitemid);
      const expected = {
        robot: ['events', 'motion', 'sensing', 'looks', 'ai', 'control', 'operators', 'variables', 'lists', 'procedures'],
        drone: ['events', 'drone', 'control', 'operators', 'variables', 'lists', 'procedures'],
        sensorkit: ['events', 'sensorkit', 'looks', 'ai', 'control', 'operators', 'variables', 'lists', 'procedures'],
      }[kit];
      expect(ids).toEqual(expected);
      for (const c of toolboxFor(kit).contents) {
        expect(c.name).toMatch(/^%\{BKY_AILAB_CAT_/);
        expect(c.categorystyle).toBeTruthy();
      }
    });
  }

  it('the toolbox of each kit offers only blocks of that kit (no drone blocks for the robot car)', () => {
    expect(toolboxBlockTypes('robot')).toContain('robot_drive_cm');
    expect(toolboxBlockTypes('robot')).not.toContain('drone_takeoff');
    expect(toolboxBlockTypes('drone')).not.toContain('robot_drive_cm');
    expect(toolboxBlockTypes('sensorkit')).toContain('looks_set_led');
    expect(toolboxBlockTypes('sensorkit')).not.toContain('looks_play_tone');
    expect(toolboxBlockTypes('sensorkit')).toContain('kit_temperature_c');
  });

  it('a lesson can narrow the toolbox to a few blocks; empty categories disappear', () => {
    const toolbox = toolboxFor('robot', { blockTypes: ['event_when_started', 'robot_drive_cm', 'robot_turn_deg', 'controls_repeat_ext', 'variables_get'] });
    expect(toolbox.contents.map((c) => [c.toolboxitemid, (c.contents ?? []).map((b) => b.type)])).toEqual([
      ['events', ['event_when_started']],
      ['motion', ['robot_drive_cm', 'robot_turn_deg']],
      ['control', ['controls_repeat_ext']],
      ['variables', []],
    ]);
  });

  it('the robot toolbox gives "drive" a default of 20 cm so a dragged block works at once', () => {
    const motion = toolboxFor('robot').contents.find((c) => c.toolboxitemid === 'motion')!;
    const drive = motion.contents!.find((b) => b.type === 'robot_drive_cm')!;
    expect(drive.inputs?.CM.shadow).toEqual({ type: 'math_number', fields: { NUM: 20 } });
  });
});

/** Names of fields and inputs in a block JSON definition. */
function refsArgs(json: object): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(json)) {
    if (/^args\d+$/.test(k) && Array.isArray(v)) for (const a of v) if (a && typeof a === 'object' && 'name' in a) out.push(String(a.name));
  }
  return out;
}
