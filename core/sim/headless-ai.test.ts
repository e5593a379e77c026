/**
 * AI blocks in a whole simulated run (the real simulator, interpreter and models): a program records sensor samples,
 * trains, predicts and drives on the prediction; the run summary carries the datasets and the trained model, and a
 * second run starting from that state predicts with the saved model without training again (what a saved project
 * does). Also: old project files with `models: []` still open, and a saved model survives the project schema.
 */
import { describe, expect, it } from 'vitest';
import { ProjectSchema, newProject } from '../contracts/project';
import { ir } from '../runtime/testing';
import type { Expr, Stmt } from '../program/ir';
import { runHeadless } from './headless';

const start = { kind: 'start' } as const;
const features = (...xs: Expr[]): Expr => ir.ai('features', xs);

/** Records the light reading (+ a constant) as "floor", and two made-up "dark" samples, 5 times each. */
const record: Stmt[] = [
  ir.repeat(ir.num(5), [
    ir.aiDo('record', [features(ir.read('robot.lightPercent'), ir.num(1)), ir.str('floor'), ir.str('光线')]),
    ir.aiDo('record', [features(ir.num(2), ir.num(1)), ir.str('dark'), ir.str('光线')]),
    ir.wait(ir.num(0.02)),
  ]),
];
const predictAndDrive: Stmt[] = [
  ir.set('guess', ir.ai('predict', [ir.str('地面'), features(ir.read('robot.lightPercent'), ir.num(1))])),
  ir.log(ir.v('guess')),
  ir.if(ir.bin('==', ir.v('guess'), ir.str('floor')), [ir.command('robot.driveCm', [ir.num(10), ir.num(50)])]),
];

describe('headless runs with AI blocks', () => {
  it('records, trains and predicts during a run; the summary carries the dataset and the model, and the robot drives', async () => {
    const program = ir.program([ir.script(start, [...record, ir.aiDo('trainKnn', [ir.str('地面'), ir.str('光线'), ir.num(3), ir.num(0)]), ...predictAndDrive])], [], ['guess']);
    const s = await runHeadless({ program, arenaId: 'open-floor', seed: 3, seconds: 5 });
    expect(s.events.filter((e) => e.type === 'error')).toEqual([]);
    expect(s.events.filter((e) => e.type === 'log').map((e) => (e as { text: string }).text)).toEqual(['floor']);
    expect(s.ai.datasets.map((d) => [d.name, d.samples.length])).toEqual([['光线', 10]]);
    expect(s.ai.models).toHaveLength(1);
    expect(s.ai.models[0]).toMatchObject({ name: '地面', kind: 'knn', datasetId: s.ai.datasets[0].id, metrics: { trainSize: 10, testSize: 0, accuracy: 1 } });
    // It drove 10 cm forward from the start pose.
    const again = await runHeadless({ program: ir.program([ir.script(start, [])]), arenaId: 'open-floor', seed: 3, seconds: 1 });
    expect(Math.hypot(s.robots[0].x - again.robots[0].x, s.robots[0].z - again.robots[0].z)).toBeGreaterThan(0.08);
    // Same inputs, same AI result.
    const twice = await runHeadless({ program, arenaId: 'open-floor', seed: 3, seconds: 5 });
    expect(twice.ai).toEqual(s.ai);
    expect(twice.stateHash).toBe(s.stateHash);
  });

  it('a later run predicts with the saved model (no training block), and the state it started from is not changed', async () => {
    const trainRun = await runHeadless({
      program: ir.program([ir.script(start, [...record, ir.aiDo('trainKnn', [ir.str('地面'), ir.str('光线'), ir.num(3), ir.num(0)])])]),
      arenaId: 'open-floor', seed: 3, seconds: 5,
    });
    // Through the project file: the saved model must pass the project schema and come back usable.
    const project = ProjectSchema.parse(JSON.parse(JSON.stringify({ ...newProject('robot', '2026-11-30T00:00:00Z', 'test'), ...trainRun.ai })));
    const ai = { datasets: project.datasets, models: project.models };
    const before = JSON.stringify(ai);
    const s = await runHeadless({ program: ir.program([ir.script(start, predictAndDrive)], [], ['guess']), arenaId: 'open-floor', seed: 9, seconds: 3, ai });
    expect(s.events.filter((e) => e.type === 'log').map((e) => (e as { text: string }).text)).toEqual(['floor']);
    expect(JSON.stringify(ai)).toBe(before);
  });

  it('a run without AI state reports an empty one', async () => {
    const s = await runHeadless({ program: ir.program([ir.script(start, [])]), arenaId: 'open-floor', seed: 1, seconds: 0.1 });
    expect(s.ai).toEqual({ datasets: [], models: [] });
  });
});

describe('project files and saved models', () => {
  it('a version 1 file from before the AI lab (models: [] or no models at all) still opens', () => {
    const old = newProject('robot', '2026-01-01T00:00:00Z', '0.1.0');
    expect(ProjectSchema.parse({ ...old, models: [] }).models).toEqual([]);
    const { models: _models, datasets: _datasets, ...bare } = old;
    expect(ProjectSchema.parse(bare)).toMatchObject({ models: [], datasets: [] });
  });

  it('a model entry that is not a saved model is refused by the schema (a damaged file is not half-read)', () => {
    const old = newProject('robot', '2026-01-01T00:00:00Z', '0.1.0');
    expect(ProjectSchema.safeParse({ ...old, models: [{ name: 'x' }] }).success).toBe(false);
  });
});
