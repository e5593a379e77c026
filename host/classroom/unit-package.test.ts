// Signed unit packages on the real file system (temp folders) with real ed25519 keys. Each refusal test builds a
// package that is wrong in one way — tampered file, tampered manifest, another signer, an older version, expired,
// path traversal, absolute / drive-letter paths, a symlink entry, a zip bomb, garbage bytes — and asserts both the
// message a student would see and that the installed units were not touched.
import { createHash, sign } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PACKAGE_CAPS } from '../../core/contracts/unit-package';
import { generateSigningKey, type SigningKey } from './signing-keys';
import { installPackage, packUnit, PackageError, verifyPackage, INSTALLED_MANIFEST } from './unit-package';

const NOW = new Date('2026-11-30T08:00:00Z');
let work: string;
let unitDir: string;
let unitsDir: string;
const teacher = generateSigningKey();
const stranger = generateSigningKey();

async function writeUnit(dir: string, version: string): Promise<void> {
  await fs.mkdir(join(dir, 'steps'), { recursive: true });
  await fs.mkdir(join(dir, 'assets'), { recursive: true });
  await fs.writeFile(join(dir, 'unit.json'), JSON.stringify({ id: 'g4-square', title: { 'zh-CN': '走正方形', en: 'Drive a square' }, version }));
  await fs.writeFile(join(dir, 'steps', 's1.zh-CN.md'), `# 第一步 ${version}\n让机器人前进 20 厘米。\n`);
  await fs.writeFile(join(dir, 'assets', 'robot.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
}

async function pack(options: { key?: SigningKey; version?: number; expiresAt?: string | null } = {}): Promise<Uint8Array> {
  const { bytes } = await packUnit(unitDir, {
    key: options.key ?? teacher,
    unitVersion: options.version ?? 1,
    expiresAt: options.expiresAt === undefined ? '2027-07-01T00:00:00Z' : options.expiresAt,
    now: NOW,
  });
  return bytes;
}

const trust = { trustedKeys: [teacher.publicKeyBase64], now: NOW };

/** Re-zips a package after `edit` changed its entries (the manifest and signature stay as they were unless edited). */
function repack(bytes: Uint8Array, edit: (entries: Record<string, Uint8Array>) => Zippable | void): Uint8Array {
  const entries = unzipSync(bytes);
  const result = edit(entries);
  return zipSync(result ?? entries);
}

/** A package whose manifest the trusted teacher really signed, but which lists `files` as given. */
function signedWith(files: { path: string; data: Uint8Array; zipName?: string }[], key: SigningKey = teacher): Uint8Array {
  const manifest = {
    format: 'ailab-unit-package', formatVersion: 1, unitId: 'g4-square', unitVersion: 1,
    title: { 'zh-CN': '走正方形', en: 'Drive a square' }, createdAt: NOW.toISOString(), expiresAt: null,
    signerPublicKey: key.publicKeyBase64,
    files: files.map((f) => ({ path: f.path, size: f.data.length, sha256: createHash('sha256').update(f.data).digest('hex') })),
  };
  const manifestBytes = new TextEncoder().encode(JSON.stringify(manifest));
  const zip: Zippable = {
    'manifest.json': manifestBytes,
    'manifest.sig': new TextEncoder().encode(sign(null, manifestBytes, key.privateKey).toString('base64')),
  };
  for (const f of files) zip[f.zipName ?? `unit/${f.path}`] = f.data;
  return zipSync(zip);
}

function refusal(fn: () => unknown): PackageError {
  try {
    fn();
  } catch (err) {
    if (err instanceof PackageError) return err;
    throw err;
  }
  throw new Error('expected the package to be refused');
}

async function refusedInstall(bytes: Uint8Array): Promise<PackageError> {
  const err = await installPackage(bytes, unitsDir, trust).then(() => null, (e: unknown) => e);
  if (!(err instanceof PackageError)) throw new Error(`expected a PackageError, got ${String(err)}`);
  return err;
}

async function listing(dir: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(sub: string) {
    for (const e of await fs.readdir(join(dir, sub), { withFileTypes: true })) {
      const p = sub ? `${sub}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(p);
      else out.push(`${p}:${createHash('sha256').update(await fs.readFile(join(dir, p))).digest('hex').slice(0, 8)}`);
    }
  }
  await walk('').catch(() => undefined);
  return out.sort();
}

beforeEach(async () => {
  work = await fs.mkdtemp(join(tmpdir(), 'ailab-pkg-'));
  unitDir = join(work, 'unit');
  unitsDir = join(work, 'installed');
  await writeUnit(unitDir, 'v1');
});
afterEach(async () => {
  await fs.rm(work, { recursive: true, force: true });
});

describe('unit packages', () => {
  it('packs, verifies and installs a unit byte for byte; the same version again changes nothing', async () => {
    const bytes = await pack();
    const verified = verifyPackage(bytes, trust);
    expect(verified.manifest.unitId).toBe('g4-square');
    expect(verified.fingerprint).toBe(teacher.fingerprint);
    expect([...verified.files.keys()]).toEqual(['assets/robot.svg', 'steps/s1.zh-CN.md', 'unit.json']);

    const progress: number[] = [];
    const result = await installPackage(bytes, unitsDir, { ...trust, onProgress: (w, t) => progress.push(w / t) });
    expect(result.status).toBe('installed');
    expect(progress.at(-1)).toBe(1);
    const installed = (await listing(join(unitsDir, 'g4-square'))).filter((f) => !f.startsWith(INSTALLED_MANIFEST));
    expect(installed).toEqual(await listing(unitDir));
    expect(await fs.readFile(join(unitsDir, 'g4-square', 'steps', 's1.zh-CN.md'), 'utf8')).toContain('第一步 v1');

    expect((await installPackage(bytes, unitsDir, trust)).status).toBe('unchanged');
    // Nothing temporary is left beside the installed unit.
    expect(await fs.readdir(unitsDir)).toEqual(['g4-square']);
  });

  it('packing the same folder twice gives the same bytes (reproducible packages)', async () => {
    expect(Buffer.from(await pack()).equals(Buffer.from(await pack()))).toBe(true);
  });

  it('a newer version replaces the installed one; an older one is refused and the newer stays', async () => {
    await installPackage(await pack({ version: 1 }), unitsDir, trust);
    await writeUnit(unitDir, 'v2');
    const upgraded = await installPackage(await pack({ version: 2 }), unitsDir, trust);
    expect(upgraded).toMatchObject({ status: 'installed', replacedVersion: 1 });
    await writeUnit(unitDir, 'v1');
    const before = await listing(unitsDir);
    const err = await refusedInstall(await pack({ version: 1 }));
    expect(err.code).toBe('olderVersion');
    expect(err.localized['zh-CN']).toContain('不会被旧版本');
    expect(await listing(unitsDir)).toEqual(before);
    expect(await fs.readFile(join(unitsDir, 'g4-square', 'steps', 's1.zh-CN.md'), 'utf8')).toContain('v2');
  });

  it('refuses a package whose file was changed after signing, and writes nothing', async () => {
    const tampered = repack(await pack(), (e) => {
      e['unit/steps/s1.zh-CN.md'] = new TextEncoder().encode('# 被改过的内容\n');
    });
    const err = await refusedInstall(tampered);
    expect(err.code).toBe('fileMismatch');
    expect(err.localized.en).toContain('steps/s1.zh-CN.md');
    expect(await listing(unitsDir)).toEqual([]);
  });

  it('refuses a manifest edited after signing (the signature no longer matches)', async () => {
    const tampered = repack(await pack(), (e) => {
      const manifest = JSON.parse(new TextDecoder().decode(e['manifest.json']));
      manifest.unitVersion = 99;
      e['manifest.json'] = new TextEncoder().encode(JSON.stringify(manifest, null, 2));
    });
    expect(refusal(() => verifyPackage(tampered, trust)).code).toBe('badSignature');
  });

  it('refuses a package signed by another key, naming both fingerprints', async () => {
    const err = refusal(() => verifyPackage(signedWith([{ path: 'unit.json', data: new Uint8Array([123, 125]) }], stranger), trust));
    expect(err.code).toBe('untrustedSigner');
    expect(err.localized.en).toContain(stranger.fingerprint);
    expect(err.localized.en).toContain(teacher.fingerprint);
    // A stranger cannot pass off its package by swapping in the teacher's public key either: the signature fails.
    const swapped = repack(signedWith([{ path: 'unit.json', data: new Uint8Array([123, 125]) }], stranger), (e) => {
      const m = JSON.parse(new TextDecoder().decode(e['manifest.json']));
      m.signerPublicKey = teacher.publicKeyBase64;
      e['manifest.json'] = new TextEncoder().encode(JSON.stringify(m));
    });
    expect(refusal(() => verifyPackage(swapped, trust)).code).toBe('badSignature');
  });

  it('refuses an expired package', async () => {
    const err = await refusedInstall(await pack({ expiresAt: '2026-11-01T00:00:00Z' }));
    expect(err.code).toBe('expired');
    expect(err.localized['zh-CN']).toContain('过期');
  });

  it.each([
    ['../evil.txt', 'parent'],
    ['steps/../../evil.txt', 'parent'],
    ['/etc/evil', 'absolute'],
    ['C:/Windows/evil', 'drive'],
    ['steps\\evil', 'backslash'],
    ['assets/con.txt', 'reserved'],
  ])('refuses the unsafe path %s (%s) even under a valid signature, writing nothing', async (path, reason) => {
    const err = await refusedInstall(signedWith([{ path, data: new TextEncoder().encode('x') }]));
    expect(err.code).toBe('unsafePath');
    expect(err.params.reason).toBe(reason);
    expect(await listing(work)).not.toContain(expect.stringMatching(/evil/));
    expect(await listing(unitsDir)).toEqual([]);
  });

  it('refuses a symlink entry', async () => {
    const zip = unzipSync(await pack());
    const withLink: Zippable = { ...zip, 'unit/assets/link': [new TextEncoder().encode('/etc/passwd'), { os: 3, attrs: (0o120777 << 16) >>> 0 }] };
    expect(refusal(() => verifyPackage(zipSync(withLink), trust)).code).toBe('symlink');
  });

  it('refuses a zip bomb from its declared size, before inflating it', async () => {
    const bomb = zipSync({ ...unzipSync(await pack()), 'unit/assets/zeros.bin': new Uint8Array(PACKAGE_CAPS.maxFileBytes + 1) }, { level: 9 });
    expect(bomb.length).toBeLessThan(100_000);
    expect(refusal(() => verifyPackage(bomb, trust)).code).toBe('overCaps');
  });

  it('refuses files not in the manifest, missing files and garbage bytes', async () => {
    const extra = repack(await pack(), (e) => {
      e['unit/steps/extra.md'] = new TextEncoder().encode('not listed');
    });
    expect(refusal(() => verifyPackage(extra, trust)).code).toBe('extraFile');
    const missing = repack(await pack(), (e) => {
      delete e['unit/assets/robot.svg'];
    });
    expect(refusal(() => verifyPackage(missing, trust)).code).toBe('missingFile');
    const garbage = new Uint8Array(4096).map((_, i) => (i * 7919) & 0xff);
    expect(refusal(() => verifyPackage(garbage, trust)).code).toBe('notAPackage');
    expect(refusal(() => verifyPackage(new Uint8Array(0), trust)).code).toBe('notAPackage');
  });

  it('will not pack a unit folder holding a symlink', async () => {
    await fs.symlink('/etc/hostname', join(unitDir, 'assets', 'host.txt'));
    await expect(pack()).rejects.toMatchObject({ code: 'packSymlink' });
  });

  it('refuses a validly signed package that is not the one announced (an old version replayed in its place)', async () => {
    const v1 = await pack({ version: 1 });
    const err = await installPackage(v1, unitsDir, { ...trust, expect: { unitId: 'g4-square', unitVersion: 2 } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PackageError);
    expect((err as PackageError).code).toBe('notAnnounced');
    expect((err as PackageError).localized['zh-CN']).toContain('不是老师发送的那一个');
    expect(await listing(unitsDir)).toEqual([]);
    expect((await installPackage(v1, unitsDir, { ...trust, expect: { unitId: 'g4-square', unitVersion: 1 } })).status).toBe('installed');
  });
});
