/**
 * "Show me" drives the stage's simulator like the checker's headless run: same arena, seed and robot count, scripted
 * kit inputs set at the same 20 ms ticks, then paused at the failing moment. The SimController is replaced by a
 * recorder here (the real worker round trip is covered by tests/e2e/lessons.spec.ts).
 */
import { describe, expect, it } from 'vitest';
import type { Project } from '../../../core/contracts/project';
import { newProject } from '../../../core/contracts/project';
import { LessonSchema } from '../../../core/lessons/unit-schema';
import type { SimController } from '../sim/sim-controller';
import { replayLessonMoment } from './replay';

function recorder() {
  const calls: string[] = [];
  let now = 0;
  const sim = {
    load: (_p: unknown, arena: string, seed: number, robots?: number) => { now = 0; calls.push(`load ${arena} ${seed} ${robots ?? '-'}`); },
    runFor: async (s: number) => { now += Math.round(s * 1000); calls.push(`runFor→${now}`); return { state: 'running', timeMs: now, stateHash: '' }; },
    setKitInput: (name: string, value: unknown) => calls.push(`set ${name}=${String(value)} @${now}`),
    pause: () => calls.push('pause'),
  };
  return { sim: sim as unknown as SimController, calls };
}

const lesson = LessonSchema.parse({
  id: 'hot', title: { 'zh-CN': '热', en: 'Hot' }, starter: 's.ailab', solution: 'x.ailab',
  run: { arenaId: 'open-floor', seed: 7, seconds: 10, kitInputs: [{ atS: 4, input: 'temperatureC', value: 20 }, { atS: 2.01, input: 'temperatureC', value: 35 }, { atS: 9, input: 'motion', value: true }] },
  steps: [{ id: 's', title: { 'zh-CN': '一', en: 'One' }, text: { 'zh-CN': 'a.md', en: 'b.md' }, toolbox: 'all' }],
  checks: [{ id: 'c', type: 'noErrors' }],
  reflection: { 'zh-CN': '想', en: 'Think' },
});
const project: Project = newProject('sensorkit', '2026-11-30T00:00:00.000Z', '0.1.0');

describe('replaying a failing moment', () => {
  it('feeds kit inputs at the checker ticks (rounded up to 20 ms), in time order, and pauses at the moment', async () => {
    const { sim, calls } = recorder();
    await replayLessonMoment(sim, project, lesson, 5000);
    expect(calls).toEqual(['load open-floor 7 -', 'runFor→2020', 'set temperature=35 @2020', 'runFor→4000', 'set temperature=20 @4000', 'runFor→5000', 'pause']);
  });

  it('a moment before any input: just run there and pause', async () => {
    const { sim, calls } = recorder();
    await replayLessonMoment(sim, project, lesson, 1000);
    expect(calls).toEqual(['load open-floor 7 -', 'runFor→1000', 'pause']);
  });
});
