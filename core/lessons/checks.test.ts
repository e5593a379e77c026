/**
 * Every check type judged on real headless runs of tiny IR programs (the same simulator and interpreter as the app):
 * each test shows a program that passes and one that fails, and what the child reads. AI checks use a hand-made
 * AiState (the datasets/models a run ends with), since they only read that state.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AiState } from '../ai/contracts';
import type { Expr, Program, Stmt } from '../program/ir';
import { ir } from '../runtime/testing';
import type { Arena } from '../sim/arena';
import { arenaById } from '../sim/arenas/index';
import { runHeadless, type HeadlessOptions } from '../sim/headless';
import { initPhysics } from '../sim/world';
import { evaluateCheck, type CheckInput } from './checks';
import { CheckSchema, type Check } from './unit-schema';

beforeAll(() => initPhysics());

const cmd = (op: string, ...args: Parameters<typeof ir.num>[0][]) => ir.command(op, args.map((a) => ir.num(a)));
const led = (hex: string): Stmt => ir.command('robot.setLed', [{ kind: 'colour', value: hex, blockId: 'c' }]);
const start = (body: Stmt[], target: Program['target'] = 'robot', variables: string[] = []) => ir.program([ir.script({ kind: 'start' }, body)], [], variables, target);

async function run(program: Program, arenaId: string, seconds: number, extra: Partial<HeadlessOptions> = {}, workspace: unknown = {}, ai?: AiState): Promise<CheckInput> {
  const summary = await runHeadless({ program, arenaId, seed: 1, seconds, keepTrace: true, ...extra });
  return { summary, workspace, arena: extra.arena ?? arenaById(arenaId)!, kit: program.target, ai: ai ?? summary.ai };
}

/** Parses the check as a unit file would (so the tests use only what the schema accepts). */
const check = (raw: unknown): Check => CheckSchema.parse(raw);

describe('frame checks: eventually, always, never, whenever', () => {
  it('never touching a wall: driving 2.5 m into the maze wall fails at the moment of contact, 50 cm passes', async () => {
    const c = check({ id: 'no-wall', type: 'never', when: { quantity: 'wallContact', op: '==', value: true } });
    const bad = evaluateCheck(c, await run(start([cmd('robot.driveCm', 250, 100)]), 'maze', 12));
    expect(bad.passed).toBe(false);
    expect(bad.atMs).toBeGreaterThan(5000);
    expect(bad.atMs).toBeLessThan(5600);
    const s = (bad.atMs! / 1000).toFixed(1);
    expect(bad.message['zh-CN']).toBe(`在第 ${s} 秒，机器人碰到了墙——这可不行哦。`);
    expect(bad.message.en).toBe(`At ${s} s the robot touches a wall — that must not happen.`);
    const good = evaluateCheck(c, await run(start([cmd('robot.driveCm', 50, 100)]), 'maze', 12));
    expect(good.passed).toBe(true);
    expect(good.message.en).toBe('Good: not once did it happen that the robot touches a wall.');
  });

  it('reaching a place within a time: near the wall within 12 s passes when the robot drives far enough', async () => {
    const c = check({ id: 'near', type: 'eventually', when: { quantity: 'distanceCm', op: '<', value: 10 }, withinS: 12 });
    const good = evaluateCheck(c, await run(start([cmd('robot.driveCm', 250, 100)]), 'maze', 12));
    expect(good.passed).toBe(true);
    expect(good.message['zh-CN']).toMatch(/^做到了！在第 \d+\.\d 秒，机器人的超声波距离小于 10 厘米。$/);
    const bad = evaluateCheck(c, await run(start([cmd('robot.driveCm', 50, 100)]), 'maze', 12));
    expect(bad.passed).toBe(false);
    expect(bad.message.en).toMatch(/^Not yet: in \d+\.\d s it never happened that the robot's distance reading is less than 10 cm\.$/);
  });

  it('zones are named by their label: the robot leaving the blue start zone of the maze', async () => {
    const c = check({ id: 'leave', type: 'eventually', when: { not: { inZone: 'start' } } });
    const good = evaluateCheck(c, await run(start([cmd('robot.driveCm', 50, 100)]), 'maze', 5));
    expect(good.passed).toBe(true);
    expect(good.message['zh-CN']).toContain('不是这样：机器人在“起点”区域里');
    const bad = evaluateCheck(c, await run(start([cmd('robot.driveCm', 5, 100)]), 'maze', 5));
    expect(bad.passed).toBe(false);
  });

  it('always red: an LED that turns green after 1 s fails at that moment', async () => {
    const c = check({ id: 'red', type: 'always', when: { quantity: 'led', op: '==', value: 'red' } });
    const good = evaluateCheck(c, await run(start([led('#ff0000'), ir.wait(ir.num(2))]), 'open-floor', 3));
    expect(good.passed).toBe(true);
    expect(good.message['zh-CN']).toBe('很好！整个过程中一直都是：机器人的灯是红色。');
    const bad = evaluateCheck(c, await run(start([led('#ff0000'), ir.wait(ir.num(1)), led('#00ff00'), ir.wait(ir.num(1))]), 'open-floor', 3));
    expect(bad.passed).toBe(false);
    expect(bad.atMs).toBeGreaterThanOrEqual(1000);
    expect(bad.atMs).toBeLessThanOrEqual(1060);
    expect(bad.message.en).toBe("At 1.0 s it was no longer true that the robot's LED is red.");
  });

  it('whenever an obstacle is near the LED is red: a program that reacts passes, one that never does fails', async () => {
    const c = check({ id: 'warn', type: 'whenever', if: { quantity: 'distanceCm', op: '<', value: 30 }, then: { quantity: 'led', op: '==', value: '#ff0000' } });
    const reacting = start([
      cmd('robot.setMotors', 100, 100),
      ir.forever([ir.if(ir.bin('<', ir.read('robot.distanceCm'), ir.num(30)), [led('#ff0000'), cmd('robot.stopMotors')], [led('#00ff00')]), ir.wait(ir.num(0))]),
    ]);
    const good = evaluateCheck(c, await run(reacting, 'maze', 8));
    expect(good.passed, good.message.en).toBe(true);
    const blind = start([cmd('robot.driveCm', 250, 100)]);
    const bad = evaluateCheck(c, await run(blind, 'maze', 8));
    expect(bad.passed).toBe(false);
    expect(bad.message['zh-CN']).toMatch(/^在第 \d+\.\d 秒，机器人的超声波距离小于 30 厘米，可是 0\.1 秒内没有做到：机器人的灯是红色。$/);
    // A robot that never meets an obstacle cannot show it reacts: no pass for doing nothing.
    const idle = evaluateCheck(c, await run(start([led('#ff0000')]), 'open-floor', 2));
    expect(idle.passed).toBe(false);
    expect(idle.message.en).toContain('Cannot tell yet');
  });
});

describe('sensor kit: scripted inputs played into the virtual kit', () => {
  it('a thermostat lights red whenever the temperature is over 30 °C; one that ignores it fails when it gets hot', async () => {
    const c = check({ id: 'hot', type: 'whenever', if: { quantity: 'temperatureC', op: '>', value: 30 }, then: { quantity: 'kitLed', op: '==', value: 'red' } });
    const kitLed = (hex: string): Stmt => ir.command('kit.setLed', [{ kind: 'colour', value: hex, blockId: 'c' }]);
    const thermostat = start([ir.forever([ir.if(ir.bin('>', ir.read('kit.temperatureC'), ir.num(30)), [kitLed('#ff0000')], [kitLed('#00ff00')]), ir.wait(ir.num(0))])], 'sensorkit');
    const heat = { kitInputs: [{ atMs: 2000, input: 'temperatureC' as const, value: 35 }, { atMs: 4000, input: 'temperatureC' as const, value: 20 }] };
    const good = evaluateCheck(c, await run(thermostat, 'open-floor', 6, heat));
    expect(good.passed, good.message.en).toBe(true);
    const input = await run(thermostat, 'open-floor', 6, heat);
    const temps = input.summary.trace!.frames.map((f) => f.kit!.temperatureC);
    expect(Math.max(...temps.slice(0, 99))).toBeLessThan(30);
    expect(Math.min(...temps.slice(100, 199))).toBeGreaterThan(34);
    const ignoring = start([kitLed('#00ff00'), ir.wait(ir.num(6))], 'sensorkit');
    const bad = evaluateCheck(c, await run(ignoring, 'open-floor', 6, heat));
    expect(bad.passed).toBe(false);
    expect(bad.atMs).toBe(2020);
    expect(bad.message['zh-CN']).toBe('在第 2.0 秒，传感器套件的温度大于 30 °C，可是 0.1 秒内没有做到：传感器套件的灯是红色。');
  });
});

describe('end-of-run checks', () => {
  it('a variable equals a value at the end', async () => {
    const c = check({ id: 'count', type: 'variableEquals', name: 'count', value: 4 });
    const counting = (times: number) => start([ir.set('count', ir.num(0)), ir.repeat(ir.num(times), [ir.change('count', ir.num(1))])], 'robot', ['count']);
    expect(evaluateCheck(c, await run(counting(4), 'open-floor', 1)).passed).toBe(true);
    const bad = evaluateCheck(c, await run(counting(3), 'open-floor', 1));
    expect(bad.passed).toBe(false);
    expect(bad.message['zh-CN']).toBe('变量“count”最后是 3，应该是 4。');
    const missing = evaluateCheck(c, await run(start([]), 'open-floor', 1));
    expect(missing.message.en).toBe('Your program has no variable called “count” yet (it should end at 4).');
  });

  it('the drone passes rings 1–3 in order and lands on the pad', async () => {
    const c = check({ id: 'course', type: 'ringsInOrder', rings: ['ring-1', 'ring-2', 'ring-3'], landInZone: 'landing-pad' });
    const move = (dir: string, cm: number) => ir.command('drone.move', [ir.str(dir), ir.num(cm)]);
    const course = [cmd('drone.takeoff'), move('up', 20), move('forward', 200), move('forward', 40), cmd('drone.rotateDeg', 90), move('forward', 200), move('up', 20), move('forward', 150)];
    const good = evaluateCheck(c, await run(start([...course, move('forward', 50), cmd('drone.land')], 'drone'), 'drone-rings', 60));
    expect(good.passed).toBe(true);
    expect(good.message['zh-CN']).toBe('无人机按顺序穿过 ring-1 → ring-2 → ring-3，并降落在“停机坪”上，太棒了！');
    const noLanding = evaluateCheck(c, await run(start([...course, cmd('drone.land')], 'drone'), 'drone-rings', 60));
    expect(noLanding.passed).toBe(false);
    expect(noLanding.message.en).toContain('landed, but not on the “Landing pad”');
    const missed = evaluateCheck(c, await run(start(course.slice(0, 4), 'drone'), 'drone-rings', 30));
    expect(missed.passed).toBe(false);
    expect(missed.message.en).toBe('After ring-1 the drone did not fly through ring-2.');
  });

  it('the run log contains a line; no runtime errors; the program finishes', async () => {
    const logs = check({ id: 'hello', type: 'logContains', contains: '你好' });
    expect(evaluateCheck(logs, await run(start([ir.log(ir.str('你好，机器人'))]), 'open-floor', 1)).passed).toBe(true);
    expect(evaluateCheck(logs, await run(start([ir.log(ir.str('hello'))]), 'open-floor', 1)).message.en).toBe('Your program printed something, but not “你好”.');

    const noErrors = check({ id: 'ok', type: 'noErrors', finishes: true });
    expect(evaluateCheck(noErrors, await run(start([ir.log(ir.num(1))]), 'open-floor', 1)).passed).toBe(true);
    const div = evaluateCheck(noErrors, await run(start([ir.wait(ir.num(0.5)), ir.log(ir.bin('/', ir.num(1), ir.num(0)))]), 'open-floor', 2));
    expect(div.passed).toBe(false);
    expect(div.atMs).toBe(500);
    expect(div.message['zh-CN']).toMatch(/^程序在第 0\.5 秒出错了：/);
    const forever = evaluateCheck(noErrors, await run(start([ir.forever([ir.wait(ir.num(0.1))])]), 'open-floor', 2));
    expect(forever.passed).toBe(false);
    expect(forever.message.en).toBe('Your program did not end by itself within 2.0 s. Does it repeat forever?');
  });

  it('cubes pushed into a zone: counted from where the props end up', async () => {
    const base = arenaById('open-floor')!;
    const table = (cubeX: number): Arena => ({
      ...base,
      id: 'test-table',
      zones: [{ id: 'bin', x: 1, z: 0.5, w: 0.3, d: 0.3, colour: 'red', label: { 'zh-CN': '红色区', en: 'Red bin' } }],
      props: [{ id: 'cube-red-1', shape: 'cube', x: cubeX, z: 0.5, size: 0.05, colour: 'red', movable: true }],
    });
    const c = check({ id: 'sorted', type: 'propsInZone', props: 'cube-red', zone: 'bin' });
    const inside = evaluateCheck(c, await run(start([]), 'open-floor', 1, { arena: table(1.05) }));
    expect(inside.passed).toBe(true);
    expect(inside.message['zh-CN']).toBe('“红色区”里有 1 个方块，做到了！');
    const outside = evaluateCheck(c, await run(start([]), 'open-floor', 1, { arena: table(1.5) }));
    expect(outside.passed).toBe(false);
    expect(outside.message.en).toBe('Only 0 cubes are in the “Red bin”; 1 are needed.');
  });
});

describe('program checks: usesBlock counts blocks that run', () => {
  const hat = (next: unknown) => ({ type: 'event_when_started', id: 'h', x: 0, y: 0, next: { block: next } });
  const repeat = (id: string, inner?: unknown) => ({ type: 'controls_repeat_ext', id, inputs: { TIMES: { shadow: { type: 'math_number', id: `${id}n`, fields: { NUM: 4 } } }, ...(inner ? { DO: { block: inner } } : {}) } });
  const drive = (id: string, next?: unknown) => ({ type: 'robot_drive_cm', id, ...(next ? { next: { block: next } } : {}) });
  const ws = (...tops: unknown[]) => ({ blocks: { languageVersion: 0, blocks: tops } });

  it('a repeat under the hat counts; one lying loose in the workspace does not; shadows never count', async () => {
    const empty = await run(start([]), 'open-floor', 0.1);
    const c = check({ id: 'loop', type: 'usesBlock', block: 'controls_repeat_ext' });
    const good = evaluateCheck(c, { ...empty, workspace: ws(hat(repeat('r1', drive('d1')))) });
    expect(good.passed).toBe(true);
    const loose = evaluateCheck(c, { ...empty, workspace: ws(hat(drive('d1')), repeat('r2')) });
    expect(loose.passed).toBe(false);
    expect(loose.message['zh-CN']).toBe('程序还没有用到积木 “重复执行 … 次”。把它接到程序里试试！');
    expect(evaluateCheck(check({ id: 'n', type: 'usesBlock', block: 'math_number' }), { ...empty, workspace: ws(hat(repeat('r1'))) }).passed).toBe(false);
  });

  it('at most N blocks: four drive blocks pass "at most 4", five fail', async () => {
    const empty = await run(start([]), 'open-floor', 0.1);
    const chain = (n: number): unknown => (n === 0 ? undefined : drive(`d${n}`, chain(n - 1)));
    const c = check({ id: 'short', type: 'usesBlock', block: 'robot_drive_cm', min: 1, max: 4 });
    expect(evaluateCheck(c, { ...empty, workspace: ws(hat(chain(4))) }).passed).toBe(true);
    const bad = evaluateCheck(c, { ...empty, workspace: ws(hat(chain(5))) });
    expect(bad.passed).toBe(false);
    expect(bad.message.en).toMatch(/used the block .* 5 times; at most 4 are allowed/);
  });
});

describe('AI checks read the AI state the run ends with', () => {
  const ai = (samples: number, labels: string[], accuracy?: number): AiState => ({
    datasets: [{ id: 'ds1', name: '颜色', features: ['r', 'g', 'b'], samples: Array.from({ length: samples }, (_, i) => ({ values: [i, i, i], label: labels[i % labels.length] })) }],
    models: [{ id: 'm1', name: '颜色分类器', kind: 'knn', datasetId: 'ds1', features: ['r', 'g', 'b'], params: { k: 3 }, state: {}, metrics: { trainSize: 8, testSize: 2, ...(accuracy === undefined ? {} : { accuracy }) } }],
  });

  it('dataset size and number of labels', async () => {
    const base = await run(start([]), 'open-floor', 0.1);
    const c = check({ id: 'data', type: 'datasetSize', dataset: '颜色', samples: 10, classes: 2 });
    expect(evaluateCheck(c, { ...base, ai: ai(12, ['red', 'blue']) }).passed).toBe(true);
    expect(evaluateCheck(c, { ...base, ai: ai(6, ['red', 'blue']) }).message['zh-CN']).toBe('数据集“颜色”只有 6 条数据，至少要 10 条。');
    expect(evaluateCheck(c, { ...base, ai: ai(12, ['red']) }).passed).toBe(false);
    expect(evaluateCheck(c, base).message.en).toBe('There is no dataset “颜色” yet. Record some data first!');
  });

  it('model test accuracy at least 80 % (written as 0.8 or 80)', async () => {
    const base = await run(start([]), 'open-floor', 0.1);
    for (const value of [0.8, 80]) {
      const c = check({ id: 'acc', type: 'modelMetric', model: '颜色分类器', metric: 'accuracy', op: '>=', value });
      expect(evaluateCheck(c, { ...base, ai: ai(10, ['a', 'b'], 0.9) }).passed).toBe(true);
      const low = evaluateCheck(c, { ...base, ai: ai(10, ['a', 'b'], 0.5) });
      expect(low.passed).toBe(false);
      expect(low.message['zh-CN']).toBe('模型“颜色分类器”的准确率是 50%。目标：准确率至少是 80%。');
    }
    const noTest = evaluateCheck(check({ id: 'acc', type: 'modelMetric', model: 'm1', metric: 'accuracy', op: '>=', value: 0.8 }), { ...base, ai: ai(10, ['a']) });
    expect(noTest.message.en).toContain('keep some data aside for testing');
  });
});

describe('AI checks on a real run: AI blocks record, train, and the checker reads the state the run ends with', () => {
  const ai = (op: string, ...args: Expr[]): Stmt => ({ kind: 'ai', op, args, blockId: op }) as Stmt;
  /** Records `n` samples x = 0…n−1 labelled "low" below n/2 else "high", then trains KNN (k 3, 20 % test). */
  const recordAndTrain = (n: number) => start([
    ir.for('i', ir.num(0), ir.num(n - 1), ir.num(1), [
      ai('record', ir.v('i'), { kind: 'ternary', cond: ir.bin('<', ir.v('i'), ir.num(n / 2)), then: ir.str('low'), else: ir.str('high'), blockId: 't' }, ir.str('数据')),
    ]),
    ai('trainKnn', ir.str('分类器'), ir.str('数据'), ir.num(3), ir.num(20)),
  ], 'robot', ['i']);

  it('enough samples and an accurate model pass; too few samples fail', async () => {
    const size = check({ id: 'data', type: 'datasetSize', dataset: '数据', samples: 20, classes: 2 });
    const acc = check({ id: 'acc', type: 'modelMetric', model: '分类器', metric: 'accuracy', op: '>=', value: 80 });
    const good = await run(recordAndTrain(40), 'open-floor', 2);
    expect(evaluateCheck(size, good).passed, evaluateCheck(size, good).message.en).toBe(true);
    expect(evaluateCheck(acc, good).passed, evaluateCheck(acc, good).message.en).toBe(true);
    const few = await run(recordAndTrain(6), 'open-floor', 2);
    expect(evaluateCheck(size, few).message['zh-CN']).toBe('数据集“数据”只有 6 条数据，至少要 20 条。');
  });
});

describe('determinism', () => {
  it('the same run gives the same verdict, moment and words', async () => {
    const c = check({ id: 'no-wall', type: 'never', when: { quantity: 'wallContact', op: '==', value: true } });
    const p = start([cmd('robot.driveCm', 250, 100)]);
    const a = evaluateCheck(c, await run(p, 'maze', 12));
    const b = evaluateCheck(c, await run(p, 'maze', 12));
    expect(b).toEqual(a);
  });
});
