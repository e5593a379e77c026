/**
 * The host's project services behind `HOST_METHODS` (core/contracts/host.ts). Electron main wires the returned object
 * to IPC, `ailab serve` to the WebSocket; both validate params before calling. Every failure rejects with a
 * `HostException` (plain `{ code, params, message }` via `toJSON`).
 *
 * Guarantees: opening never writes the opened file; saving is atomic and keeps the previous content in the version
 * history (last `HISTORY_KEEP` versions); drafts are written atomically and survive a crash until saved or discarded.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { ProjectSchema, PROJECT_MAX_BYTES, type Project } from '../../core/contracts/project';
import type { HostResult, HostServices } from '../../core/contracts/host';
import { writeFileAtomic, nodeFileIo, type FileIo } from './atomic-write';
import { dataLayout } from './data-dir';
import { HostException, errnoDetail, isErrno } from './host-error';
import { checkProject, readCapped, readProjectFile, serializeProject } from './project-file';
import { isInside, resolveProjectPath } from './project-paths';
import { createClassroomService, type ClassMethod } from './classroom-service';
import { createLessonServices } from './lessons-service';
import { createLiveService, type HostEventSink, type LiveMethod } from './live-service';

/** Versions kept per file in the history; older ones are deleted on save. */
export const HISTORY_KEEP = 20;
/** Entries kept in the recent-projects list. */
export const RECENT_KEEP = 12;

export interface HostServicesOptions {
  readonly dataDir: string;
  readonly appVersion: string;
  readonly shell: 'electron' | 'browser';
  /** Only files inside the projects folder (a lab server other machines can reach). Default false. */
  readonly confineToProjectsDir?: boolean;
  /** Native dialogs (Electron main passes them); without them the dialog methods fail with `dialogUnavailable`. */
  readonly dialogs?: {
    showOpenDialog(): Promise<string | null>;
    showSaveDialog(suggestedName: string): Promise<string | null>;
  };
  /** File operations of atomic writes; tests pass a double that fails the rename to simulate a crash. */
  readonly io?: FileIo;
  /** Wall clock for timestamps (drafts, history ids); tests may pin it. */
  readonly now?: () => Date;
  /** Logger for `[Host]` lines; default console. */
  readonly log?: (line: string) => void;
  /** Pushes host events to the page (live mode: device status, readings, runtime events, serial data). */
  readonly emit?: HostEventSink;
  /** Live-mode methods (devices, live runs, serial monitor); default: `createLiveService` sending events to `emit`.
   *  Pass your own to close it on shutdown (start-server does). */
  readonly live?: Pick<HostServices, LiveMethod>;
  /** The app's bundled lesson units (default: lessons-service's `defaultCurriculaDir()`). */
  readonly curriculaDir?: string;
  /** Classroom methods (teacher and student); default: `createClassroomService` sending events to `emit`. Pass your
   *  own to close it on shutdown (start-server does). */
  readonly classroom?: Pick<HostServices, ClassMethod>;
}

interface RecentItem {
  path: string;
  title: string;
}

interface DraftFile {
  draftId: string;
  path: string | null;
  savedAt: string;
  project: unknown;
}

const VERSION_ID = /^[0-9A-Za-z_-]{1,100}$/;
const DRAFT_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function createHostServices(options: HostServicesOptions): HostServices {
  const layout = dataLayout(options.dataDir);
  const io = options.io ?? nodeFileIo;
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((line: string) => console.log(line));
  const confine = options.confineToProjectsDir ?? false;
  /** Serialises writes per target (two saves of one file, or save racing an autosave, never interleave). */
  const queues = new Map<string, Promise<unknown>>();
  let historySeq = 0;

  function serial<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = queues.get(key) ?? Promise.resolve();
    const next = previous.then(task, task);
    const settled = next.catch(() => undefined);
    queues.set(key, settled);
    void settled.then(() => {
      if (queues.get(key) === settled) queues.delete(key);
    });
    return next;
  }

  const resolvePath = (input: string) => resolveProjectPath(input, layout.projectsDir, confine);
  const historyFolder = (fullPath: string) =>
    join(layout.historyDir, createHash('sha256').update(fullPath).digest('hex').slice(0, 24));

  async function entryFor(fullPath: string, title?: string): Promise<HostResult<'project.list'>[number] | null> {
    try {
      const stat = await fs.stat(fullPath);
      if (!stat.isFile()) return null;
      return { path: fullPath, title: title ?? (await titleOf(fullPath, stat.size)), modifiedAt: stat.mtime.toISOString(), sizeBytes: stat.size };
    } catch {
      return null;
    }
  }

  /** The project's title, or its file name when the file is large, unreadable or untitled (lists stay cheap). */
  async function titleOf(fullPath: string, size: number): Promise<string> {
    const fallback = basename(fullPath, extname(fullPath));
    if (size > 2 * 1024 * 1024) return fallback;
    try {
      const raw = JSON.parse(await fs.readFile(fullPath, 'utf8')) as { meta?: { title?: unknown } };
      const title = raw?.meta?.title;
      return typeof title === 'string' && title.trim() ? title.slice(0, 200) : fallback;
    } catch {
      return fallback;
    }
  }

  async function readRecent(): Promise<RecentItem[]> {
    try {
      const raw = JSON.parse(await fs.readFile(layout.recentFile, 'utf8')) as unknown;
      if (!Array.isArray(raw)) return [];
      return raw
        .filter((r): r is RecentItem => typeof r?.path === 'string' && typeof r?.title === 'string')
        .slice(0, RECENT_KEEP);
    } catch {
      return []; // missing or damaged: the recent list is a convenience, never a reason to fail
    }
  }

  function touchRecent(fullPath: string, title: string): Promise<void> {
    return serial(layout.recentFile, async () => {
      const list = (await readRecent()).filter((r) => r.path !== fullPath);
      list.unshift({ path: fullPath, title });
      await fs.mkdir(layout.dataDir, { recursive: true });
      await writeFileAtomic(layout.recentFile, `${JSON.stringify(list.slice(0, RECENT_KEEP), null, 2)}\n`, nodeFileIo);
    }).catch((err) => log(`[Host] could not update the recent list: ${errnoDetail(err)}`));
  }

  const titleFor = (project: Project, fullPath: string) => project.meta.title.trim() || basename(fullPath, extname(fullPath));

  /** Copies the file's current content into its history (streamed copy: the old file may be large). */
  async function keepVersion(fullPath: string): Promise<void> {
    const folder = historyFolder(fullPath);
    await fs.mkdir(folder, { recursive: true });
    // Sortable id: UTC time to the millisecond + a per-process sequence (two saves in one millisecond stay apart).
    const stamp = now().toISOString().replace(/[-:.]/g, '').replace('T', '_').replace('Z', '');
    const id = `${stamp}_${process.pid}_${String(historySeq++).padStart(4, '0')}`;
    await fs.writeFile(join(folder, 'path.txt'), `${fullPath}\n`);
    const temp = join(folder, `.${id}.tmp`);
    try {
      await fs.copyFile(fullPath, temp);
      await fs.rename(temp, join(folder, `${id}.ailab`));
    } finally {
      await fs.rm(temp, { force: true });
    }
    const versions = (await listVersionFiles(folder)).map((v) => v.name);
    for (const old of versions.slice(HISTORY_KEEP)) await fs.rm(join(folder, old), { force: true });
  }

  /** True when the file at `fullPath` already holds exactly `text` (only read when the sizes agree). */
  async function sameContent(fullPath: string, size: number, text: string): Promise<boolean> {
    const bytes = Buffer.from(text);
    if (size !== bytes.length) return false;
    return (await fs.readFile(fullPath)).equals(bytes);
  }

  /** Version files of one history folder, newest first. */
  async function listVersionFiles(folder: string): Promise<{ name: string; id: string }[]> {
    let names: string[];
    try {
      names = await fs.readdir(folder);
    } catch (err) {
      if (isErrno(err, 'ENOENT')) return [];
      throw err;
    }
    return names
      .filter((n) => n.endsWith('.ailab') && VERSION_ID.test(n.slice(0, -'.ailab'.length)))
      .sort()
      .reverse()
      .map((name) => ({ name, id: name.slice(0, -'.ailab'.length) }));
  }

  /** Stored time of a version id (the id starts with `YYYYMMDD_HHMMSSmmm`). */
  function versionTime(id: string): string {
    const m = /^(\d{4})(\d{2})(\d{2})_(\d{2})(\d{2})(\d{2})(\d{3})/.exec(id);
    return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z` : '';
  }

  const draftFile = (draftId: string) => {
    if (!DRAFT_ID.test(draftId)) throw new HostException('draftNotFound', { draftId });
    return join(layout.draftsDir, `${draftId}.json`);
  };

  async function readDraft(draftId: string): Promise<DraftFile> {
    let text: string;
    try {
      text = await readCapped(draftFile(draftId), draftId, PROJECT_MAX_BYTES + 64 * 1024);
    } catch (err) {
      if (err instanceof HostException && err.code === 'fileNotFound') throw new HostException('draftNotFound', { draftId });
      throw err;
    }
    let raw: Partial<DraftFile>;
    try {
      raw = JSON.parse(text) as Partial<DraftFile>;
    } catch (err) {
      throw new HostException('projectNotJson', { path: draftId, detail: err instanceof Error ? err.message.slice(0, 200) : 'JSON' });
    }
    return {
      draftId,
      path: typeof raw.path === 'string' ? raw.path : null,
      savedAt: typeof raw.savedAt === 'string' ? raw.savedAt : '',
      project: raw.project,
    };
  }

  const services: HostServices = {
    ...(options.live ?? createLiveService({ emit: options.emit ?? (() => undefined), log }).methods),
    ...(options.classroom ?? createClassroomService({ dataDir: options.dataDir, curriculaDir: options.curriculaDir, emit: options.emit ?? (() => undefined) }).methods),
    ...createLessonServices({ dataDir: options.dataDir, curriculaDir: options.curriculaDir, io, now, log }),
    async 'app.info'() {
      return { version: options.appVersion, shell: options.shell, platform: process.platform, projectsDir: layout.projectsDir };
    },

    async 'project.list'() {
      let names: string[];
      try {
        names = await fs.readdir(layout.projectsDir);
      } catch (err) {
        if (isErrno(err, 'ENOENT')) return [];
        throw new HostException('readFailed', { path: layout.projectsDir, detail: errnoDetail(err) });
      }
      const entries = await Promise.all(
        names.filter((n) => n.toLowerCase().endsWith('.ailab') && !n.startsWith('.')).map((n) => entryFor(join(layout.projectsDir, n))),
      );
      return entries.filter((e) => e !== null).sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt));
    },

    async 'project.recent'() {
      const entries = await Promise.all((await readRecent()).map((r) => entryFor(r.path, r.title)));
      return entries.filter((e) => e !== null);
    },

    async 'project.open'({ path }) {
      const fullPath = resolvePath(path);
      const project = await readProjectFile(fullPath, path);
      await touchRecent(fullPath, titleFor(project, fullPath));
      return { path: fullPath, project };
    },

    async 'project.save'({ path, project: input }) {
      const fullPath = resolvePath(path);
      const project = ProjectSchema.parse(input);
      const text = serializeProject(project);
      if (Buffer.byteLength(text) > PROJECT_MAX_BYTES) {
        throw new HostException('projectTooLarge', { sizeMb: Math.round(Buffer.byteLength(text) / 104857.6) / 10, maxMb: PROJECT_MAX_BYTES / 1048576 });
      }
      return serial(fullPath, async () => {
        const folder = dirname(fullPath);
        if (folder === layout.projectsDir || isInside(folder, layout.projectsDir)) await fs.mkdir(folder, { recursive: true });
        let previousSize: number | null = null;
        try {
          const stat = await fs.stat(fullPath);
          if (!stat.isFile()) throw new HostException('notAFile', { path });
          previousSize = stat.size;
        } catch (err) {
          if (err instanceof HostException) throw err;
          if (!isErrno(err, 'ENOENT')) throw new HostException('saveFailed', { path, detail: errnoDetail(err) });
        }
        try {
          await writeFileAtomic(fullPath, text, io, async () => {
            // The old content goes to history once the new content is safely on disk and before it replaces the file.
            if (previousSize !== null && !(await sameContent(fullPath, previousSize, text))) await keepVersion(fullPath);
          });
        } catch (err) {
          if (isErrno(err, 'ENOENT') && previousSize === null) throw new HostException('folderNotFound', { path });
          throw new HostException('saveFailed', { path, detail: errnoDetail(err) });
        }
        log(`[Host] saved ${fullPath} (${Buffer.byteLength(text)} bytes)`);
        await clearDraftsFor(fullPath);
        await touchRecent(fullPath, titleFor(project, fullPath));
        const entry = await entryFor(fullPath, titleFor(project, fullPath));
        if (!entry) throw new HostException('saveFailed', { path, detail: 'missing after save' });
        return entry;
      });
    },

    async 'project.showOpenDialog'() {
      if (!options.dialogs) throw new HostException('dialogUnavailable');
      return { path: await options.dialogs.showOpenDialog() };
    },

    async 'project.showSaveDialog'({ suggestedName }) {
      if (!options.dialogs) throw new HostException('dialogUnavailable');
      return { path: await options.dialogs.showSaveDialog(suggestedName) };
    },

    async 'project.autosave'({ draftId, path, project }) {
      const file = draftFile(draftId);
      const savedAt = now().toISOString();
      const body: DraftFile = { draftId, path: path === null ? null : resolvePath(path), savedAt, project: ProjectSchema.parse(project) };
      const text = JSON.stringify(body);
      if (Buffer.byteLength(text) > PROJECT_MAX_BYTES + 64 * 1024) throw new HostException('projectTooLarge', { sizeMb: Math.round(Buffer.byteLength(text) / 104857.6) / 10, maxMb: PROJECT_MAX_BYTES / 1048576 });
      await serial(file, async () => {
        await fs.mkdir(layout.draftsDir, { recursive: true });
        try {
          await writeFileAtomic(file, text, io);
        } catch (err) {
          throw new HostException('saveFailed', { path: draftId, detail: errnoDetail(err) });
        }
      });
      return { savedAt };
    },

    async 'project.discardDraft'({ draftId }) {
      const file = draftFile(draftId);
      await serial(file, () => fs.rm(file, { force: true }));
      return {};
    },

    async 'project.drafts'() {
      let names: string[];
      try {
        names = await fs.readdir(layout.draftsDir);
      } catch (err) {
        if (isErrno(err, 'ENOENT')) return [];
        throw new HostException('readFailed', { path: layout.draftsDir, detail: errnoDetail(err) });
      }
      const drafts: HostResult<'project.drafts'> = [];
      for (const name of names) {
        const draftId = name.endsWith('.json') ? name.slice(0, -'.json'.length) : '';
        if (!DRAFT_ID.test(draftId)) continue;
        try {
          const draft = await readDraft(draftId);
          const project = checkProject(draft.project, draftId);
          drafts.push({ draftId, path: draft.path, title: project.meta.title, savedAt: draft.savedAt });
        } catch (err) {
          // A damaged draft cannot be recovered; it is listed nowhere but left on disk for a person to look at.
          log(`[Host] skipped unreadable draft ${name}: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
      return drafts.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
    },

    async 'project.openDraft'({ draftId }) {
      const draft = await readDraft(draftId);
      return { path: draft.path, project: checkProject(draft.project, draftId) };
    },

    async 'project.history'({ path }) {
      const fullPath = resolvePath(path);
      const folder = historyFolder(fullPath);
      const versions = await listVersionFiles(folder);
      const result: HostResult<'project.history'> = [];
      for (const v of versions) {
        try {
          const stat = await fs.stat(join(folder, v.name));
          result.push({ id: v.id, savedAt: versionTime(v.id) || stat.mtime.toISOString(), sizeBytes: stat.size });
        } catch {
          // pruned meanwhile
        }
      }
      return result;
    },

    async 'project.openVersion'({ path, versionId }) {
      const fullPath = resolvePath(path);
      if (!VERSION_ID.test(versionId)) throw new HostException('versionNotFound', { versionId });
      try {
        return { project: await readProjectFile(join(historyFolder(fullPath), `${versionId}.ailab`), path) };
      } catch (err) {
        if (err instanceof HostException && err.code === 'fileNotFound') throw new HostException('versionNotFound', { versionId });
        throw err;
      }
    },
  };

  /** Drafts of a file are obsolete once it is saved. */
  async function clearDraftsFor(fullPath: string): Promise<void> {
    let names: string[];
    try {
      names = await fs.readdir(layout.draftsDir);
    } catch {
      return;
    }
    for (const name of names) {
      const draftId = name.endsWith('.json') ? name.slice(0, -'.json'.length) : '';
      if (!DRAFT_ID.test(draftId)) continue;
      try {
        const draft = await readDraft(draftId);
        if (draft.path === fullPath) await serial(draftFile(draftId), () => fs.rm(draftFile(draftId), { force: true }));
      } catch {
        // unreadable drafts are left alone
      }
    }
  }

  return services;
}
