/**
 * A real class on loopback: a teacher ClassServer (fastify HTTP + WebSocket, SQLite via sql.js, files in temp
 * folders) and student ClassClients in this process, each with its own data folder, over real sockets.
 *
 * Tried: 40 students installing a 10 MB unit; sockets killed mid-class (progress queued on disk and delivered once);
 * the teacher host restarting while a hand-in waits; a student app restarting (resume); wrong join codes and code
 * guessing; requests without or with foreign tokens; malformed and flooding WebSocket messages; a hand-in that is not a
 * project; a package signed by another key offered by the teacher host; a tampered package reaching a student; two
 * classes on one machine; the CSV record with Chinese nicknames and a formula-looking nickname.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { newProject } from '../../core/contracts/project';
import { ClassClient, ClassClientError, type ClientEvent } from './class-client';
import { ClassServer } from './class-server';
import { discoverClasses } from './discovery';
import { generateSigningKey } from './signing-keys';
import { packUnit } from './unit-package';

const teacherKey = generateSigningKey();
const otherKey = generateSigningKey();
let work: string;
let unitDir: string;
const cleanup: (() => Promise<void>)[] = [];

async function tempDir(name: string): Promise<string> {
  return fs.mkdtemp(join(work, `${name}-`));
}

async function startServer(extra: Partial<Parameters<typeof ClassServer.start>[0]> = {}): Promise<ClassServer> {
  const server = await ClassServer.start({ dataDir: extra.dataDir ?? (await tempDir('teacher')), key: teacherKey, className: '七(3)班', host: '127.0.0.1', announce: false, ...extra });
  cleanup.push(() => server.close().catch(() => undefined));
  return server;
}

async function joinStudent(server: ClassServer, nickname: string, dataDir?: string): Promise<ClassClient> {
  const client = await ClassClient.join({ url: server.url, joinCode: server.joinCode, nickname, dataDir: dataDir ?? (await tempDir('student')), expectedFingerprint: server.info.fingerprint });
  cleanup.push(() => client.close());
  return client;
}

/** Polls `condition` every 20 ms until it holds (or fails after `ms`). */
async function until(condition: () => boolean | Promise<boolean>, ms = 15_000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function events(client: ClassClient): ClientEvent[] {
  const list: ClientEvent[] = [];
  client.on((e) => list.push(e));
  return list;
}

async function packBig(sizeBytes: number, version = 1, key = teacherKey): Promise<Uint8Array> {
  await fs.writeFile(join(unitDir, 'assets', 'video.mp4'), randomBytes(sizeBytes)); // incompressible, like real video
  const { bytes } = await packUnit(unitDir, { key, unitVersion: version, expiresAt: null, now: new Date() });
  return bytes;
}

beforeAll(async () => {
  work = await fs.mkdtemp(join(tmpdir(), 'ailab-class-'));
  unitDir = join(work, 'unit');
  await fs.mkdir(join(unitDir, 'assets'), { recursive: true });
  await fs.writeFile(join(unitDir, 'unit.json'), JSON.stringify({ id: 'g7-knn', title: { 'zh-CN': 'KNN 分类', en: 'KNN classification' } }));
  await fs.writeFile(join(unitDir, 'lesson.zh-CN.md'), '# 用 KNN 给颜色分类\n');
  return async () => fs.rm(work, { recursive: true, force: true });
});

afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

describe('classroom over loopback', { timeout: 120_000 }, () => {
  it('40 students join, a 10 MB unit reaches every one of them verified and installed, and the roster shows it', async () => {
    const server = await startServer();
    const students = await Promise.all(Array.from({ length: 40 }, (_, i) => joinStudent(server, `座位${i + 1}`)));
    await until(() => server.roster().filter((s) => s.connected).length === 40, 15_000, '40 connected');
    const pkg = await packBig(10 * 1024 * 1024);
    const progress = events(students[0]!);
    const pushed = await server.push(pkg);
    await until(() => server.roster().every((s) => s.installs[pushed.packageId] === 'ok'), 60_000, 'all installed');
    await Promise.all(students.map((s) => s.settled()));
    // Every student's copy is byte-identical to the teacher's unit folder.
    const original = await fs.readFile(join(unitDir, 'assets', 'video.mp4'));
    const studentDirs = (await fs.readdir(work)).filter((d) => d.startsWith('student-'));
    expect(studentDirs.length).toBeGreaterThanOrEqual(40);
    let installed = 0;
    for (const d of studentDirs) {
      const copy = await fs.readFile(join(work, d, 'units', 'g7-knn', 'assets', 'video.mp4')).catch(() => null);
      if (copy) {
        expect(copy.equals(original)).toBe(true);
        installed++;
      }
    }
    expect(installed).toBe(40);
    const downloads = progress.filter((e) => e.type === 'download');
    expect(downloads.length).toBeGreaterThan(5); // a progress bar moves
    expect(downloads.at(-1)).toMatchObject({ received: pkg.length, total: pkg.length });
  });

  it('progress reaches the teacher live; sockets killed mid-class lose nothing and apply nothing twice', async () => {
    const server = await startServer();
    const students = await Promise.all(Array.from({ length: 8 }, (_, i) => joinStudent(server, `S${i}`)));
    await until(() => server.roster().filter((s) => s.connected).length === 8);
    let changes = 0;
    server.onChange(() => changes++);
    const t0 = Date.now();
    await students[0]!.progress({ unitId: 'g7-knn', lessonId: 'l1', stepId: 's2', checks: [{ id: 'reach', passed: true }] });
    await until(() => server.roster().find((s) => s.nickname === 'S0')?.stepId === 's2');
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(changes).toBeGreaterThan(0);

    // Each student sends 10 steps while the teacher host drops their connections at random moments.
    const sends = students.map(async (s, i) => {
      for (let step = 1; step <= 10; step++) {
        await s.progress({ unitId: 'g7-knn', lessonId: 'l1', stepId: `s${step}`, checks: [] });
        if ((step + i) % 4 === 0) {
          const sockets = (server as unknown as { sockets: Map<string, Set<WebSocket>> }).sockets.get(s.studentId);
          for (const socket of sockets ?? []) socket.terminate();
        }
      }
      await s.help(true);
    });
    await Promise.all(sends);
    // Generous: under heavy load (CI at load ~19) reconnect back-off and eight students' replays take a while.
    await until(async () => (await Promise.all(students.map((s) => s.pending()))).every((n) => n === 0), 90_000, 'queues empty');
    for (const row of server.roster()) {
      expect(row.stepId).toBe('s10');
      expect(row.needsHelp).toBe(true);
    }
    // Replays were not applied twice: the last sequence number is exactly the count sent (1 + 10 + 1 for S0).
    expect(server.roster().find((s) => s.nickname === 'S0')!.lastSeq).toBe(11);
    expect(server.roster().find((s) => s.nickname === 'S1')!.lastSeq).toBe(10);
  });

  it('a hand-in made while the teacher host is down waits on disk and arrives after it restarts; so does a restarted student app', async () => {
    const teacherDir = await tempDir('teacher');
    let server = await startServer({ dataDir: teacherDir });
    const port = server.port;
    const classId = server.info.classId;
    const studentDir = await tempDir('student');
    const student = await joinStudent(server, '小明', studentDir);
    await until(() => student.connection === 'online');
    await server.close();
    await until(() => student.connection === 'offline');

    const project = { ...newProject('robot', new Date().toISOString(), '0.1.0', '我的正方形') };
    const handInId = await student.handIn({ unitId: 'g4-square', lessonId: 'l1', title: '我的正方形', project });
    expect(await student.pending()).toBe(1);
    // The student app restarts while the teacher is still away: the queue is on disk.
    await student.close();
    const resumed = (await ClassClient.resume({ dataDir: studentDir }))!;
    cleanup.push(() => resumed.close());
    expect(await resumed.pending()).toBe(1);

    server = await startServer({ dataDir: teacherDir, port, classId });
    await until(() => server.handIns().some((h) => h.id === handInId), 20_000, 'hand-in delivered');
    await until(async () => (await resumed.pending()) === 0);
    expect(server.handIns()).toHaveLength(1);
    expect((server.handInProject(handInId) as { meta: { title: string } }).meta.title).toBe('我的正方形');
    expect(server.roster()).toHaveLength(1); // the same student, not a second one
  });

  it('refuses wrong join codes, then code guessing; unauthenticated and foreign-token requests get nothing', async () => {
    const server = await startServer();
    const other = await startServer(); // a second class on the same machine
    expect(server.port).not.toBe(other.port);
    const dataDir = await tempDir('student');
    const wrongCode = server.joinCode === '000000' ? '000001' : '000000';
    const err = await ClassClient.join({ url: server.url, joinCode: wrongCode, nickname: 'x', dataDir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClassClientError);
    expect((err as ClassClientError).localized['zh-CN']).toContain('加入码不对');
    // 10 more wrong codes from this address and even the right code is refused for a while.
    for (let i = 0; i < 10; i++) await ClassClient.join({ url: server.url, joinCode: wrongCode, nickname: 'x', dataDir }).catch(() => undefined);
    const locked = await ClassClient.join({ url: server.url, joinCode: server.joinCode, nickname: 'x', dataDir }).catch((e: unknown) => e);
    expect((locked as ClassClientError).code).toBe('rateLimited');

    const student = await joinStudent(other, '小红');
    const token = (student as unknown as { session: { token: string } }).session.token;
    // No token, a garbage token, and a token of the other class: all 401, nothing served.
    for (const headers of [{}, { authorization: 'Bearer ' + 'a'.repeat(40) }, { authorization: `Bearer ${token}` }] as Record<string, string>[]) {
      const res = await fetch(`${server.url}class/packages/abcdefghij`, { headers });
      expect(res.status).toBe(401);
      const ws = new WebSocket(`ws://127.0.0.1:${server.port}/class/ws`, { headers });
      const status = await new Promise<number>((resolve) => {
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => resolve(101));
        ws.on('error', () => undefined);
      });
      expect(status).toBe(401);
      ws.terminate();
    }
    // A hand-in naming another student is refused by the strict schema; the token decides whose work it is.
    const spoof = await fetch(`${other.url}class/handin`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ handInId: 'abcdefgh', unitId: null, lessonId: null, title: 't', project: {}, studentId: 'someone-else' }),
    });
    expect(spoof.status).toBe(400);
    const notProject = await fetch(`${other.url}class/handin`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ handInId: 'abcdefgh', unitId: null, lessonId: null, title: 't', project: { hello: 1 } }),
    });
    expect(notProject.status).toBe(400);
    expect(((await notProject.json()) as { error: string }).error).toBe('notAProject');
  });

  it('ignores malformed WebSocket messages, closes a socket that keeps sending them or floods', async () => {
    const server = await startServer({ messagesPerSecond: 20 });
    const student = await joinStudent(server, 'M');
    await until(() => student.connection === 'online');
    const token = (student as unknown as { session: { token: string } }).session.token;
    const raw = new WebSocket(`ws://127.0.0.1:${server.port}/class/ws`, { headers: { authorization: `Bearer ${token}` } });
    await new Promise((r) => raw.on('open', r));
    const closed = new Promise<number>((r) => raw.on('close', (code) => r(code)));
    raw.send('not json');
    raw.send(JSON.stringify({ type: 'progress', seq: 'x' }));
    raw.send(JSON.stringify({ type: 'teacherPush', packageId: 'abcdefgh' }));
    await new Promise((r) => setTimeout(r, 100));
    expect(server.roster()[0]!.stepId).toBeNull(); // nothing applied
    for (let i = 0; i < 30; i++) raw.send('{"bad":true}');
    expect(await closed).toBe(1008);

    const flood = new WebSocket(`ws://127.0.0.1:${server.port}/class/ws`, { headers: { authorization: `Bearer ${token}` } });
    await new Promise((r) => flood.on('open', r));
    const floodClosed = new Promise<number>((r) => flood.on('close', (code) => r(code)));
    for (let i = 0; i < 200; i++) flood.send(JSON.stringify({ type: 'help', seq: 1000 + i, needsHelp: i % 2 === 0 }));
    expect(await floodClosed).toBe(1008);
  });

  it('only the teacher key pushes; a tampered package reaching a student is refused and reported, nothing installed', async () => {
    const server = await startServer();
    await expect(server.push(await packBig(1000, 1, otherKey))).rejects.toMatchObject({ code: 'untrustedSigner' });

    const dataDir = await tempDir('student');
    const student = await joinStudent(server, 'T', dataDir);
    const seen = events(student);
    await until(() => student.connection === 'online');
    // Simulate a tampered package on the wire (a compromised relay): the bytes the student downloads were changed
    // after signing, and the announcement matches the changed bytes, so only the signature check can catch it.
    const good = unzipSync(await packBig(2000));
    good['unit/lesson.zh-CN.md'] = new TextEncoder().encode('# 被篡改\n');
    const tampered = zipSync(good);
    const internals = server as unknown as { packages: Map<string, unknown>; sendAll(m: unknown): void };
    const meta = { packageId: 'tampered01', unitId: 'g7-knn', unitVersion: 1, size: tampered.length, sha256: (await import('node:crypto')).createHash('sha256').update(tampered).digest('hex') };
    internals.packages.set('tampered01', { meta, bytes: tampered });
    internals.sendAll({ type: 'push', ...meta });
    await until(() => seen.some((e) => e.type === 'installFailed'));
    const failed = seen.find((e) => e.type === 'installFailed') as Extract<ClientEvent, { type: 'installFailed' }>;
    expect(failed.message['zh-CN']).toContain('lesson.zh-CN.md');
    await expect(fs.access(join(dataDir, 'units', 'g7-knn'))).rejects.toThrow();
    await until(() => server.roster()[0]!.installs.tampered01 === 'failed', 5000, 'failure reported to the teacher');
  });

  it('messages, eyes-up, reset, end of class reach students; the CSV record opens in Excel', async () => {
    const server = await startServer();
    const a = await joinStudent(server, '=HYPERLINK("x")');
    const b = await joinStudent(server, '李华, 7(3)');
    const seenA = events(a);
    const seenB = events(b);
    await until(() => a.connection === 'online' && b.connection === 'online');
    server.broadcast('请保存作品');
    server.setEyesUp(true, '看黑板');
    server.resetStudent(a.studentId);
    await until(() => seenB.some((e) => e.type === 'eyesUp') && seenA.some((e) => e.type === 'reset'));
    expect(seenB).toContainEqual({ type: 'message', text: '请保存作品' });
    expect(seenB).toContainEqual({ type: 'eyesUp', locked: true, text: '看黑板' });
    expect(seenB.some((e) => e.type === 'reset')).toBe(false); // only the student it was for
    const csv = server.exportCsv();
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain('"\'=HYPERLINK(""x"")"');
    expect(csv).toContain('"李华, 7(3)"');
    server.endClass();
    await until(() => a.connection === 'ended');
    const late = await ClassClient.join({ url: server.url, joinCode: server.joinCode, nickname: 'late', dataDir: await tempDir('student') }).catch((e: unknown) => e);
    expect((late as ClassClientError).code).toBe('classEnded');
  });

  it('a student can get a copy of everything recorded about them, and have it deleted', async () => {
    const server = await startServer();
    const s = await joinStudent(server, 'D');
    await until(() => s.connection === 'online');
    await s.progress({ unitId: 'u', lessonId: 'l', stepId: 's', checks: [] });
    await s.handIn({ unitId: null, lessonId: null, title: 'p', project: newProject('robot', new Date().toISOString(), '0.1.0') });
    await until(async () => (await s.pending()) === 0);
    const copy = server.exportStudent(s.studentId) as { student: { nickname: string }; handIns: unknown[]; events: unknown[] };
    expect(copy.student.nickname).toBe('D');
    expect(copy.handIns).toHaveLength(1);
    expect(copy.events.length).toBeGreaterThanOrEqual(3);
    server.deleteStudent(s.studentId);
    expect(server.roster()).toHaveLength(0);
    expect(server.handIns()).toHaveLength(0);
    await until(() => s.connection === 'removed', 10_000, 'removed student stops retrying');
  });

  it('announces the class by mDNS and a student host finds it with its fingerprint and an address that answers', async () => {
    const server = await startServer({ announce: true, host: undefined, className: '发现测试' });
    let found: Awaited<ReturnType<typeof discoverClasses>> = [];
    for (let attempt = 0; attempt < 5 && !found.some((c) => c.classId === server.info.classId); attempt++) found = await discoverClasses(1500);
    const mine = found.find((c) => c.classId === server.info.classId);
    expect(mine).toBeDefined();
    expect(mine!.fingerprint).toBe(server.info.fingerprint);
    expect(mine!.urls.some((u) => u.endsWith(`:${server.port}/`))).toBe(true);
    // The first address offered answers (the student's dialog uses it).
    const info = await fetch(`${mine!.urls[0]}class/info`).then((r) => r.json());
    expect(info).toMatchObject({ classId: server.info.classId, className: '发现测试' });
  });

  it('limits every endpoint per address: a PC hammering the teacher host gets 429 with a message', async () => {
    const server = await startServer({ requestsPerMinutePerAddress: 20 });
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await fetch(`${server.url}class/info`)).status);
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(20).every((s) => s === 429)).toBe(true);
    const body = (await (await fetch(`${server.url}class/info`)).json()) as { message: { 'zh-CN': string } };
    expect(body.message['zh-CN']).toContain('请求太频繁');
  });
});
