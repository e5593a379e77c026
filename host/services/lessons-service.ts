/**
 * The lesson player's host services (`LESSON_METHODS` in core/contracts/lessons.ts): units from the app's bundled
 * `curricula/` and from `<data>/units/` (installed from a teacher's package; an installed unit replaces a bundled one
 * with the same id), their files, and per-student progress in `<data>/progress/<student>.json`, written atomically
 * (temp file, fsync, rename) so a crash never leaves half a record.
 *
 * Only files inside a unit folder are readable, and only the kinds the player shows (Markdown, images, projects).
 */
import { existsSync, promises as fs } from 'node:fs';
import { extname, join, relative, resolve, sep, isAbsolute } from 'node:path';
import { LESSON_METHODS, LessonProgressSchema, PROGRESS_MAX_BYTES, ProgressSchema, type Progress, type UnitSummary } from '../../core/contracts/lessons';
import type { HostServices } from '../../core/contracts/host';
import { describeProblem } from '../../core/lessons/load';
import type { Unit } from '../../core/lessons/unit-schema';
import { writeFileAtomic, nodeFileIo, type FileIo } from './atomic-write';
import { HostException, errnoDetail, isErrno } from './host-error';
import { findUnitDirs, loadUnitDir } from './lessons-check';
import { readCapped, readProjectFile } from './project-file';

export type LessonMethod = keyof typeof LESSON_METHODS;

export interface LessonServicesOptions {
  readonly dataDir: string;
  /** The app's bundled units (a folder of grade folders); default `defaultCurriculaDir()`. */
  readonly curriculaDir?: string;
  readonly io?: FileIo;
  readonly now?: () => Date;
  readonly log?: (line: string) => void;
}

/** Where the bundled units are: next to the packaged app's resources, else `curricula/` in the working folder. */
export function defaultCurriculaDir(): string {
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  if (resources && existsSync(join(resources, 'curricula'))) return join(resources, 'curricula');
  return join(process.cwd(), 'curricula');
}

const MIME: Record<string, string> = {
  '.md': 'text/markdown', '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg',
  '.gif': 'image/gif', '.webp': 'image/webp',
};
const TEXT_MAX_BYTES = 256 * 1024;
/** How long a scan of the unit folders is reused (ms). */
export const SCAN_TTL_MS = 5000;
const IMAGE_MAX_BYTES = 4 * 1024 * 1024;

interface KnownUnit {
  readonly dir: string;
  readonly unit: Unit;
  readonly source: 'bundled' | 'installed';
}

export function createLessonServices(options: LessonServicesOptions): Pick<HostServices, LessonMethod> {
  const bundledDir = options.curriculaDir ?? defaultCurriculaDir();
  const installedDir = join(options.dataDir, 'units');
  const progressDir = join(options.dataDir, 'progress');
  const io = options.io ?? nodeFileIo;
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((line: string) => console.log(line));
  const queues = new Map<string, Promise<unknown>>();

  /** Writes of one student's file never interleave (two quick saves from the player). */
  function serial<T>(key: string, task: () => Promise<T>): Promise<T> {
    const next = (queues.get(key) ?? Promise.resolve()).then(task, task);
    const settled = next.catch(() => undefined);
    queues.set(key, settled);
    void settled.then(() => {
      if (queues.get(key) === settled) queues.delete(key);
    });
    return next;
  }

  /**
   * Every valid unit, installed ones overriding bundled ones with the same id. Kept for `SCAN_TTL_MS`, so a step
   * with pictures (one request per picture, from a whole class on a lab server) does not re-validate every unit
   * each time; a unit a teacher installs shows up at once (the installed-units folder changed).
   */
  let cached: { at: number; installedMtime: number; units: Promise<Map<string, KnownUnit>> } | null = null;
  async function scan(): Promise<Map<string, KnownUnit>> {
    const at = Date.now();
    // Installing a unit renames a finished folder into units/, which changes the folder's mtime: rescan at once.
    const installedMtime = await fs.stat(installedDir).then((st) => st.mtimeMs, () => 0);
    if (!cached || at - cached.at > SCAN_TTL_MS || cached.installedMtime !== installedMtime) {
      const units = scanNow();
      cached = { at, installedMtime, units };
      // A failed scan is not remembered.
      units.catch(() => {
        if (cached?.units === units) cached = null;
      });
    }
    return cached.units;
  }

  async function scanNow(): Promise<Map<string, KnownUnit>> {
    const units = new Map<string, KnownUnit>();
    for (const [root, source] of [[bundledDir, 'bundled'], [installedDir, 'installed']] as const) {
      if (!existsSync(root)) continue;
      for (const dir of await findUnitDirs(root)) {
        const loaded = await loadUnitDir(dir);
        if (!loaded.unit || loaded.problems.length > 0) {
          log(`[Lessons] skipped unit ${dir}: ${loaded.problems.slice(0, 3).map((p) => describeProblem(p, 'en')).join('; ')}`);
          continue;
        }
        units.set(loaded.unit.id, { dir, unit: loaded.unit, source });
      }
    }
    return units;
  }

  async function unitById(unitId: string): Promise<KnownUnit> {
    const found = (await scan()).get(unitId);
    if (!found) throw new HostException('unitNotFound', { id: unitId });
    return found;
  }

  /** The file's absolute path, refused unless it lies inside the unit folder (no `..`, no symlink games by name). */
  function insideUnit(dir: string, path: string): string {
    const full = resolve(dir, path);
    const rel = relative(dir, full);
    if (rel === '' || rel.split(sep)[0] === '..' || isAbsolute(rel)) throw new HostException('pathOutsideUnit', { path });
    return full;
  }

  const studentFile = (student: string) => join(progressDir, `${Buffer.from(student.normalize('NFC'), 'utf8').toString('hex')}.json`);
  const emptyProgress = (student: string): Progress => ({ format: 'ailab-progress', version: 1, student, units: {}, updatedAt: '' });

  async function readProgress(student: string): Promise<Progress> {
    const file = studentFile(student);
    let text: string;
    try {
      text = await readCapped(file, `progress/${student}`, PROGRESS_MAX_BYTES);
    } catch (err) {
      if (err instanceof HostException && err.code === 'fileNotFound') return emptyProgress(student);
      throw err;
    }
    try {
      return ProgressSchema.parse(JSON.parse(text));
    } catch (err) {
      // A damaged record is kept aside for a teacher to look at, never silently overwritten.
      const aside = `${file}.damaged-${now().getTime()}`;
      await fs.rename(file, aside).catch(() => undefined);
      log(`[Lessons] progress of ${student} was unreadable (${err instanceof Error ? err.message.slice(0, 200) : String(err)}); kept as ${aside}`);
      return emptyProgress(student);
    }
  }

  const summary = (k: KnownUnit): UnitSummary => ({
    id: k.unit.id, grade: k.unit.grade, order: k.unit.order, title: k.unit.title, summary: k.unit.summary, classHours: k.unit.classHours,
    kit: k.unit.target.kit, source: k.source, lessons: k.unit.lessons.map((l) => ({ id: l.id, title: l.title })),
  });

  return {
    async 'lessons.list'() {
      const units = [...(await scan()).values()].map(summary);
      const gradeOrder = { '4': 0, '7': 1, club: 2 } as const;
      return units.sort((a, b) => gradeOrder[a.grade] - gradeOrder[b.grade] || a.order - b.order || a.id.localeCompare(b.id));
    },

    async 'lessons.get'({ unitId }) {
      const k = await unitById(unitId);
      return { unit: k.unit, source: k.source };
    },

    async 'lessons.readFile'({ unitId, path }) {
      const k = await unitById(unitId);
      const full = insideUnit(k.dir, path);
      const mime = MIME[extname(full).toLowerCase()];
      if (!mime) throw new HostException('unitFileType', { path });
      if (mime === 'text/markdown') return { path, mime, text: await readCapped(full, path, TEXT_MAX_BYTES) };
      let bytes: Buffer;
      try {
        const stat = await fs.stat(full);
        if (!stat.isFile()) throw new HostException('notAFile', { path });
        if (stat.size > IMAGE_MAX_BYTES) throw new HostException('unitFileTooLarge', { path, maxMb: IMAGE_MAX_BYTES / 1048576 });
        bytes = await fs.readFile(full);
      } catch (err) {
        if (err instanceof HostException) throw err;
        if (isErrno(err, 'ENOENT')) throw new HostException('fileNotFound', { path });
        throw new HostException('readFailed', { path, detail: errnoDetail(err) });
      }
      return { path, mime, base64: bytes.toString('base64') };
    },

    async 'lessons.project'({ unitId, lessonId, which }) {
      const k = await unitById(unitId);
      const lesson = k.unit.lessons.find((l) => l.id === lessonId);
      if (!lesson) throw new HostException('lessonNotFound', { id: lessonId, unit: unitId });
      const file = which === 'starter' ? lesson.starter : lesson.solution;
      return { project: await readProjectFile(insideUnit(k.dir, file), file) };
    },

    async 'progress.students'() {
      let names: string[];
      try {
        names = await fs.readdir(progressDir);
      } catch (err) {
        if (isErrno(err, 'ENOENT')) return [];
        throw new HostException('readFailed', { path: progressDir, detail: errnoDetail(err) });
      }
      const out: { student: string; updatedAt: string }[] = [];
      for (const name of names) {
        const m = /^([0-9a-f]+)\.json$/.exec(name);
        if (!m) continue;
        const student = Buffer.from(m[1], 'hex').toString('utf8');
        const progress = await readProgress(student).catch(() => null);
        if (progress && progress.updatedAt) out.push({ student: progress.student, updatedAt: progress.updatedAt });
      }
      return out.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    },

    async 'progress.get'({ student }) {
      return readProgress(student);
    },

    async 'progress.save'({ student, unitId, lessonId, lesson }) {
      const file = studentFile(student);
      return serial(file, async () => {
        const progress = await readProgress(student);
        const updatedAt = now().toISOString();
        const next: Progress = { ...progress, student, updatedAt, units: { ...progress.units, [unitId]: { ...(progress.units[unitId] ?? {}), [lessonId]: LessonProgressSchema.parse(lesson) } } };
        const text = JSON.stringify(next);
        if (Buffer.byteLength(text) > PROGRESS_MAX_BYTES) throw new HostException('progressTooLarge', { maxMb: PROGRESS_MAX_BYTES / 1048576 });
        try {
          await fs.mkdir(progressDir, { recursive: true });
          await writeFileAtomic(file, text, io);
        } catch (err) {
          throw new HostException('saveFailed', { path: `progress/${student}`, detail: errnoDetail(err) });
        }
        return { updatedAt };
      });
    },
  };
}
