/** Upload checks and names for browser-mode project files: the same refusals the host gives on open. */
import { describe, expect, it } from 'vitest';
import { PROJECT_MAX_BYTES, PROJECT_SCHEMA_VERSION, newProject } from '../../../core/contracts/project';
import { baseName, checkUpload, displayName, fileNameFor } from './project-files';

const good = newProject('robot', '2026-11-23T00:00:00.000Z', '0.1.0', '小车');

describe('uploaded .ailab files', () => {
  it('a valid project is accepted as is', () => {
    const text = JSON.stringify(good);
    const r = checkUpload(text, text.length);
    expect(r.ok && r.project.meta.title).toBe('小车');
  });
  it('a damaged file is refused as not JSON', () => {
    expect(checkUpload('{"format": "ailab-proj', 22)).toMatchObject({ ok: false, key: 'project.error.uploadNotJson' });
  });
  it('a file from a newer app version is refused with its version number', () => {
    const text = JSON.stringify({ ...good, schemaVersion: PROJECT_SCHEMA_VERSION + 1 });
    expect(checkUpload(text, text.length)).toMatchObject({ ok: false, key: 'project.error.uploadTooNew', params: { fileVersion: PROJECT_SCHEMA_VERSION + 1 } });
  });
  it('a file over the size cap is refused before it is parsed', () => {
    expect(checkUpload('not even looked at', PROJECT_MAX_BYTES + 1)).toMatchObject({ ok: false, key: 'project.error.uploadTooLarge' });
  });
  it('other JSON is refused as not a project', () => {
    expect(checkUpload('{"hello": 1}', 12)).toMatchObject({ ok: false, key: 'project.error.uploadInvalid' });
    const text = JSON.stringify({ ...good, target: 'submarine' });
    expect(checkUpload(text, text.length)).toMatchObject({ ok: false, key: 'project.error.uploadInvalid' });
  });
});

describe('project names', () => {
  it('the title bar shows the file name without folders or extension', () => {
    expect(baseName('C:\\Users\\学生\\小车.ailab')).toBe('小车');
    expect(baseName('/home/a/square.ailab')).toBe('square');
    expect(displayName(null, { ...good, meta: { ...good.meta, title: '' } }, '未命名项目')).toBe('未命名项目');
  });
  it('"Save as" accepts Chinese names and refuses ones that cannot be file names', () => {
    expect(fileNameFor(' 我的小车 ')).toBe('我的小车.ailab');
    expect(fileNameFor('square.ailab')).toBe('square.ailab');
    for (const bad of ['', '   ', '../up', 'a/b', 'a:b', 'what?', '..']) expect(fileNameFor(bad), bad).toBeNull();
  });
});
