/**
 * Classroom over loopback (issue 6): a real class server in this process and student hosts in child processes
 * (ClassClients over real sockets, one data folder each), split over the CPU cores.
 *
 *   classroom.push_10mb_40_clients_s    push → every one of 40 students has verified and installed a 10 MB unit
 *   classroom.push_10mb_200_clients_s   the same with 200 students
 *   classroom.dashboard_latency_ms      a student's step change → visible in the teacher's roster, p95 over 100 changes,
 *                                       with 40 students connected and 39 of them reporting progress every second
 *
 * What these figures are: on loopback the network is not the limit, but every student's download, SHA-256 checks,
 * unzip and install run on this machine's 2 cores instead of 40 PCs, so the times are upper bounds for the software;
 * on a real LAN the teacher's uplink adds size × students / bandwidth (400 MB at 1 Gbit/s ≈ 3.4 s, at 100 Mbit/s ≈ 34 s).
 * The served throughput (MB/s leaving the teacher host) is printed beside them for that comparison.
 *
 *   node --import tsx bench/classroom.bench.ts
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { ClassClient } from '../host/classroom/class-client';
import { ClassServer } from '../host/classroom/class-server';
import { generateSigningKey } from '../host/classroom/signing-keys';
import { packUnit } from '../host/classroom/unit-package';

const key = generateSigningKey();
const root = await fs.mkdtemp(join(tmpdir(), 'ailab-class-bench-'));

async function makePackage(): Promise<Uint8Array> {
  const unit = join(root, 'unit');
  await fs.mkdir(join(unit, 'assets'), { recursive: true });
  await fs.writeFile(join(unit, 'unit.json'), JSON.stringify({ id: 'bench-unit', title: { 'zh-CN': '基准', en: 'Bench' } }));
  await fs.writeFile(join(unit, 'assets', 'video.mp4'), randomBytes(10 * 1024 * 1024));
  return (await packUnit(unit, { key, unitVersion: 1, expiresAt: null, now: new Date() })).bytes;
}

interface Group {
  readonly child: ChildProcess;
  installed: number;
  readonly ready: Promise<void>;
}

function startGroup(server: ClassServer, count: number, prefix: string, chatter: boolean): Group {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/support/class-students.ts', server.url, server.joinCode, String(count), prefix, join(root, 'students'), chatter ? '1' : ''], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const group: Group = { child, installed: 0, ready: Promise.resolve() };
  const lines = createInterface({ input: child.stdout! });
  (group as { ready: Promise<void> }).ready = new Promise((resolve) => {
    lines.on('line', (line) => {
      if (line === 'ready') resolve();
      const m = /^installed (\d+)$/.exec(line);
      if (m) group.installed = Number(m[1]);
    });
  });
  return group;
}

async function stopGroups(groups: Group[]): Promise<void> {
  await Promise.all(groups.map((g) => new Promise<void>((resolve) => {
    g.child.on('exit', () => resolve());
    g.child.stdin!.end();
  })));
}

async function waitFor(condition: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function push(students: number, pkg: Uint8Array): Promise<{ seconds: number; servedMBps: number }> {
  // Every simulated student joins from 127.0.0.1, so the per-address join limit (sized for one NAT'd classroom) is
  // raised here; on a LAN each PC has its own address.
  const server = await ClassServer.start({ dataDir: join(root, `teacher-${students}`), key, className: 'bench', host: '127.0.0.1', announce: false, joinsPerMinutePerAddress: 1000, requestsPerMinutePerAddress: 10_000 });
  const per = Math.ceil(students / cpus().length);
  const groups: Group[] = [];
  for (let i = 0, g = 0; i < students; i += per, g++) groups.push(startGroup(server, Math.min(per, students - i), `g${students}-${g}`, false));
  await Promise.all(groups.map((g) => g.ready));
  await waitFor(() => server.roster().filter((s) => s.connected).length === students, 60_000);
  const t0 = performance.now();
  const pushed = await server.push(pkg);
  await waitFor(() => server.roster().every((s) => s.installs[pushed.packageId] === 'ok'), 600_000);
  const seconds = (performance.now() - t0) / 1000;
  await stopGroups(groups);
  await server.close();
  return { seconds, servedMBps: (pkg.length * students) / 1048576 / seconds };
}

async function dashboardLatency(): Promise<{ p50: number; p95: number }> {
  const server = await ClassServer.start({ dataDir: join(root, 'teacher-latency'), key, className: 'bench', host: '127.0.0.1', announce: false });
  const groups = [startGroup(server, 20, 'chat-a', true), startGroup(server, 19, 'chat-b', true)];
  await Promise.all(groups.map((g) => g.ready));
  const me = await ClassClient.join({ url: server.url, joinCode: server.joinCode, nickname: 'measured', dataDir: join(root, 'measured') });
  await waitFor(() => server.roster().filter((s) => s.connected).length === 40 && me.connection === 'online', 60_000);
  const samples: number[] = [];
  for (let i = 0; i < 100; i++) {
    const step = `m${i}`;
    const t0 = performance.now();
    const seen = new Promise<void>((resolve) => {
      const off = server.onChange(() => {
        if (server.roster().find((s) => s.id === me.studentId)?.stepId === step) {
          off();
          resolve();
        }
      });
    });
    await me.progress({ unitId: 'bench', lessonId: 'l1', stepId: step, checks: [{ id: 'c', passed: i % 2 === 0 }] });
    await seen;
    samples.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 20));
  }
  await me.close();
  await stopGroups(groups);
  await server.close();
  samples.sort((a, b) => a - b);
  return { p50: samples[49]!, p95: samples[94]! };
}

try {
  const pkg = await makePackage();
  console.log(`[bench] classroom: package ${(pkg.length / 1048576).toFixed(1)} MB, ${cpus().length} cores, load ${loadavg()[0]!.toFixed(2)}`);
  const forty = await push(40, pkg);
  console.log(`[bench] 40 students: ${forty.seconds.toFixed(2)} s, teacher host served ${forty.servedMBps.toFixed(0)} MB/s (1 Gbit/s LAN = 119 MB/s)`);
  console.log(`BENCH ${JSON.stringify({ name: 'classroom.push_10mb_40_clients_s', value: Number(forty.seconds.toFixed(2)), unit: 's' })}`);
  const twoHundred = await push(200, pkg);
  console.log(`[bench] 200 students: ${twoHundred.seconds.toFixed(2)} s, served ${twoHundred.servedMBps.toFixed(0)} MB/s`);
  console.log(`BENCH ${JSON.stringify({ name: 'classroom.push_10mb_200_clients_s', value: Number(twoHundred.seconds.toFixed(2)), unit: 's' })}`);
  const latency = await dashboardLatency();
  console.log(`[bench] dashboard latency with 40 students chatting: p50 ${latency.p50.toFixed(1)} ms, p95 ${latency.p95.toFixed(1)} ms`);
  console.log(`BENCH ${JSON.stringify({ name: 'classroom.dashboard_latency_ms', value: Number(latency.p95.toFixed(1)), unit: 'ms' })}`);
} finally {
  await fs.rm(root, { recursive: true, force: true });
}
