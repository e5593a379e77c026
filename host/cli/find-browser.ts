/**
 * Finds a Chromium-family browser for the browser-mode app window (`--app=URL`): Chromium, Google Chrome or
 * Microsoft Edge, from PATH and the usual install folders of Windows, macOS and Linux. Returns null if none.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface FoundBrowser {
  readonly name: string;
  readonly path: string;
}

const PATH_NAMES: readonly [string, string][] = [
  ['Chromium', 'chromium'],
  ['Chromium', 'chromium-browser'],
  ['Google Chrome', 'google-chrome'],
  ['Google Chrome', 'google-chrome-stable'],
  ['Microsoft Edge', 'microsoft-edge'],
  ['Microsoft Edge', 'microsoft-edge-stable'],
  ['Google Chrome', 'chrome'],
  ['Microsoft Edge', 'msedge'],
];

function installLocations(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): [string, string][] {
  if (platform === 'win32') {
    const roots = [env.ProgramFiles, env['ProgramFiles(x86)'], env.LOCALAPPDATA].filter((r): r is string => !!r);
    return roots.flatMap((root): [string, string][] => [
      ['Google Chrome', join(root, 'Google', 'Chrome', 'Application', 'chrome.exe')],
      ['Microsoft Edge', join(root, 'Microsoft', 'Edge', 'Application', 'msedge.exe')],
      ['Chromium', join(root, 'Chromium', 'Application', 'chrome.exe')],
    ]);
  }
  if (platform === 'darwin') {
    const roots = ['/Applications', join(env.HOME ?? '', 'Applications')];
    return roots.flatMap((root): [string, string][] => [
      ['Google Chrome', join(root, 'Google Chrome.app', 'Contents', 'MacOS', 'Google Chrome')],
      ['Chromium', join(root, 'Chromium.app', 'Contents', 'MacOS', 'Chromium')],
      ['Microsoft Edge', join(root, 'Microsoft Edge.app', 'Contents', 'MacOS', 'Microsoft Edge')],
    ]);
  }
  return [
    ['Chromium', '/usr/bin/chromium'],
    ['Chromium', '/usr/bin/chromium-browser'],
    ['Chromium', '/snap/bin/chromium'],
    ['Google Chrome', '/opt/google/chrome/chrome'],
    ['Microsoft Edge', '/opt/microsoft/msedge/msedge'],
  ];
}

function executable(path: string): boolean {
  try {
    accessSync(path, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function findBrowser(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): FoundBrowser | null {
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  const suffixes = platform === 'win32' ? ['.exe', ''] : [''];
  for (const [name, bin] of PATH_NAMES) {
    for (const dir of dirs) {
      for (const suffix of suffixes) {
        const candidate = join(dir, bin + suffix);
        if (executable(candidate)) return { name, path: candidate };
      }
    }
  }
  for (const [name, path] of installLocations(env, platform)) if (executable(path)) return { name, path };
  return null;
}

/** Opens `url` as an app window (no tabs or address bar) with its own profile folder, so it never mixes with the
 *  user's browsing and closes cleanly. */
export function openAppWindow(browser: FoundBrowser, url: string, profileDir: string): ChildProcess {
  mkdirSync(profileDir, { recursive: true });
  const args = [`--app=${url}`, `--user-data-dir=${profileDir}`, '--no-first-run', '--no-default-browser-check', '--disable-sync', '--window-size=1400,900'];
  // Chromium refuses to start as root (containers, kiosk images) unless its sandbox is off. The window only shows our
  // own app from loopback under a strict CSP; for any other user the sandbox stays on.
  if (process.platform === 'linux' && process.getuid?.() === 0) args.push('--no-sandbox');
  return spawn(browser.path, args, { stdio: 'ignore' });
}
