/**
 * AI blocks through real headless Blockly → fromBlockly: the IR `ai` nodes the interpreter runs. A failure here is
 * an AI block that records into the wrong dataset, or a features block that adds zeros for its empty slots.
 */
import Blockly from 'blockly/core';
import 'blockly/blocks';
import * as En from 'blockly/msg/en';
import { beforeAll, describe, expect, it } from 'vitest';
import { BLOCK_DEFINITIONS, BLOCK_MESSAGES, fromBlockly } from './index';

beforeAll(() => {
  Blockly.setLocale(En as unknown as Record<string, string>);
  Object.assign(Blockly.Msg, BLOCK_MESSAGES.en);
  Blockly.common.defineBlocksWithJsonArray(BLOCK_DEFINITIONS as unknown as object[]);
});

type State = Record<string, unknown>;
function saved(blocks: State[]): State {
  const ws = new Blockly.Workspace();
  Blockly.serialization.workspaces.load({ blocks: { languageVersion: 0, blocks } }, ws);
  const json = Blockly.serialization.workspaces.save(ws) as State;
  ws.dispose();
  return json;
}
const num = (n: number): State => ({ shadow: { type: 'math_number', fields: { NUM: n } } });
const block = (b: State): State => ({ block: b });
function strip<T>(x: T): T {
  return JSON.parse(JSON.stringify(x, (k, v) => (k === 'blockId' ? undefined : v)));
}

describe('fromBlockly: AI blocks', () => {
  it('"record features(light, 5) as \'bright\' in 光线数据" then "train KNN" become ai statements with their args', () => {
    const json = saved([{
      type: 'event_when_started', id: 'h', next: block({
        type: 'ai_record', id: 'rec', fields: { DATASET: '光线数据' }, inputs: {
          FEATURES: block({ type: 'ai_features', id: 'f', inputs: { A: block({ type: 'robot_light_percent', id: 'light' }), C: num(5) } }),
          LABEL: block({ type: 'text', fields: { TEXT: 'bright' } }),
        },
        next: block({ type: 'ai_train_knn', id: 'train', fields: { MODEL: '分类器', DATASET: '光线数据' }, inputs: { K: num(3), TEST: num(20) } }),
      }),
    }]);
    const { program, diagnostics } = fromBlockly(json, 'robot');
    expect(diagnostics).toEqual([]);
    expect(strip(program.scripts[0].body)).toEqual([
      {
        kind: 'ai', op: 'record', args: [
          // Slots B and D are empty: left out, not zeros.
          { kind: 'ai', op: 'features', args: [{ kind: 'read', sensor: 'robot.lightPercent', args: [] }, { kind: 'num', value: 5 }] },
          { kind: 'str', value: 'bright' },
          { kind: 'str', value: '光线数据' },
        ],
      },
      { kind: 'ai', op: 'trainKnn', args: [{ kind: 'str', value: '分类器' }, { kind: 'str', value: '光线数据' }, { kind: 'num', value: 3 }, { kind: 'num', value: 20 }] },
    ]);
  });

  it('"if model prediction = red then turn left" reads the predict reporter as an ai expression', () => {
    const json = saved([{
      type: 'event_when_started', id: 'h', next: block({
        type: 'controls_if', id: 'if', inputs: {
          IF0: block({
            type: 'logic_compare', fields: { OP: 'EQ' }, inputs: {
              A: block({ type: 'ai_predict', id: 'p', fields: { MODEL: '颜色' }, inputs: { FEATURES: block({ type: 'robot_light_percent' }) } }),
              B: block({ type: 'text', fields: { TEXT: 'red' } }),
            },
          }),
        },
      }),
    }]);
    const { program, diagnostics } = fromBlockly(json, 'robot');
    expect(diagnostics).toEqual([]);
    const cond = (program.scripts[0].body[0] as { branches: { cond: unknown }[] }).branches[0].cond;
    expect(strip(cond)).toEqual({
      kind: 'binary', op: '==',
      left: { kind: 'ai', op: 'predict', args: [{ kind: 'str', value: '颜色' }, { kind: 'read', sensor: 'robot.lightPercent', args: [] }] },
      right: { kind: 'str', value: 'red' },
    });
  });

  it('an empty features slot of predict is a missing-input warning on the block, as for other blocks', () => {
    const json = saved([{ type: 'event_when_started', id: 'h', next: block({ type: 'text_print', inputs: { TEXT: block({ type: 'ai_predict', id: 'p', fields: { MODEL: 'm' } }) } }) }]);
    const { diagnostics } = fromBlockly(json, 'robot');
    expect(diagnostics.map((d) => [d.code, d.blockId, d.params.input])).toEqual([['missingInput', 'p', 'FEATURES']]);
  });

  it('an emptied dataset or model name field is a warning on the block before anything runs (zh-CN and en)', () => {
    const json = saved([{ type: 'event_when_started', id: 'h', next: block({ type: 'ai_train_linear', id: 't', fields: { MODEL: '  ', DATASET: 'd' } }) }]);
    const { diagnostics } = fromBlockly(json, 'robot');
    expect(diagnostics.map((d) => [d.code, d.severity, d.blockId])).toEqual([['aiEmptyName', 'warning', 't']]);
    expect(diagnostics[0].message['zh-CN']).toBe('这块积木的数据集或模型名字是空的，运行时会出错。');
    expect(diagnostics[0].message.en).toContain('name is empty');
  });

  it('AI blocks in a drone project get the wrong-kit diagnostic (the drone toolbox has no AI category)', () => {
    const json = saved([{ type: 'event_when_started', id: 'h', next: block({ type: 'ai_dataset_clear', id: 'c', fields: { DATASET: 'd' } }) }]);
    expect(fromBlockly(json, 'drone').diagnostics.map((d) => [d.code, d.blockId])).toEqual([['wrongKit', 'c']]);
  });
});
