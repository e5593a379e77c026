/**
 * `.ailab` files opened from outside the app: on the command line (Windows/Linux file association, first launch),
 * from a second instance (forwarded through the single-instance lock), or by macOS `open-file`. Each becomes a
 * `project.openRequested` host event once the renderer has loaded; earlier ones wait here.
 */
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';

/** The last argument that names a `.ailab` file (not a `--switch`), made absolute against `cwd`. */
export function projectPathFromArgv(argv: readonly string[], cwd: string): string | null {
  for (let i = argv.length - 1; i >= 1; i--) {
    const arg = argv[i];
    if (!arg || arg.startsWith('-')) continue;
    if (!arg.toLowerCase().endsWith('.ailab')) continue;
    return isAbsolute(arg) ? arg : resolve(cwd, arg);
  }
  return null;
}

/** What a second instance hands to the first through `requestSingleInstanceLock(additionalData)`. Chromium may
 *  reorder or drop argv entries on the way, so the path is resolved in the second instance and sent as data. */
export const SecondInstanceDataSchema = z.object({ projectPath: z.string().min(1).max(4096).nullable() });
export type SecondInstanceData = z.infer<typeof SecondInstanceDataSchema>;

/** The project path from a second instance: its additional data if valid, else its argv. */
export function projectPathFromSecondInstance(argv: readonly string[], cwd: string, additionalData: unknown): string | null {
  const data = SecondInstanceDataSchema.safeParse(additionalData);
  if (data.success && data.data.projectPath && isAbsolute(data.data.projectPath)) return data.data.projectPath;
  return projectPathFromArgv(argv, cwd);
}

/** Holds paths until the renderer can receive them (`setReady(true)` after each page load). At most `limit` wait. */
export class OpenRequestQueue {
  private readonly pending: string[] = [];
  private ready = false;

  constructor(
    private readonly deliver: (path: string) => void,
    private readonly limit = 16,
  ) {}

  push(path: string): void {
    if (this.ready) {
      this.deliver(path);
      return;
    }
    if (this.pending.length < this.limit) this.pending.push(path);
  }

  setReady(ready: boolean): void {
    this.ready = ready;
    if (ready) this.pending.splice(0).forEach((p) => this.deliver(p));
  }
}
