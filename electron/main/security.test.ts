// Security settings of the window and its webContents. The Electron binary cannot run here (ENVIRONMENT.md), so
// webContents and session are small doubles with the same method names; the functions under test are the real ones.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY, denyAllPermissions, hardenWebContents, isAllowedExternal, isTrustedSender, secureWebPreferences } from './security';

class FakeContents extends EventEmitter {
  openHandler: ((d: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (d: { url: string }) => { action: string }) {
    this.openHandler = handler;
  }
}

function navigation(url: string) {
  return { url, prevented: false, preventDefault() { this.prevented = true; } };
}

function hardened(externalHosts: string[] = []) {
  const contents = new FakeContents();
  const openExternal = vi.fn();
  hardenWebContents(contents as never, { externalHosts, openExternal, log: () => undefined });
  return { contents, openExternal };
}

describe('window preferences', () => {
  it('every window is isolated, sandboxed and has no Node, so a page bug cannot touch the student\'s files', () => {
    const prefs = secureWebPreferences('/app/dist-electron/preload.cjs', ['--x=1'], false);
    expect(prefs).toMatchObject({
      preload: '/app/dist-electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      devTools: false,
    });
    expect(prefs.enableBlinkFeatures).toBeUndefined();
  });

  it('the CSP allows only our own scripts plus WebAssembly, never eval or inline script', () => {
    const directives = Object.fromEntries(CONTENT_SECURITY_POLICY.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values];
    }));
    expect(directives['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(CONTENT_SECURITY_POLICY).not.toContain("'unsafe-eval'");
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(directives['base-uri']).toEqual(["'none'"]);
  });
});

describe('navigation and new windows', () => {
  it('a link to a web site neither replaces the app nor opens a window inside it', () => {
    const { contents, openExternal } = hardened();
    const nav = navigation('https://example.com/');
    contents.emit('will-navigate', nav);
    expect(nav.prevented).toBe(true);
    expect(contents.openHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('file:, javascript: and other-origin redirects are cancelled; reloading our own page is allowed', () => {
    const { contents } = hardened();
    for (const [event, url] of [
      ['will-navigate', 'file:///etc/passwd'],
      ['will-frame-navigate', 'javascript:alert(1)'],
      ['will-redirect', 'http://127.0.0.1:8080/'],
      ['will-navigate', 'app://other/index.html'],
    ] as const) {
      const nav = navigation(url);
      contents.emit(event, nav);
      expect(nav.prevented, `${event} ${url}`).toBe(true);
    }
    const own = navigation('app://ailab/index.html');
    contents.emit('will-navigate', own);
    expect(own.prevented).toBe(false);
  });

  it('only whitelisted https links go to the system browser, and still never as an app window', () => {
    const { contents, openExternal } = hardened(['docs.example.org']);
    expect(contents.openHandler!({ url: 'https://docs.example.org/lesson' })).toEqual({ action: 'deny' });
    expect(contents.openHandler!({ url: 'http://docs.example.org/lesson' })).toEqual({ action: 'deny' });
    expect(contents.openHandler!({ url: 'https://docs.example.org.evil.com/' })).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://docs.example.org/lesson']]);
    expect(isAllowedExternal('https://a.docs.example.org/', ['docs.example.org'])).toBe(true);
    expect(isAllowedExternal('https://user:pw@docs.example.org/', ['docs.example.org'])).toBe(false);
  });

  it('a <webview> can never attach', () => {
    const { contents } = hardened();
    const event = navigation('');
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.prevented).toBe(true);
  });
});

describe('permissions', () => {
  it('camera, microphone, notifications, serial and every other permission are refused', () => {
    const session = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn(), setDevicePermissionHandler: vi.fn() };
    denyAllPermissions(session as never, () => undefined);
    const request = session.setPermissionRequestHandler.mock.calls[0][0];
    for (const permission of ['media', 'notifications', 'geolocation', 'serial', 'clipboard-read', 'fullscreen']) {
      const callback = vi.fn();
      request({}, permission, callback, {});
      expect(callback).toHaveBeenCalledWith(false);
    }
    expect(session.setPermissionCheckHandler.mock.calls[0][0]({}, 'serial', 'app://ailab', {})).toBe(false);
    expect(session.setDevicePermissionHandler.mock.calls[0][0]({ deviceType: 'serial' })).toBe(false);
  });
});

describe('IPC sender check', () => {
  const ours = { id: 1 };
  const isOurs = (c: unknown) => c === ours;
  const event = (url: string, sender: unknown = ours, parent: unknown = null) => ({ sender, senderFrame: { url, parent } }) as never;

  it('accepts only the top frame of our window showing our origin', () => {
    expect(isTrustedSender(event('app://ailab/index.html'), isOurs)).toBe(true);
    expect(isTrustedSender(event('https://evil.example/'), isOurs)).toBe(false);
    expect(isTrustedSender(event('file:///tmp/x.html'), isOurs)).toBe(false);
    expect(isTrustedSender(event('app://ailab/index.html', { id: 2 }), isOurs)).toBe(false);
    expect(isTrustedSender(event('app://ailab/frame.html', ours, { url: 'app://ailab/' }), isOurs)).toBe(false);
    expect(isTrustedSender({ sender: ours, senderFrame: null } as never, isOurs)).toBe(false);
  });
});
