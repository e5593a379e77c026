/**
 * The browser-mode server over real HTTP and WebSocket on loopback, with real files in a temp folder.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { newProject } from '../../core/contracts/project';
import { startServer, WS_MAX_IN_FLIGHT, type RunningServer } from './start-server';

let dataDir: string;
let rendererDir: string;
let server: RunningServer;
const quiet = () => undefined;

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ailab-server-'));
  rendererDir = join(dataDir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>AI Lab Studio</title><div id="root"></div>');
  writeFileSync(join(rendererDir, 'assets', 'index-abc123.js'), 'console.log(1)');
  server = await startServer({ port: 0, dataDir, rendererDir, log: quiet, maxFrameBytes: 256 * 1024 });
});
afterEach(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const wsUrl = () => `${server.url.replace('http', 'ws')}api/ws`;

/** A connected client that sends frames and waits for the response with a given id. */
async function connect(headers: Record<string, string> = {}) {
  const ws = new WebSocket(wsUrl(), { headers });
  const inbox: Record<string, unknown>[] = [];
  const waiters: (() => void)[] = [];
  ws.on('message', (data) => {
    inbox.push(JSON.parse(String(data)) as Record<string, unknown>);
    waiters.splice(0).forEach((w) => w());
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  async function next(id: number): Promise<Record<string, any>> {
    for (;;) {
      const found = inbox.find((m) => m.id === id);
      if (found) return found;
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  }
  let seq = 1;
  return {
    ws,
    next,
    sendRaw: (text: string | Buffer) => ws.send(text),
    async call(method: string, params: unknown) {
      const id = seq++;
      ws.send(JSON.stringify({ id, method, params }));
      return next(id);
    },
  };
}

/** Status code of a refused WebSocket handshake. */
function handshakeStatus(headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl(), { headers });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('open', () => {
      ws.close();
      reject(new Error('handshake was accepted'));
    });
    ws.once('error', () => undefined);
  });
}

describe('serving the app', () => {
  it('serves index.html with the security headers and never caches it', async () => {
    const res = await fetch(server.url);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('AI Lab Studio');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain(`connect-src 'self' ws://${new URL(server.url).host}`);
    expect(csp.split(/[\s;]+/)).not.toContain("'unsafe-eval'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('hashed assets are cached for good', async () => {
    const res = await fetch(`${server.url}assets/index-abc123.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('refuses requests that name another host (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(server.url, { headers: { host: `evil.example:${server.port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it('when the renderer is not built, the page says how to build it', async () => {
    const other = await startServer({ port: 0, dataDir, rendererDir: join(dataDir, 'missing'), log: quiet });
    try {
      expect(other.rendererBuilt).toBe(false);
      const res = await fetch(other.url);
      expect(res.status).toBe(503);
      expect(await res.text()).toContain('npm run build:renderer');
    } finally {
      await other.close();
    }
  });
});

describe('the host contract over WebSocket', () => {
  it('every project method answers through the socket', async () => {
    const client = await connect();
    const project = newProject('robot', '2026-11-23T10:00:00.000Z', '0.1.0', 'Square');

    const info = await client.call('app.info', {});
    expect(info).toMatchObject({ ok: true, result: { shell: 'browser', projectsDir: join(dataDir, 'projects') } });

    const saved = await client.call('project.save', { path: 'square', project });
    expect(saved).toMatchObject({ ok: true, result: { path: join(dataDir, 'projects', 'square.ailab'), title: 'Square' } });
    await client.call('project.save', { path: 'square', project: { ...project, meta: { ...project.meta, title: 'Square 2' } } });

    expect((await client.call('project.list', {})).result).toHaveLength(1);
    expect((await client.call('project.recent', {})).result[0].title).toBe('Square 2');
    expect((await client.call('project.open', { path: 'square' })).result.project.meta.title).toBe('Square 2');

    const history = await client.call('project.history', { path: 'square' });
    expect(history.result).toHaveLength(1);
    const old = await client.call('project.openVersion', { path: 'square', versionId: history.result[0].id });
    expect(old.result.project.meta.title).toBe('Square');

    expect((await client.call('project.autosave', { draftId: 'tab-1', path: null, project })).ok).toBe(true);
    expect((await client.call('project.drafts', {})).result.map((d: { draftId: string }) => d.draftId)).toEqual(['tab-1']);
    expect((await client.call('project.openDraft', { draftId: 'tab-1' })).result.project).toEqual(project);
    expect(await client.call('project.discardDraft', { draftId: 'tab-1' })).toMatchObject({ ok: true, result: {} });
    expect((await client.call('project.drafts', {})).result).toEqual([]);

    expect(await client.call('project.showOpenDialog', {})).toMatchObject({ ok: false, error: { code: 'dialogUnavailable' } });
    expect(await client.call('project.open', { path: 'nothing-here' })).toMatchObject({ ok: false, error: { code: 'fileNotFound', params: { path: 'nothing-here' } } });
    client.ws.close();
  });

  it('malformed JSON, unknown methods and invalid params get an error frame and the connection stays usable', async () => {
    const client = await connect();
    client.sendRaw('{"id": 1, "method": ');
    expect(await client.next(-1)).toMatchObject({ ok: false, error: { code: 'badFrame' } });
    expect(await client.call('project.format', {})).toMatchObject({ ok: false, error: { code: 'unknownMethod', params: { method: 'project.format' } } });
    expect(await client.call('project.open', { path: 42 })).toMatchObject({ ok: false, error: { code: 'invalidParams' } });
    expect(await client.call('project.save', { path: 'x', project: { format: 'nope' } })).toMatchObject({ ok: false, error: { code: 'invalidParams' } });
    client.sendRaw(JSON.stringify({ id: 77, method: 'app.info', params: {}, extra: true }));
    expect(await client.next(77)).toMatchObject({ ok: false, error: { code: 'badFrame' } });
    client.sendRaw(Buffer.from([1, 2, 3]));
    expect(await client.call('app.info', {})).toMatchObject({ ok: true });
    client.ws.close();
  });

  it('an oversized frame closes that socket, and the server keeps serving others', async () => {
    const client = await connect();
    const closed = new Promise<number>((resolve) => client.ws.once('close', (code) => resolve(code)));
    client.sendRaw(JSON.stringify({ id: 1, method: 'app.info', params: { pad: 'x'.repeat(300 * 1024) } }));
    expect(await closed).toBe(1009);
    const again = await connect();
    expect(await again.call('app.info', {})).toMatchObject({ ok: true });
    again.ws.close();
  });

  it('a WebSocket from another site (wrong Origin) is refused; the app page own origin is accepted', async () => {
    expect(await handshakeStatus({ origin: 'http://evil.example' })).toBe(403);
    expect(await handshakeStatus({ origin: `http://localhost:${server.port + 1}` })).toBe(403);
    expect(await handshakeStatus({ origin: 'null' })).toBe(403);
    const own = await connect({ origin: server.url.replace(/\/$/, '') });
    expect(await own.call('app.info', {})).toMatchObject({ ok: true });
    own.ws.close();
  });

  it('pushes host events to connected renderers', async () => {
    const client = await connect();
    const event = new Promise<Record<string, unknown>>((resolve) => client.ws.once('message', (d) => resolve(JSON.parse(String(d)))));
    server.broadcast('project.openRequested', { path: '/tmp/x.ailab' });
    expect(await event).toEqual({ event: 'project.openRequested', payload: { path: '/tmp/x.ailab' } });
    client.ws.close();
  });

  it('a project named on the command line is offered to the first renderer that connects, once', async () => {
    const other = await startServer({ port: 0, dataDir, rendererDir, log: quiet, openOnConnect: '/tmp/start.ailab' });
    try {
      const first = new WebSocket(`${other.url.replace('http', 'ws')}api/ws`);
      const frame = await new Promise<Record<string, unknown>>((resolve) => first.once('message', (d) => resolve(JSON.parse(String(d)))));
      expect(frame).toEqual({ event: 'project.openRequested', payload: { path: '/tmp/start.ailab' } });
      first.close();
      const second = new WebSocket(`${other.url.replace('http', 'ws')}api/ws`);
      const got: unknown[] = [];
      second.on('message', (d) => got.push(JSON.parse(String(d))));
      await new Promise((resolve) => second.once('open', resolve));
      second.send(JSON.stringify({ id: 5, method: 'app.info', params: {} }));
      await new Promise((resolve) => second.once('message', resolve));
      expect(got).toHaveLength(1);
      expect(got[0]).toMatchObject({ id: 5, ok: true });
      second.close();
    } finally {
      await other.close();
    }
  });

  it('a WebSocket handshake naming another Host is refused (DNS rebinding)', async () => {
    expect(await handshakeStatus({ host: `attacker.example:${server.port}` })).toBe(403);
  });

  it('a client flooding requests gets "busy" answers beyond the in-flight limit, and every request an answer', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = await startServer({
      port: 0,
      dataDir,
      rendererDir,
      log: quiet,
      services: { 'app.info': async () => (await gate, { version: '1', shell: 'browser', platform: 'test', projectsDir: '/p' }) } as never,
    });
    try {
      const ws = new WebSocket(`${slow.url.replace('http', 'ws')}api/ws`);
      await new Promise((resolve) => ws.once('open', resolve));
      const answers: { id: number; ok: boolean; error?: { code: string } }[] = [];
      const all = new Promise<void>((resolve) =>
        ws.on('message', (d) => {
          answers.push(JSON.parse(String(d)));
          if (answers.length === WS_MAX_IN_FLIGHT + 8) resolve();
        }),
      );
      for (let id = 1; id <= WS_MAX_IN_FLIGHT + 8; id++) ws.send(JSON.stringify({ id, method: 'app.info', params: {} }));
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(answers.map((a) => a.error?.code)).toEqual(Array(8).fill('busy'));
      release();
      await all;
      expect(answers.filter((a) => a.ok)).toHaveLength(WS_MAX_IN_FLIGHT);
      ws.close();
    } finally {
      await slow.close();
    }
  });

  it('listening on ::1 (IPv6 loopback) prints a bracketed URL that works', async () => {
    const v6 = await startServer({ port: 0, host: '::1', dataDir, rendererDir, log: quiet }).catch(() => null);
    if (!v6) return; // no IPv6 on this machine
    try {
      expect(v6.url).toMatch(/^http:\/\/\[::1\]:\d+\/$/);
      expect((await fetch(v6.url)).status).toBe(200);
    } finally {
      await v6.close();
    }
  });

  it('a lab server gzips the app for the class; on this computer alone files go uncompressed', async () => {
    const { request } = await import('node:http');
    writeFileSync(join(rendererDir, 'assets', 'big-abc.js'), `export const words = ${JSON.stringify('robot '.repeat(20_000))};\n`);
    const get = (port: number) =>
      new Promise<{ encoding: string | undefined; body: Buffer }>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, path: '/assets/big-abc.js', headers: { 'accept-encoding': 'gzip, br' } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
        });
        req.on('error', reject);
        req.end();
      });
    const local = await get(server.port);
    expect(local.encoding).toBeUndefined();
    const lab = await startServer({ port: 0, host: '0.0.0.0', dataDir, rendererDir, log: quiet });
    try {
      const remote = await get(lab.port);
      expect(remote.encoding).toBe('gzip');
      expect(remote.body.length).toBeLessThan(local.body.length / 10);
      const { gunzipSync } = await import('node:zlib');
      expect(gunzipSync(remote.body).equals(local.body)).toBe(true);
    } finally {
      await lab.close();
    }
  });
});
