// App lifecycle with `electron` mocked: the Electron binary cannot be downloaded on this machine (ENVIRONMENT.md).
// The double below records what main asks of Electron (switches, scheme, lock, window options, IPC handlers) and lets
// the test fire Electron's events (ready, second-instance, open-file, did-finish-load). Everything else is real.
import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { HOST_METHODS, ipcChannel, type HostServices } from '../../core/contracts/host';

const fake = vi.hoisted(() => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { EventEmitter } = require('node:events') as typeof import('node:events');
  const state = {
    lock: true,
    windows: [] as any[],
    handlers: new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>(),
    readyResolve: (() => undefined) as () => void,
  };
  class FakeWebContents extends EventEmitter {
    mainFrame = { url: 'app://ailab/index.html', parent: null };
    send = vi.fn();
    setWindowOpenHandler = vi.fn();
  }
  class FakeBrowserWindow extends EventEmitter {
    static fromWebContents = vi.fn((c: unknown) => state.windows.find((w) => w.webContents === c) ?? null);
    webContents = new FakeWebContents();
    options: any;
    loadURL = vi.fn(async () => undefined);
    isDestroyed = () => false;
    isMinimized = vi.fn(() => true);
    restore = vi.fn();
    show = vi.fn();
    focus = vi.fn();
    constructor(options: unknown) {
      super();
      this.options = options;
      state.windows.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
  }
  const app = Object.assign(new EventEmitter(), {
    commandLine: { appendSwitch: vi.fn() },
    enableSandbox: vi.fn(),
    requestSingleInstanceLock: vi.fn(() => state.lock),
    quit: vi.fn(),
    isReady: vi.fn(() => false),
    isPackaged: true,
    getVersion: () => '0.1.0',
    getPreferredSystemLanguages: () => ['zh-CN'],
    whenReady: () => new Promise<void>((resolve) => { state.readyResolve = resolve; }),
  });
  const session = { defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn(), setDevicePermissionHandler: vi.fn() } };
  return {
    state,
    FakeBrowserWindow,
    electron: {
      app,
      BrowserWindow: FakeBrowserWindow,
      protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
      session,
      ipcMain: {
        handle: vi.fn((channel: string, h: any) => state.handlers.set(channel, h)),
        removeHandler: vi.fn(),
      },
      dialog: { showOpenDialog: vi.fn(async () => ({ canceled: false, filePaths: ['/home/s/x.ailab'] })), showSaveDialog: vi.fn(async () => ({ canceled: false, filePath: '/home/s/mine' })) },
      shell: { openExternal: vi.fn() },
    },
  };
});
vi.mock('electron', () => fake.electron);

const { startMain } = await import('./main');
const { electron, state } = fake;

function services() {
  return {
    'app.info': vi.fn(async () => ({ version: '0.1.0', shell: 'electron', platform: 'linux', projectsDir: '/home/s/AI Lab Studio/projects' })),
    'project.list': vi.fn(async () => []),
    'device.disconnect': vi.fn(async () => ({})),
    'project.showOpenDialog': vi.fn(async () => {
      throw new Error('the host version must be replaced by the native dialog');
    }),
  } as unknown as HostServices & Record<string, ReturnType<typeof vi.fn>>;
}

async function start(argv: string[] = ['/opt/ailab/ailab']) {
  const svc = services();
  const createServices = vi.fn(() => svc);
  const handle = startMain({ appRoot: '/opt/ailab/resources/app.asar', dataDir: '/home/s/AI Lab Studio', createServices, argv, cwd: '/home/s' });
  state.readyResolve();
  await new Promise((r) => setTimeout(r, 0));
  return { handle, svc, createServices };
}

beforeEach(() => {
  vi.clearAllMocks();
  electron.app.removeAllListeners();
  state.windows.length = 0;
  state.handlers.clear();
  state.lock = true;
});

describe('Electron main', () => {
  it('turns on the sandbox, SwiftShader for GPU-less lab PCs and the app:// scheme before the app is ready', async () => {
    await start();
    expect(electron.app.enableSandbox).toHaveBeenCalled();
    expect(electron.app.commandLine.appendSwitch).toHaveBeenCalledWith('enable-unsafe-swiftshader');
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) })]);
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(electron.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(electron.session.defaultSession.setPermissionCheckHandler).toHaveBeenCalled();
  });

  it('opens one secure window on the built renderer, with the preload next to main', async () => {
    await start();
    expect(state.windows).toHaveLength(1);
    const win = state.windows[0];
    expect(win.loadURL).toHaveBeenCalledWith('app://ailab/index.html');
    const prefs = win.options.webPreferences;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, allowRunningInsecureContent: false, experimentalFeatures: false, webviewTag: false, devTools: false });
    expect(prefs.preload).toBe('/opt/ailab/resources/app.asar/dist-electron/preload.cjs');
    expect(prefs.additionalArguments.join(' ')).toContain('project.open');
    // The window's webContents got the navigation and new-window guards.
    expect(win.webContents.setWindowOpenHandler).toHaveBeenCalled();
    expect(win.webContents.listenerCount('will-navigate')).toBe(1);
  });

  it('a second launch focuses the open window and hands over the double-clicked .ailab file', async () => {
    await start();
    const win = state.windows[0];
    win.webContents.emit('did-finish-load');
    electron.app.emit('second-instance', {}, ['/opt/ailab/ailab', '--allow-file-access', 'robot.ailab'], '/home/s/Desktop', null);
    expect(win.restore).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
    expect(win.webContents.send).toHaveBeenCalledWith('event:project.openRequested', { path: '/home/s/Desktop/robot.ailab' });
    // The path resolved by the second instance itself wins over its (possibly reordered) argv.
    electron.app.emit('second-instance', {}, ['/opt/ailab/ailab'], '/', { projectPath: '/srv/class/maze.ailab' });
    expect(win.webContents.send).toHaveBeenLastCalledWith('event:project.openRequested', { path: '/srv/class/maze.ailab' });
    expect(state.windows).toHaveLength(1);
  });

  it('a file named on the first launch waits until the page has loaded, then opens', async () => {
    await start(['/opt/ailab/ailab', 'homework/line.ailab']);
    const win = state.windows[0];
    expect(win.webContents.send).not.toHaveBeenCalled();
    win.webContents.emit('did-finish-load');
    expect(win.webContents.send).toHaveBeenCalledWith('event:project.openRequested', { path: '/home/s/homework/line.ailab' });
    expect(electron.app.requestSingleInstanceLock).toHaveBeenCalledWith({ projectPath: '/home/s/homework/line.ailab' });
  });

  it('macOS open-file is taken over by the app and delivered to the page', async () => {
    await start();
    const win = state.windows[0];
    win.webContents.emit('did-finish-load');
    const event = { preventDefault: vi.fn() };
    electron.app.emit('open-file', event, '/Users/s/robot.ailab');
    expect(event.preventDefault).toHaveBeenCalled();
    expect(win.webContents.send).toHaveBeenCalledWith('event:project.openRequested', { path: '/Users/s/robot.ailab' });
  });

  it('when another instance already runs, this one quits without opening a window or starting services', async () => {
    state.lock = false;
    const { handle, createServices } = await start(['/opt/ailab/ailab', '/home/s/a.ailab']);
    expect(handle).toBeNull();
    expect(electron.app.quit).toHaveBeenCalled();
    expect(state.windows).toHaveLength(0);
    expect(createServices).not.toHaveBeenCalled();
  });

  it('quitting stops a program on a real kit and closes the device link', async () => {
    const { svc } = await start();
    electron.app.emit('before-quit');
    expect(svc['device.disconnect']).toHaveBeenCalledWith({});
  });

  it('IPC from our window reaches the host; IPC from any other webContents does not', async () => {
    const { svc, createServices } = await start();
    expect(createServices).toHaveBeenCalledWith({ dataDir: '/home/s/AI Lab Studio', appVersion: '0.1.0', shell: 'electron', emit: expect.any(Function) });
    expect([...state.handlers.keys()].sort()).toEqual(Object.keys(HOST_METHODS).map((m) => ipcChannel(m as never)).sort());
    const win = state.windows[0];
    const ours = { sender: win.webContents, senderFrame: win.webContents.mainFrame };
    expect(await state.handlers.get('project:list')!(ours, {})).toEqual({ ok: true, result: [] });
    expect(svc['project.list']).toHaveBeenCalledTimes(1);

    const stranger = new EventEmitter();
    const foreign = { sender: stranger, senderFrame: { url: 'app://ailab/index.html', parent: null } };
    expect(await state.handlers.get('project:list')!(foreign, {})).toMatchObject({ ok: false });
    const navigatedAway = { sender: win.webContents, senderFrame: { url: 'https://evil.example/', parent: null } };
    expect(await state.handlers.get('project:list')!(navigatedAway, {})).toMatchObject({ ok: false });
    expect(svc['project.list']).toHaveBeenCalledTimes(1);
  });

  it('Open… and Save as… use the native dialogs with the .ailab filter, starting in the projects folder', async () => {
    const { svc } = await start();
    const win = state.windows[0];
    const ours = { sender: win.webContents, senderFrame: win.webContents.mainFrame };
    expect(await state.handlers.get('project:showOpenDialog')!(ours, {})).toEqual({ ok: true, result: { path: '/home/s/x.ailab' } });
    expect(svc['project.showOpenDialog']).not.toHaveBeenCalled();
    const [parent, openOptions] = electron.dialog.showOpenDialog.mock.calls[0] as unknown as [unknown, any];
    expect(parent).toBe(win);
    expect(openOptions).toMatchObject({ title: '打开项目', defaultPath: '/home/s/AI Lab Studio/projects', filters: [{ extensions: ['ailab'] }] });

    expect(await state.handlers.get('project:showSaveDialog')!(ours, { suggestedName: '我的/机器人' })).toEqual({ ok: true, result: { path: '/home/s/mine.ailab' } });
    const saveOptions = (electron.dialog.showSaveDialog.mock.calls[0] as unknown as [unknown, any])[1];
    expect(saveOptions.defaultPath).toBe('/home/s/AI Lab Studio/projects/我的机器人.ailab');
  });
});
