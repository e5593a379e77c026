/**
 * Browser mode: one fastify server on loopback (or a lab address) that serves the built renderer and carries the
 * host contract over a WebSocket at `/api/ws`. The renderer cannot tell this host from Electron's.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import type { WebSocket } from 'ws';
import { HOST_EVENTS, WS_NO_ID, type HostEvent, type HostServices } from '../../core/contracts/host';
import { PROJECT_MAX_BYTES } from '../../core/contracts/project';
import { translate } from '../../core/i18n';
import { createHostServices } from '../services/create-host-services';
import { createClassroomService } from '../services/classroom-service';
import { createLiveService } from '../services/live-service';
import type { DeviceConnector } from '../services/live-devices';
import { dispatchFrame, type WsResponse } from './ws-dispatch';
import { HostException } from '../services/host-error';
import { hostChecker, isLoopbackBind, originAllowed, securityHeaders } from './security';

/** `dist/renderer` of this checkout (what `npm run build:renderer` writes). */
export const DEFAULT_RENDERER_DIR = resolve(fileURLToPath(new URL('../../dist/renderer', import.meta.url)));
/** Largest WebSocket frame accepted: a maximal project plus room for the envelope. Bigger frames close the socket. */
export const WS_MAX_FRAME_BYTES = PROJECT_MAX_BYTES + 256 * 1024;
export const WS_PATH = '/api/ws';
/** Requests one socket may have in flight; more are answered `busy` at once (a runaway client cannot queue unbounded
 *  work). The renderer has a handful at most. */
export const WS_MAX_IN_FLIGHT = 32;

export interface ServerOptions {
  /** TCP port; 0 picks a free one. */
  readonly port: number;
  /** Address to listen on; default `127.0.0.1` (this computer only). */
  readonly host?: string;
  readonly dataDir: string;
  readonly rendererDir?: string;
  readonly appVersion?: string;
  /** Extra names a lab server may be reached by (besides its IP addresses and its computer name). */
  readonly allowedHosts?: readonly string[];
  /** Services to carry (default: `createHostServices` for the data folder). */
  readonly services?: HostServices;
  readonly maxFrameBytes?: number;
  /** A project to open at start (`ailab serve --open my.ailab`, a double-clicked file): sent as a
   *  `project.openRequested` event to the first renderer that connects. */
  readonly openOnConnect?: string;
  /** Live-mode device drivers by name (default: Tello over UDP; tests pass one with their own state port). */
  readonly deviceConnectors?: Readonly<Record<string, DeviceConnector>>;
  readonly log?: (line: string) => void;
}

export interface RunningServer {
  /** `http://127.0.0.1:PORT/` (loopback name even when listening on all addresses). */
  readonly url: string;
  readonly port: number;
  /** False when `rendererDir/index.html` is missing (the page then says how to build it). */
  readonly rendererBuilt: boolean;
  /** Pushes a host event to every connected renderer. */
  broadcast<E extends HostEvent>(event: E, payload: unknown): void;
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const bindHost = options.host ?? '127.0.0.1';
  const rendererDir = options.rendererDir ?? DEFAULT_RENDERER_DIR;
  const log = options.log ?? ((line: string) => console.log(line));
  const rendererBuilt = existsSync(join(rendererDir, 'index.html'));
  // Live-mode events go to every connected page; `pushEvent` is set once the sockets exist.
  let pushEvent: (event: HostEvent, payload: unknown) => void = () => undefined;
  const live = options.services ? null : createLiveService({ emit: (event, payload) => pushEvent(event, payload), connectors: options.deviceConnectors, log });
  const curriculaDir = existsSync(join(rendererDir, '..', '..', 'curricula')) ? resolve(rendererDir, '..', '..', 'curricula') : undefined;
  const classroom = options.services
    ? null
    : createClassroomService({ dataDir: options.dataDir, curriculaDir, emit: (event, payload) => pushEvent(event, payload) });
  const services =
    options.services ??
    createHostServices({
      live: live!.methods,
      classroom: classroom!.methods,
      dataDir: options.dataDir,
      appVersion: options.appVersion ?? '0.0.0',
      shell: 'browser',
      confineToProjectsDir: !isLoopbackBind(bindHost),
      // The units shipped beside the renderer build (`<checkout>/curricula` next to `<checkout>/dist/renderer`).
      curriculaDir: existsSync(join(rendererDir, '..', '..', 'curricula')) ? resolve(rendererDir, '..', '..', 'curricula') : undefined,
      log,
    });

  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
  // A lab server sends the app (~7 MB of JavaScript) to a whole class at once over the school LAN: gzip cuts that to
  // about a quarter. On loopback compression would only cost start-up time, so it is off there.
  const compressForLan = !isLoopbackBind(bindHost);
  // Both set once the port is known (before the first request can arrive).
  let hostAllowed: (h: string | undefined) => boolean = () => false;
  let ownHost = '127.0.0.1';

  // Registered before our hooks: its own onRequest hook marks upgrade requests so that a refused upgrade's socket is
  // destroyed after the 403 (otherwise it lingers and close() waits for it).
  await app.register(fastifyWebsocket, { options: { maxPayload: options.maxFrameBytes ?? WS_MAX_FRAME_BYTES } });
  app.addHook('onRequest', async (request, reply) => {
    if (!hostAllowed(request.headers.host)) {
      log(`[HostServer] refused request for host ${JSON.stringify(request.headers.host ?? '')}`);
      await reply.code(403).type('text/plain; charset=utf-8').send('Forbidden: unknown Host');
    }
  });
  app.addHook('onSend', async (request, reply, payload) => {
    // The CSP names the WebSocket origin the page used; a refused Host gets the server's own address instead.
    const shownHost = hostAllowed(request.headers.host) ? request.headers.host! : ownHost;
    for (const [name, value] of Object.entries(securityHeaders(shownHost))) reply.header(name, value);
    return compressForLan ? maybeGzip(request.headers['accept-encoding'], reply, payload) : payload;
  });


  const sockets = new Set<WebSocket>();
  pushEvent = (event, payload) => {
    const frame = JSON.stringify({ event, payload });
    for (const socket of sockets) if (socket.readyState === socket.OPEN) socket.send(frame);
  };
  let pendingOpen = options.openOnConnect;
  await app.register(async (scope) => {
    scope.addHook('preValidation', async (request, reply) => {
      if (!originAllowed(request.headers.origin, request.headers.host)) {
        log(`[HostServer] refused WebSocket from origin ${JSON.stringify(request.headers.origin)}`);
        await reply.code(403).type('text/plain; charset=utf-8').send('Forbidden: cross-origin WebSocket');
      }
    });
    scope.get(WS_PATH, { websocket: true }, (socket) => {
      let inFlight = 0;
      sockets.add(socket);
      if (pendingOpen !== undefined) {
        socket.send(JSON.stringify({ event: 'project.openRequested', payload: { path: pendingOpen } }));
        pendingOpen = undefined;
      }
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', (err) => log(`[HostServer] socket error: ${err.message}`));
      socket.on('message', (data, isBinary) => {
        if (isBinary) {
          socket.send(JSON.stringify({ id: WS_NO_ID, ok: false, error: new HostException('badFrame', { detail: 'binary frame' }).toJSON() }));
          return;
        }
        const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
        if (inFlight >= WS_MAX_IN_FLIGHT) {
          socket.send(JSON.stringify(busyResponse(text)));
          return;
        }
        inFlight++;
        void dispatchFrame(text, services, log).then((response) => {
          inFlight--;
          if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(response));
        });
      });
    });
  });

  if (rendererBuilt) {
    await app.register(fastifyStatic, {
      root: rendererDir,
      index: ['index.html'],
      cacheControl: false,
      etag: true,
      lastModified: true,
      setHeaders(res, filePath) {
        // index.html names the current asset hashes: never cache it. Hashed assets under assets/ never change.
        if (filePath.endsWith('.html')) res.header('cache-control', 'no-store');
        else if (/[\\/]assets[\\/]/.test(filePath)) res.header('cache-control', 'public, max-age=31536000, immutable');
        else res.header('cache-control', 'no-cache');
      },
    });
  } else {
    const page = notBuiltPage(rendererDir);
    app.get('/', async (_request, reply) => reply.code(503).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(page));
  }

  await app.listen({ port: options.port, host: bindHost });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  hostAllowed = hostChecker(bindHost, port, options.allowedHosts);
  // The address to print: all-interfaces binds are reached locally through 127.0.0.1; IPv6 literals need brackets.
  const urlHost = bindHost === '0.0.0.0' || bindHost === '::' ? '127.0.0.1' : bindHost.includes(':') ? `[${bindHost}]` : bindHost;
  ownHost = `${urlHost}:${port}`;
  const url = `http://${ownHost}/`;
  log(`[HostServer] listening on ${bindHost}:${port}, renderer ${rendererBuilt ? rendererDir : 'NOT BUILT'}, data ${options.dataDir}`);

  return {
    url,
    port,
    rendererBuilt,
    broadcast(event, payload) {
      const checked = HOST_EVENTS[event].safeParse(payload);
      if (!checked.success) throw new Error(`[HostServer] event ${event} payload outside the contract`);
      const frame = JSON.stringify({ event, payload: checked.data });
      for (const socket of sockets) if (socket.readyState === socket.OPEN) socket.send(frame);
    },
    async close() {
      // A running program is stopped (kit to its safe state) and the device link closed before the server goes.
      await live?.close();
      await classroom?.close();
      for (const socket of sockets) socket.terminate();
      await app.close();
    },
  };
}

const COMPRESSIBLE = /^(text\/|application\/(javascript|json|wasm|xml)|image\/svg\+xml)/;

/**
 * Gzips a 200 response streamed from disk when the client accepts it and the type compresses (scripts, styles, HTML,
 * JSON, WebAssembly, SVG). Range responses (206) and small in-memory payloads are sent as they are.
 */
function maybeGzip(acceptEncoding: string | string[] | undefined, reply: FastifyReply, payload: unknown): unknown {
  const accepts = String(acceptEncoding ?? '').split(',').some((e) => e.trim().split(';')[0] === 'gzip');
  const type = String(reply.getHeader('content-type') ?? '');
  if (!accepts || reply.statusCode !== 200 || !(payload instanceof Readable) || !COMPRESSIBLE.test(type) || reply.getHeader('content-encoding')) {
    return payload;
  }
  reply.removeHeader('content-length');
  reply.header('content-encoding', 'gzip');
  reply.header('vary', 'accept-encoding');
  return payload.pipe(createGzip({ level: 6 }));
}

/** The `busy` answer to a frame, echoing its id when it has one. */
function busyResponse(text: string): WsResponse {
  let id = WS_NO_ID;
  try {
    const raw = JSON.parse(text) as { id?: unknown };
    if (typeof raw?.id === 'number' && Number.isInteger(raw.id) && raw.id >= 0) id = raw.id;
  } catch {
    // not JSON: answered without an id
  }
  return { id, ok: false, error: new HostException('busy').toJSON() };
}

function notBuiltPage(rendererDir: string): string {
  const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
  const zh = escape(translate('zh-CN', 'host', 'cli.serve.notBuilt', { dir: rendererDir }));
  const en = escape(translate('en', 'host', 'cli.serve.notBuilt', { dir: rendererDir }));
  return `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>AI Lab Studio</title><body><h1>AI Lab Studio</h1><p>${zh}</p><p lang="en">${en}</p></body></html>`;
}
