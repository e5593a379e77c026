/**
 * Classroom host services (`CLASS_METHODS`, core/contracts/classroom-host.ts) over host/classroom: the teacher side
 * (PIN-gated: start a class, roster, push, messages, eyes-up, hand-ins, CSV) and the student side (discover, join,
 * progress, help, hand in). One app is teacher or student at a time in practice, but nothing prevents both (a
 * teacher trying the student view on the same PC).
 *
 * The teacher PIN is stored as an scrypt hash in `<data>/teacher/pin.json`; the teacher signing key in
 * `<data>/teacher/signing.key` (created at the first class). Teacher mode unlocks per app session; five wrong PINs
 * lock it for a minute.
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { CLASS_METHODS } from '../../core/contracts/classroom-host';
import type { HostServices } from '../../core/contracts/host';
import { ProjectSchema } from '../../core/contracts/project';
import { ClassClient, ClassClientError, type ClientEvent } from '../classroom/class-client';
import { ClassServer } from '../classroom/class-server';
import { CatalogError, syncCatalog } from '../classroom/catalog';
import { discoverClasses } from '../classroom/discovery';
import { isLanAddress } from '../classroom/lan-only';
import { fingerprintOf, generateSigningKey, loadSigningKey, saveSigningKey, type SigningKey } from '../classroom/signing-keys';
import { packUnit, PackageError } from '../classroom/unit-package';
import { writeFileAtomic } from './atomic-write';
import { HostException } from './host-error';
import { findUnitDirs, loadUnitDir } from './lessons-check';
import { defaultCurriculaDir } from './lessons-service';

export type ClassMethod = keyof typeof CLASS_METHODS;

const scrypt = promisify(scryptCallback) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;

export interface ClassroomServiceOptions {
  readonly dataDir: string;
  readonly curriculaDir?: string;
  readonly emit: (event: 'class.roster' | 'class.studentEvent', payload: unknown) => void;
  /** Address the class server listens on (default all addresses; tests use 127.0.0.1). */
  readonly classHost?: string;
  readonly announce?: boolean;
  readonly now?: () => Date;
}

export interface ClassroomService {
  readonly methods: Pick<HostServices, ClassMethod>;
  close(): Promise<void>;
}

/** Rethrows a classroom refusal as a host error whose `detail` is worded in `language` (both languages without it). */
const fail = (err: unknown, language?: 'zh-CN' | 'en'): never => {
  if (err instanceof HostException) throw err;
  const message = err instanceof PackageError || err instanceof ClassClientError || err instanceof CatalogError ? err.localized : null;
  const detail = message ? (language ? message[language] : `${message['zh-CN']} / ${message.en}`) : err instanceof Error ? err.message : String(err);
  throw new HostException('classroom', { detail });
};

export function createClassroomService(options: ClassroomServiceOptions): ClassroomService {
  const teacherDir = join(options.dataDir, 'teacher');
  const pinFile = join(teacherDir, 'pin.json');
  const keyFile = join(teacherDir, 'signing.key');
  const unitsDir = join(options.dataDir, 'units');
  const now = options.now ?? (() => new Date());
  let unlocked = false;
  let wrongPins = 0;
  let lockedUntil = 0;
  let server: ClassServer | null = null;
  let client: ClassClient | null = null;
  let clientConnection: 'none' | 'connecting' | 'online' | 'offline' | 'ended' | 'removed' = 'none';
  let eyesUp = { locked: false, text: '' };
  let rosterTimer: NodeJS.Timeout | null = null;

  async function pinRecord(): Promise<{ salt: string; hash: string } | null> {
    try {
      return JSON.parse(await fs.readFile(pinFile, 'utf8')) as { salt: string; hash: string };
    } catch {
      return null;
    }
  }

  async function pinMatches(pin: string): Promise<boolean> {
    const record = await pinRecord();
    if (!record) return false;
    const hash = await scrypt(pin, Buffer.from(record.salt, 'base64'), 32);
    return timingSafeEqual(hash, Buffer.from(record.hash, 'base64'));
  }

  async function checkPin(pin: string): Promise<void> {
    if (Date.now() < lockedUntil) throw new HostException('pinLocked', { seconds: Math.ceil((lockedUntil - Date.now()) / 1000) });
    if (!(await pinMatches(pin))) {
      wrongPins += 1;
      if (wrongPins >= 5) {
        wrongPins = 0;
        lockedUntil = Date.now() + 60_000;
      }
      throw new HostException('pinWrong');
    }
    wrongPins = 0;
  }

  function requireTeacher(): void {
    if (!unlocked) throw new HostException('pinRequired');
  }

  function requireServer(): ClassServer {
    requireTeacher();
    if (!server) throw new HostException('classNotRunning');
    return server;
  }

  function requireClient(): ClassClient {
    if (!client) throw new HostException('classNotJoined');
    return client;
  }

  async function teacherKey(): Promise<SigningKey> {
    if (existsSync(keyFile)) return loadSigningKey(keyFile);
    await fs.mkdir(teacherDir, { recursive: true });
    const key = generateSigningKey();
    await saveSigningKey(key, keyFile);
    return key;
  }

  function lanUrls(port: number): string[] {
    const urls: string[] = [];
    for (const list of Object.values(networkInterfaces())) {
      for (const a of list ?? []) {
        if (a.internal || a.family !== 'IPv4' || !isLanAddress(a.address)) continue;
        urls.push(`http://${a.address}:${port}/`);
      }
    }
    return urls.length > 0 ? urls : [`http://127.0.0.1:${port}/`];
  }

  function state() {
    if (!server) return null;
    return {
      classId: server.info.classId, className: server.info.className, joinCode: server.joinCode,
      urls: options.classHost && options.classHost !== '0.0.0.0' ? [server.url] : lanUrls(server.port),
      fingerprint: server.info.fingerprint, ended: false,
    };
  }

  /** Roster pushes are coalesced to one every 100 ms (40 students typing at once stay one redraw a tick). */
  function scheduleRoster(): void {
    if (rosterTimer) return;
    rosterTimer = setTimeout(() => {
      rosterTimer = null;
      if (server) options.emit('class.roster', server.roster().map((r) => ({ ...r, checks: [...r.checks] })));
    }, 100);
  }

  async function unitDirById(unitId: string): Promise<string> {
    for (const root of [unitsDir, options.curriculaDir ?? defaultCurriculaDir()]) {
      if (!existsSync(root)) continue;
      for (const dir of await findUnitDirs(root)) {
        const loaded = await loadUnitDir(dir);
        if (loaded.unit?.id === unitId) return dir;
      }
    }
    throw new HostException('unitNotFound', { id: unitId });
  }

  function forward(event: ClientEvent): void {
    if (event.type === 'connection') clientConnection = event.state;
    if (event.type === 'eyesUp') eyesUp = { locked: event.locked, text: event.text };
    if (event.type === 'installed') {
      options.emit('class.studentEvent', { type: 'installed', packageId: event.packageId, unitId: event.result.manifest.unitId, unitVersion: event.result.manifest.unitVersion });
      return;
    }
    options.emit('class.studentEvent', event);
  }

  function attachClient(c: ClassClient): void {
    client = c;
    clientConnection = c.connection;
    c.on(forward);
  }

  // ── District catalogs ──
  const catalogsFile = join(options.dataDir, 'catalogs.json');
  type Subscription = { url: string; publicKey: string; fingerprint: string; name: string | null; lastSyncAt: string | null; lastError: string | null };
  let catalogQueue: Promise<unknown> = Promise.resolve();
  async function readSubscriptions(): Promise<Subscription[]> {
    try {
      const list = JSON.parse(await fs.readFile(catalogsFile, 'utf8')) as Subscription[];
      return Array.isArray(list) ? list.filter((s) => typeof s?.url === 'string' && typeof s?.publicKey === 'string') : [];
    } catch {
      return [];
    }
  }
  /** Syncs one subscription and records the outcome; one catalog operation at a time. */
  function syncSubscription(url: string, publicKey: string | null, language?: 'zh-CN' | 'en') {
    const task = async () => {
      const list = await readSubscriptions();
      const existing = list.find((s) => s.url === url);
      const key = publicKey ?? existing?.publicKey;
      if (!key) throw new HostException('catalogNotSubscribed', { url });
      // A new subscription is kept even when its first sync fails (the dialog shows why); an existing one keeps its
      // pinned key unless the new key syncs successfully.
      const entry: Subscription = existing ?? { url, publicKey: key, fingerprint: fingerprintOf(key), name: null, lastSyncAt: null, lastError: null };
      if (!existing) list.push(entry);
      try {
        const result = await syncCatalog(url, unitsDir, { pinnedKey: key, now: now() });
        Object.assign(entry, { publicKey: key, fingerprint: fingerprintOf(key), name: result.catalog.name, lastSyncAt: now().toISOString(), lastError: null });
        return { name: result.catalog.name, installed: result.installed.map((i) => i.unitId), refused: [...result.refused] };
      } catch (err) {
        entry.lastError = err instanceof CatalogError ? err.localized[language ?? 'zh-CN'] : err instanceof Error ? err.message : String(err);
        return fail(err, language);
      } finally {
        await writeFileAtomic(catalogsFile, JSON.stringify(list, null, 2));
      }
    };
    const run = catalogQueue.then(task, task);
    catalogQueue = run.catch(() => undefined);
    return run;
  }

  const methods: Pick<HostServices, ClassMethod> = {
    async 'catalog.list'() {
      return readSubscriptions();
    },
    async 'catalog.subscribe'({ url, publicKey, language }) {
      return syncSubscription(url, publicKey, language);
    },
    async 'catalog.sync'({ url, language }) {
      return syncSubscription(url, null, language);
    },
    async 'catalog.unsubscribe'({ url }) {
      const list = (await readSubscriptions()).filter((s) => s.url !== url);
      await writeFileAtomic(catalogsFile, JSON.stringify(list, null, 2));
      return {};
    },
    async 'class.teacherStatus'() {
      return { pinSet: (await pinRecord()) !== null, unlocked, state: state() };
    },
    async 'class.setPin'({ pin, currentPin }) {
      if (await pinRecord()) {
        if (!currentPin) throw new HostException('pinRequired');
        await checkPin(currentPin);
      }
      const salt = randomBytes(16);
      const hash = await scrypt(pin, salt, 32);
      await fs.mkdir(teacherDir, { recursive: true });
      await writeFileAtomic(pinFile, JSON.stringify({ salt: salt.toString('base64'), hash: hash.toString('base64') }));
      unlocked = true;
      return {};
    },
    async 'class.unlock'({ pin }) {
      if (!(await pinRecord())) throw new HostException('pinNotSet');
      await checkPin(pin);
      unlocked = true;
      return {};
    },
    async 'class.start'({ className, language }) {
      requireTeacher();
      if (server) throw new HostException('classRunning');
      try {
        server = await ClassServer.start({ dataDir: teacherDir, key: await teacherKey(), className, host: options.classHost, announce: options.announce, now });
      } catch (err) {
        fail(err, language);
      }
      server!.onChange(scheduleRoster);
      return state()!;
    },
    async 'class.stop'() {
      requireTeacher();
      const s = server;
      server = null;
      await s?.close();
      return {};
    },
    async 'class.roster'() {
      return requireServer().roster().map((r) => ({ ...r, checks: [...r.checks] }));
    },
    async 'class.push'({ unitId, language }) {
      const s = requireServer();
      const dir = await unitDirById(unitId);
      try {
        // Version: seconds since 2024 — increases with every push, so students always take the newest.
        const unitVersion = Math.max(1, Math.floor((now().getTime() - Date.UTC(2024, 0, 1)) / 1000));
        const { bytes } = await packUnit(dir, { key: await teacherKey(), unitVersion, expiresAt: new Date(now().getTime() + 30 * 86400_000).toISOString(), now: now() });
        const pushed = await s.push(bytes);
        return { packageId: pushed.packageId, unitVersion: pushed.unitVersion, size: pushed.size };
      } catch (err) {
        return fail(err, language);
      }
    },
    async 'class.broadcast'({ text }) {
      requireServer().broadcast(text);
      return {};
    },
    async 'class.eyesUp'({ locked, text }) {
      requireServer().setEyesUp(locked, text);
      return {};
    },
    async 'class.resetStudent'({ studentId }) {
      requireServer().resetStudent(studentId);
      return {};
    },
    async 'class.end'() {
      requireServer().endClass();
      return {};
    },
    async 'class.handIns'({ studentId }) {
      return requireServer().handIns(studentId);
    },
    async 'class.openHandIn'({ handInId }) {
      const project = ProjectSchema.safeParse(requireServer().handInProject(handInId));
      if (!project.success) throw new HostException('handInNotFound', { id: handInId });
      return { project: project.data };
    },
    async 'class.exportCsv'() {
      const s = requireServer();
      return { csv: s.exportCsv(), fileName: `${s.info.className}-${now().toISOString().slice(0, 10)}.csv` };
    },
    async 'class.exportStudent'({ studentId }) {
      const s = requireServer();
      return { json: JSON.stringify(s.exportStudent(studentId), null, 2), fileName: `student-${studentId}.json` };
    },
    async 'class.deleteStudent'({ studentId }) {
      requireServer().deleteStudent(studentId);
      return {};
    },

    async 'class.discover'() {
      return (await discoverClasses(1500)).map((c) => ({ ...c, urls: [...c.urls] }));
    },
    async 'class.join'({ url, joinCode, nickname, fingerprint, language }) {
      await client?.close();
      client = null;
      try {
        attachClient(await ClassClient.join({ url, joinCode, nickname, dataDir: options.dataDir, unitsDir, expectedFingerprint: fingerprint }));
      } catch (err) {
        fail(err, language);
      }
      return { className: client!.info.className, fingerprint: client!.info.fingerprint };
    },
    async 'class.leave'() {
      await client?.close();
      client = null;
      clientConnection = 'none';
      await fs.rm(join(options.dataDir, 'classroom', 'session.json'), { force: true });
      return {};
    },
    async 'class.studentStatus'() {
      if (!client) {
        const resumed = await ClassClient.resume({ dataDir: options.dataDir, unitsDir }).catch(() => null);
        if (resumed) attachClient(resumed);
      }
      return {
        joined: client !== null, className: client?.info.className ?? null, fingerprint: client?.info.fingerprint ?? null,
        connection: client ? clientConnection : 'none', pending: client ? await client.pending() : 0, eyesUp,
      };
    },
    async 'class.progress'(p) {
      await requireClient().progress({ ...p, checks: [...p.checks] });
      return {};
    },
    async 'class.help'({ needsHelp }) {
      await requireClient().help(needsHelp);
      return {};
    },
    async 'class.handIn'({ title, unitId, lessonId, project }) {
      const handInId = await requireClient().handIn({ title, unitId, lessonId, project: project as Record<string, unknown> });
      return { handInId };
    },
  };

  return {
    methods,
    async close() {
      if (rosterTimer) clearTimeout(rosterTimer);
      await server?.close();
      await client?.close();
    },
  };
}
