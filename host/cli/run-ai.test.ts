/**
 * `ailab run` with AI blocks, as a real child process: the colour-sorting example records, trains and predicts and
 * the JSON summary carries its dataset and model; a project that only predicts uses the model saved in the file
 * (the CLI passes the project's datasets and models to the run), and without it the run reports the missing model
 * on the block.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const BIN = join(ROOT, 'bin', 'ailab.mjs');
const EXAMPLE = join(ROOT, 'examples', 'colour-sort-knn.ailab');
const temp = mkdtempSync(join(tmpdir(), 'ailab-run-ai-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function runJson(file: string) {
  const r = spawnSync(process.execPath, [BIN, 'run', file, '--seconds', '5', '--json'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '' }, timeout: 100_000 });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as {
    events: { type: string; text?: string; error?: { code: string; blockId: string; params: Record<string, unknown> } }[];
    ai: { datasets: { name: string; samples: unknown[] }[]; models: { name: string; kind: string }[] };
  };
}

const num = (id: string, n: number) => ({ shadow: { type: 'math_number', id, fields: { NUM: n } } });
/** "when started: print (model 颜色分类器 prediction for features(190, 70, 60))", as Blockly saves it. */
const predictOnly = {
  blocks: {
    languageVersion: 0,
    blocks: [{
      type: 'event_when_started', id: 'hat', x: 0, y: 0,
      next: { block: { type: 'text_print', id: 'print', inputs: { TEXT: { block: {
        type: 'ai_predict', id: 'predict', fields: { MODEL: '颜色分类器' },
        inputs: { FEATURES: { block: { type: 'ai_features', id: 'features', inputs: { A: num('a', 190), B: num('b', 70), C: num('c', 60) } } } },
      } } } } },
    }],
  },
};

describe('ailab run with AI blocks', { timeout: 120_000 }, () => {
  it('the colour-sorting example predicts "red" and its summary carries the 15-sample dataset and the KNN model', () => {
    const s = runJson(EXAMPLE);
    expect(s.events.filter((e) => e.type === 'log').map((e) => e.text)).toEqual(['accuracy %: 100', 'prediction: red, confidence %: 100']);
    expect(s.ai.datasets.map((d) => [d.name, d.samples.length])).toEqual([['颜色数据', 15]]);
    expect(s.ai.models.map((m) => [m.name, m.kind])).toEqual([['颜色分类器', 'knn']]);

    // A project that only predicts, with the trained model saved in the file.
    const example = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
    const withModel = join(temp, 'with-model.ailab');
    writeFileSync(withModel, JSON.stringify({ ...example, workspace: predictOnly, datasets: s.ai.datasets, models: s.ai.models }));
    const saved = runJson(withModel);
    expect(saved.events.filter((e) => e.type === 'log').map((e) => e.text)).toEqual(['red']);
    expect(saved.events.filter((e) => e.type === 'error')).toEqual([]);

    // The same project without the model: the run stops with the error on the predict block.
    const withoutModel = join(temp, 'without-model.ailab');
    writeFileSync(withoutModel, JSON.stringify({ ...example, workspace: predictOnly }));
    const missing = runJson(withoutModel);
    expect(missing.events.filter((e) => e.type === 'error').map((e) => [e.error!.code, e.error!.blockId, e.error!.params.key])).toEqual([['ai', 'predict', 'error.unknownModel']]);
  });
});
