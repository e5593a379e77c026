/**
 * Turning the `path` a client sends into a file the host may touch. Rules:
 * - a relative path (a bare name like `my-robot` or `class-4a/maze.ailab`) is placed in the projects folder and may
 *   not climb out of it with `..`;
 * - an absolute path (from a native dialog in Electron) is used as given, unless the host is confined to the
 *   projects folder (a lab server reachable from other machines), where it must lie inside that folder;
 * - only `.ailab` files; a name without any extension gets `.ailab` appended.
 */
import { isAbsolute, relative, resolve, sep, extname, basename } from 'node:path';
import { HostException } from './host-error';

export const PROJECT_EXTENSION = '.ailab';

// Characters Windows forbids in file names, plus control characters: a project saved on one OS must open on another.
const FORBIDDEN = /[<>:"|?*\u0000-\u001f]/;

export function resolveProjectPath(input: string, projectsDir: string, confine: boolean): string {
  const trimmed = input.trim();
  const absolute = isAbsolute(trimmed);
  if (!absolute && trimmed.split(/[\\/]/).some((part) => FORBIDDEN.test(part))) throw new HostException('badFileName', { path: input });
  let full = absolute ? resolve(trimmed) : resolve(projectsDir, trimmed);
  const ext = extname(full);
  if (ext === '') full += PROJECT_EXTENSION;
  else if (ext.toLowerCase() !== PROJECT_EXTENSION) throw new HostException('notAProjectFile', { path: input });
  if (basename(full, extname(full)).trim() === '') throw new HostException('badFileName', { path: input });
  // Checked on the final name, so `.` or `..` plus the appended extension cannot land beside the folder.
  if ((!absolute || confine) && !isInside(full, projectsDir)) throw new HostException('pathOutsideProjects', { path: input });
  return full;
}

/** True when `child` lies strictly below `parent` (after resolving `..`). */
export function isInside(child: string, parent: string): boolean {
  const rel = relative(resolve(parent), resolve(child));
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}
