/**
 * Every example project, converted by the real fromBlockly, runs in the interpreter against a fake device set of
 * its kit for 20 s of device time without a runtime error. A failure is an example a student opens that stops with
 * an error (or a block the interpreter does not understand).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fromBlockly } from '../program/from-blockly';
import type { TargetKit } from '../program/ir';
import { Interpreter } from './interpreter';
import { createRandom } from './random';
import { FakeDevices } from './testing';
import type { RuntimeEvent } from './types';

const dir = fileURLToPath(new URL('../../examples/', import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith('.ailab'));

describe('example projects run without runtime errors', () => {
  it('there are example projects to run', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    it(file, () => {
      const project = JSON.parse(readFileSync(dir + file, 'utf8')) as { target: TargetKit; workspace: unknown };
      const { program } = fromBlockly(project.workspace, project.target);
      expect(program.scripts.length).toBeGreaterThan(0);
      const devices = new FakeDevices({ kits: [project.target], actionTicks: 5 });
      const interp = new Interpreter(program, devices, { random: createRandom(3) });
      const events: RuntimeEvent[] = [];
      interp.onDidEmit((e) => events.push(e));
      interp.start();
      for (let k = 0; k < 1000 && interp.state === 'running'; k++) {
        // Move the fake world a little so sensor-driven branches are taken both ways.
        devices.robotReadings.distanceCm = k % 50 < 10 ? 10 : 100;
        devices.robotReadings.lineSensors = [k % 7 < 3, k % 11 < 4];
        devices.kitReadings.temperatureC = 20 + (k % 30);
        devices.sample();
        interp.tick(k * 20);
      }
      const errors = events.filter((e) => e.type === 'error');
      expect(errors).toEqual([]);
      expect(['running', 'finished']).toContain(interp.state);
      expect(events.some((e) => e.type === 'command' || e.type === 'log')).toBe(true);
    });
  }
});
