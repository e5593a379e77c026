/**
 * The Electron security checklist in one place: window preferences, the CSP, navigation / new-window / webview
 * guards, permission handlers and the IPC sender check. main.ts applies them; tests assert each one.
 */
import type { IpcMainInvokeEvent, Session, WebContents, WebPreferences } from 'electron';
import { contentSecurityPolicy } from '../../host/server/security';
import { APP_HOST, APP_SCHEME } from '../shared/bridge';

/**
 * Content-Security-Policy sent with every app:// response (app-protocol.ts): the same policy as browser mode
 * (host/server/security.ts), with connections only to our own origin (Electron talks to the host over IPC).
 * - script-src 'self' 'wasm-unsafe-eval': our bundles only; rapier's compat build instantiates WebAssembly from
 *   bytes, which CSP gates behind 'wasm-unsafe-eval' (it does not allow JS eval). No 'unsafe-eval', no inline script.
 * - style-src 'unsafe-inline': Blockly injects its CSS as a <style> element and sets style attributes on SVG;
 *   React style props go through CSSOM. Styles cannot run code.
 * - img/font/media data: and blob:: Blockly's built-in icons are data: URIs; three.js textures and exported images
 *   use blob: URLs.
 * - worker-src 'self' blob:: the sim worker is a module worker from our origin (blob: for inlined workers).
 * - Everything else (objects, frames, forms, base URL, being framed) is 'none'.
 */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

/** Preferences of every window we open. `additionalArguments` carry the bridge manifest (shared/bridge.ts). */
export function secureWebPreferences(preloadPath: string, additionalArguments: string[], devTools: boolean): WebPreferences {
  return {
    preload: preloadPath,
    additionalArguments,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools,
  };
}

/** True for URLs of our own origin (`app://ailab/...`). Node's URL gives non-special schemes an opaque origin, so
 *  protocol and host are compared instead. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** https links whose host is listed (exactly, or as a parent domain) may open in the user's browser. */
export function isAllowedExternal(url: string, allowedHosts: readonly string[]): boolean {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return false;
    return allowedHosts.some((h) => parsed.hostname === h || parsed.hostname.endsWith(`.${h}`));
  } catch {
    return false;
  }
}

export interface HardenOptions {
  /** Hosts whose https links open externally (default: none). */
  readonly externalHosts: readonly string[];
  readonly openExternal: (url: string) => void;
  readonly log?: (message: string) => void;
}

/**
 * Applied to every webContents as it is created (`app.on('web-contents-created')`): new windows are always denied
 * (an allowed https link goes to the system browser instead), navigation away from our origin and redirects are
 * cancelled, <webview> cannot attach.
 */
export function hardenWebContents(contents: WebContents, options: HardenOptions): void {
  const log = options.log ?? ((m: string) => console.warn(m));
  const handOut = (url: string) => {
    if (isAllowedExternal(url, options.externalHosts)) options.openExternal(url);
  };
  contents.setWindowOpenHandler(({ url }) => {
    log(`[Security] denied new window: ${url}`);
    handOut(url);
    return { action: 'deny' };
  });
  const guard = (kind: string) => (event: { url: string; preventDefault(): void }) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    log(`[Security] denied ${kind}: ${event.url}`);
    if (kind === 'navigation') handOut(event.url);
  };
  contents.on('will-navigate', guard('navigation'));
  contents.on('will-frame-navigate', guard('frame navigation'));
  contents.on('will-redirect', guard('redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('[Security] denied <webview>');
  });
}

/** The app needs no browser permission (camera, microphone, notifications, serial …) yet: refuse all of them. */
export function denyAllPermissions(session: Session, log: (message: string) => void = (m) => console.warn(m)): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log(`[Security] denied permission request: ${permission}`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/**
 * An IPC message is ours only if it comes from the top frame of a window we created, showing our origin. A page that
 * somehow navigated elsewhere, an iframe, or any other webContents is refused.
 */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, isOurWebContents: (contents: WebContents) => boolean): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  if (!isAppUrl(frame.url)) return false;
  return isOurWebContents(event.sender);
}
