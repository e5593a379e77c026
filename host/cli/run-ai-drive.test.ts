/**
 * "Models are saved in the project and reused by predict blocks that drive the robot": `ailab run` as a real child
 * process. A first run of the colour-sorting example trains the KNN model; the model is written into a project file
 * (the app's project format, checked by the same loader the app uses); a second project with no training block
 * only asks the saved model and steers by the answer — "if predicted colour = red then turn right, else turn left".
 * The robot's final heading in the run summary says which way it went.
 *
 * What a student would notice if it failed: a robot that ignores the model it was taught, turns the same way for
 * every colour, or a saved project whose model cannot be loaded again.
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
const temp = mkdtempSync(join(tmpdir(), 'ailab-run-ai-drive-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

interface Summary {
  events: { type: string; text?: string }[];
  robots: { headingDeg: number }[];
  ai: { datasets: unknown[]; models: { name: string; kind: string }[] };
}

function runJson(file: string): Summary {
  const r = spawnSync(process.execPath, [BIN, 'run', file, '--seconds', '5', '--json'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '' }, timeout: 100_000 });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Summary;
}

const num = (id: string, n: number) => ({ shadow: { type: 'math_number', id, fields: { NUM: n } } });
const turn = (id: string, dir: 'left' | 'right') => ({ block: { type: 'robot_turn_deg', id, fields: { DIR: dir }, inputs: { DEG: num(`${id}-deg`, 90), SPEED: num(`${id}-speed`, 50) } } });

/** "when started: if (颜色分类器's prediction for (r, g, b)) = red then turn right 90° else turn left 90°". */
function steerByPrediction(r: number, g: number, b: number) {
  return {
    blocks: {
      languageVersion: 0,
      blocks: [{
        type: 'event_when_started', id: 'hat', x: 0, y: 0,
        next: { block: {
          type: 'controls_if', id: 'if', extraState: { hasElse: true },
          inputs: {
            IF0: { block: { type: 'logic_compare', id: 'eq', fields: { OP: 'EQ' }, inputs: {
              A: { block: { type: 'ai_predict', id: 'predict', fields: { MODEL: '颜色分类器' }, inputs: { FEATURES: { block: { type: 'ai_features', id: 'f', inputs: { A: num('a', r), B: num('b', g), C: num('c', b) } } } } } },
              B: { block: { type: 'text', id: 'red', fields: { TEXT: 'red' } } },
            } } },
            DO0: turn('right', 'right'),
            ELSE: turn('left', 'left'),
          },
        } },
      }],
    },
  };
}

describe('a model saved in the project drives the robot', { timeout: 200_000 }, () => {
  it('trained once, saved in the file, then "if predicted colour = red turn right else turn left" turns the robot by the colour it is shown', () => {
    const trained = runJson(EXAMPLE);
    expect(trained.ai.models.map((m) => [m.name, m.kind])).toEqual([['颜色分类器', 'knn']]);
    const example = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
    const headingFor = (rgb: [number, number, number], name: string) => {
      const file = join(temp, `${name}.ailab`);
      writeFileSync(file, JSON.stringify({ ...example, workspace: steerByPrediction(...rgb), datasets: trained.ai.datasets, models: trained.ai.models }));
      const s = runJson(file);
      expect(s.events.filter((e) => e.type === 'error')).toEqual([]);
      return Math.round(s.robots[0]!.headingDeg);
    };
    // A red reading (like the example's red samples) turns right; a blue one turns left.
    expect(headingFor([190, 70, 60], 'shown-red')).toBe(90);
    expect(headingFor([40, 60, 200], 'shown-blue')).toBe(270);
  });
});
