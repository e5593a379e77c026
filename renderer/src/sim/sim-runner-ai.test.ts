/**
 * AI blocks through the sim worker's runner with the real simulator: the run starts from the project's datasets and
 * models sent with `sim.load`, and what AI blocks change comes back as `sim.aiState` (throttled while running, always
 * at the end) for the app to save. Every posted message must pass the worker contract, or the UI would drop it.
 * Only the wall clock and timer are hand-turned.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AiState } from '../../../core/ai/contracts';
import { parseSimResponse, type SimResponse } from '../../../core/contracts/sim-worker';
import type { Expr, Program, Stmt } from '../../../core/program/ir';
import { createRunnerSession, initSimPhysics } from './session-adapter';
import { AI_STATE_INTERVAL_MS, AI_STATE_LIVE_MAX_SAMPLES, SimRunner } from './sim-runner';

const str = (value: string): Expr => ({ kind: 'str', blockId: '', value });
const num = (value: number): Expr => ({ kind: 'num', blockId: '', value });
const ai = (op: string, args: Expr[], blockId = ''): Stmt => ({ kind: 'ai', op, args, blockId });
const wait = (s: number): Stmt => ({ kind: 'wait', blockId: '', seconds: num(s) });
const program = (body: Stmt[]): Program => ({ irVersion: 1, target: 'robot', variables: [], procedures: [], scripts: [{ blockId: 'hat', trigger: { kind: 'start' }, body }] });

/** Runs a runner with a manual clock; every message is checked against the contract as the UI would. */
function harness() {
  let wall = 0;
  let timer: { fn: () => void; at: number } | null = null;
  const posted: SimResponse[] = [];
  const runner = new SimRunner({
    post: (m) => {
      const parsed = parseSimResponse(JSON.parse(JSON.stringify(m)));
      if (!parsed.ok) throw new Error(`message the UI would drop: ${parsed.detail}`);
      posted.push(m);
    },
    now: () => wall,
    schedule: (fn, delayMs) => {
      const t = { fn, at: wall + delayMs };
      timer = t;
      return () => { if (timer === t) timer = null; };
    },
    createSession: createRunnerSession,
  });
  const advance = (ms: number) => {
    const end = wall + ms;
    while (wall < end) {
      wall = Math.min(end, wall + 8);
      while (timer && timer.at <= wall) { const t = timer; timer = null; t.fn(); }
    }
  };
  const aiStates = () => posted.filter((m): m is Extract<SimResponse, { type: 'sim.aiState' }> => m.type === 'sim.aiState').map((m) => m.ai);
  return { runner, posted, advance, aiStates };
}

const start: AiState = { datasets: [{ id: 'dataset-1', name: '光线', features: ['x1'], samples: [{ values: [90], label: '亮' }] }], models: [] };

beforeAll(async () => {
  await initSimPhysics();
});

describe('sim worker runner: AI state', () => {
  it('samples recorded during the run come back throttled while running, and the final state with the model at the end', () => {
    const h = harness();
    // One sample every 0.1 s for 3 s of device time, then train.
    const body: Stmt[] = [
      { kind: 'repeat', blockId: 'rep', times: num(30), body: [ai('record', [num(10), str('暗'), str('光线')]), wait(0.1)] },
      ai('trainKnn', [str('光线模型'), str('光线'), num(1), num(0)]),
    ];
    h.runner.handle({ type: 'sim.load', program: program(body), arenaId: 'open-floor', seed: 1, ai: start });
    expect(h.aiStates()).toEqual([]);
    h.runner.handle({ type: 'sim.run' });
    h.advance(2000);
    const whileRunning = h.aiStates();
    // The first change is sent at once, later ones at most once a second.
    expect(whileRunning.length).toBeGreaterThanOrEqual(2);
    expect(whileRunning.length).toBeLessThanOrEqual(1 + Math.ceil(2000 / AI_STATE_INTERVAL_MS));
    expect(whileRunning[0].datasets[0].samples.length).toBeGreaterThan(1);
    h.advance(3000);
    const final = h.aiStates().at(-1)!;
    expect(final.datasets[0].samples).toHaveLength(31);
    expect(final.datasets[0].samples[0]).toEqual({ values: [90], label: '亮' });
    expect(final.models.map((m) => [m.name, m.kind, m.datasetId])).toEqual([['光线模型', 'knn', 'dataset-1']]);
    // The state sent with load is the run's start, not changed by it.
    expect(start.datasets[0].samples).toHaveLength(1);
  });

  it('with a large dataset the state is not sent while running (it would stall the stage), only at the end', () => {
    const h = harness();
    const big: AiState = { datasets: [{ id: 'dataset-1', name: '光线', features: ['x1'], samples: Array.from({ length: AI_STATE_LIVE_MAX_SAMPLES + 1 }, (_, i) => ({ values: [i], label: 'a' })) }], models: [] };
    const body: Stmt[] = [{ kind: 'repeat', blockId: 'rep', times: num(20), body: [ai('record', [num(1), str('b'), str('光线')]), wait(0.1)] }];
    h.runner.handle({ type: 'sim.load', program: program(body), arenaId: 'open-floor', seed: 1, ai: big });
    h.runner.handle({ type: 'sim.run' });
    h.advance(1500);
    expect(h.aiStates()).toEqual([]);
    h.advance(2000);
    expect(h.aiStates().map((s) => s.datasets[0].samples.length)).toEqual([AI_STATE_LIVE_MAX_SAMPLES + 21]);
  });

  it('a program without AI blocks never sends an AI state', () => {
    const h = harness();
    h.runner.handle({ type: 'sim.load', program: program([wait(0.2)]), arenaId: 'open-floor', seed: 1, ai: start });
    h.runner.handle({ type: 'sim.run' });
    h.advance(1000);
    h.runner.handle({ type: 'sim.stop' });
    expect(h.aiStates()).toEqual([]);
  });

  it('an AI block error reaches the UI as a runtime error on the block, in both languages', () => {
    const h = harness();
    h.runner.handle({ type: 'sim.load', program: program([ai('trainKnn', [str('m'), str('没有'), num(3), num(0)], 'train-block')]), arenaId: 'open-floor', seed: 1 });
    h.runner.handle({ type: 'sim.run' });
    h.advance(200);
    const errors = h.posted.flatMap((m) => (m.type === 'sim.runtimeEvent' && m.event.type === 'error' ? [m.event.error] : []));
    expect(errors.map((e) => [e.blockId, e.code])).toEqual([['train-block', 'ai']]);
    expect(errors[0].message['zh-CN']).toContain('还没有叫“没有”的数据集');
  });
});
