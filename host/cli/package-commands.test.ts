/**
 * `ailab keygen`, `ailab pack`, `ailab verify` as real child processes (node bin/ailab.mjs), on temp folders.
 * Tried: a good round trip; a package with one byte flipped in a unit file; verifying against the wrong key;
 * overwriting an existing key file; a bad expiry date.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync, zipSync } from 'fflate';
import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const BIN = join(ROOT, 'bin', 'ailab.mjs');
const temp = mkdtempSync(join(tmpdir(), 'ailab-pack-cli-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function ailab(args: string[], lang = 'en_US.UTF-8') {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: temp, encoding: 'utf8', env: { ...process.env, LANG: lang, LC_ALL: '' }, timeout: 100_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('ailab keygen / pack / verify', { timeout: 120_000 }, () => {
  const unit = join(temp, 'g4-square');
  mkdirSync(join(unit, 'steps'), { recursive: true });
  writeFileSync(join(unit, 'unit.json'), JSON.stringify({ id: 'g4-square', title: { 'zh-CN': '走正方形', en: 'Drive a square' } }));
  writeFileSync(join(unit, 'steps', 's1.zh-CN.md'), '让机器人走一个正方形。\n');

  it('creates a key, packs a unit and verifies it against the public key; a flipped byte is refused', () => {
    const gen = ailab(['keygen', '--out', 'teacher.key']);
    expect(gen.code).toBe(0);
    const publicKey = /Public key: (\S+)/.exec(gen.stdout)![1]!;
    const fingerprint = /Fingerprint: ([0-9A-F ]+)/.exec(gen.stdout)![1]!.trim();
    expect(ailab(['keygen', '--out', 'teacher.key']).code).toBe(1); // never overwrites a key

    const pack = ailab(['pack', 'g4-square', '--key', 'teacher.key', '--unit-version', '3', '--expires', '2099-01-01']);
    expect(pack.code).toBe(0);
    expect(pack.stdout).toContain('g4-square-v3.ailabunit');
    expect(pack.stdout).toContain(fingerprint);

    const ok = ailab(['verify', 'g4-square-v3.ailabunit', '--key', publicKey, '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, unitId: 'g4-square', unitVersion: 3, fingerprint });

    const entries = unzipSync(new Uint8Array(readFileSync(join(temp, 'g4-square-v3.ailabunit'))));
    entries['unit/steps/s1.zh-CN.md']![0]! ^= 0x01;
    writeFileSync(join(temp, 'tampered.ailabunit'), zipSync(entries));
    const bad = ailab(['verify', 'tampered.ailabunit', '--key', publicKey], 'zh_CN.UTF-8');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('steps/s1.zh-CN.md');
    expect(bad.stderr).toContain('已拒收');
  });

  it('refuses a package against another key, and a bad expiry date', () => {
    ailab(['keygen', '--out', 'other.key']);
    const other = ailab(['keygen', '--out', 'third.key']);
    const thirdKey = /Public key: (\S+)/.exec(other.stdout)![1]!;
    expect(ailab(['pack', 'g4-square', '--key', 'other.key', '--out', 'o.ailabunit']).code).toBe(0);
    const wrong = ailab(['verify', 'o.ailabunit', '--key', thirdKey]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('not signed by a teacher you trust');
    expect(ailab(['verify', 'o.ailabunit', '--trust-signer']).code).toBe(0);
    expect(ailab(['pack', 'g4-square', '--key', 'other.key', '--expires', 'next week']).code).toBe(2);
  });

  it('publishes a folder of units as a signed catalog and subscribes to it over HTTP', async () => {
    const gen = ailab(['keygen', '--out', 'district.key']);
    const districtKey = /Public key: (\S+)/.exec(gen.stdout)![1]!;
    mkdirSync(join(temp, 'units'), { recursive: true });
    writeFileSync(join(temp, 'units', 'placeholder.txt'), 'not a unit');
    const pub = ailab(['publish', '.', '--key', 'district.key', '--out', 'site', '--name', '区课程'], 'zh_CN.UTF-8');
    expect(pub.code).toBe(0);
    expect(pub.stdout).toContain('已发布 1 个单元');
    const web = Fastify();
    await web.register(fastifyStatic, { root: join(temp, 'site') });
    await web.listen({ port: 0, host: '127.0.0.1' });
    try {
      const url = `http://127.0.0.1:${(web.server.address() as { port: number }).port}/`;
      // spawn (not spawnSync): this process must keep serving while the child fetches.
      const sub = await new Promise<{ code: number | null; stdout: string }>((done) => {
        const child = spawn(process.execPath, [BIN, 'subscribe', url, '--key', districtKey, '--units-dir', 'installed'], { cwd: temp, env: { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '' } });
        let stdout = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.on('exit', (code) => done({ code, stdout }));
      });
      expect(sub.code).toBe(0);
      expect(sub.stdout).toContain('1 units installed or updated, 0 refused');
      expect(readFileSync(join(temp, 'installed', 'g4-square', 'steps', 's1.zh-CN.md'), 'utf8')).toContain('正方形');
    } finally {
      await web.close();
    }
  });
});
