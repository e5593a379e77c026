/**
 * The student side of a class (issue 6), in the student's host process:
 *
 *   const client = await ClassClient.join({ url, joinCode, nickname, dataDir, expectedFingerprint });
 *   client.on(event => …)            connection state, pushed units (progress, installed / refused), messages,
 *                                    eyes-up lock, reset, class ended
 *   client.progress({ unitId, lessonId, stepId, checks })     client.help(true)     client.handIn(project)
 *   later, after the app restarted:  ClassClient.resume({ dataDir })
 *
 * Nothing is lost when the cable is pulled: every progress report, help flag, install result and hand-in is first
 * written to a queue on disk (`<dataDir>/classroom/outbox/`), then sent; a message leaves the queue only when the
 * teacher's host acknowledged it (WebSocket `ack`, or the hand-in POST's answer). After a reconnect — or an app
 * restart — the queue is sent again; the teacher's host applies each `seq` and each hand-in id once.
 *
 * Trust: the teacher's key is pinned at join (compared with the fingerprint on the projector when the student typed
 * it); every pushed package must be signed by that key and is verified before anything is written.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import {
  ClassInfoSchema,
  JoinResponseSchema,
  TeacherMessageSchema,
  type ClassInfo,
  type HandIn,
  type StudentMessage,
  type UnnumberedStudentMessage,
  type TeacherMessage,
} from '../../core/contracts/classroom';
import { translateBoth } from '../../core/i18n';
import { writeFileAtomic } from '../services/atomic-write';
import { fingerprintOf } from './signing-keys';
import { installPackage, PackageError, type InstallResult } from './unit-package';

type Localized = { readonly 'zh-CN': string; readonly en: string };

export type ClientEvent =
  | { readonly type: 'connection'; readonly state: 'connecting' | 'online' | 'offline' | 'ended' | 'removed' }
  | { readonly type: 'message'; readonly text: string }
  | { readonly type: 'eyesUp'; readonly locked: boolean; readonly text: string }
  | { readonly type: 'reset' }
  | { readonly type: 'download'; readonly packageId: string; readonly received: number; readonly total: number }
  | { readonly type: 'installed'; readonly packageId: string; readonly result: InstallResult }
  | { readonly type: 'installFailed'; readonly packageId: string; readonly message: Localized }
  | { readonly type: 'delivered'; readonly what: 'message' | 'handIn'; readonly id: string }
  | { readonly type: 'handInRefused'; readonly handInId: string; readonly message: Localized };

/** A refused join or an unreachable teacher; `localized` is for the student. */
export class ClassClientError extends Error {
  constructor(readonly code: string, readonly localized: Localized) {
    super(localized.en);
  }
}

interface Session {
  readonly url: string;
  readonly token: string;
  readonly studentId: string;
  readonly info: ClassInfo;
  nextSeq: number;
  /** Package ids already handled (installed or refused), so a re-announced push is not fetched again. */
  handled: string[];
}

export interface JoinOptions {
  /** `http://host:port/` of the class server. */
  readonly url: string;
  readonly joinCode: string;
  readonly nickname: string;
  /** The student's data folder (queue, session, installed units). */
  readonly dataDir: string;
  /** The fingerprint typed from the projector; when given, a different teacher key refuses the join. */
  readonly expectedFingerprint?: string;
  /** Where units are installed (default `<dataDir>/units`). */
  readonly unitsDir?: string;
}

const newId = (bytes = 12) => randomBytes(bytes).toString('base64url');
const normaliseFingerprint = (f: string) => f.replace(/\s+/g, '').toUpperCase();

async function readJson<T>(file: string): Promise<T | null> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

export class ClassClient {
  private socket: WebSocket | null = null;
  private readonly listeners = new Set<(e: ClientEvent) => void>();
  private closed = false;
  private retryMs = 250;
  private retryTimer: NodeJS.Timeout | null = null;
  private flushing = false;
  private installing: Promise<void> = Promise.resolve();
  private state: 'connecting' | 'online' | 'offline' | 'ended' | 'removed' = 'connecting';

  private constructor(
    private readonly dir: string,
    private readonly unitsDir: string,
    private session: Session,
  ) {}

  private static classDir(dataDir: string): string {
    return join(dataDir, 'classroom');
  }

  /** Joins a class: checks the teacher key against the typed fingerprint, pins it, connects. */
  static async join(options: JoinOptions): Promise<ClassClient> {
    const dir = ClassClient.classDir(options.dataDir);
    await fs.mkdir(join(dir, 'outbox'), { recursive: true });
    const clientIdFile = join(dir, 'client-id');
    let clientId = (await fs.readFile(clientIdFile, 'utf8').catch(() => '')).trim();
    if (!/^[A-Za-z0-9_-]{6,64}$/.test(clientId)) {
      clientId = newId(16);
      await writeFileAtomic(clientIdFile, clientId);
    }
    const base = options.url.endsWith('/') ? options.url : `${options.url}/`;
    const info = ClassInfoSchema.parse(await ClassClient.request(base, 'class/info', { method: 'GET' }));
    if (options.expectedFingerprint && normaliseFingerprint(options.expectedFingerprint) !== normaliseFingerprint(info.fingerprint)) {
      throw new ClassClientError('fingerprintMismatch', translateBoth('classroom', 'client.fingerprintMismatch', { got: info.fingerprint, expected: options.expectedFingerprint }));
    }
    if (fingerprintOf(info.teacherPublicKey) !== info.fingerprint) {
      throw new ClassClientError('fingerprintMismatch', translateBoth('classroom', 'client.fingerprintMismatch', { got: fingerprintOf(info.teacherPublicKey), expected: info.fingerprint }));
    }
    const previous = await readJson<Session>(join(dir, 'session.json'));
    if (previous && previous.info.classId === info.classId && previous.info.teacherPublicKey !== info.teacherPublicKey) {
      throw new ClassClientError('keyChanged', translateBoth('classroom', 'client.keyChanged', { pinned: previous.info.fingerprint, got: info.fingerprint }));
    }
    const joined = JoinResponseSchema.parse(
      await ClassClient.request(base, 'class/join', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ joinCode: options.joinCode, nickname: options.nickname, clientId }),
      }),
    );
    if (joined.info.teacherPublicKey !== info.teacherPublicKey) {
      throw new ClassClientError('keyChanged', translateBoth('classroom', 'client.keyChanged', { pinned: info.fingerprint, got: joined.info.fingerprint }));
    }
    const sameClass = previous && previous.info.classId === info.classId;
    const session: Session = {
      url: base, token: joined.token, studentId: joined.studentId, info,
      nextSeq: sameClass ? previous.nextSeq : 0, handled: sameClass ? previous.handled : [],
    };
    if (!sameClass) {
      // A new class: what was queued for an earlier class cannot be delivered there any more; keep it aside.
      await ClassClient.setAsideOutbox(dir);
    }
    const client = new ClassClient(dir, options.unitsDir ?? join(options.dataDir, 'units'), session);
    await client.saveSession();
    client.connect();
    return client;
  }

  /** Reconnects to the class this data folder joined last (after an app restart); null when there is none. */
  static async resume(options: { dataDir: string; unitsDir?: string }): Promise<ClassClient | null> {
    const dir = ClassClient.classDir(options.dataDir);
    const session = await readJson<Session>(join(dir, 'session.json'));
    if (!session) return null;
    const client = new ClassClient(dir, options.unitsDir ?? join(options.dataDir, 'units'), session);
    client.connect();
    return client;
  }

  private static async setAsideOutbox(dir: string): Promise<void> {
    const outbox = join(dir, 'outbox');
    const files = await fs.readdir(outbox).catch(() => [] as string[]);
    if (files.length === 0) return;
    const aside = join(dir, `undelivered-${Date.now()}`);
    await fs.rename(outbox, aside);
    await fs.mkdir(outbox, { recursive: true });
  }

  private static async request(base: string, path: string, init: RequestInit & { token?: string }): Promise<unknown> {
    let res: Response;
    try {
      res = await fetch(new URL(path, base), { ...init, headers: { ...(init.headers ?? {}), ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) }, signal: AbortSignal.timeout(10_000) });
    } catch (err) {
      throw new ClassClientError('unreachable', translateBoth('classroom', 'client.unreachable', { url: base, detail: (err as Error).cause ? String((err as Error & { cause: Error }).cause.message) : (err as Error).message }));
    }
    const body = (await res.json().catch(() => null)) as { error?: string; message?: Localized } | null;
    if (!res.ok) {
      const message = body?.message ?? { 'zh-CN': `HTTP ${res.status}`, en: `HTTP ${res.status}` };
      throw new ClassClientError(body?.error ?? `http${res.status}`, {
        'zh-CN': translateBoth('classroom', 'client.rejected', { message: message['zh-CN'] })['zh-CN'],
        en: translateBoth('classroom', 'client.rejected', { message: message.en }).en,
      });
    }
    return body;
  }

  get info(): ClassInfo {
    return this.session.info;
  }

  get studentId(): string {
    return this.session.studentId;
  }

  get connection(): typeof this.state {
    return this.state;
  }

  on(listener: (e: ClientEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(e: ClientEvent): void {
    if (e.type === 'connection') this.state = e.state;
    for (const l of this.listeners) l(e);
  }

  private saveSession(): Promise<void> {
    return writeFileAtomic(join(this.dir, 'session.json'), JSON.stringify(this.session));
  }

  // ── Outgoing: queue on disk first, then send ──

  private async enqueue(message: UnnumberedStudentMessage): Promise<number> {
    const seq = this.session.nextSeq++;
    await this.saveSession();
    const full = { ...message, seq } as StudentMessage;
    await writeFileAtomic(join(this.dir, 'outbox', `m-${String(seq).padStart(9, '0')}.json`), JSON.stringify(full));
    void this.flush();
    return seq;
  }

  progress(p: { unitId: string; lessonId: string; stepId: string; checks: { id: string; passed: boolean }[] }): Promise<number> {
    return this.enqueue({ type: 'progress', ...p });
  }

  help(needsHelp: boolean): Promise<number> {
    return this.enqueue({ type: 'help', needsHelp });
  }

  /** Queues a hand-in (kept on disk until the teacher's host confirms it); returns its id. */
  async handIn(h: Omit<HandIn, 'handInId'>): Promise<string> {
    const handInId = newId(12);
    await writeFileAtomic(join(this.dir, 'outbox', `h-${Date.now()}-${handInId}.json`), JSON.stringify({ ...h, handInId }));
    void this.flush();
    return handInId;
  }

  /** Messages and hand-ins not yet confirmed by the teacher's host. */
  async pending(): Promise<number> {
    return (await fs.readdir(join(this.dir, 'outbox')).catch(() => [])).filter((f) => f.endsWith('.json')).length;
  }

  /** Sends everything queued, in order; stops at the first failure (retried on reconnect). */
  private async flush(): Promise<void> {
    if (this.flushing || this.state !== 'online') return;
    this.flushing = true;
    try {
      const files = (await fs.readdir(join(this.dir, 'outbox'))).filter((f) => f.endsWith('.json')).sort();
      for (const file of files) {
        if (this.state !== 'online') break;
        const full = join(this.dir, 'outbox', file);
        const item = await readJson<Record<string, unknown>>(full);
        if (!item) {
          await fs.rm(full, { force: true });
          continue;
        }
        if (file.startsWith('m-')) {
          this.socket?.send(JSON.stringify(item));
        } else if (!(await this.postHandIn(full, item as unknown as HandIn))) break;
      }
    } finally {
      this.flushing = false;
    }
  }

  private async postHandIn(file: string, h: HandIn): Promise<boolean> {
    try {
      await ClassClient.request(this.session.url, 'class/handin', {
        method: 'POST', token: this.session.token, headers: { 'content-type': 'application/json' }, body: JSON.stringify(h),
      });
    } catch (err) {
      if (err instanceof ClassClientError && (err.code === 'notAProject' || err.code === 'badRequest')) {
        // The teacher's host will never take it: keep it beside the queue (nothing is lost) and say so.
        await fs.mkdir(join(this.dir, 'refused'), { recursive: true });
        await fs.rename(file, join(this.dir, 'refused', file.split(/[\\/]/).pop()!));
        this.emit({ type: 'handInRefused', handInId: h.handInId, message: err.localized });
        return true;
      }
      return false;
    }
    await fs.rm(file, { force: true });
    this.emit({ type: 'delivered', what: 'handIn', id: h.handInId });
    return true;
  }

  private async acknowledge(seq: number): Promise<void> {
    await fs.rm(join(this.dir, 'outbox', `m-${String(seq).padStart(9, '0')}.json`), { force: true });
    this.emit({ type: 'delivered', what: 'message', id: String(seq) });
  }

  // ── Connection ──

  private connect(): void {
    if (this.closed) return;
    this.emit({ type: 'connection', state: 'connecting' });
    const url = new URL('class/ws', this.session.url);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(url, { headers: { authorization: `Bearer ${this.session.token}` }, maxPayload: 64 * 1024, handshakeTimeout: 5000 });
    this.socket = socket;
    socket.on('open', () => {
      this.retryMs = 250;
    });
    socket.on('unexpected-response', (_req, res) => {
      if (res.statusCode === 401) {
        // Removed by the teacher (or the class record was deleted): stop retrying, say so.
        this.closed = true;
        this.emit({ type: 'connection', state: 'removed' });
      }
      socket.terminate();
    });
    socket.on('message', (data: Buffer) => {
      let parsed;
      try {
        parsed = TeacherMessageSchema.safeParse(JSON.parse(data.toString('utf8')));
      } catch {
        return;
      }
      if (parsed.success) void this.handle(parsed.data);
    });
    socket.on('close', () => {
      if (this.socket === socket) this.socket = null;
      if (this.state === 'online' || this.state === 'connecting') this.emit({ type: 'connection', state: 'offline' });
      this.scheduleReconnect();
    });
    socket.on('error', () => {
      // 'close' follows and schedules the retry.
    });
  }

  private scheduleReconnect(): void {
    if (this.closed || this.retryTimer || this.state === 'ended') return;
    const delay = this.retryMs + Math.floor(Math.random() * this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, 5000);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, delay);
  }

  private async handle(m: TeacherMessage): Promise<void> {
    switch (m.type) {
      case 'welcome': {
        // Everything up to lastSeq is recorded: drop it; hand-ins the teacher has are delivered.
        const files = await fs.readdir(join(this.dir, 'outbox')).catch(() => [] as string[]);
        for (const f of files) {
          const seq = /^m-(\d+)\.json$/.exec(f);
          if (seq && Number(seq[1]) <= m.lastSeq) await fs.rm(join(this.dir, 'outbox', f), { force: true });
          const h = /^h-\d+-([A-Za-z0-9_-]+)\.json$/.exec(f);
          if (h && m.handIns.includes(h[1]!)) await fs.rm(join(this.dir, 'outbox', f), { force: true });
        }
        if (this.session.nextSeq <= m.lastSeq) {
          this.session.nextSeq = m.lastSeq + 1;
          await this.saveSession();
        }
        this.emit({ type: 'connection', state: 'online' });
        void this.flush();
        return;
      }
      case 'ack':
        return this.acknowledge(m.seq);
      case 'push':
        this.installing = this.installing.then(() => this.install(m));
        return;
      case 'message':
        return this.emit({ type: 'message', text: m.text });
      case 'eyesUp':
        return this.emit({ type: 'eyesUp', locked: m.locked, text: m.text });
      case 'reset':
        return this.emit({ type: 'reset' });
      case 'ended':
        this.emit({ type: 'connection', state: 'ended' });
        return;
    }
  }

  private async install(push: Extract<TeacherMessage, { type: 'push' }>): Promise<void> {
    if (this.session.handled.includes(push.packageId)) return;
    let bytes: Uint8Array;
    try {
      bytes = await this.download(push);
    } catch (err) {
      // Not handled: the next connect announces the package again and the download is retried.
      this.emit({ type: 'installFailed', packageId: push.packageId, message: translateBoth('classroom', 'client.downloadFailed', { detail: (err as Error).message }) });
      return;
    }
    try {
      const result = await installPackage(bytes, this.unitsDir, {
        trustedKeys: [this.session.info.teacherPublicKey], now: new Date(), expect: { unitId: push.unitId, unitVersion: push.unitVersion },
      });
      this.emit({ type: 'installed', packageId: push.packageId, result });
      await this.markHandled(push.packageId);
      await this.enqueue({ type: 'installed', packageId: push.packageId, ok: true });
    } catch (err) {
      const message = err instanceof PackageError ? err.localized : { 'zh-CN': String(err), en: String(err) };
      this.emit({ type: 'installFailed', packageId: push.packageId, message });
      await this.markHandled(push.packageId);
      await this.enqueue({ type: 'installed', packageId: push.packageId, ok: false, error: message.en.slice(0, 500) });
    }
  }

  private async markHandled(packageId: string): Promise<void> {
    this.session.handled = [...this.session.handled, packageId].slice(-500);
    await this.saveSession();
  }

  /** Fetches a pushed package with progress; its size must be what the push announced. */
  private async download(push: Extract<TeacherMessage, { type: 'push' }>): Promise<Uint8Array> {
    const res = await fetch(new URL(`class/packages/${push.packageId}`, this.session.url), {
      headers: { authorization: `Bearer ${this.session.token}` },
      signal: AbortSignal.timeout(120_000),
    });
    if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
    const bytes = new Uint8Array(push.size);
    let received = 0;
    let lastReport = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      if (received + chunk.length > push.size) throw new Error('larger than announced');
      bytes.set(chunk, received);
      received += chunk.length;
      if (received - lastReport >= 256 * 1024 || received === push.size) {
        lastReport = received;
        this.emit({ type: 'download', packageId: push.packageId, received, total: push.size });
      }
    }
    if (received !== push.size) throw new Error('shorter than announced');
    // No hash of the whole package here: verification checks the signature and every file's hash, and the install
    // checks the unit and version against the announcement (one pass over 10 MB less on every student PC).
    return bytes;
  }

  /** Waits until every pushed package seen so far is handled (tests, "installing…" indicators). */
  settled(): Promise<void> {
    return this.installing;
  }

  /** Disconnects (the queue stays on disk for `resume`). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const socket = this.socket;
    if (socket && socket.readyState !== WebSocket.CLOSED) {
      await new Promise<void>((resolve) => {
        socket.once('close', () => resolve());
        socket.close();
        setTimeout(resolve, 1000).unref();
      });
    }
    await this.installing;
  }
}
