/**
 * AI blocks in the interpreter: the `ai` IR node as statement and expression, on the run's AI context, and the
 * runtime errors a student sees on the block (zh-CN and en) when a model or dataset is missing or a feature list has
 * the wrong length. Real models run here; nothing is mocked except the robot (FakeDevices).
 */
import { describe, expect, it } from 'vitest';
import { createAiContext } from '../ai/context';
import { EMPTY_AI_STATE, type AiState } from '../ai/contracts';
import type { Expr, Program, Stmt } from '../program/ir';
import { Interpreter } from './interpreter';
import { createRandom } from './random';
import { FakeDevices, ir, runTicks } from './testing';
import type { RuntimeEvent } from './types';

const start = { kind: 'start' } as const;
const nums = (...xs: number[]): Expr => ir.list(xs.map((x) => ir.num(x)));

function run(body: Stmt[], state: AiState = EMPTY_AI_STATE, procedures: Program['procedures'] = []) {
  const random = createRandom(7);
  const ai = createAiContext(state, random);
  const devices = new FakeDevices();
  const interp = new Interpreter(ir.program([ir.script(start, body)], procedures), devices, { random, ai });
  const events: RuntimeEvent[] = [];
  interp.onDidEmit((e) => events.push(e));
  interp.start();
  runTicks(interp, devices, 5);
  const logs = events.filter((e) => e.type === 'log').map((e) => (e as { text: string }).text);
  const errors = events.filter((e): e is Extract<RuntimeEvent, { type: 'error' }> => e.type === 'error').map((e) => e.error);
  return { interp, ai, logs, errors };
}

/** Records red-ish samples near (200, 30, 30) and blue-ish near (30, 30, 200) into dataset 颜色数据. */
function recordColours(): Stmt[] {
  const rows: [number, number, number, string][] = [
    [200, 30, 30, 'red'], [210, 40, 20, 'red'], [190, 20, 40, 'red'],
    [30, 30, 200, 'blue'], [20, 40, 210, 'blue'], [40, 20, 190, 'blue'],
  ];
  return rows.map(([r, g, b, label]) => ir.aiDo('record', [nums(r, g, b), ir.str(label), ir.str('颜色数据')]));
}

describe('AI blocks in the interpreter', () => {
  it('records samples, trains KNN and predicts a colour with its confidence; the context keeps dataset and model', () => {
    const { logs, errors, ai, interp } = run([
      ...recordColours(),
      ir.log(ir.ai('datasetSize', [ir.str('颜色数据')])),
      ir.aiDo('trainKnn', [ir.str('颜色分类器'), ir.str('颜色数据'), ir.num(3), ir.num(0)]),
      ir.log(ir.ai('predict', [ir.str('颜色分类器'), nums(220, 35, 25)])),
      ir.log(ir.ai('predict', [ir.str('颜色分类器'), nums(25, 25, 230)])),
      ir.log(ir.ai('confidence', [ir.str('颜色分类器'), nums(220, 35, 25)])),
      ir.log(ir.ai('accuracy', [ir.str('颜色分类器')])),
    ]);
    expect(errors).toEqual([]);
    expect(logs).toEqual(['6', 'red', 'blue', '100', '100']);
    expect(interp.state).toBe('finished');
    const state = ai.snapshot();
    expect(state.datasets.map((d) => [d.name, d.samples.length, d.features])).toEqual([['颜色数据', 6, ['x1', 'x2', 'x3']]]);
    expect(state.models.map((m) => [m.name, m.kind, m.datasetId, m.params])).toEqual([['颜色分类器', 'knn', state.datasets[0].id, { k: 3, testPercent: 0 }]]);
    expect(ai.changed).toBe(true);
  });

  it('"if predicted colour = red then turn left" drives the robot from the model', () => {
    const devices = new FakeDevices();
    const random = createRandom(3);
    const ai = createAiContext(EMPTY_AI_STATE, random);
    const program = ir.program([ir.script(start, [
      ...recordColours(),
      ir.aiDo('trainKnn', [ir.str('m'), ir.str('颜色数据'), ir.num(1), ir.num(0)]),
      ir.if(ir.bin('==', ir.ai('predict', [ir.str('m'), nums(205, 25, 35)]), ir.str('red')), [ir.command('robot.turnDeg', [ir.num(-90), ir.num(50)])]),
    ])]);
    const interp = new Interpreter(program, devices, { random, ai });
    interp.start();
    runTicks(interp, devices, 8);
    expect(devices.callsOf('turnDeg').length).toBe(1);
  });

  it('works inside procedure calls (the stack path) as well as in plain expressions', () => {
    const proc = ir.proc('guess', ['x'], [], ir.ai('predict', [ir.str('m'), ir.list([ir.v('x'), ir.num(30), ir.num(30)])]));
    const { logs, errors } = run([
      ...recordColours(),
      ir.aiDo('trainKnn', [ir.str('m'), ir.str('颜色数据'), ir.num(3), ir.num(0)]),
      ir.log(ir.call('guess', [ir.num(200)])),
      ir.aiDo('record', [ir.list([ir.call('guess', [ir.num(20)]), ir.num(1), ir.num(2)]), ir.str('x'), ir.str('other')]),
    ], EMPTY_AI_STATE, [proc]);
    // 'blue' is not a number: recording it as a feature fails on the record block.
    expect(logs).toEqual(['red']);
    expect(errors.map((e) => [e.code, e.params.key])).toEqual([['ai', 'error.featureNotNumber']]);
  });

  it('K-means groups and a line\'s prediction and error through blocks; asking a line for its confidence is an error', () => {
    const { logs, errors } = run([
      ...[1, 2, 3, 10, 11, 12].map((x) => ir.aiDo('record', [ir.num(x), ir.str(String(2 * x + 1)), ir.str('点')])),
      ir.aiDo('trainKmeans', [ir.str('分组'), ir.str('点'), ir.num(2)]),
      ir.log(ir.ai('clusterOf', [ir.str('分组'), ir.num(2.5)])),
      ir.log(ir.ai('clusterOf', [ir.str('分组'), ir.num(9)])),
      ir.aiDo('trainLinear', [ir.str('直线'), ir.str('点')]),
      ir.log(ir.ai('predict', [ir.str('直线'), ir.num(20)])),
      ir.log(ir.ai('modelError', [ir.str('直线')])),
      ir.log(ir.ai('confidence', [ir.str('直线'), ir.num(20)], 'conf')),
    ]);
    expect(logs).toEqual(['1', '2', '41', '0']);
    expect(errors.map((e) => [e.blockId, e.params.key])).toEqual([['conf', 'error.noConfidence']]);
    expect(errors[0].message.en).toBe('Model "直线" is not a classifier, so it has no confidence.');
  });

  it('predicting with a model that does not exist is an error on the predict block, in Chinese and English', () => {
    const predict = ir.ai('predict', [ir.str('颜色分类器'), nums(1, 2, 3)], 'predict-block');
    const { errors, interp } = run([ir.log(predict)]);
    expect(interp.state).toBe('error');
    expect(errors).toHaveLength(1);
    expect(errors[0].blockId).toBe('predict-block');
    expect(errors[0].message['zh-CN']).toContain('还没有叫“颜色分类器”的模型');
    expect(errors[0].message.en).toContain('There is no model called "颜色分类器"');
  });

  it('a feature list of the wrong length is an error naming both counts', () => {
    const { errors } = run([
      ...recordColours(),
      ir.aiDo('trainKnn', [ir.str('m'), ir.str('颜色数据'), ir.num(3), ir.num(0)]),
      ir.log(ir.ai('predict', [ir.str('m'), nums(1, 2)], 'p')),
    ]);
    expect(errors.map((e) => [e.blockId, e.params.key, e.params.expected, e.params.got])).toEqual([['p', 'error.featureCount', 3, 2]]);
    expect(errors[0].message.en).toBe('Model "m" needs 3 features, but got 2.');
  });

  it('training on an empty or unknown dataset is an error, and the run loses nothing recorded before', () => {
    const unknown = run([ir.aiDo('trainTree', [ir.str('t'), ir.str('没有的数据'), ir.num(3), ir.num(0)], 'train')]);
    expect(unknown.errors.map((e) => [e.blockId, e.params.key])).toEqual([['train', 'error.unknownDataset']]);
    const empty = run([
      ...recordColours(),
      ir.aiDo('datasetClear', [ir.str('颜色数据')]),
      ir.aiDo('trainKnn', [ir.str('m'), ir.str('颜色数据'), ir.num(3), ir.num(0)], 'train'),
    ]);
    expect(empty.errors.map((e) => e.params.key)).toEqual(['error.emptyDataset']);
    expect(empty.errors[0].message['zh-CN']).toContain('数据集“颜色数据”里还没有样本');
    const kept = run([...recordColours(), ir.aiDo('trainKnn', [ir.str('m'), ir.str('颜色数据'), ir.num(0), ir.num(0)], 'bad-k')]);
    expect(kept.errors.map((e) => [e.blockId, e.params.key])).toEqual([['bad-k', 'error.badK']]);
    expect(kept.ai.snapshot().datasets[0].samples).toHaveLength(6);
  });

  it('a saved model whose state is damaged is an error asking to train it again (not a crash)', () => {
    const state: AiState = {
      datasets: [],
      models: [{ id: 'model-1', name: 'm', kind: 'knn', datasetId: null, features: ['x1'], params: {}, state: { nonsense: true }, metrics: { trainSize: 0, testSize: 0 } }],
    };
    const { errors } = run([ir.log(ir.ai('predict', [ir.str('m'), nums(1)]))], state);
    expect(errors.map((e) => e.params.key)).toEqual(['error.modelDamaged']);
  });

  it('a model that was never trained (no state yet) says so and asks for training', () => {
    const state: AiState = {
      datasets: [],
      models: [{ id: 'model-1', name: '新模型', kind: 'tree', datasetId: null, features: ['x1'], params: {}, state: null, metrics: { trainSize: 0, testSize: 0 } }],
    };
    const { errors } = run([ir.log(ir.ai('confidence', [ir.str('新模型'), nums(1)], 'conf'))], state);
    expect(errors.map((e) => [e.blockId, e.params.key])).toEqual([['conf', 'error.untrainedModel']]);
    expect(errors[0].message['zh-CN']).toBe('模型“新模型”还没有训练过。');
  });

  it('an unknown AI op (IR from a newer version) fails on its block instead of at compile time', () => {
    const { errors } = run([ir.aiDo('teleport', [], 'x')]);
    expect(errors.map((e) => [e.blockId, e.code, e.params.key])).toEqual([['x', 'ai', 'error.unknownOp']]);
  });

  it('the run works on a copy: the state passed in is not changed', () => {
    const state: AiState = { datasets: [{ id: 'd', name: 'data', features: ['x1'], samples: [{ values: [1], label: 'a' }] }], models: [] };
    const { ai } = run([ir.aiDo('record', [ir.num(2), ir.str('b'), ir.str('data')])], state);
    expect(state.datasets[0].samples).toHaveLength(1);
    expect(ai.snapshot().datasets[0].samples.map((s) => [s.values, s.label])).toEqual([[[1], 'a'], [[2], 'b']]);
  });
});
