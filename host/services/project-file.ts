/**
 * Reading and checking `.ailab` files. Every way a project enters the host (open, draft, history version, `ailab run`)
 * goes through `parseProjectText`, so a malformed, foreign, future-version or invalid file gives the same clear error
 * everywhere. Reading never writes: a refused file stays byte-for-byte as it was.
 */
import { promises as fs } from 'node:fs';
import { PROJECT_MAX_BYTES, PROJECT_SCHEMA_VERSION, ProjectSchema, type Project } from '../../core/contracts/project';
import { HostException, errnoDetail, isErrno } from './host-error';

type RawProject = Record<string, unknown>;

/**
 * Migrations from schema version N to N + 1, applied in order to files older than `PROJECT_SCHEMA_VERSION`. Each
 * takes the raw JSON object of version N and returns version N + 1 (pure; the file on disk is only rewritten when
 * the student saves). Empty while version 1 is the only version.
 */
export const PROJECT_MIGRATIONS: Readonly<Record<number, (raw: RawProject) => RawProject>> = {};

const toMb = (bytes: number) => Math.round((bytes / (1024 * 1024)) * 10) / 10;

/**
 * Reads a project file with the size cap checked before reading (and enforced while reading, in case the file grows).
 * `shownPath` is the path to put in error messages.
 */
export async function readProjectFile(path: string, shownPath = path, maxBytes = PROJECT_MAX_BYTES): Promise<Project> {
  return parseProjectText(await readCapped(path, shownPath, maxBytes), shownPath);
}

/** Reads at most `maxBytes` of a file; refuses larger files without reading them. */
export async function readCapped(path: string, shownPath: string, maxBytes = PROJECT_MAX_BYTES): Promise<string> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(path, 'r');
  } catch (err) {
    if (isErrno(err, 'ENOENT')) throw new HostException('fileNotFound', { path: shownPath });
    if (isErrno(err, 'EISDIR')) throw new HostException('notAFile', { path: shownPath });
    throw new HostException('readFailed', { path: shownPath, detail: errnoDetail(err) });
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new HostException('notAFile', { path: shownPath });
    if (stat.size > maxBytes) throw new HostException('projectTooLarge', { sizeMb: toMb(stat.size), maxMb: toMb(maxBytes) });
    const buffer = Buffer.alloc(Math.min(stat.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > maxBytes) throw new HostException('projectTooLarge', { sizeMb: toMb(length), maxMb: toMb(maxBytes) });
      if (length === buffer.length) break;
    }
    return buffer.subarray(0, length).toString('utf8');
  } catch (err) {
    if (err instanceof HostException) throw err;
    throw new HostException('readFailed', { path: shownPath, detail: errnoDetail(err) });
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** Parses and checks project JSON text: JSON → format → schema version (migrate older, refuse newer) → schema. */
export function parseProjectText(text: string, shownPath: string): Project {
  let raw: unknown;
  try {
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    throw new HostException('projectNotJson', { path: shownPath, detail: err instanceof Error ? err.message.slice(0, 200) : 'JSON' });
  }
  return checkProject(raw, shownPath);
}

/**
 * The checks of `parseProjectText` for an already-parsed value. `migrations` and `currentVersion` default to this
 * build's; tests pass others to exercise the migration path before a version 2 exists.
 */
export function checkProject(
  raw: unknown,
  shownPath: string,
  migrations: Readonly<Record<number, (raw: RawProject) => RawProject>> = PROJECT_MIGRATIONS,
  currentVersion: number = PROJECT_SCHEMA_VERSION,
): Project {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || (raw as RawProject).format !== 'ailab-project') {
    throw new HostException('projectWrongFormat', { path: shownPath });
  }
  let current = raw as RawProject;
  const version = current.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new HostException('projectInvalid', { path: shownPath, detail: 'schemaVersion' });
  }
  if (version > currentVersion) {
    throw new HostException('projectTooNew', { path: shownPath, fileVersion: version, supportedVersion: currentVersion });
  }
  for (let v = version; v < currentVersion; v++) {
    const migrate = migrations[v];
    if (!migrate) throw new HostException('projectInvalid', { path: shownPath, detail: `no migration from schemaVersion ${v}` });
    current = { ...migrate(current), schemaVersion: v + 1 };
  }
  const parsed = ProjectSchema.safeParse(current);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length ? issue.path.join('.') : '(root)';
    throw new HostException('projectInvalid', { path: shownPath, detail: `${where}: ${issue.message}`.slice(0, 300) });
  }
  return parsed.data;
}

/** The text a project is saved as: pretty JSON (diff-friendly, a class project is small) with a final newline. */
export function serializeProject(project: Project): string {
  return `${JSON.stringify(project, null, 2)}\n`;
}
