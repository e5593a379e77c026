/**
 * Electron main: lifecycle, the one window, security settings and host services wired to IPC. No business logic:
 * projects, files and devices live in host/ (the same services `ailab serve` carries over WebSocket).
 */
import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell, type WebContents } from 'electron';
import { join } from 'node:path';
import type { HostEvent, HostServices } from '../../core/contracts/host';
import { APP_ENTRY_URL, APP_SCHEME, bridgeArguments, eventChannel } from '../shared/bridge';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol';
import { createDialogServices, pickLanguage } from './dialogs';
import { checkHostEvent, HOST_EVENT_NAMES, HOST_METHOD_NAMES, registerHostIpc } from './ipc';
import { OpenRequestQueue, projectPathFromArgv, projectPathFromSecondInstance, type SecondInstanceData } from './open-requests';
import { denyAllPermissions, hardenWebContents, isTrustedSender, secureWebPreferences } from './security';

export interface MainOptions {
  /** The app folder (or app.asar) holding dist/renderer and dist-electron: `app.getAppPath()`. */
  readonly appRoot: string;
  /** Where projects, drafts and history live. */
  readonly dataDir: string;
  /** host/services' factory; called once, after `app.ready`. */
  /** `emit` pushes host events (live mode: device status, readings, runtime events) to the window. */
  readonly createServices: (options: { dataDir: string; appVersion: string; shell: 'electron'; emit: (name: HostEvent, payload: unknown) => void }) => HostServices;
  /** Hosts whose https links may open in the system browser (default: none). */
  readonly externalHosts?: readonly string[];
  /** Command line of this process (default `process.argv`) and its working folder. */
  readonly argv?: readonly string[];
  readonly cwd?: string;
}

/** What tests (and nothing else) look at after start. */
export interface MainHandle {
  readonly window: () => BrowserWindow | null;
}

const log = (message: string) => console.log(message);

/**
 * Starts the app. Returns null when another instance already runs: this one hands its `.ailab` path over and quits.
 * Must be called before `app.ready` (scheme privileges, sandbox and GPU switches only apply then).
 */
export function startMain(options: MainOptions): MainHandle | null {
  const argv = options.argv ?? process.argv;
  const cwd = options.cwd ?? process.cwd();

  // Lab PCs often have no usable GPU; SwiftShader keeps WebGL (the 3D stage) working there.
  app.commandLine.appendSwitch('enable-unsafe-swiftshader');
  app.enableSandbox();
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

  const initialPath = projectPathFromArgv(argv, cwd);
  const lockData: SecondInstanceData = { projectPath: initialPath };
  if (!app.requestSingleInstanceLock(lockData)) {
    log('[Main] another instance is running; handing over and quitting');
    app.quit();
    return null;
  }

  let mainWindow: BrowserWindow | null = null;
  const ourContents = new Set<WebContents>();

  const sendEvent = (name: HostEvent, payload: unknown) => {
    const checked = checkHostEvent(name, payload);
    if (checked !== null && mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(eventChannel(name), checked);
  };
  const openRequests = new OpenRequestQueue((path) => sendEvent('project.openRequested', { path }));
  if (initialPath) openRequests.push(initialPath);

  const focusWindow = () => {
    if (!mainWindow || mainWindow.isDestroyed()) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  };

  app.on('second-instance', (_event, otherArgv, otherCwd, additionalData) => {
    const path = projectPathFromSecondInstance(otherArgv, otherCwd, additionalData);
    log(`[Main] second instance started${path ? ` with ${path}` : ''}`);
    focusWindow();
    if (path) openRequests.push(path);
  });

  // macOS delivers double-clicked files here, possibly before `ready`.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openRequests.push(path);
    if (app.isReady() && !mainWindow) createMainWindow();
    else focusWindow();
  });

  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, { externalHosts: options.externalHosts ?? [], openExternal: (url) => void shell.openExternal(url) });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  function createMainWindow(): BrowserWindow {
    const preload = join(options.appRoot, 'dist-electron', 'preload.cjs');
    const win = new BrowserWindow({
      width: 1280,
      height: 800,
      minWidth: 960,
      minHeight: 600,
      show: false,
      title: 'AI Lab Studio',
      backgroundColor: '#ffffff',
      webPreferences: secureWebPreferences(preload, bridgeArguments(HOST_METHOD_NAMES, HOST_EVENT_NAMES), !app.isPackaged),
    });
    mainWindow = win;
    const contents = win.webContents;
    ourContents.add(contents);
    win.once('ready-to-show', () => win.show());
    contents.on('did-start-loading', () => openRequests.setReady(false));
    contents.on('did-finish-load', () => openRequests.setReady(true));
    contents.on('render-process-gone', (_e, details) => console.error(`[Main] renderer gone: ${details.reason}`));
    win.on('closed', () => {
      ourContents.delete(contents);
      if (mainWindow === win) mainWindow = null;
      openRequests.setReady(false);
    });
    void win.loadURL(APP_ENTRY_URL);
    return win;
  }

  void app.whenReady().then(() => {
    const rendererDir = join(options.appRoot, 'dist', 'renderer');
    protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir));
    denyAllPermissions(session.defaultSession);

    const hostServices = options.createServices({ dataDir: options.dataDir, appVersion: app.getVersion(), shell: 'electron', emit: sendEvent });
    const projectsDir = async () => (await hostServices['app.info']({})).projectsDir;
    const services: HostServices = {
      ...hostServices,
      ...createDialogServices({ dialog, parent: () => mainWindow, projectsDir, language: pickLanguage(app.getPreferredSystemLanguages()) }),
    };
    registerHostIpc(ipcMain, {
      services,
      isTrusted: (event) => isTrustedSender(event, (contents) => ourContents.has(contents) && BrowserWindow.fromWebContents(contents) !== null),
    });

    // Quitting with a program running on a real kit: Stop it first (motors 0, the drone lands) and close the link.
    app.on('before-quit', () => void hostServices['device.disconnect']({}).catch(() => undefined));

    createMainWindow();
    app.on('activate', () => {
      if (!mainWindow) createMainWindow();
    });
    log(`[Main] started; renderer from ${rendererDir}, data in ${options.dataDir}`);
  });

  return { window: () => mainWindow };
}
