import { describe, expect, it } from 'vitest';
import { newProject } from '../../core/contracts/project';
import { checkProject, parseProjectText } from './project-file';

const v1 = () => newProject('drone', '2026-11-23T10:00:00.000Z', '0.1.0', 'Rings');

describe('reading project JSON', () => {
  it('a file from an older version is migrated step by step to the current one', () => {
    // Pretend this build writes version 3 and the file is version 1.
    const migrations = {
      1: (raw: Record<string, unknown>) => ({ ...raw, meta: { ...(raw.meta as object), title: `${(raw.meta as { title: string }).title} (v2)` } }),
      2: (raw: Record<string, unknown>) => ({ ...raw, datasets: [] }),
    };
    const project = checkProject(v1(), 'old.ailab', migrations, 3);
    expect(project.schemaVersion).toBe(3);
    expect(project.meta.title).toBe('Rings (v2)');
  });

  it('a version with no migration path is refused, not half-read', () => {
    expect(() => checkProject(v1(), 'old.ailab', {}, 2)).toThrow(expect.objectContaining({ code: 'projectInvalid' }));
  });

  it('accepts a UTF-8 byte-order mark (files edited in Windows Notepad)', () => {
    expect(parseProjectText(`\uFEFF${JSON.stringify(v1())}`, 'bom.ailab').meta.title).toBe('Rings');
  });

  it('a schemaVersion that is not a positive whole number is an invalid file', () => {
    expect(() => parseProjectText(JSON.stringify({ ...v1(), schemaVersion: '1' }), 'x.ailab')).toThrow(expect.objectContaining({ code: 'projectInvalid' }));
  });
});
