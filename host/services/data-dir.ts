/**
 * Where the host keeps its data. Layout under the data folder:
 *   projects/            the student's `.ailab` files (bare names given to `project.save` land here)
 *   drafts/<id>.json     autosaved drafts (crash recovery)
 *   history/<hash>/      earlier versions of each saved file (hash of its absolute path)
 *   recent.json          recently opened / saved projects
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_FOLDER_NAME = 'AI Lab Studio';

/** `$AILAB_HOME` if set, else `<Documents>/AI Lab Studio` (Documents: the OS's folder, or `~/Documents`). */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.AILAB_HOME && env.AILAB_HOME.trim()) return env.AILAB_HOME;
  return join(documentsDir(env), APP_FOLDER_NAME);
}

function documentsDir(env: NodeJS.ProcessEnv): string {
  // Linux desktops name the folder per locale (e.g. ~/文档); xdg-user-dirs exports it as XDG_DOCUMENTS_DIR.
  if (process.platform === 'linux' && env.XDG_DOCUMENTS_DIR) return env.XDG_DOCUMENTS_DIR.replace(/^\$HOME/, homedir());
  // Windows and macOS both call it Documents under the profile folder (Windows redirection is rare in school labs).
  return join(homedir(), 'Documents');
}

export interface DataLayout {
  readonly dataDir: string;
  readonly projectsDir: string;
  readonly draftsDir: string;
  readonly historyDir: string;
  readonly recentFile: string;
}

export function dataLayout(dataDir: string): DataLayout {
  return {
    dataDir,
    projectsDir: join(dataDir, 'projects'),
    draftsDir: join(dataDir, 'drafts'),
    historyDir: join(dataDir, 'history'),
    recentFile: join(dataDir, 'recent.json'),
  };
}
