// The real bundles (dist-electron/main.cjs and preload.cjs, built into a temp folder by scripts/build-electron.mjs)
// wired together with the real host services writing to a temp data folder. Only `electron` itself is a double,
// injected into Node's module loader, because the Electron binary cannot be downloaded here (ENVIRONMENT.md). The
// double passes IPC between the preload's ipcRenderer and main's ipcMain with structuredClone, as Electron does.
import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newProject } from '../core/contracts/project';

const ROOT = join(__dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'ailab-bundle-'));
const appRoot = join(dir, 'app');
const dataDir = join(dir, 'data');

function fakeElectron() {
  const app = new EventEmitter() as any;
  let readyResolve!: () => void;
  const ready = new Promise<void>((r) => (readyResolve = r));
  const ipcHandlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const rendererListeners = new Map<string, ((event: unknown, payload: unknown) => void)[]>();
  const windows: any[] = [];
  const protocolHandlers = new Map<string, (req: Request) => Promise<Response>>();
  let exposed: Record<string, any> | null = null;

  class WebContents extends EventEmitter {
    mainFrame = { url: 'app://ailab/index.html', parent: null };
    setWindowOpenHandler() {}
    send(channel: string, payload: unknown) {
      for (const l of rendererListeners.get(channel) ?? []) l({ sender: 'ipcRenderer' }, structuredClone(payload));
    }
  }
  class BrowserWindow extends EventEmitter {
    static fromWebContents = (c: unknown) => windows.find((w) => w.webContents === c) ?? null;
    webContents = new WebContents();
    constructor(public options: any) {
      super();
      windows.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
    loadURL() { return Promise.resolve(); }
    isDestroyed() { return false; }
    isMinimized() { return false; }
    restore() {}
    show() {}
    focus() {}
  }
  Object.assign(app, {
    commandLine: { appendSwitch() {} },
    enableSandbox() {},
    requestSingleInstanceLock: () => true,
    quit() {},
    isReady: () => true,
    isPackaged: true,
    getVersion: () => '0.1.0',
    getAppPath: () => appRoot,
    getPath: () => join(dir, 'Documents'),
    getPreferredSystemLanguages: () => ['en-US'],
    whenReady: () => ready,
  });
  const electron = {
    app,
    BrowserWindow,
    protocol: { registerSchemesAsPrivileged() {}, handle: (scheme: string, h: any) => protocolHandlers.set(scheme, h) },
    session: { defaultSession: { setPermissionRequestHandler() {}, setPermissionCheckHandler() {}, setDevicePermissionHandler() {} } },
    ipcMain: { handle: (c: string, h: any) => ipcHandlers.set(c, h), removeHandler: (c: string) => ipcHandlers.delete(c) },
    dialog: {},
    shell: { openExternal() {} },
    // Preload side
    contextBridge: { exposeInMainWorld: (_key: string, api: Record<string, any>) => (exposed = api) },
    ipcRenderer: {
      invoke: async (channel: string, ...args: unknown[]) => {
        const win = windows[0];
        const event = { sender: win.webContents, senderFrame: win.webContents.mainFrame };
        return structuredClone(await ipcHandlers.get(channel)!(event, ...args.map((a) => structuredClone(a))));
      },
      on: (channel: string, l: any) => rendererListeners.set(channel, [...(rendererListeners.get(channel) ?? []), l]),
    },
  };
  return { electron, app, windows, protocolHandlers, ready: readyResolve, lab: () => exposed! };
}

const fake = fakeElectron();
const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
const originalLoad = loader._load;
let lab: Record<string, any>;

beforeAll(async () => {
  mkdirSync(join(appRoot, 'dist', 'renderer'), { recursive: true });
  writeFileSync(join(appRoot, 'dist', 'renderer', 'index.html'), '<!doctype html><title>AI Lab Studio</title>');
  // The packaged app ships @serialport/bindings-cpp (native) beside the bundles (electron-builder.yml; checked in
  // packaging.test.ts); here the project's node_modules stands in for it.
  symlinkSync(join(ROOT, 'node_modules'), join(appRoot, 'node_modules'), 'dir');
  const { buildElectron } = await import('../scripts/build-electron.mjs');
  await buildElectron({ outDir: join(appRoot, 'dist-electron') });

  loader._load = function (request: string, ...rest: unknown[]) {
    return request === 'electron' ? fake.electron : originalLoad.call(this, request, ...rest);
  };
  const savedHome = process.env.AILAB_HOME;
  process.env.AILAB_HOME = dataDir;
  const requireApp = createRequire(join(appRoot, 'package.json'));
  requireApp(join(appRoot, 'dist-electron', 'main.cjs'));
  process.env.AILAB_HOME = savedHome;
  fake.ready();
  await new Promise((r) => setTimeout(r, 20));

  // The preload runs in the window's renderer with main's additionalArguments on its argv.
  const savedArgv = process.argv;
  process.argv = [...savedArgv, ...fake.windows[0].options.webPreferences.additionalArguments];
  requireApp(join(appRoot, 'dist-electron', 'preload.cjs'));
  process.argv = savedArgv;
  lab = fake.lab();
}, 60_000);

afterAll(() => {
  loader._load = originalLoad;
});

describe('Electron bundles with the real host services', () => {
  it('the page gets app info from the host through window.lab', async () => {
    const answer = await lab['app.info']({});
    expect(answer).toMatchObject({ ok: true, result: { shell: 'electron', version: '0.1.0', projectsDir: join(dataDir, 'projects') } });
  });

  it('saving from the page writes the project to disk, and it shows up in the project list', async () => {
    const project = newProject('robot', '2026-11-23T10:00:00.000Z', '0.1.0', 'Square');
    const saved = await lab['project.save']({ path: 'square.ailab', project });
    expect(saved).toMatchObject({ ok: true, result: { path: join(dataDir, 'projects', 'square.ailab') } });
    expect(existsSync(join(dataDir, 'projects', 'square.ailab'))).toBe(true);
    const list = await lab['project.list']({});
    expect(list.ok).toBe(true);
    expect(list.result.map((e: { path: string }) => e.path)).toContain(join(dataDir, 'projects', 'square.ailab'));
    const opened = await lab['project.open']({ path: join(dataDir, 'projects', 'square.ailab') });
    expect(opened).toMatchObject({ ok: true, result: { project: { meta: { title: 'Square' } } } });
  });

  it('a bad request from the page is refused with a translatable code', async () => {
    expect(await lab['project.open']({ path: '' })).toMatchObject({ ok: false, error: { code: 'invalidParams' } });
    expect(await lab['project.open']({ path: join(dataDir, 'missing.ailab') })).toMatchObject({ ok: false, error: { code: expect.any(String) } });
  });

  it('a .ailab opened from a second launch reaches the page as project.openRequested', async () => {
    const seen: unknown[] = [];
    lab.onEvent('project.openRequested', (p: unknown) => seen.push(p));
    fake.windows[0].webContents.emit('did-finish-load');
    fake.app.emit('second-instance', {}, ['ailab-studio', 'maze.ailab'], '/home/s', null);
    expect(seen).toEqual([{ path: '/home/s/maze.ailab' }]);
  });

  it('the window loads the built renderer through app:// with the CSP', async () => {
    const res = await fake.protocolHandlers.get('app')!(new Request('app://ailab/index.html'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(await res.text()).toContain('AI Lab Studio');
  });
});
