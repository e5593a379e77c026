/**
 * The Q-learning and token blocks end to end: a workspace saved by real headless Blockly → fromBlockly → the real
 * interpreter and rapier simulator (runHeadless). Failures here are what a student would see: the robot not reaching
 * the goal, a trained model missing from the project, or an unclear error on the block.
 */
import Blockly from 'blockly/core';
import 'blockly/blocks';
import * as En from 'blockly/msg/en';
import { beforeAll, describe, expect, it } from 'vitest';
import { toJavaScript } from '../codegen/javascript';
import { toPython } from '../codegen/python';
import { BLOCK_DEFINITIONS, BLOCK_MESSAGES, fromBlockly } from '../program/index';
import { runHeadless } from '../sim/headless';
import { SimSession } from '../sim/session';
import { initPhysics } from '../sim/world';
import { fromModelState, greedyPath } from './qlearning';

beforeAll(async () => {
  Blockly.setLocale(En as unknown as Record<string, string>);
  Object.assign(Blockly.Msg, BLOCK_MESSAGES.en);
  Blockly.common.defineBlocksWithJsonArray(BLOCK_DEFINITIONS as unknown as object[]);
  await initPhysics();
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
const text = (t: string): State => ({ block: { type: 'text', fields: { TEXT: t } } });
const block = (b: State): State => ({ block: b });
const print = (id: string, value: State, next?: State): State => ({ type: 'text_print', id, inputs: { TEXT: value }, ...(next ? { next } : {}) });

const train = (model: string, arena: string, episodes: number, next?: State): State => ({
  type: 'ai_q_train', id: 'train', fields: { MODEL: model, ARENA: arena },
  inputs: { EPISODES: num(episodes), ALPHA: num(0.5), GAMMA: num(0.9), EPSILON: num(0.2), GOAL: num(10), TRAP: num(-10), STEP: num(-1), WALL: num(-2) },
  ...(next ? { next } : {}),
});

async function run(blocks: State[], arenaId = 'grid-5x5', seconds = 90) {
  const { program, diagnostics } = fromBlockly(saved(blocks), 'robot');
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return runHeadless({ program, arenaId, seed: 3, seconds });
}

describe('Q-learning blocks in a run', () => {
  it('"train, then follow the learned path" drives the robot to the goal cell and saves the model in the project', async () => {
    const s = await run([
      { type: 'event_when_started', id: 'h', next: block(train('寻路', 'grid-5x5', 300, block({
        type: 'ai_q_follow', id: 'follow', fields: { MODEL: '寻路' },
        next: block(print('where', block({ type: 'lists_create_with', extraState: { itemCount: 2 }, inputs: {
          ADD0: block({ type: 'ai_grid_cell_row', id: 'row' }), ADD1: block({ type: 'ai_grid_cell_col', id: 'col' }),
        } }))),
      }))) },
    ]);
    expect(s.events.filter((e) => e.type === 'error')).toEqual([]);
    // The goal is row 0, column 3 (centre x 1.75 m, z 0.25 m).
    expect(Math.abs(s.robots[0].x - 1.75)).toBeLessThan(0.03);
    expect(Math.abs(s.robots[0].z - 0.25)).toBeLessThan(0.03);
    expect(s.events.filter((e) => e.type === 'log').map((e) => (e as { text: string }).text)).toEqual(['0,3']);
    expect(s.stopReason).toBe('finished');
    const model = s.ai.models.find((m) => m.name === '寻路')!;
    expect(model.kind).toBe('qlearning');
    expect(model.datasetId).toBeNull();
    expect(model.params).toMatchObject({ arena: 'grid-5x5', episodes: 300, alpha: 0.5, gamma: 0.9, epsilon: 0.2, rewardTrap: -10 });
    const { world, q } = fromModelState(model.state);
    expect(greedyPath(world, q).actions).toHaveLength(9);
  });

  it('a second thread sees the grid cell change while the robot follows the path', async () => {
    const s = await run([
      // Waits half a second first, so the watcher's first look is before the follow starts.
      { type: 'event_when_started', id: 'h', next: block({ type: 'control_wait_s', id: 'w0', inputs: { SECONDS: num(0.5) },
        next: block(train('Q', 'grid-5x5', 300, block({ type: 'ai_q_follow', id: 'follow', fields: { MODEL: 'Q' } }))) }) },
      { type: 'event_when_started', id: 'watch', next: block({
        type: 'controls_repeat_ext', id: 'rep', inputs: { TIMES: num(40), DO: block(print('p', block({ type: 'ai_grid_cell_row' }), block({
          type: 'control_wait_s', id: 'w', inputs: { SECONDS: num(1) },
        }))) },
      }) },
    ]);
    const rows = s.events.filter((e) => e.type === 'log').map((e) => Number((e as { text: string }).text));
    // −1 before the follow starts, then the start row 4, then up to row 0 at the goal.
    expect(rows[0]).toBe(-1);
    expect(rows).toContain(4);
    expect(rows).toContain(2);
    expect(rows.at(-1)).toBe(0);
    // The row only ever goes north on this path.
    const moving = rows.filter((r) => r >= 0);
    expect(moving.every((r, i) => i === 0 || r <= moving[i - 1])).toBe(true);
  });

  it('best action and learned path answer like the Q-table: E out of the start cell, W into the goal', async () => {
    const s = await run([
      { type: 'event_when_started', id: 'h', next: block(train('Q', 'grid-5x5', 300, block(print('best', block({
        type: 'ai_q_best_action', id: 'best', fields: { MODEL: 'Q' }, inputs: { ROW: num(0), COL: num(4) },
      }), block(print('path', block({ type: 'ai_q_path', id: 'path', fields: { MODEL: 'Q' } }))))))) },
    ], 'grid-5x5', 2);
    const logs = s.events.filter((e) => e.type === 'log').map((e) => (e as { text: string }).text);
    expect(logs[0]).toBe('W');
    expect(logs[1].split(',')).toHaveLength(9);
    expect(logs[1].endsWith('W')).toBe(true);
  });

  it('following an untrained model stops the run with a zh-CN/en error on the follow block', async () => {
    const s = await run([{ type: 'event_when_started', id: 'h', next: block({ type: 'ai_q_follow', id: 'follow', fields: { MODEL: '没训练' } }) }], 'grid-5x5', 2);
    const err = s.events.find((e) => e.type === 'error') as { error: { blockId: string; message: { 'zh-CN': string; en: string } } };
    expect(err.error.blockId).toBe('follow');
    expect(err.error.message.en).toContain('There is no model called "没训练" yet');
    expect(err.error.message['zh-CN']).toContain('还没有叫“没训练”的模型');
    expect(s.stopReason).toBe('error');
  });

  it('asking for a cell outside the grid names the cell and the grid size in both languages', async () => {
    const s = await run([{ type: 'event_when_started', id: 'h', next: block(train('Q', 'grid-5x5', 10, block(print('p', block({
      type: 'ai_q_best_action', id: 'best', fields: { MODEL: 'Q' }, inputs: { ROW: num(5), COL: num(0) },
    }))))) }], 'grid-5x5', 2);
    const err = s.events.find((e) => e.type === 'error') as { error: { blockId: string; message: { 'zh-CN': string; en: string } } };
    expect(err.error.blockId).toBe('best');
    expect(err.error.message.en).toBe('Row 5, column 0 is not in the 5 × 5 grid (rows and columns count from 0).');
    expect(err.error.message['zh-CN']).toBe('第 5 行第 0 列不在 5 × 5 的方格里（行和列都从 0 开始数）。');
  });

  it('a KNN model is not a Q model: the error says so instead of failing somewhere inside', async () => {
    const s = await run([{ type: 'event_when_started', id: 'h', next: block({
      type: 'ai_record', id: 'rec', fields: { DATASET: 'd' }, inputs: { FEATURES: num(1), LABEL: text('a') },
      next: block({ type: 'ai_train_knn', id: 'knn', fields: { MODEL: 'K', DATASET: 'd' }, inputs: { K: num(1), TEST: num(0) },
        next: block({ type: 'ai_q_follow', id: 'follow', fields: { MODEL: 'K' } }) }),
    }) }], 'grid-5x5', 2);
    const err = s.events.find((e) => e.type === 'error') as { error: { blockId: string; message: { 'zh-CN': string; en: string } } };
    expect(err.error.blockId).toBe('follow');
    expect(err.error.message.en).toContain('is not a Q-learning model');
    expect(err.error.message['zh-CN']).toContain('不是 Q 学习模型');
  });

  it('an arena that is not a grid (a hand-edited project file: the dropdown offers only grids) is a clear error listing the grid arenas', async () => {
    const json = saved([{ type: 'event_when_started', id: 'h', next: block(train('Q', 'grid-5x5', 10)) }]);
    const { program } = fromBlockly(JSON.parse(JSON.stringify(json).replace('"grid-5x5"', '"moon"')), 'robot');
    const s = await runHeadless({ program, arenaId: 'grid-5x5', seed: 1, seconds: 1 });
    const err = s.events.find((e) => e.type === 'error') as { error: { blockId: string; message: { 'zh-CN': string; en: string } } };
    expect(err.error.blockId).toBe('train');
    expect(err.error.message.en).toBe('Arena "moon" is not a grid. Q-learning can use these arenas: grid-5x5, maze.');
    expect(err.error.message['zh-CN']).toBe('场地“moon”不是方格场地。Q 学习可以用这些场地：grid-5x5, maze。');
    expect(s.ai.models).toEqual([]);
  });

  it('Stop while the robot follows the path wins at once: motors off, the robot stays where it was', async () => {
    const { program } = fromBlockly(saved([{ type: 'event_when_started', id: 'h', next: block(train('Q', 'grid-5x5', 300, block({ type: 'ai_q_follow', id: 'follow', fields: { MODEL: 'Q' } }))) }]), 'robot');
    const session = await SimSession.create({ program, arenaId: 'grid-5x5', seed: 1 });
    try {
      session.start();
      session.runTicks(200);
      const moving = session.snapshot().robots[0];
      expect(Math.abs(moving.leftMotorPercent) + Math.abs(moving.rightMotorPercent)).toBeGreaterThan(0);
      session.stop('user');
      const stopped = session.snapshot().robots[0];
      expect([stopped.leftMotorPercent, stopped.rightMotorPercent]).toEqual([0, 0]);
      session.runTicks(50);
      const later = session.snapshot().robots[0];
      expect(Math.hypot(later.position[0] - stopped.position[0], later.position[2] - stopped.position[2])).toBeLessThan(0.01);
    } finally {
      session.dispose();
    }
  });

  it('the same program and seed train the identical Q-table (a run is reproducible)', async () => {
    const prog = [{ type: 'event_when_started', id: 'h', next: block(train('Q', 'maze', 200)) }];
    const a = await run(prog, 'maze', 1);
    const b = await run(prog, 'maze', 1);
    expect(a.ai.models[0].state).toEqual(b.ai.models[0].state);
  });
});

describe('Q-learning blocks in the code view', () => {
  it('reads "follow" as a blocking call (await in JavaScript) and training as a plain call', () => {
    const { program } = fromBlockly(saved([{ type: 'event_when_started', id: 'h', next: block(train('Q表', 'maze', 300, block({ type: 'ai_q_follow', fields: { MODEL: 'Q表' } }))) }]), 'robot');
    const js = toJavaScript(program);
    expect(js).toContain('  ai.qTrain("Q表", "maze", 300, 0.5, 0.9, 0.2, 10, -10, -1, -2);');
    expect(js).toContain('  await ai.qFollow("Q表");');
    expect(toPython(program)).toContain('    ai.q_follow("Q表")');
  });
});

describe('token blocks in a run', () => {
  it('print the tokens, ids and count of mixed Chinese and English text', async () => {
    const t = '我爱AI机器人！';
    const s = await run([{ type: 'event_when_started', id: 'h', next: block(print('a', block({ type: 'ai_tokenize', inputs: { TEXT: text(t) } }),
      block(print('b', block({ type: 'ai_token_ids', inputs: { TEXT: text(t) } }),
        block(print('c', block({ type: 'ai_token_count', inputs: { TEXT: text(t) } }))))))) }], 'open-floor', 1);
    expect(s.events.filter((e) => e.type === 'log').map((e) => (e as { text: string }).text)).toEqual([
      '我,爱,ai,机器人,！', '643,788,402,1192,38', '5',
    ]);
  });
});
