/**
 * Hostile arguments into every AI op of the lab core (datasets, training, prediction): whatever values a program
 * passes — words where numbers belong, nested lists, empty lists, huge or negative numbers, booleans — the run either
 * works or stops with an error on the block (an `ai` error or the language's own notANumber/notAList). Never an
 * `internal` error (a JavaScript exception escaping from a model library), never a crash of the interpreter.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAiContext } from '../ai/context';
import type { AiState } from '../ai/contracts';
import { trainModel } from '../ai/models';
import { DATASET_OPS } from '../ai/ops-datasets';
import { MODEL_OPS } from '../ai/ops-models';
import { lcg } from '../ai/test-data';
import type { Expr, Value } from '../program/ir';
import { Interpreter } from './interpreter';
import { createRandom } from './random';
import { FakeDevices, ir, runTicks } from './testing';
import type { RuntimeEvent } from './types';

const dataset = {
  id: 'dataset-1', name: 'd', features: ['x1', 'x2'],
  samples: [[1, 1, 'a'], [2, 1, 'a'], [8, 9, 'b'], [9, 8, 'b'], [5, 5, '3']].map(([x, y, l]) => ({ values: [x as number, y as number], label: l as string })),
};
const models = (['knn', 'tree', 'kmeans'] as const).map((kind, i) => ({ ...trainModel(kind, kind, dataset, { k: 2, maxDepth: 2, testPercent: 0 }, lcg(1)), id: `model-${i + 1}` }));
const state: AiState = { datasets: [dataset], models };

const literal = (v: Value): Expr => (Array.isArray(v) ? ir.list(v.map(literal)) : typeof v === 'number' ? ir.num(v) : typeof v === 'string' ? ir.str(v) : ir.bool(v));

const scalar = fc.oneof(
  fc.constantFrom<Value>('d', 'knn', 'tree', 'kmeans', 'nope', '', '  ', 'a', '3'),
  fc.integer({ min: -5, max: 200 }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  fc.boolean(),
  fc.string({ maxLength: 6 }),
);
const value: fc.Arbitrary<Value> = fc.oneof(scalar, fc.array(scalar, { maxLength: 5 }), fc.array(fc.array(scalar, { maxLength: 3 }), { maxLength: 3 }));
const ops = Object.keys({ ...DATASET_OPS, ...MODEL_OPS });

/** Arguments close to what a working program passes, with some slots hostile, so runs also reach the models. */
function plausible(op: string): fc.Arbitrary<Value[]> {
  const model = fc.oneof(fc.constantFrom<Value>('knn', 'tree', 'kmeans', 'new'), scalar);
  const point = fc.oneof(fc.tuple(fc.integer({ min: -20, max: 20 }), fc.integer({ min: -20, max: 20 })).map((p): Value => p), value);
  const small = fc.oneof(fc.integer({ min: 0, max: 6 }), scalar);
  switch (op) {
    case 'record': return fc.tuple(point, fc.oneof(fc.constantFrom<Value>('a', 'b', '3'), scalar), fc.oneof(fc.constant<Value>('d'), scalar));
    case 'trainKnn': case 'trainTree': return fc.tuple(model, fc.oneof(fc.constant<Value>('d'), scalar), small, fc.oneof(fc.integer({ min: 0, max: 90 }), scalar));
    case 'trainKmeans': return fc.tuple(model, fc.oneof(fc.constant<Value>('d'), scalar), small);
    case 'trainLinear': return fc.tuple(model, fc.oneof(fc.constant<Value>('d'), scalar));
    case 'predict': case 'confidence': case 'clusterOf': return fc.tuple(model, point);
    default: return fc.array(value, { maxLength: 5 });
  }
}
const call = fc.constantFrom(...ops).chain((op) => fc.tuple(fc.constant(op), fc.oneof(fc.array(value, { maxLength: 5 }), plausible(op))));

describe('AI ops against hostile arguments', () => {
  it('never raise an internal error or crash; errors are on the block', () => {
    // Runs that got through without an error, by op: the generator must reach the models, not only the argument checks.
    const worked = new Map<string, number>();
    fc.assert(
      fc.property(call, fc.boolean(), ([op, args], asStatement) => {
        const random = createRandom(5);
        const devices = new FakeDevices();
        const node = asStatement ? ir.aiDo(op, args.map(literal), 'op') : ir.log(ir.ai(op, args.map(literal), 'op'));
        const interp = new Interpreter(ir.program([ir.script({ kind: 'start' }, [node])]), devices, { random, ai: createAiContext(state, random) });
        const events: RuntimeEvent[] = [];
        interp.onDidEmit((e) => events.push(e));
        interp.start();
        runTicks(interp, devices, 2);
        expect(['finished', 'error']).toContain(interp.state);
        if (interp.state === 'finished') worked.set(op, (worked.get(op) ?? 0) + 1);
        for (const e of events) {
          if (e.type !== 'error') continue;
          expect(['ai', 'notANumber', 'notAList'], JSON.stringify(e.error)).toContain(e.error.code);
          expect(e.error.message.en).not.toMatch(/\{\{|ai:error/);
        }
      }),
      { numRuns: 3000, seed: 20261130 },
    );
    for (const op of ['record', 'trainKnn', 'trainTree', 'trainKmeans', 'predict', 'clusterOf', 'accuracy']) expect(worked.get(op) ?? 0, op).toBeGreaterThan(0);
  });
});
