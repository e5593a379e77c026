/**
 * The example projects under examples/: valid project files, exactly what Blockly saves, rebuilt byte-identical
 * from examples/build-examples.ts, and converting to IR without a single diagnostic. A failure means an example a
 * teacher opens shows warnings, fails to open, or silently differs from its source.
 */
import Blockly from 'blockly/core';
import 'blockly/blocks';
import * as En from 'blockly/msg/en';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ProjectSchema, PROJECT_SCHEMA_VERSION, type Project } from '../contracts/project';
import { BLOCK_DEFINITIONS, BLOCK_MESSAGES, fromBlockly, usedBlockTypes, type Stmt } from './index';

const FILES = ['square.ailab', 'line-follow.ailab', 'obstacle-avoid.ailab', 'drone-rings.ailab', 'sensor-alarm.ailab', 'compute.ailab', 'colour-sort-knn.ailab'];
const read = (file: string) => readFileSync(new URL(`../../examples/${file}`, import.meta.url), 'utf8');
const examples: { file: string; project: Project }[] = FILES.map((file) => ({ file, project: ProjectSchema.parse(JSON.parse(read(file))) }));

beforeAll(() => {
  Blockly.setLocale(En as unknown as Record<string, string>);
  Object.assign(Blockly.Msg, BLOCK_MESSAGES.en);
  Blockly.common.defineBlocksWithJsonArray(BLOCK_DEFINITIONS as unknown as object[]);
});

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
      ['colour-sort-knn.ailab', 'robot', 'sorting-table'],
    ]);
  });

  for (const { file, project } of examples) {
    describe(file, () => {
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

  it('every file on disk is exactly what examples/build-examples.ts produces (no hand edits drift from the source)', () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'examples/make-examples.ts', '--check'], { cwd: root, encoding: 'utf8' });
    expect(r.stdout + r.stderr).toContain('[Examples] all up to date');
    expect(r.status).toBe(0);
  });

  it('compute.ailab uses only standard Blockly blocks (besides its start hat) so Blockly\'s own JavaScript generator can run it', () => {
    const compute = examples.find((e) => e.file === 'compute.ailab')!.project;
    const custom = usedBlockTypes(compute.workspace).filter((t) => !/^(controls|logic|math|text|lists|variables|procedures)_/.test(t) && t !== 'text');
    expect(custom).toEqual(['event_when_started']);
    const { program } = fromBlockly(compute.workspace, 'robot');
    expect(program.procedures.map((p) => [p.name, p.params, p.returnsValue])).toEqual([['is prime', ['n'], true]]);
  });
});
