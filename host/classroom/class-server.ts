/**
 * The class server on the teacher's PC (issue 6): HTTP + WebSocket on the school LAN, announced by mDNS.
 *
 *   const server = await ClassServer.start({ dataDir, key, className: '七(3)班' });
 *   projector shows: server.joinCode, server.url, server.info.fingerprint
 *   server.push(packageBytes)        every student fetches, verifies (pinned key) and installs the unit
 *   server.onChange(() => redraw)    roster changes (join, progress, help, hand-in, connect/disconnect)
 *
 * Trust: only this host pushes (packages must be signed with its own key); each student gets a bearer token at join
 * and every request is scoped to that token's student (no student can read another's work or act as the teacher);
 * every body and message is validated (core/contracts/classroom.ts); join, hand-in and WebSocket traffic are rate
 * limited; only LAN addresses are answered.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import {
  CLASS_PROTOCOL_VERSION,
  CLASS_SERVICE_TYPE,
  HANDIN_MAX_BYTES,
  HandInSchema,
  JoinRequestSchema,
  StudentMessageSchema,
  type ClassInfo,
  type JoinResponse,
  type TeacherMessage,
} from '../../core/contracts/classroom';
import { ProjectSchema } from '../../core/contracts/project';
import { translateBoth } from '../../core/i18n';
import { ClassStore, hashToken, type HandInRow, type StudentRow } from './class-store';
import { isLanAddress } from './lan-only';
import type { SigningKey } from './signing-keys';
import { verifyPackage } from './unit-package';

export interface ClassServerOptions {
  readonly dataDir: string;
  readonly key: SigningKey;
  readonly className: string;
  /** TCP port; 0 (default) picks a free one. */
  readonly port?: number;
  /** Address to listen on; default all addresses, IPv4 and IPv6 (the class is on the LAN). */
  readonly host?: string;
  /** Resume the record of an earlier class (same join code is not kept: a new one is drawn). */
  readonly classId?: string;
  /** Announce the class by mDNS (default true). */
  readonly announce?: boolean;
  readonly joinCode?: string;
  readonly now?: () => Date;
  /**
   * Joins accepted per minute from one address (default 60: a whole class behind one NAT still joins in a minute).
   * Loopback benches with hundreds of simulated students on one address raise it.
   */
  readonly joinsPerMinutePerAddress?: number;
  /** Requests of any kind accepted per minute from one address (default 600). */
  readonly requestsPerMinutePerAddress?: number;
  /** WebSocket messages one student may send per second before being disconnected (default 50). */
  readonly messagesPerSecond?: number;
}

export interface RosterEntry extends StudentRow {
  readonly connected: boolean;
  /** Install result per pushed package id. */
  readonly installs: Readonly<Record<string, 'ok' | 'failed'>>;
}

export interface PushedPackage {
  readonly packageId: string;
  readonly unitId: string;
  readonly unitVersion: number;
  readonly size: number;
  readonly sha256: string;
}

type ErrorCode = 'badRequest' | 'wrongCode' | 'nicknameTaken' | 'unauthorized' | 'notFound' | 'notLan' | 'classEnded' | 'notAProject' | 'rateLimited';

const STATUS: Record<ErrorCode, number> = {
  badRequest: 400, wrongCode: 403, nicknameTaken: 409, unauthorized: 401, notFound: 404, notLan: 403, classEnded: 410, notAProject: 400, rateLimited: 429,
};

function sendError(reply: FastifyReply, code: ErrorCode, params: Record<string, string | number> = {}): FastifyReply {
  return reply.code(STATUS[code]).send({ error: code, message: translateBoth('classroom', `server.${code}`, params) });
}

const newId = (bytes = 12) => randomBytes(bytes).toString('base64url');

declare module 'fastify' {
  interface FastifyRequest {
    studentId?: string;
  }
}

export class ClassServer {
  readonly info: ClassInfo;
  private readonly sockets = new Map<string, Set<WebSocket>>();
  private readonly installs = new Map<string, Record<string, 'ok' | 'failed'>>();
  private readonly packages = new Map<string, { meta: PushedPackage; bytes: Uint8Array }>();
  private readonly listeners = new Set<() => void>();
  private eyesUp: { locked: boolean; text: string } = { locked: false, text: '' };
  private ended = false;
  private bonjour: { unpublishAll(cb?: () => void): void; destroy(): void } | null = null;

  private constructor(
    private readonly app: FastifyInstance,
    private readonly store: ClassStore,
    private readonly options: ClassServerOptions,
    readonly joinCode: string,
    readonly port: number,
    classId: string,
  ) {
    this.info = {
      protocol: CLASS_PROTOCOL_VERSION,
      classId,
      className: options.className,
      fingerprint: options.key.fingerprint,
      teacherPublicKey: options.key.publicKeyBase64,
    };
  }

  /** `http://<address>:<port>/` students type when discovery does not find the class. */
  get url(): string {
    return `http://${this.options.host && this.options.host !== '0.0.0.0' && this.options.host !== '::' ? this.options.host : '127.0.0.1'}:${this.port}/`;
  }

  static async start(options: ClassServerOptions): Promise<ClassServer> {
    const now = options.now ?? (() => new Date());
    const classId = options.classId ?? newId(9);
    const store = await ClassStore.open(options.dataDir, classId, options.className, now().toISOString());
    const joinCode = options.joinCode ?? String(randomInt(0, 1_000_000)).padStart(6, '0');
    const app = Fastify({ logger: false, bodyLimit: HANDIN_MAX_BYTES + 64 * 1024 });
    let server: ClassServer | null = null;
    const self = () => server!;

    // LAN only, before anything else runs.
    app.addHook('onRequest', async (req, reply) => {
      if (!isLanAddress(req.socket.remoteAddress)) return sendError(reply, 'notLan');
    });
    // Every endpoint is limited per address (a misbehaving PC cannot flood the teacher's host); join and hand-in
    // have tighter limits of their own below.
    await app.register(fastifyRateLimit, {
      global: true,
      max: options.requestsPerMinutePerAddress ?? 600,
      timeWindow: 60_000,
      errorResponseBuilder: () => ({ statusCode: 429, error: 'rateLimited', message: translateBoth('classroom', 'server.rateLimited') }),
    });
    await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });
    app.setErrorHandler((err: Error & { statusCode?: number }, _req, reply) => {
      if (err.statusCode === 429) return sendError(reply, 'rateLimited');
      if (err.statusCode === 413 || err.statusCode === 400 || err.statusCode === 415) return sendError(reply, 'badRequest', { detail: err.message });
      return reply.code(500).send({ error: 'internal' });
    });

    /** Resolves the bearer token to a student, or answers 401. */
    const authenticate = async (req: FastifyRequest, reply: FastifyReply) => {
      const header = req.headers.authorization ?? '';
      const match = /^Bearer ([A-Za-z0-9_-]{32,128})$/.exec(header);
      const studentId = match ? store.studentByTokenHash(hashToken(match[1]!)) : null;
      if (!studentId) return sendError(reply, 'unauthorized');
      req.studentId = studentId;
    };

    app.get('/class/info', async () => self().info);

    // Wrong join codes are limited hard (a 6-digit code must not be guessable); right ones are cheap.
    const wrongCodes = new Map<string, { count: number; since: number }>();
    app.post('/class/join', { config: { rateLimit: { max: options.joinsPerMinutePerAddress ?? 60, timeWindow: 60_000 } } }, async (req, reply) => {
      if (self().ended) return sendError(reply, 'classEnded');
      const ip = req.socket.remoteAddress ?? '';
      const strikes = wrongCodes.get(ip);
      if (strikes && Date.now() - strikes.since < 60_000 && strikes.count >= 10) return sendError(reply, 'rateLimited');
      const parsed = JoinRequestSchema.safeParse(req.body);
      if (!parsed.success) return sendError(reply, 'badRequest', { detail: parsed.error.issues[0]?.path.join('.') ?? '' });
      const { joinCode: code, nickname, clientId } = parsed.data;
      if (code !== joinCode) {
        const s = strikes && Date.now() - strikes.since < 60_000 ? strikes : { count: 0, since: Date.now() };
        s.count += 1;
        wrongCodes.set(ip, s);
        return sendError(reply, 'wrongCode');
      }
      if (store.nicknameTaken(nickname, clientId)) return sendError(reply, 'nicknameTaken', { nickname });
      const token = newId(32);
      const studentId = store.upsertStudent({ id: newId(9), clientId, tokenHash: hashToken(token), nickname, now: now().toISOString() });
      self().changed();
      const body: JoinResponse = { studentId, token, info: self().info };
      return body;
    });

    app.get<{ Params: { id: string } }>('/class/packages/:id', { preValidation: authenticate }, async (req, reply) => {
      const pkg = self().packages.get(req.params.id);
      if (!pkg) return sendError(reply, 'notFound');
      return reply.header('content-type', 'application/octet-stream').header('cache-control', 'no-store').send(Buffer.from(pkg.bytes.buffer, pkg.bytes.byteOffset, pkg.bytes.byteLength)); // a view, not a 10 MB copy per student
    });

    app.post('/class/handin', { preValidation: authenticate, config: { rateLimit: { max: 30, timeWindow: 60_000 } } }, async (req, reply) => {
      const parsed = HandInSchema.safeParse(req.body);
      if (!parsed.success) return sendError(reply, 'badRequest', { detail: parsed.error.issues[0]?.path.join('.') ?? '' });
      const project = ProjectSchema.safeParse(parsed.data.project);
      if (!project.success) return sendError(reply, 'notAProject', { detail: project.error.issues[0]?.path.join('.') ?? '' });
      const stored = store.addHandIn({
        id: parsed.data.handInId, studentId: req.studentId!, unitId: parsed.data.unitId, lessonId: parsed.data.lessonId,
        title: parsed.data.title, projectJson: JSON.stringify(parsed.data.project), now: now().toISOString(),
      });
      if (stored) self().changed();
      return { received: true, duplicate: !stored };
    });

    app.get('/class/ws', { websocket: true, preValidation: authenticate }, (socket, req) => self().attach(socket, req.studentId!));

    if (options.host) await app.listen({ port: options.port ?? 0, host: options.host });
    else {
      // Every address, IPv4 and IPv6 (students may find the class by either through mDNS); IPv4 only where the
      // machine has no IPv6.
      await app.listen({ port: options.port ?? 0, host: '::' }).catch(() => app.listen({ port: options.port ?? 0, host: '0.0.0.0' }));
    }
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    server = new ClassServer(app, store, options, joinCode, port, classId);
    await server.loadPackages();
    if (options.announce ?? true) await server.announce();
    return server;
  }

  private get packagesDir(): string {
    return join(this.options.dataDir, 'classes', `${this.info.classId}-packages`);
  }

  /** A resumed class serves the packages it pushed before. */
  private async loadPackages(): Promise<void> {
    let files: string[] = [];
    try {
      files = await fs.readdir(this.packagesDir);
    } catch {
      return;
    }
    for (const file of files.filter((f) => f.endsWith('.ailabunit')).sort()) {
      const bytes = new Uint8Array(await fs.readFile(join(this.packagesDir, file)));
      try {
        this.register(file.replace(/\.ailabunit$/, ''), bytes);
      } catch {
        // A package that no longer verifies (expired) is not offered again.
      }
    }
  }

  private register(packageId: string, bytes: Uint8Array): PushedPackage {
    const { manifest } = verifyPackage(bytes, { trustedKeys: [this.options.key.publicKeyBase64], now: this.now() });
    const meta: PushedPackage = {
      packageId, unitId: manifest.unitId, unitVersion: manifest.unitVersion, size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    };
    this.packages.set(packageId, { meta, bytes });
    return meta;
  }

  private now(): Date {
    return (this.options.now ?? (() => new Date()))();
  }

  private async announce(): Promise<void> {
    try {
      const { Bonjour } = await import('bonjour-service');
      const bonjour = new Bonjour();
      bonjour.publish({
        name: `${this.options.className} ${this.info.classId.slice(0, 4)}`,
        type: CLASS_SERVICE_TYPE,
        port: this.port,
        txt: { classId: this.info.classId, fp: this.info.fingerprint, v: String(CLASS_PROTOCOL_VERSION) },
      });
      this.bonjour = bonjour;
    } catch {
      // No multicast on this network: students type the address shown on the projector.
    }
  }

  private attach(socket: WebSocket, studentId: string): void {
    let set = this.sockets.get(studentId);
    if (!set) this.sockets.set(studentId, (set = new Set()));
    set.add(socket);
    this.changed();
    const send = (m: TeacherMessage) => socket.send(JSON.stringify(m));
    const row = this.store.students().find((s) => s.id === studentId);
    send({ type: 'welcome', lastSeq: row?.lastSeq ?? -1, handIns: this.store.handInIds(studentId) });
    for (const { meta } of this.packages.values()) send({ type: 'push', ...meta });
    if (this.eyesUp.locked) send({ type: 'eyesUp', ...this.eyesUp });
    if (this.ended) send({ type: 'ended' });

    // Token bucket: `rate` messages a second, bursts up to 2 s worth. A student host never comes near it.
    const rate = this.options.messagesPerSecond ?? 50;
    let tokens = rate * 2;
    let last = Date.now();
    let badMessages = 0;
    let alive = true;
    const heartbeat = setInterval(() => {
      if (!alive) return socket.terminate();
      alive = false;
      socket.ping();
    }, 5000);
    socket.on('pong', () => (alive = true));
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      const t = Date.now();
      tokens = Math.min(rate * 2, tokens + ((t - last) / 1000) * rate);
      last = t;
      if ((tokens -= 1) < 0) return socket.close(1008, 'rate limit');
      let parsed;
      try {
        parsed = isBinary ? null : StudentMessageSchema.safeParse(JSON.parse(data.toString('utf8')));
      } catch {
        parsed = null;
      }
      if (!parsed?.success) {
        if (++badMessages > 20) socket.close(1008, 'invalid messages');
        return;
      }
      this.handle(studentId, parsed.data);
      send({ type: 'ack', seq: parsed.data.seq });
    });
    socket.on('close', () => {
      clearInterval(heartbeat);
      set!.delete(socket);
      if (set!.size === 0) this.sockets.delete(studentId);
      this.changed();
    });
  }

  private handle(studentId: string, m: import('../../core/contracts/classroom').StudentMessage): void {
    const now = this.now().toISOString();
    let applied = false;
    if (m.type === 'progress') applied = this.store.recordProgress(studentId, m.seq, m, now);
    else if (m.type === 'help') applied = this.store.recordHelp(studentId, m.seq, m.needsHelp, now);
    else if (m.type === 'installed') {
      applied = this.store.recordEvent(studentId, m.seq, 'installed', { packageId: m.packageId, ok: m.ok, error: m.error }, now);
      if (applied) this.installs.set(studentId, { ...(this.installs.get(studentId) ?? {}), [m.packageId]: m.ok ? 'ok' : 'failed' });
    }
    if (applied) this.changed();
  }

  private sendAll(m: TeacherMessage, only?: string): void {
    const text = JSON.stringify(m);
    for (const [studentId, set] of this.sockets) {
      if (only && studentId !== only) continue;
      for (const socket of set) socket.send(text);
    }
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  /** Called after every roster change (≤ 1 s dashboards redraw from `roster()`); returns an unsubscribe. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  roster(): RosterEntry[] {
    return this.store.students().map((s) => ({ ...s, connected: this.sockets.has(s.id), installs: this.installs.get(s.id) ?? {} }));
  }

  /**
   * Pushes a signed unit package to every student (now and on later connects). Only packages signed with this
   * teacher's own key are accepted: the server is the one place allowed to push.
   */
  async push(bytes: Uint8Array): Promise<PushedPackage> {
    const packageId = newId(9);
    const meta = this.register(packageId, bytes);
    await fs.mkdir(this.packagesDir, { recursive: true });
    await fs.writeFile(join(this.packagesDir, `${packageId}.ailabunit`), bytes);
    this.sendAll({ type: 'push', ...meta });
    return meta;
  }

  broadcast(text: string): void {
    this.sendAll({ type: 'message', text: text.slice(0, 500) });
  }

  /** "Eyes up": lock every editor with a message (or unlock). */
  setEyesUp(locked: boolean, text = ''): void {
    this.eyesUp = { locked, text: text.slice(0, 200) };
    this.sendAll({ type: 'eyesUp', ...this.eyesUp });
  }

  resetStudent(studentId: string): void {
    this.store.resetStudent(studentId, this.now().toISOString());
    this.installs.delete(studentId);
    this.sendAll({ type: 'reset' }, studentId);
    this.changed();
  }

  handIns(studentId?: string): HandInRow[] {
    return this.store.handIns(studentId);
  }

  /** A hand-in's project, to open read-only in the editor. */
  handInProject(handInId: string): unknown {
    return this.store.handInProject(handInId);
  }

  exportStudent(studentId: string): unknown {
    return this.store.exportStudent(studentId);
  }

  deleteStudent(studentId: string): void {
    for (const socket of this.sockets.get(studentId) ?? []) socket.close(1008, 'deleted');
    this.store.deleteStudent(studentId);
    this.changed();
  }

  /** The class record as CSV, UTF-8 with BOM (Excel opens the Chinese text), headers in both languages. */
  exportCsv(): string {
    const header = ['昵称 Nickname', '单元 Unit', '课 Lesson', '步骤 Step', '通过检查 Checks passed', '需要帮助 Needs help', '作业 Hand-ins', '在线 Online', '更新 Updated'];
    const rows = this.roster().map((s) => [
      s.nickname, s.unitId ?? '', s.lessonId ?? '', s.stepId ?? '', `${s.checks.filter((c) => c.passed).length}/${s.checks.length}`,
      s.needsHelp ? '是 yes' : '', String(s.handIns), s.connected ? '是 yes' : '', s.updatedAt,
    ]);
    return '\uFEFF' + [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
  }

  /** Ends the class: students are told, new joins are refused; the record stays on disk. */
  endClass(): void {
    this.ended = true;
    this.sendAll({ type: 'ended' });
    this.changed();
  }

  async close(): Promise<void> {
    if (this.bonjour) {
      const b = this.bonjour;
      await new Promise<void>((resolve) => b.unpublishAll(() => resolve()));
      b.destroy();
    }
    for (const set of this.sockets.values()) for (const socket of set) socket.terminate();
    await this.app.close();
    await this.store.close();
  }
}

/** One CSV field: quoted when needed; a leading = + - @ is defused so Excel never runs a nickname as a formula. */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
