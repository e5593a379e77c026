/**
 * The app:// protocol serving the built renderer (dist/renderer) to our window.
 *
 * Why a custom protocol rather than file://: a privileged standard+secure scheme gives the page a real origin
 * (`app://ailab`), so (1) the IPC sender check can compare origins, (2) module workers (the sim worker) and
 * `crossorigin` module scripts load (Chromium refuses them from file://, whose origin is opaque), (3) the CSP travels
 * as a response header on every file, and (4) the page can reach nothing on disk outside dist/renderer, which also
 * lets the `grantFileProtocolExtraPrivileges` fuse be turned off.
 */
import type { CustomScheme } from 'electron';
import { promises as fs } from 'node:fs';
import { extname, isAbsolute, join, normalize, relative } from 'node:path';
import { APP_HOST, APP_SCHEME } from '../shared/bridge';
import { CONTENT_SECURITY_POLICY } from './security';

/** Registered before `app.ready`. No bypassCSP, no service workers. */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true, stream: true },
};

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.cur': 'image/x-icon',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.glb': 'model/gltf-binary',
  '.gltf': 'model/gltf+json',
  '.bin': 'application/octet-stream',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
};

export function mimeType(file: string): string {
  return MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file under `rootDir` an app:// URL names, or null when the URL is not ours or would leave `rootDir`
 * (`..`, encoded separators, NUL). `/` means `index.html`.
 */
export function resolveAppFile(rootDir: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  if (pathname === '/' || pathname === '') pathname = '/index.html';
  const file = normalize(join(rootDir, pathname));
  const rel = relative(rootDir, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return null;
  return file;
}

export type ReadFile = (file: string) => Promise<Uint8Array>;

/** Handler for `protocol.handle(APP_SCHEME, …)`: GET/HEAD of files under `rootDir`, each with the CSP header. */
export function createAppProtocolHandler(rootDir: string, readFile: ReadFile = (f) => fs.readFile(f)): (request: Request) => Promise<Response> {
  const baseHeaders = {
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-cache',
  };
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405, headers: baseHeaders });
    }
    const file = resolveAppFile(rootDir, request.url);
    if (!file) return new Response('Not found', { status: 404, headers: baseHeaders });
    let body: Uint8Array;
    try {
      body = await readFile(file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'EISDIR' && code !== 'ENOTDIR') console.error(`[AppProtocol] cannot read ${file}`, err);
      return new Response('Not found', { status: 404, headers: baseHeaders });
    }
    const headers = { ...baseHeaders, 'content-type': mimeType(file), 'content-length': String(body.byteLength) };
    return new Response(request.method === 'HEAD' ? null : (body as BodyInit), { status: 200, headers });
  };
}
