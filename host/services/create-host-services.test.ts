import { createHash } from 'node:crypto';
import { mkdtempSync, promises as fs, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newProject, PROJECT_MAX_BYTES, PROJECT_SCHEMA_VERSION, type Project } from '../../core/contracts/project';
import { createHostServices, HISTORY_KEEP } from './create-host-services';
import type { FileIo } from './atomic-write';

let dataDir: string;
const quiet = () => undefined;
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

function project(title: string, extra: Partial<Project> = {}): Project {
  return { ...newProject('robot', '2026-11-23T10:00:00.000Z', '0.1.0', title), ...extra };
}

function services(extra: Partial<Parameters<typeof createHostServices>[0]> = {}) {
  return createHostServices({ dataDir, appVersion: '0.1.0', shell: 'browser', log: quiet, ...extra });
}

/** Runs `call` expecting a HostError; returns it. */
async function refusal(call: Promise<unknown>): Promise<{ code: string; params: Record<string, unknown>; message: string }> {
  try {
    await call;
  } catch (err) {
    const e = err as { code: string; params: Record<string, unknown>; message: string };
    return { code: e.code, params: e.params, message: e.message };
  }
  throw new Error('expected the call to be refused');
}

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'ailab-services-'));
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe('saving and opening projects', () => {
  it('a project saved under a bare name lands in the projects folder and opens again identical', async () => {
    const host = services();
    const saved = await host['project.save']({ path: 'my robot', project: project('My robot') });
    expect(saved.path).toBe(join(dataDir, 'projects', 'my robot.ailab'));
    expect(saved.title).toBe('My robot');
    const opened = await host['project.open']({ path: 'my robot.ailab' });
    expect(opened.project).toEqual(project('My robot'));
    expect((await host['project.list']({})).map((e) => e.title)).toEqual(['My robot']);
    expect((await host['project.recent']({})).map((e) => e.path)).toEqual([saved.path]);
  });

  it('the recent list survives a restart of the app', async () => {
    await services()['project.save']({ path: 'a', project: project('A') });
    await services()['project.save']({ path: 'b', project: project('B') });
    expect((await services()['project.recent']({})).map((e) => e.title)).toEqual(['B', 'A']);
  });

  it('saving again keeps the previous content in the version history, and it can be reopened', async () => {
    const host = services();
    await host['project.save']({ path: 'maze', project: project('first') });
    await host['project.save']({ path: 'maze', project: project('second') });
    await host['project.save']({ path: 'maze', project: project('third') });
    const history = await host['project.history']({ path: 'maze.ailab' });
    expect(history).toHaveLength(2);
    const newest = await host['project.openVersion']({ path: 'maze.ailab', versionId: history[0].id });
    const oldest = await host['project.openVersion']({ path: 'maze.ailab', versionId: history[1].id });
    expect(newest.project.meta.title).toBe('second');
    expect(oldest.project.meta.title).toBe('first');
    expect((await host['project.open']({ path: 'maze' })).project.meta.title).toBe('third');
  });

  it(`the history keeps only the last ${HISTORY_KEEP} versions`, async () => {
    const host = services();
    for (let i = 0; i < HISTORY_KEEP + 5; i++) await host['project.save']({ path: 'busy', project: project(`v${i}`) });
    const history = await host['project.history']({ path: 'busy' });
    expect(history).toHaveLength(HISTORY_KEEP);
    const newest = await host['project.openVersion']({ path: 'busy', versionId: history[0].id });
    expect(newest.project.meta.title).toBe(`v${HISTORY_KEEP + 3}`);
  });

  it('a crash between writing and renaming leaves the old file intact and no temp file behind', async () => {
    await services()['project.save']({ path: 'safe', project: project('old') });
    const file = join(dataDir, 'projects', 'safe.ailab');
    const before = sha(file);
    const crashing: FileIo = {
      rename: async () => {
        throw Object.assign(new Error('simulated power cut'), { code: 'EIO' });
      },
    };
    const err = await refusal(services({ io: crashing })['project.save']({ path: 'safe', project: project('new') }));
    expect(err.code).toBe('saveFailed');
    expect(sha(file)).toBe(before);
    expect((await fs.readdir(join(dataDir, 'projects'))).sort()).toEqual(['safe.ailab']);
    expect((await services()['project.open']({ path: 'safe' })).project.meta.title).toBe('old');
  });

  it('paths that climb out of the projects folder, or are not .ailab files, are refused', async () => {
    const host = services();
    expect((await refusal(host['project.save']({ path: '../escape.ailab', project: project('x') }))).code).toBe('pathOutsideProjects');
    expect((await refusal(host['project.save']({ path: 'a/../../escape', project: project('x') }))).code).toBe('pathOutsideProjects');
    expect((await refusal(host['project.save']({ path: '..', project: project('x') }))).code).toBe('pathOutsideProjects');
    expect((await refusal(host['project.open']({ path: 'notes.txt' }))).code).toBe('notAProjectFile');
    expect((await refusal(host['project.save']({ path: 'what?.ailab', project: project('x') }))).code).toBe('badFileName');
    await expect(fs.access(join(dataDir, 'escape.ailab'))).rejects.toThrow();
  });

  it('a lab server confined to the projects folder refuses absolute paths elsewhere', async () => {
    const host = services({ confineToProjectsDir: true });
    const outside = join(dataDir, 'elsewhere.ailab');
    expect((await refusal(host['project.save']({ path: outside, project: project('x') }))).code).toBe('pathOutsideProjects');
    const inside = join(dataDir, 'projects', 'ok.ailab');
    expect((await host['project.save']({ path: inside, project: project('ok') })).path).toBe(inside);
  });

  it('an absolute path in a folder that does not exist gives a clear error', async () => {
    const err = await refusal(services()['project.save']({ path: join(dataDir, 'no', 'such', 'dir.ailab'), project: project('x') }));
    expect(err.code).toBe('folderNotFound');
  });
});

describe('bad project files give a clear error and stay byte-for-byte unchanged', () => {
  async function expectRefused(content: string | Buffer, code: string) {
    const file = join(dataDir, 'bad.ailab');
    writeFileSync(file, content);
    const before = sha(file);
    const host = services();
    const err = await refusal(host['project.open']({ path: file }));
    expect(err.code).toBe(code);
    expect(err.message.length).toBeGreaterThan(10);
    expect(sha(file)).toBe(before);
    // Not remembered as a recent project either.
    expect(await host['project.recent']({})).toEqual([]);
    return err;
  }

  it('malformed JSON', async () => {
    await expectRefused('{"format":"ailab-project", "schemaVersion": 1, ', 'projectNotJson');
  });

  it('a file made by a newer version asks the student to update the app', async () => {
    const err = await expectRefused(JSON.stringify({ ...project('future'), schemaVersion: PROJECT_SCHEMA_VERSION + 1 }), 'projectTooNew');
    expect(err.params).toMatchObject({ fileVersion: PROJECT_SCHEMA_VERSION + 1, supportedVersion: PROJECT_SCHEMA_VERSION });
    expect(err.message).toMatch(/newer version/);
  });

  it('a file over the size limit is refused', async () => {
    const err = await expectRefused(Buffer.alloc(PROJECT_MAX_BYTES + 1, 0x20), 'projectTooLarge');
    expect(err.params).toMatchObject({ maxMb: 20 });
  });

  it('JSON that is not an AI Lab Studio project', async () => {
    await expectRefused(JSON.stringify({ format: 'scratch-project', schemaVersion: 1 }), 'projectWrongFormat');
    await expectRefused('[1, 2, 3]', 'projectWrongFormat');
  });

  it('a project with missing or wrong fields names the field', async () => {
    const broken: Record<string, unknown> = { ...project('broken') };
    delete broken.target;
    const err = await expectRefused(JSON.stringify(broken), 'projectInvalid');
    expect(String(err.params.detail)).toMatch(/target/);
  });

  it('a missing file', async () => {
    const err = await refusal(services()['project.open']({ path: 'ghost' }));
    expect(err.code).toBe('fileNotFound');
  });
});

describe('autosave drafts (crash recovery)', () => {
  it('drafts written by one session are listed by the next one and reopen with their content', async () => {
    const before = services();
    await before['project.autosave']({ draftId: 'session-1', path: null, project: project('unsaved work') });
    // "Crash": the first instance is simply dropped; a new one starts on the same data folder.
    const after = services();
    const drafts = await after['project.drafts']({});
    expect(drafts).toEqual([{ draftId: 'session-1', path: null, title: 'unsaved work', savedAt: expect.any(String) }]);
    const opened = await after['project.openDraft']({ draftId: 'session-1' });
    expect(opened.project.meta.title).toBe('unsaved work');
    await after['project.discardDraft']({ draftId: 'session-1' });
    expect(await services()['project.drafts']({})).toEqual([]);
  });

  it('saving a project clears its drafts; drafts of other files stay', async () => {
    const host = services();
    await host['project.autosave']({ draftId: 'd1', path: 'line', project: project('line draft') });
    await host['project.autosave']({ draftId: 'd2', path: 'maze', project: project('maze draft') });
    await host['project.save']({ path: 'line', project: project('line') });
    expect((await host['project.drafts']({})).map((d) => d.draftId)).toEqual(['d2']);
  });

  it('a damaged draft is skipped, not fatal', async () => {
    const host = services();
    await host['project.autosave']({ draftId: 'good', path: null, project: project('good') });
    writeFileSync(join(dataDir, 'drafts', 'bad.json'), '{"draftId":');
    expect((await host['project.drafts']({})).map((d) => d.draftId)).toEqual(['good']);
    expect((await refusal(host['project.openDraft']({ draftId: 'bad' }))).code).toBe('projectNotJson');
    expect((await refusal(host['project.openDraft']({ draftId: 'missing' }))).code).toBe('draftNotFound');
  });
});

describe('app info and dialogs', () => {
  it('reports the shell, version and projects folder', async () => {
    expect(await services()['app.info']({})).toEqual({ version: '0.1.0', shell: 'browser', platform: process.platform, projectsDir: join(dataDir, 'projects') });
  });

  it('without native dialogs (browser mode) the dialog methods say so', async () => {
    expect((await refusal(services()['project.showOpenDialog']({}))).code).toBe('dialogUnavailable');
  });
});
