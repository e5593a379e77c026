/** `ailab serve`: the host for browser mode (desktop without Electron, lab server, end-to-end tests). */
import { join, resolve } from 'node:path';
import type { Language } from '../../core/i18n';
import { translate } from '../../core/i18n';
import { startServer, type RunningServer } from '../server/start-server';
import { findBrowser, openAppWindow } from './find-browser';
import { networkInterfaces } from 'node:os';

export interface ServeOptions {
  /** Undefined: `APP_WINDOW_PORT` with `--open` (if free), else any free port. */
  readonly port?: number;
  readonly host: string;
  readonly dataDir: string;
  readonly open: boolean;
  readonly appVersion: string;
  /** A project file to open in the app once it connects. */
  readonly project?: string;
  /** Built renderer to serve (default: this checkout's dist/renderer). */
  readonly rendererDir?: string;
}

/**
 * The app window's usual port. Its origin (and so the renderer's saved settings in localStorage) stays the same
 * between starts; if the port is taken, any free port is used instead.
 */
export const APP_WINDOW_PORT = 47615;

/** A browser that exits this soon after launch handed the URL to an already-running instance of its profile. */
const HANDOFF_MS = 3000;

export async function serveCommand(options: ServeOptions, lang: Language): Promise<void> {
  const t = (key: string, params: Record<string, string | number> = {}) => translate(lang, 'host', key, params);
  const start = (port: number) =>
    startServer({
      port,
      host: options.host,
      dataDir: options.dataDir,
      rendererDir: options.rendererDir,
      appVersion: options.appVersion,
      openOnConnect: options.project === undefined ? undefined : resolve(options.project),
      // Log lines go to stderr so stdout carries only what scripts parse (`Serving at …`).
      log: (line) => console.error(line),
    });
  let server: RunningServer;
  if (options.port === undefined && options.open) {
    try {
      server = await start(APP_WINDOW_PORT);
    } catch (err) {
      if ((err as { code?: string }).code !== 'EADDRINUSE') throw err;
      server = await start(0);
    }
  } else {
    try {
      server = await start(options.port ?? 0);
    } catch (err) {
      if ((err as { code?: string }).code === 'EADDRINUSE') throw new Error(t('cli.serve.portInUse', { port: options.port ?? 0 }));
      throw err;
    }
  }
  // Tests and scripts parse this exact English line; keep it stable.
  console.log(`Serving at ${server.url}`);
  if (options.host === '0.0.0.0' || options.host === '::') {
    for (const list of Object.values(networkInterfaces())) {
      for (const a of list ?? []) {
        if (!a.internal && a.family === 'IPv4') console.log(t('cli.serve.alsoAt', { url: `http://${a.address}:${server.port}/` }));
      }
    }
  }
  if (!server.rendererBuilt) console.error(`[HostServer] ${t('cli.serve.notBuilt', { dir: options.rendererDir ?? 'dist/renderer' })}`);

  let closing = false;
  const shutdown = async (code: number) => {
    if (closing) return;
    closing = true;
    await server.close().catch(() => undefined);
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  if (options.open) {
    const browser = findBrowser();
    if (!browser) {
      console.log(t('cli.serve.openManually', { url: server.url }));
      return;
    }
    console.log(t('cli.serve.opening', { browser: `${browser.name} (${browser.path})` }));
    const startedAt = Date.now();
    const child = openAppWindow(browser, server.url, join(options.dataDir, 'browser-profile'));
    child.on('error', (err) => {
      console.error(`[HostServer] could not start ${browser.path}: ${err.message}`);
      console.log(t('cli.serve.openFailed', { browser: browser.name, url: server.url }));
    });
    // Closing the app window ends the app, as a desktop app would; a quick exit means the window lives elsewhere.
    child.on('exit', (code) => {
      if (Date.now() - startedAt > HANDOFF_MS) void shutdown(0);
      // A quick failure (no display, broken install) leaves the server running for a browser the user opens.
      else if (code !== 0) console.log(t('cli.serve.openFailed', { browser: browser.name, url: server.url }));
    });
  }
}
