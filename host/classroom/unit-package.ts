/**
 * Signed unit packages (format: core/contracts/unit-package.ts): pack a unit folder, verify a package in memory,
 * install it atomically. Verification happens completely before the first byte is written, and an install is a
 * rename of a finished folder, so a refused or interrupted install leaves the installed units exactly as they were.
 */
import { createHash, sign, verify as verifySignature, type KeyObject } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { translateBoth } from '../../core/i18n';
import {
  PACKAGE_CAPS,
  PACKAGE_FORMAT,
  PACKAGE_FORMAT_VERSION,
  PackageManifestSchema,
  unsafePathReason,
  type PackageManifest,
} from '../../core/contracts/unit-package';
import { fsyncDir } from '../services/atomic-write';
import { fingerprintOf, publicKeyFromRaw, type SigningKey } from './signing-keys';
import { listZipEntries, type ZipEntry } from './zip-entries';

export type PackageErrorCode =
  | 'tooLarge' | 'notAPackage' | 'badManifest' | 'badSignature' | 'untrustedSigner' | 'fileMismatch' | 'missingFile'
  | 'extraFile' | 'unsafePath' | 'symlink' | 'duplicateEntry' | 'overCaps' | 'expired' | 'notYetValid' | 'olderVersion'
  | 'packSymlink' | 'packInvalidUnit' | 'installFailed' | 'notAnnounced';

/** A refused package or a failed pack/install. `localized` is the message in both languages. */
export class PackageError extends Error {
  readonly localized: { readonly 'zh-CN': string; readonly en: string };
  constructor(readonly code: PackageErrorCode, readonly params: Record<string, string | number> = {}) {
    const localized = translateBoth('classroom', `package.${code}`, params);
    super(localized.en);
    this.localized = localized;
  }
}

const MANIFEST = 'manifest.json';
const SIGNATURE = 'manifest.sig';
const UNIT_PREFIX = 'unit/';
/** Written beside an installed unit: the manifest it came from (version checks, provenance). */
export const INSTALLED_MANIFEST = '.package-manifest.json';
/** Fixed zip timestamps, so packing the same folder twice gives the same bytes. */
const ZIP_MTIME = new Date('2000-01-01T00:00:00Z');

const ALREADY_COMPRESSED = /\.(png|jpe?g|gif|webp|mp3|ogg|m4a|mp4|webm|zip|gz|woff2?)$/i;

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

export interface PackOptions {
  readonly key: SigningKey;
  readonly unitVersion: number;
  /** ISO date-time, or null for no expiry. */
  readonly expiresAt: string | null;
  readonly now: Date;
}

/** Files of a unit folder (sorted, `/`-separated), refusing symlinks and unsafe names. Dot files are left out. */
async function unitFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(sub: string): Promise<void> {
    const entries = await fs.readdir(join(dir, sub), { withFileTypes: true });
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (entry.name.startsWith('.')) continue;
      const path = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isSymbolicLink()) throw new PackageError('packSymlink', { path });
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) {
        const reason = unsafePathReason(path);
        if (reason) throw new PackageError('unsafePath', { path, reason });
        out.push(path);
      }
    }
  }
  await walk('');
  return out;
}

/** Packs and signs the unit folder `dir` (it must hold a `unit.json` with `id` and `title`). */
export async function packUnit(dir: string, options: PackOptions): Promise<{ bytes: Uint8Array; manifest: PackageManifest }> {
  let unit: { id?: unknown; title?: unknown };
  try {
    unit = JSON.parse(await fs.readFile(join(dir, 'unit.json'), 'utf8')) as typeof unit;
  } catch (err) {
    throw new PackageError('packInvalidUnit', { detail: `unit.json: ${(err as Error).message}` });
  }
  const paths = await unitFiles(dir);
  const contents = new Map<string, Uint8Array>();
  let total = 0;
  for (const path of paths) {
    const data = new Uint8Array(await fs.readFile(join(dir, ...path.split('/'))));
    total += data.length;
    contents.set(path, data);
  }
  const draft = {
    format: PACKAGE_FORMAT,
    formatVersion: PACKAGE_FORMAT_VERSION,
    unitId: unit.id,
    unitVersion: options.unitVersion,
    title: unit.title,
    createdAt: options.now.toISOString(),
    expiresAt: options.expiresAt,
    signerPublicKey: options.key.publicKeyBase64,
    files: paths.map((path) => ({ path, size: contents.get(path)!.length, sha256: sha256(contents.get(path)!) })),
  };
  const parsed = PackageManifestSchema.safeParse(draft);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new PackageError('packInvalidUnit', { detail: `${issue.path.join('.') || '(manifest)'}: ${issue.message}` });
  }
  if (total > PACKAGE_CAPS.maxTotalBytes) throw new PackageError('overCaps', { detail: `${total} bytes` });
  const manifestBytes = new TextEncoder().encode(JSON.stringify(parsed.data, null, 2));
  const signature = sign(null, manifestBytes, options.key.privateKey).toString('base64');
  const zipInput: Zippable = {
    [MANIFEST]: manifestBytes,
    [SIGNATURE]: new TextEncoder().encode(signature),
  };
  // Images, audio and video are compressed already: storing them saves every student's PC the inflate work.
  for (const [path, data] of contents) zipInput[UNIT_PREFIX + path] = ALREADY_COMPRESSED.test(path) ? [data, { level: 0 }] : data;
  return { bytes: zipSync(zipInput, { level: 6, mtime: ZIP_MTIME }), manifest: parsed.data };
}

export interface VerifyOptions {
  /** Raw base64 public keys this PC trusts (the pinned teacher key, a district key). Empty: trust nobody. */
  readonly trustedKeys: readonly string[];
  readonly now: Date;
}

export interface VerifiedPackage {
  readonly manifest: PackageManifest;
  readonly fingerprint: string;
  /** Unit files by path, already checked against the manifest. */
  readonly files: ReadonlyMap<string, Uint8Array>;
}

function checkEntries(entries: readonly ZipEntry[]): void {
  const seen = new Set<string>();
  let total = 0;
  if (entries.length > PACKAGE_CAPS.maxFiles + 2) throw new PackageError('overCaps', { detail: `${entries.length} files` });
  for (const entry of entries) {
    if (seen.has(entry.name)) throw new PackageError('duplicateEntry', { path: entry.name });
    seen.add(entry.name);
    if (entry.isSymlink) throw new PackageError('symlink', { path: entry.name });
    if (entry.name.endsWith('/')) continue; // folder entries carry no data
    if (entry.name !== MANIFEST && entry.name !== SIGNATURE) {
      if (!entry.name.startsWith(UNIT_PREFIX)) throw new PackageError('extraFile', { path: entry.name });
      const reason = unsafePathReason(entry.name.slice(UNIT_PREFIX.length));
      if (reason) throw new PackageError('unsafePath', { path: entry.name, reason });
    }
    if (entry.uncompressedSize > PACKAGE_CAPS.maxFileBytes) throw new PackageError('overCaps', { detail: `${entry.name}: ${entry.uncompressedSize} bytes` });
    total += entry.uncompressedSize;
    if (total > PACKAGE_CAPS.maxTotalBytes) throw new PackageError('overCaps', { detail: `${total} bytes` });
  }
}

/**
 * Checks a package completely, in memory, in this order: size, zip structure (entries, names, symlinks, declared
 * sizes — before inflating anything), manifest schema, signature, signer, expiry, then every file's size and hash.
 * Throws a PackageError naming the first problem; returns the checked files.
 */
export function verifyPackage(bytes: Uint8Array, options: VerifyOptions): VerifiedPackage {
  if (bytes.length > PACKAGE_CAPS.maxPackageBytes) {
    throw new PackageError('tooLarge', { sizeMb: (bytes.length / 1048576).toFixed(1), maxMb: PACKAGE_CAPS.maxPackageBytes / 1048576 });
  }
  let entries: ZipEntry[];
  try {
    entries = listZipEntries(bytes);
  } catch (err) {
    throw new PackageError('notAPackage', { detail: (err as Error).message });
  }
  checkEntries(entries);
  let unzipped: Record<string, Uint8Array>;
  try {
    unzipped = unzipSync(bytes);
  } catch (err) {
    throw new PackageError('notAPackage', { detail: (err as Error).message });
  }
  const manifestBytes = unzipped[MANIFEST];
  const signatureText = unzipped[SIGNATURE];
  if (!manifestBytes || !signatureText) throw new PackageError('notAPackage', { detail: `${MANIFEST} / ${SIGNATURE}` });

  let manifest: PackageManifest;
  try {
    const parsed = PackageManifestSchema.safeParse(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(manifestBytes)));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new Error(`${issue.path.join('.') || '(manifest)'}: ${issue.message}`);
    }
    manifest = parsed.data;
  } catch (err) {
    throw new PackageError('badManifest', { detail: (err as Error).message });
  }

  let signerKey: KeyObject;
  try {
    signerKey = publicKeyFromRaw(manifest.signerPublicKey);
  } catch {
    throw new PackageError('badManifest', { detail: 'signerPublicKey' });
  }
  const signature = Buffer.from(new TextDecoder().decode(signatureText).trim(), 'base64');
  if (signature.length !== 64 || !verifySignature(null, manifestBytes, signerKey, signature)) throw new PackageError('badSignature');
  const fingerprint = fingerprintOf(manifest.signerPublicKey);
  if (!options.trustedKeys.includes(manifest.signerPublicKey)) {
    throw new PackageError('untrustedSigner', {
      fingerprint,
      expected: options.trustedKeys.map(fingerprintOf).join(', ') || '—',
    });
  }
  if (Date.parse(manifest.createdAt) > options.now.getTime() + 24 * 3600 * 1000) {
    // More than a day in the future: a wrong clock on one side; refuse rather than guess.
    throw new PackageError('notYetValid', { date: manifest.createdAt });
  }
  if (manifest.expiresAt !== null && Date.parse(manifest.expiresAt) <= options.now.getTime()) {
    throw new PackageError('expired', { date: manifest.expiresAt });
  }

  const files = new Map<string, Uint8Array>();
  for (const file of manifest.files) {
    const reason = unsafePathReason(file.path);
    if (reason) throw new PackageError('unsafePath', { path: file.path, reason });
    if (files.has(file.path)) throw new PackageError('duplicateEntry', { path: file.path });
    const data = unzipped[UNIT_PREFIX + file.path];
    if (!data) throw new PackageError('missingFile', { path: file.path });
    if (data.length !== file.size || sha256(data) !== file.sha256) throw new PackageError('fileMismatch', { path: file.path });
    files.set(file.path, data);
  }
  for (const name of Object.keys(unzipped)) {
    if (name === MANIFEST || name === SIGNATURE || name.endsWith('/')) continue;
    if (!files.has(name.slice(UNIT_PREFIX.length))) throw new PackageError('extraFile', { path: name });
  }
  return { manifest, fingerprint, files };
}

/** The manifest of an installed unit, or null when the unit is not installed (or was installed by hand). */
export async function installedManifest(unitsDir: string, unitId: string): Promise<PackageManifest | null> {
  try {
    const parsed = PackageManifestSchema.safeParse(JSON.parse(await fs.readFile(join(unitsDir, unitId, INSTALLED_MANIFEST), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export interface InstallOptions extends VerifyOptions {
  /** Bytes written so far and in all, for a progress bar. */
  readonly onProgress?: (written: number, total: number) => void;
  /** The unit and version the package was announced as (a classroom push): anything else is refused. */
  readonly expect?: { readonly unitId: string; readonly unitVersion: number };
}

export type InstallResult =
  | { readonly status: 'installed'; readonly manifest: PackageManifest; readonly dir: string; readonly replacedVersion: number | null }
  | { readonly status: 'unchanged'; readonly manifest: PackageManifest; readonly dir: string };

/**
 * Verifies `bytes`, then installs the unit as `<unitsDir>/<unitId>`: written into a fresh temporary folder beside it,
 * then renamed into place (the previous version, if any, is moved aside first and removed after). An older version
 * than the installed one is refused; the same version is left as it is.
 */
export async function installPackage(bytes: Uint8Array, unitsDir: string, options: InstallOptions): Promise<InstallResult> {
  const { manifest, files } = verifyPackage(bytes, options);
  if (options.expect && (options.expect.unitId !== manifest.unitId || options.expect.unitVersion !== manifest.unitVersion)) {
    // A validly signed but different package (an old one replayed in place of the announced one).
    throw new PackageError('notAnnounced', { unit: manifest.unitId, version: manifest.unitVersion, expected: `${options.expect.unitId} ${options.expect.unitVersion}` });
  }
  const target = join(unitsDir, manifest.unitId);
  const installed = await installedManifest(unitsDir, manifest.unitId);
  if (installed && installed.unitVersion > manifest.unitVersion) {
    throw new PackageError('olderVersion', { installed: installed.unitVersion, offered: manifest.unitVersion, unit: manifest.unitId });
  }
  if (installed && installed.unitVersion === manifest.unitVersion && installed.signerPublicKey === manifest.signerPublicKey) {
    return { status: 'unchanged', manifest, dir: target };
  }

  await fs.mkdir(unitsDir, { recursive: true });
  const incoming = await fs.mkdtemp(join(unitsDir, `.incoming-${manifest.unitId}-`));
  const root = resolve(incoming);
  const total = manifest.files.reduce((sum, f) => sum + f.size, 0);
  let written = 0;
  try {
    for (const file of manifest.files) {
      const full = resolve(root, ...file.path.split('/'));
      // Paths were checked already; this makes sure once more that nothing lands outside the new folder.
      if (relative(root, full).startsWith('..') || !full.startsWith(root + sep)) throw new PackageError('unsafePath', { path: file.path, reason: 'parent' });
      await fs.mkdir(resolve(full, '..'), { recursive: true });
      await fs.writeFile(full, files.get(file.path)!, { flag: 'wx' });
      written += file.size;
      options.onProgress?.(written, total);
    }
    await fs.writeFile(join(root, INSTALLED_MANIFEST), JSON.stringify(manifest, null, 2), { flag: 'wx' });
    let aside: string | null = null;
    try {
      await fs.access(target);
      aside = `${target}.replaced-${Date.now()}`;
      await fs.rename(target, aside);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    try {
      await fs.rename(root, target);
    } catch (err) {
      if (aside) await fs.rename(aside, target).catch(() => undefined); // put the old version back
      throw err;
    }
    await fsyncDir(unitsDir);
    if (aside) await fs.rm(aside, { recursive: true, force: true });
  } catch (err) {
    await fs.rm(root, { recursive: true, force: true }).catch(() => undefined);
    if (err instanceof PackageError) throw err;
    throw new PackageError('installFailed', { detail: (err as Error).message });
  }
  return { status: 'installed', manifest, dir: target, replacedVersion: installed?.unitVersion ?? null };
}
