/**
 * Atomic file replacement: write a temp file in the same folder, fsync it, rename it over the target, then fsync the
 * folder (where the OS allows opening a folder; Windows does not). A crash at any point leaves either the old file
 * or the new one, never a half-written file. Leftover temp files (`.<name>.<pid>.<n>.tmp`) are harmless.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The file operations atomic writes use; tests pass a double to simulate a crash between write and rename. */
export interface FileIo {
  rename(from: string, to: string): Promise<void>;
}

export const nodeFileIo: FileIo = { rename: (from, to) => fs.rename(from, to) };

/**
 * Replaces `target` with `data` atomically. `beforeReplace` runs after the new content is safely on disk and before
 * the rename (the project service copies the old version into history there). On failure the temp file is removed
 * and the error rethrown; `target` is untouched.
 */
export async function writeFileAtomic(
  target: string,
  data: string | Uint8Array,
  io: FileIo = nodeFileIo,
  beforeReplace?: () => Promise<void>,
): Promise<void> {
  const dir = dirname(target);
  const temp = join(dir, `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(temp, 'wx', 0o644);
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    if (beforeReplace) await beforeReplace();
    await io.rename(temp, target);
  } catch (err) {
    if (handle) await handle.close().catch(() => undefined);
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw err;
  }
  await fsyncDir(dir);
}

/** Makes a rename durable on POSIX. Windows refuses to open folders (EPERM/EISDIR); there NTFS journals the rename. */
export async function fsyncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // Some file systems (network shares, some FUSE mounts) cannot fsync a folder; the rename itself has happened.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
