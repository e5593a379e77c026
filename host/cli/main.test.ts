/**
 * The `ailab` command as a real child process (node bin/ailab.mjs → tsx → host/cli/main.ts).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ARENAS } from '../../core/sim/arenas';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const BIN = join(ROOT, 'bin', 'ailab.mjs');
const FIXTURE = join(ROOT, 'host', 'cli', 'fixtures', 'drive-and-turn.ailab');
const temp = mkdtempSync(join(tmpdir(), 'ailab-cli-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function ailab(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '', ...env }, timeout: 100_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Each case starts Node processes (and the physics engine for `run`); a busy 2-core build machine needs time.
describe('ailab CLI', { timeout: 120_000 }, () => {
  it('--help lists serve, arenas and run', () => {
    const r = ailab(['--help']);
    expect(r.code).toBe(0);
    for (const command of ['serve', 'arenas', 'run']) expect(r.stdout).toContain(command);
  });

  it('speaks Chinese when the locale is Chinese', () => {
    const r = ailab(['run', '--help'], { LANG: 'zh_CN.UTF-8' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('仿真时长');
  });

  it('arenas lists every arena id with its Chinese and English name', () => {
    const r = ailab(['arenas']);
    expect(r.code).toBe(0);
    // Names are matched literally: "5 × 5 grid (reinforcement learning)" has parentheses, which a RegExp would read
    // as a group and then miss the real text.
    const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    for (const arena of ARENAS) expect(r.stdout).toMatch(new RegExp(`${literal(arena.id)}\\s+${literal(arena.name['zh-CN'])} / ${literal(arena.name.en)}`));
  });

  it('serve prints "Serving at http://127.0.0.1:PORT/" and answers there', async () => {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data-dir', join(temp, 'serve-data')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolveUrl, reject) => {
        let out = '';
        child.stdout.on('data', (chunk) => {
          out += chunk;
          const m = /^Serving at (http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(out);
          if (m) resolveUrl(m[1]);
        });
        child.once('exit', (code) => reject(new Error(`serve exited ${code}`)));
      });
      const res = await fetch(url);
      expect([200, 503]).toContain(res.status); // 503 = renderer not built: the page says how to build it
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('serve on a port that is taken says so and exits 1', async () => {
    const { createServer } = await import('node:net');
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    try {
      const r = ailab(['serve', '--port', String(port), '--data-dir', join(temp, 'busy-data')]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`Port ${port} is already in use`);
    } finally {
      blocker.close();
    }
  });

  it('run twice with the same arena, seed and seconds prints the same stateHash', () => {
    const args = ['run', FIXTURE, '--arena', 'open-floor', '--seed', '1', '--seconds', '5', '--json'];
    const first = ailab(args);
    const second = ailab(args);
    expect(first.code, first.stderr).toBe(0);
    const a = JSON.parse(first.stdout);
    const b = JSON.parse(second.stdout);
    expect(a.stateHash).toMatch(/^[0-9a-f]{8,}$/);
    expect(b.stateHash).toBe(a.stateHash);
    expect(a.arenaId).toBe('open-floor');
    expect(a.simSeconds).toBeGreaterThan(0);
    expect(a.simSeconds).toBeLessThanOrEqual(5);
    expect(a.robots).toHaveLength(1);
    // The robot moved away from where it started.
    const still = JSON.parse(ailab(['run', FIXTURE, '--seconds', '0', '--json']).stdout);
    expect(Math.hypot(a.robots[0].x - still.robots[0].x, a.robots[0].z - still.robots[0].z)).toBeGreaterThan(0.2);
  });

  it('run prints a human summary by default', () => {
    const r = ailab(['run', FIXTURE, '--seconds', '5']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/stateHash: [0-9a-f]+/);
    expect(r.stdout).toContain('robot-1');
  });

  it.skipIf(!existsSync(join(ROOT, 'examples', 'square.ailab')))('examples/square.ailab runs to the same stateHash twice', () => {
    const args = ['run', 'examples/square.ailab', '--arena', 'open-floor', '--seed', '1', '--seconds', '5', '--json'];
    const a = JSON.parse(ailab(args).stdout);
    const b = JSON.parse(ailab(args).stdout);
    expect(a.stateHash).toBe(b.stateHash);
  });

  it('run refuses an unknown arena with the list of known ones', () => {
    const r = ailab(['run', FIXTURE, '--arena', 'moon-base', '--seconds', '1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('moon-base');
    expect(r.stderr).toContain('open-floor');
  });

  it('run refuses a damaged or future-version file with a clear message and leaves it unchanged', () => {
    const damaged = join(temp, 'damaged.ailab');
    writeFileSync(damaged, '{"format": "ailab-project", ');
    const r = ailab(['run', damaged, '--seconds', '1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/damaged/);
    expect(readFileSync(damaged, 'utf8')).toBe('{"format": "ailab-project", ');

    const future = join(temp, 'future.ailab');
    writeFileSync(future, JSON.stringify({ ...JSON.parse(readFileSync(FIXTURE, 'utf8')), schemaVersion: 99 }));
    const f = ailab(['run', future, '--seconds', '1'], { LANG: 'zh_CN.UTF-8' });
    expect(f.code).toBe(1);
    expect(f.stderr).toContain('更新');
  });

  it('run refuses a missing file and a bad number', () => {
    expect(ailab(['run', join(temp, 'nope.ailab')]).code).toBe(1);
    const bad = ailab(['run', FIXTURE, '--seconds', 'soon']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--seconds');
  });
});
