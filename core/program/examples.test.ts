/**
 * The example projects under examples/: valid project files, exactly what Blockly saves, rebuilt byte-identical
 * from examples/build-examples.ts, and converting to IR without a single diagnostic. A failure means an example a
 * teacher opens shows warnings, fails to open, or silently differs from its source.
 */
import Blockly from 'blockly/core';
import 'blockly/blocks';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ProjectSchema, PROJECT_SCHEMA_VERSION } from '../contracts/project';
import { buildExamples, projectFileText } from '../../examples/build-examples';
import { fromBlockly, usedBlockTypes, type Stmt } from './index';

const examples = buildExamples();
const read = (file: string) => readFileSync(new URL(`../../examples/${file}`, import.meta.url), 'utf8');

function countStmts(stmts: readonly Stmt[]): number {
  let n = 0;
  for (const s of stmts) {
    n++;
    if ('body' in s) n += countStmts(s.body);
    if (s.kind === 'if') { for (const b of s.branches) n += countStmts(b.body); if (s.else) n += countStmts(s.else); }
  }
  return n;
}

describe('example projects', () => {
  it('ships the six examples the issue asks for, with the arenas they need', () => {
    expect(examples.map((e) => [e.file, e.project.target, e.project.sim.arenaId])).toEqual([
      ['square.ailab', 'robot', 'open-floor'],
      ['line-follow.ailab', 'robot', 'line-track'],
      ['obstacle-avoid.ailab', 'robot', 'obstacle-course'],
      ['drone-rings.ailab', 'drone', 'drone-rings'],
      ['sensor-alarm.ailab', 'sensorkit', 'open-floor'],
      ['compute.ailab', 'robot', 'open-floor'],
    ]);
  });

  for (const { file, project } of examples) {
    describe(file, () => {
      it('on disk is exactly what build-examples.ts produces (run `npx tsx examples/make-examples.ts` after a change)', () => {
        expect(read(file)).toBe(projectFileText(project));
      });

      it('is a valid project file of the current schema version', () => {
        const parsed = ProjectSchema.parse(JSON.parse(read(file)));
        expect(parsed.schemaVersion).toBe(PROJECT_SCHEMA_VERSION);
      });

      it('loads into Blockly and saves back unchanged (the editor opens it as written)', () => {
        const ws = new Blockly.Workspace();
        Blockly.serialization.workspaces.load(project.workspace, ws);
        expect(Blockly.serialization.workspaces.save(ws)).toEqual(project.workspace);
        ws.dispose();
      });

      it('converts to a program with no diagnostics', () => {
        const { program, diagnostics } = fromBlockly(project.workspace, project.target);
        expect(diagnostics).toEqual([]);
        expect(program.scripts.length).toBeGreaterThan(0);
        expect(countStmts(program.scripts[0].body)).toBeGreaterThan(2);
      });
    });
  }

  it('compute.ailab uses only standard Blockly blocks (besides its start hat) so Blockly\'s own JavaScript generator can run it', () => {
    const compute = examples.find((e) => e.file === 'compute.ailab')!.project;
    const custom = usedBlockTypes(compute.workspace).filter((t) => !/^(controls|logic|math|text|lists|variables|procedures)_/.test(t) && t !== 'text');
    expect(custom).toEqual(['event_when_started']);
    const { program } = fromBlockly(compute.workspace, 'robot');
    expect(program.procedures.map((p) => [p.name, p.params, p.returnsValue])).toEqual([['is prime', ['n'], true]]);
  });
});
