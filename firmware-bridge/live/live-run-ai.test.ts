/**
 * AI blocks on a real kit's run loop (startLiveRun, wall-time ticks): samples recorded from the kit's sensors and a
 * model trained during the run come back in the summary for the app to save, and a model saved in the project
 * predicts on the kit. The kit is FakeDevices (core/runtime/testing): this test is about the run loop, not a cable.
 */
import { describe, expect, it } from 'vitest';
import type { AiState } from '../../core/ai/contracts';
import type { Stmt } from '../../core/program/ir';
import { FakeDevices, ir } from '../../core/runtime/testing';
import { startLiveRun } from './live-run';

const start = { kind: 'start' } as const;
const light = () => ir.ai('features', [ir.read('robot.lightPercent')]);

describe('live runs with AI blocks', () => {
  it('records the kit\'s light readings, trains a model, and the summary carries both (marked changed)', async () => {
    const devices = new FakeDevices();
    const body: Stmt[] = [
      ir.repeat(ir.num(3), [ir.aiDo('record', [light(), ir.str('bright'), ir.str('光线')]), ir.wait(ir.num(0.02))]),
      ir.aiDo('record', [ir.ai('features', [ir.num(5)]), ir.str('dark'), ir.str('光线')]),
      ir.aiDo('trainKnn', [ir.str('m'), ir.str('光线'), ir.num(1), ir.num(0)]),
      ir.log(ir.ai('predict', [ir.str('m'), light()])),
    ];
    devices.robotReadings.lightPercent = 70;
    const summary = await startLiveRun({ program: ir.program([ir.script(start, body)]), devices }).done;
    expect(summary.events.filter((e) => e.type === 'error')).toEqual([]);
    expect(summary.events.filter((e) => e.type === 'log').map((e) => (e as { text: string }).text)).toEqual(['bright']);
    expect(summary.aiChanged).toBe(true);
    expect(summary.ai.datasets[0].samples.map((s) => [s.values, s.label])).toEqual([[[70], 'bright'], [[70], 'bright'], [[70], 'bright'], [[5], 'dark']]);
    expect(summary.ai.models.map((m) => [m.name, m.kind])).toEqual([['m', 'knn']]);
  });

  it('a model saved in the project predicts on the kit; nothing changed, so nothing to save', async () => {
    const saved: AiState = {
      datasets: [],
      models: [{
        id: 'model-1', name: 'm', kind: 'knn', datasetId: null, features: ['x1'], params: { k: 1, testPercent: 0 },
        state: { k: 1, labels: ['bright', 'dark'], points: [[70], [5]], classes: [0, 1] }, metrics: { trainSize: 2, testSize: 0 },
      }],
    };
    const devices = new FakeDevices();
    devices.robotReadings.lightPercent = 8;
    const summary = await startLiveRun({ program: ir.program([ir.script(start, [ir.log(ir.ai('predict', [ir.str('m'), light()]))])]), devices, ai: saved }).done;
    expect(summary.events.filter((e) => e.type === 'log').map((e) => (e as { text: string }).text)).toEqual(['dark']);
    expect(summary.aiChanged).toBe(false);
    expect(summary.ai).toEqual(saved);
  });
});
