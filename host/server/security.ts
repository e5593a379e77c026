/**
 * Browser-mode security: which `Host` and `Origin` headers the server accepts (against DNS rebinding and cross-site
 * WebSocket hijacking) and the headers every response carries.
 */
import { isIP } from 'node:net';
import { hostname } from 'node:os';

/** Content-Security-Policy of the renderer, the one policy of both shells (browser mode here, the Electron window
 *  through electron/main/security.ts): scripts only from the app itself ('wasm-unsafe-eval' lets the physics engine
 *  compile its WebAssembly; no JavaScript eval), inline styles because Blockly injects its CSS, connections only back
 *  to the app (`wsOrigin`: this server's WebSocket in browser mode; none in Electron, which uses IPC). */
export function contentSecurityPolicy(wsOrigin = ''): string {
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "media-src 'self' data: blob:",
    `connect-src 'self'${wsOrigin ? ` ${wsOrigin}` : ''}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "frame-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers on every HTTP response (Cache-Control is set per file by the static handler). */
export function securityHeaders(hostHeader: string): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(`ws://${hostHeader}`),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'permissions-policy': 'geolocation=(), payment=(), usb=(), serial=()',
  };
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

export function isLoopbackBind(host: string): boolean {
  return host === '127.0.0.1' || host === '::1' || host === 'localhost' || host.startsWith('127.');
}

/**
 * Decides whether a `Host` header names this server. A DNS-rebinding page reaches us under its own domain name, so
 * on loopback only `127.0.0.1`, `localhost` and `[::1]` are accepted. A lab server (bound to another address) also
 * accepts any IP literal, this computer's name (and `<name>.local`) and names given with `extraHosts`.
 */
export function hostChecker(bindHost: string, port: number, extraHosts: readonly string[] = []): (hostHeader: string | undefined) => boolean {
  const names = new Set(LOOPBACK_NAMES);
  const lan = !isLoopbackBind(bindHost);
  if (lan) {
    const own = hostname().toLowerCase();
    names.add(own);
    names.add(`${own}.local`);
    for (const h of extraHosts) names.add(h.toLowerCase());
  }
  return (hostHeader) => {
    if (!hostHeader) return false;
    const m = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(hostHeader.trim().toLowerCase());
    if (!m) return false;
    const [, name, portText] = m;
    const effectivePort = portText === undefined ? 80 : Number(portText);
    if (effectivePort !== port) return false;
    if (names.has(name)) return true;
    return lan && (isIP(name) !== 0 || isIP(name.replace(/^\[|\]$/g, '')) !== 0);
  };
}

/**
 * A WebSocket upgrade is accepted when it carries no `Origin` (not a browser: tests, scripts) or an `Origin` that is
 * exactly this server as the page named it (`http://` + the request's `Host`). Browsers always send `Origin` on
 * WebSocket handshakes, so another site's page cannot talk to the host.
 */
export function originAllowed(origin: string | undefined, hostHeader: string | undefined): boolean {
  if (origin === undefined) return true;
  if (!hostHeader) return false;
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' && url.host.toLowerCase() === hostHeader.trim().toLowerCase() && origin.replace(/\/$/, '') === url.origin;
  } catch {
    return false;
  }
}
