/**
 * The renderer's host client (renderer/src/host-client.ts) against the real host server over a real WebSocket on
 * loopback (the `ws` package stands in for the browser's WebSocket, which Node 20 lacks), and against a stand-in
 * for the Electron preload's `window.lab` (the Electron binary cannot run here).
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startServer, type RunningServer } from '../../host/server';
import { newProject } from '../../core/contracts/project';
import { ElectronTransport, HostCallError, HostClient, WebSocketTransport, type LabBridge } from '../../renderer/src/host-client';

let server: RunningServer;
let dataDir: string;
let client: HostClient;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ailab-client-'));
  server = await startServer({ port: 0, dataDir, rendererDir: join(dataDir, 'no-renderer'), log: () => undefined });
  const wsUrl = `${server.url.replace('http:', 'ws:')}api/ws`;
  client = new HostClient(new WebSocketTransport(wsUrl, (u) => new WebSocket(u) as unknown as globalThis.WebSocket));
});
afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('host client over WebSocket (browser mode)', () => {
  it('saves a project and opens it again with the same content', async () => {
    const project = newProject('drone', '2026-11-23T10:00:00.000Z', '0.1.0', '飞行');
    const entry = await client.call('project.save', { path: '飞行.ailab', project });
    expect(entry.path).toMatch(/飞行\.ailab$/);
    const opened = await client.call('project.open', { path: entry.path });
    expect(opened.project.target).toBe('drone');
    expect(opened.project.meta.title).toBe('飞行');
    const list = await client.call('project.list', {});
    expect(list.map((p) => p.path)).toContain(entry.path);
  });

  it('turns a refused file into an error with the host code the UI translates', async () => {
    mkdirSync(join(dataDir, 'projects'), { recursive: true });
    writeFileSync(join(dataDir, 'projects', 'broken.ailab'), '{ nope');
    const err = await client.call('project.open', { path: 'broken.ailab' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostCallError);
    expect((err as HostCallError).code).toBe('projectNotJson');
  });

  it('refuses bad params before anything is sent', async () => {
    const err = await client.call('project.open', { path: '' }).catch((e: unknown) => e);
    expect((err as HostCallError).code).toBe('clientInvalidParams');
  });

  it('answers many requests in flight at once, each with its own result', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => client.call('app.info', {})));
    expect(new Set(results.map((r) => r.shell))).toEqual(new Set(['browser']));
  });
});

describe('host client over the Electron preload', () => {
  it('calls the verb by method name and validates the result', async () => {
    const calls: unknown[] = [];
    const lab: LabBridge = {
      'app.info': async (params) => {
        calls.push(params);
        return { ok: true, result: { version: '0.1.0', shell: 'electron', platform: 'win32', projectsDir: 'C:\\p' } };
      },
    };
    const c = new HostClient(new ElectronTransport(lab));
    expect((await c.call('app.info', {})).shell).toBe('electron');
    expect(calls).toEqual([{}]);
  });

  it('rejects a result that does not match the contract', async () => {
    const lab: LabBridge = { 'project.list': async () => ({ ok: true, result: [{ path: 42 }] }) };
    const err = await new HostClient(new ElectronTransport(lab)).call('project.list', {}).catch((e: unknown) => e);
    expect((err as HostCallError).code).toBe('clientInvalidReply');
  });

  it('passes host errors through with their code and params', async () => {
    const lab: LabBridge = { 'project.open': async () => ({ ok: false, error: { code: 'projectTooNew', params: { fileVersion: 9 }, message: 'newer' } }) };
    const err = (await new HostClient(new ElectronTransport(lab)).call('project.open', { path: 'a.ailab' }).catch((e: unknown) => e)) as HostCallError;
    expect(err.code).toBe('projectTooNew');
    expect(err.params).toEqual({ fileVersion: 9 });
  });
});
