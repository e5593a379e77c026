// The app:// handler against real files in a temp folder (Request/Response are Node's, as in Electron's main).
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler, resolveAppFile } from './app-protocol';
import { CONTENT_SECURITY_POLICY } from './security';

const root = mkdtempSync(join(tmpdir(), 'ailab-app-protocol-'));
mkdirSync(join(root, 'assets'));
writeFileSync(join(root, 'index.html'), '<!doctype html><title>AI Lab Studio</title>');
writeFileSync(join(root, 'assets', 'main.js'), 'console.log(1)');
writeFileSync(join(root, 'assets', 'rapier.wasm'), new Uint8Array([0, 97, 115, 109]));
writeFileSync(join(tmpdir(), 'ailab-secret.txt'), 'secret');
const handle = createAppProtocolHandler(root);

describe('app:// protocol', () => {
  it('serves the app page with the CSP header, so the policy holds from the first byte', async () => {
    const res = await handle(new Request('app://ailab/'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('AI Lab Studio');
  });

  it('serves scripts and WebAssembly with the types Chromium needs to run them', async () => {
    const js = await handle(new Request('app://ailab/assets/main.js'));
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const wasm = await handle(new Request('app://ailab/assets/rapier.wasm'));
    expect(wasm.headers.get('content-type')).toBe('application/wasm');
    expect(new Uint8Array(await wasm.arrayBuffer())).toEqual(new Uint8Array([0, 97, 115, 109]));
  });

  it('never serves a file outside the renderer folder, however the path is spelled', async () => {
    for (const url of [
      'app://ailab/../ailab-secret.txt',
      'app://ailab/%2e%2e/ailab-secret.txt',
      'app://ailab/assets/%2e%2e%2f%2e%2e%2failab-secret.txt',
      'app://ailab/..%5cailab-secret.txt',
      'app://ailab/assets%00/main.js',
      'app://ailab/%E0%A4%A',
      'app://other/index.html',
      'app://ailab/missing.js',
      'app://ailab/assets',
    ]) {
      const res = await handle(new Request(url));
      expect(res.status, url).toBe(404);
    }
    expect(resolveAppFile(root, 'file:///etc/passwd')).toBeNull();
  });

  it('refuses anything but GET and HEAD', async () => {
    const res = await handle(new Request('app://ailab/index.html', { method: 'POST', body: 'x' }));
    expect(res.status).toBe(405);
    const head = await handle(new Request('app://ailab/index.html', { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('is registered as a secure standard scheme without CSP bypass or service workers', () => {
    expect(APP_SCHEME_PRIVILEGES.scheme).toBe('app');
    expect(APP_SCHEME_PRIVILEGES.privileges).toMatchObject({ standard: true, secure: true });
    expect(APP_SCHEME_PRIVILEGES.privileges?.bypassCSP).toBeFalsy();
    expect(APP_SCHEME_PRIVILEGES.privileges?.allowServiceWorkers).toBeFalsy();
  });
});
