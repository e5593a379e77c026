/**
 * The class record on the teacher PC: SQLite through sql.js (WebAssembly), one database file per class in
 * `<dataDir>/classes/<classId>.sqlite`. sql.js keeps the database in memory; every change schedules a flush that
 * writes the whole file atomically (temp file + rename), and `close()` flushes at once — a crash loses at most the
 * last ~100 ms, never the file. Tokens are stored only as SHA-256 hashes.
 *
 * Why sql.js and not better-sqlite3: the native module would have to be rebuilt against Electron's headers, which
 * this build machine cannot download, so a packaged app built here would carry a binary Electron cannot load. The
 * WASM build runs unchanged in Node and Electron, and a class (40 students, a few hundred hand-ins) is small.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';
import { writeFileAtomic } from '../services/atomic-write';

let sqlJs: Promise<SqlJsStatic> | null = null;
function loadSqlJs(): Promise<SqlJsStatic> {
  const require = createRequire(import.meta.url);
  const wasmDir = dirname(require.resolve('sql.js/dist/sql-wasm.wasm'));
  sqlJs ??= initSqlJs({ locateFile: (file: string) => join(wasmDir, file) });
  return sqlJs;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface StudentRow {
  readonly id: string;
  readonly nickname: string;
  readonly joinedAt: string;
  readonly lastSeq: number;
  readonly unitId: string | null;
  readonly lessonId: string | null;
  readonly stepId: string | null;
  readonly checks: readonly { id: string; passed: boolean }[];
  readonly needsHelp: boolean;
  readonly updatedAt: string;
  readonly handIns: number;
}

export interface HandInRow {
  readonly id: string;
  readonly studentId: string;
  readonly unitId: string | null;
  readonly lessonId: string | null;
  readonly title: string;
  readonly receivedAt: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS students (
  id TEXT PRIMARY KEY, client_id TEXT NOT NULL UNIQUE, token_hash TEXT NOT NULL UNIQUE, nickname TEXT NOT NULL,
  joined_at TEXT NOT NULL, last_seq INTEGER NOT NULL DEFAULT -1, unit_id TEXT, lesson_id TEXT, step_id TEXT,
  checks_json TEXT NOT NULL DEFAULT '[]', needs_help INTEGER NOT NULL DEFAULT 0, updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS handins (
  id TEXT PRIMARY KEY, student_id TEXT NOT NULL REFERENCES students(id) ON DELETE CASCADE, unit_id TEXT,
  lesson_id TEXT, title TEXT NOT NULL, project_json TEXT NOT NULL, received_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, student_id TEXT, at TEXT NOT NULL, type TEXT NOT NULL, detail TEXT NOT NULL);
`;

export class ClassStore {
  private flushTimer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private closed = false;

  private constructor(private readonly db: Database, readonly file: string) {}

  /** Opens (or creates) the record of class `classId` in `dataDir`. */
  static async open(dataDir: string, classId: string, className: string, now: string): Promise<ClassStore> {
    const SQL = await loadSqlJs();
    const file = join(dataDir, 'classes', `${classId}.sqlite`);
    await fs.mkdir(dirname(file), { recursive: true });
    let bytes: Uint8Array | undefined;
    try {
      bytes = new Uint8Array(await fs.readFile(file));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    const db = new SQL.Database(bytes);
    db.exec('PRAGMA foreign_keys = ON;');
    db.exec(SCHEMA);
    const store = new ClassStore(db, file);
    if (!store.meta('classId')) {
      store.setMeta('classId', classId);
      store.setMeta('className', className);
      store.setMeta('createdAt', now);
    }
    await store.flush();
    return store;
  }

  meta(key: string): string | null {
    const rows = this.db.exec('SELECT value FROM meta WHERE key = ?', [key]);
    return (rows[0]?.values[0]?.[0] as string | undefined) ?? null;
  }

  setMeta(key: string, value: string): void {
    this.db.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value', [key, value]);
    this.changed();
  }

  /** The student joining with `clientId`: the existing row (new token, same id) or a new one. */
  upsertStudent(args: { id: string; clientId: string; tokenHash: string; nickname: string; now: string }): string {
    const existing = this.db.exec('SELECT id FROM students WHERE client_id = ?', [args.clientId])[0]?.values[0]?.[0] as string | undefined;
    if (existing) {
      this.db.run('UPDATE students SET token_hash = ?, nickname = ?, updated_at = ? WHERE id = ?', [args.tokenHash, args.nickname, args.now, existing]);
      this.log(existing, args.now, 'rejoin', {});
      return existing;
    }
    this.db.run('INSERT INTO students (id, client_id, token_hash, nickname, joined_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)', [
      args.id, args.clientId, args.tokenHash, args.nickname, args.now, args.now,
    ]);
    this.log(args.id, args.now, 'join', { nickname: args.nickname });
    return args.id;
  }

  studentByTokenHash(tokenHash: string): string | null {
    return (this.db.exec('SELECT id FROM students WHERE token_hash = ?', [tokenHash])[0]?.values[0]?.[0] as string | undefined) ?? null;
  }

  nicknameTaken(nickname: string, clientId: string): boolean {
    return this.db.exec('SELECT 1 FROM students WHERE nickname = ? AND client_id != ?', [nickname, clientId]).length > 0;
  }

  /** Applies a progress report unless its `seq` was applied already; returns false for a replay. */
  recordProgress(studentId: string, seq: number, p: { unitId: string; lessonId: string; stepId: string; checks: readonly { id: string; passed: boolean }[] }, now: string): boolean {
    const res = this.db.exec('SELECT last_seq FROM students WHERE id = ?', [studentId]);
    const last = res[0]?.values[0]?.[0] as number | undefined;
    if (last === undefined || seq <= last) return false;
    this.db.run('UPDATE students SET last_seq = ?, unit_id = ?, lesson_id = ?, step_id = ?, checks_json = ?, updated_at = ? WHERE id = ?', [
      seq, p.unitId, p.lessonId, p.stepId, JSON.stringify(p.checks), now, studentId,
    ]);
    this.log(studentId, now, 'progress', p);
    return true;
  }

  recordHelp(studentId: string, seq: number, needsHelp: boolean, now: string): boolean {
    const last = this.db.exec('SELECT last_seq FROM students WHERE id = ?', [studentId])[0]?.values[0]?.[0] as number | undefined;
    if (last === undefined || seq <= last) return false;
    this.db.run('UPDATE students SET last_seq = ?, needs_help = ?, updated_at = ? WHERE id = ?', [seq, needsHelp ? 1 : 0, now, studentId]);
    this.log(studentId, now, needsHelp ? 'help' : 'helped', {});
    return true;
  }

  recordEvent(studentId: string, seq: number, type: string, detail: unknown, now: string): boolean {
    const last = this.db.exec('SELECT last_seq FROM students WHERE id = ?', [studentId])[0]?.values[0]?.[0] as number | undefined;
    if (last === undefined || seq <= last) return false;
    this.db.run('UPDATE students SET last_seq = ? WHERE id = ?', [seq, studentId]);
    this.log(studentId, now, type, detail);
    return true;
  }

  /** Stores a hand-in once (a retried upload with the same id is a no-op); false when it was there already. */
  addHandIn(h: { id: string; studentId: string; unitId: string | null; lessonId: string | null; title: string; projectJson: string; now: string }): boolean {
    if (this.db.exec('SELECT 1 FROM handins WHERE id = ?', [h.id]).length > 0) return false;
    this.db.run('INSERT INTO handins (id, student_id, unit_id, lesson_id, title, project_json, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
      h.id, h.studentId, h.unitId, h.lessonId, h.title, h.projectJson, h.now,
    ]);
    this.log(h.studentId, h.now, 'handin', { id: h.id, title: h.title });
    return true;
  }

  handInIds(studentId: string): string[] {
    return (this.db.exec('SELECT id FROM handins WHERE student_id = ? ORDER BY received_at', [studentId])[0]?.values ?? []).map((r) => r[0] as string);
  }

  handIns(studentId?: string): HandInRow[] {
    const rows = studentId
      ? this.db.exec('SELECT id, student_id, unit_id, lesson_id, title, received_at FROM handins WHERE student_id = ? ORDER BY received_at', [studentId])
      : this.db.exec('SELECT id, student_id, unit_id, lesson_id, title, received_at FROM handins ORDER BY received_at');
    return (rows[0]?.values ?? []).map((r) => ({
      id: r[0] as string, studentId: r[1] as string, unitId: r[2] as string | null, lessonId: r[3] as string | null, title: r[4] as string, receivedAt: r[5] as string,
    }));
  }

  handInProject(id: string): unknown {
    const json = this.db.exec('SELECT project_json FROM handins WHERE id = ?', [id])[0]?.values[0]?.[0] as string | undefined;
    return json === undefined ? null : JSON.parse(json);
  }

  students(): StudentRow[] {
    const rows = this.db.exec(`SELECT s.id, s.nickname, s.joined_at, s.last_seq, s.unit_id, s.lesson_id, s.step_id, s.checks_json, s.needs_help,
      s.updated_at, (SELECT COUNT(*) FROM handins h WHERE h.student_id = s.id) FROM students s ORDER BY s.joined_at, s.nickname`);
    return (rows[0]?.values ?? []).map((r) => ({
      id: r[0] as string, nickname: r[1] as string, joinedAt: r[2] as string, lastSeq: r[3] as number, unitId: r[4] as string | null,
      lessonId: r[5] as string | null, stepId: r[6] as string | null, checks: JSON.parse(r[7] as string), needsHelp: r[8] === 1,
      updatedAt: r[9] as string, handIns: r[10] as number,
    }));
  }

  /** Clears a student's progress (the teacher's per-student reset); hand-ins stay. */
  resetStudent(studentId: string, now: string): void {
    this.db.run("UPDATE students SET unit_id = NULL, lesson_id = NULL, step_id = NULL, checks_json = '[]', needs_help = 0, updated_at = ? WHERE id = ?", [now, studentId]);
    this.log(studentId, now, 'reset', {});
  }

  /** Deletes everything recorded about one student (their right to erasure); their token stops working. */
  deleteStudent(studentId: string): void {
    this.db.run('DELETE FROM handins WHERE student_id = ?', [studentId]);
    this.db.run('DELETE FROM events WHERE student_id = ?', [studentId]);
    this.db.run('DELETE FROM students WHERE id = ?', [studentId]);
    this.changed();
  }

  /** Everything recorded about one student, as JSON (their right to a copy). */
  exportStudent(studentId: string): unknown {
    const student = this.students().find((s) => s.id === studentId) ?? null;
    const handIns = this.handIns(studentId).map((h) => ({ ...h, project: this.handInProject(h.id) }));
    const events = (this.db.exec('SELECT at, type, detail FROM events WHERE student_id = ? ORDER BY seq', [studentId])[0]?.values ?? []).map((r) => ({
      at: r[0], type: r[1], detail: JSON.parse(r[2] as string),
    }));
    return { student, handIns, events };
  }

  private log(studentId: string | null, at: string, type: string, detail: unknown): void {
    this.db.run('INSERT INTO events (student_id, at, type, detail) VALUES (?, ?, ?, ?)', [studentId, at, type, JSON.stringify(detail)]);
    this.changed();
  }

  private changed(): void {
    if (this.closed || this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      void this.flush();
    }, 100);
  }

  /** Writes the database file now (atomically). Flushes run one after another. */
  flush(): Promise<void> {
    const bytes = this.db.export();
    this.flushing = this.flushing.then(() => writeFileAtomic(this.file, bytes)).catch(() => undefined);
    return this.flushing;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    await this.flush();
    this.closed = true;
    this.db.close();
  }
}
