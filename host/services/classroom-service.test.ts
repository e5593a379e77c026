/**
 * Classroom host services as the renderer calls them: a teacher service and a student service (separate data
 * folders, real class server on 127.0.0.1, real sockets). Tried: using teacher functions without the PIN, wrong PINs
 * until the lock, pushing a real bundled unit (curricula/grade4/first-program), progress and hand-in reaching the
 * roster event, opening the hand-in, a student app restart resuming the class.
 */
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { publishCatalog } from '../classroom/catalog';
import { generateSigningKey } from '../classroom/signing-keys';
import { newProject } from '../../core/contracts/project';
import { createClassroomService, type ClassroomService } from './classroom-service';

const CURRICULA = resolve(fileURLToPath(new URL('../../curricula', import.meta.url)));
const open: ClassroomService[] = [];
const dirs: string[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
  while (dirs.length) await fs.rm(dirs.pop()!, { recursive: true, force: true });
});

async function service(events: { event: string; payload: unknown }[] = []) {
  const dataDir = await fs.mkdtemp(join(tmpdir(), 'ailab-classsvc-'));
  dirs.push(dataDir);
  const s = createClassroomService({ dataDir, curriculaDir: CURRICULA, classHost: '127.0.0.1', announce: false, emit: (event, payload) => events.push({ event, payload }) });
  open.push(s);
  return { s: s.methods, dataDir, events };
}

async function until(condition: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

const code = (p: Promise<unknown>) => p.then(() => 'ok', (e: { code?: string }) => e.code);

describe('classroom host services', { timeout: 120_000 }, () => {
  it('teacher functions need the PIN; wrong PINs lock teacher mode', async () => {
    const { s } = await service();
    expect(await s['class.teacherStatus']({})).toMatchObject({ pinSet: false, unlocked: false, state: null });
    expect(await code(s['class.start']({ className: '四(1)班' }))).toBe('pinRequired');
    expect(await code(s['class.unlock']({ pin: '1234' }))).toBe('pinNotSet');
    await s['class.setPin']({ pin: '2468' });
    expect((await s['class.teacherStatus']({})).unlocked).toBe(true);
    // Changing the PIN needs the current one.
    expect(await code(s['class.setPin']({ pin: '1111' }))).toBe('pinRequired');
    for (let i = 0; i < 5; i++) expect(await code(s['class.unlock']({ pin: '0000' }))).toBe('pinWrong');
    expect(await code(s['class.unlock']({ pin: '2468' }))).toBe('pinLocked');
  });

  it('a class from start to hand-in: push a bundled unit, progress and hand-in reach the teacher, the hand-in opens', async () => {
    const teacher = await service();
    await teacher.s['class.setPin']({ pin: '2468' });
    const state = await teacher.s['class.start']({ className: '四(1)班' });
    expect(state.joinCode).toMatch(/^\d{6}$/);
    expect(state.urls[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);

    const student = await service();
    // A wrong join code is refused with the server's reason in the page's language (both without one).
    const wrong = state.joinCode === '000000' ? '000001' : '000000';
    const refused = (await student.s['class.join']({ url: state.urls[0]!, joinCode: wrong, nickname: 'x', language: 'zh-CN' }).catch((e: unknown) => e)) as { code: string; params: { detail: string } };
    expect(refused.code).toBe('classroom');
    expect(refused.params.detail).toContain('加入码不对');
    const both = (await student.s['class.join']({ url: state.urls[0]!, joinCode: wrong, nickname: 'x' }).catch((e: unknown) => e)) as { params: { detail: string } };
    expect(both.params.detail).toMatch(/加入码不对.* \/ .*Wrong join code/);
    const joined = await student.s['class.join']({ url: state.urls[0]!, joinCode: state.joinCode, nickname: '12号', fingerprint: state.fingerprint.toLowerCase() });
    expect(joined).toEqual({ className: '四(1)班', fingerprint: state.fingerprint });
    await until(async () => (await student.s['class.studentStatus']({})).connection === 'online');

    const pushed = await teacher.s['class.push']({ unitId: 'first-program' });
    expect(pushed.size).toBeGreaterThan(1000);
    await until(() => student.events.some((e) => e.event === 'class.studentEvent' && (e.payload as { type: string }).type === 'installed'));
    expect(JSON.parse(await fs.readFile(join(student.dataDir, 'units', 'first-program', 'unit.json'), 'utf8')).id).toBe('first-program');

    await student.s['class.progress']({ unitId: 'first-program', lessonId: 'l1', stepId: 's2', checks: [{ id: 'square', passed: false }] });
    await student.s['class.help']({ needsHelp: true });
    const project = newProject('robot', new Date().toISOString(), '0.1.0', '正方形');
    const { handInId } = await student.s['class.handIn']({ title: '正方形', unitId: 'first-program', lessonId: 'l1', project });
    await until(() => teacher.events.some((e) => e.event === 'class.roster' && (e.payload as { needsHelp: boolean; handIns: number }[])[0]?.needsHelp === true && (e.payload as { handIns: number }[])[0]?.handIns === 1));
    const roster = await teacher.s['class.roster']({});
    expect(roster[0]).toMatchObject({ nickname: '12号', stepId: 's2', needsHelp: true, connected: true, handIns: 1 });
    expect(Object.values(roster[0]!.installs)).toEqual(['ok']);
    expect((await teacher.s['class.openHandIn']({ handInId })).project.meta.title).toBe('正方形');
    const csv = await teacher.s['class.exportCsv']({});
    expect(csv.csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.csv).toContain('12号');

    // The student app restarts: a fresh service on the same data folder resumes the class.
    await open[1]!.close();
    const again = createClassroomService({ dataDir: student.dataDir, curriculaDir: CURRICULA, announce: false, emit: () => undefined });
    open.push(again);
    await until(async () => (await again.methods['class.studentStatus']({})).connection === 'online');
    expect((await again.methods['class.studentStatus']({})).className).toBe('四(1)班');
  });

  it('subscribes to a district catalog over HTTP: units install, the subscription is kept, a foreign key is refused', async () => {
    const district = generateSigningKey();
    const { s, dataDir } = await service();
    const site = join(dataDir, '..', `site-${Date.now()}`);
    dirs.push(site);
    await publishCatalog(join(CURRICULA, 'grade4'), site, { key: district, name: '区人工智能基础', now: new Date() });
    const web = Fastify();
    await web.register(fastifyStatic, { root: site });
    await web.listen({ port: 0, host: '127.0.0.1' });
    try {
      const url = `http://127.0.0.1:${(web.server.address() as { port: number }).port}/`;
      const result = await s['catalog.subscribe']({ url, publicKey: district.publicKeyBase64, language: 'zh-CN' });
      expect(result.name).toBe('区人工智能基础');
      expect(result.installed).toContain('first-program');
      expect(result.refused).toEqual([]);
      expect(JSON.parse(await fs.readFile(join(dataDir, 'units', 'first-program', 'unit.json'), 'utf8')).id).toBe('first-program');
      const [sub] = await s['catalog.list']({});
      expect(sub).toMatchObject({ url, name: '区人工智能基础', fingerprint: district.fingerprint, lastError: null });
      // Syncing again installs nothing new.
      expect((await s['catalog.sync']({ url })).installed).toEqual([]);
      // A subscription with another publisher's key is refused, and the reason is kept for the dialog.
      const other = generateSigningKey();
      const refused = (await s['catalog.subscribe']({ url, publicKey: other.publicKeyBase64, language: 'en' }).catch((e: unknown) => e)) as { code: string; params: { detail: string } };
      expect(refused.code).toBe('classroom');
      expect(refused.params.detail).toContain(district.fingerprint);
      const [after] = await s['catalog.list']({});
      expect(after!.lastError).toContain('not signed by the publisher');
      expect(after!.fingerprint).toBe(district.fingerprint); // the pinned key was not replaced by the failing one
      await s['catalog.unsubscribe']({ url });
      expect(await s['catalog.list']({})).toEqual([]);
    } finally {
      await web.close();
    }
  });
});
