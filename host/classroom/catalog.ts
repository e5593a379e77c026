/**
 * District sharing: a unit catalog as static signed files any HTTP server, CDN or object store can serve.
 *
 *   <out>/catalog.json        the list of units (id, version, title, grade, package file, size, sha256), signed
 *   <out>/catalog.json.sig    ed25519 signature of catalog.json's exact bytes, base64
 *   <out>/packages/<id>-v<version>.ailabunit   signed unit packages (unit-package.ts)
 *
 * `publishCatalog` packs every unit folder; a unit whose content did not change keeps its version, a changed one
 * gets the next version, so publishing twice is harmless. `syncCatalog` (the app's subscription) fetches the catalog,
 * checks its signature against the pinned key, downloads what is newer than what is installed, and installs each
 * package through the same verification as a classroom push.
 */
import { createHash, sign, verify as verifySignature } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { translateBoth } from '../../core/i18n';
import { writeFileAtomic } from '../services/atomic-write';
import { fingerprintOf, publicKeyFromRaw, type SigningKey } from './signing-keys';
import { installedManifest, installPackage, packUnit, PackageError, verifyPackage, type InstallResult } from './unit-package';

export const CATALOG_FILE = 'catalog.json';
export const CATALOG_SIGNATURE = 'catalog.json.sig';
const CATALOG_MAX_BYTES = 2 * 1024 * 1024;

export const CatalogEntrySchema = z.object({
  unitId: z.string().regex(/^[a-z0-9][a-z0-9-]{1,59}$/),
  unitVersion: z.number().int().min(1),
  title: z.object({ 'zh-CN': z.string().max(200), en: z.string().max(200) }),
  grade: z.string().max(20).nullable(),
  /** Relative to the catalog: `packages/<file>`. */
  file: z.string().regex(/^packages\/[a-z0-9-]+-v\d+\.ailabunit$/),
  size: z.number().int().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** Hash of the unit's files (paths and contents): decides whether publishing again needs a new version. */
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
});

export const CatalogSchema = z.object({
  format: z.literal('ailab-unit-catalog'),
  formatVersion: z.literal(1),
  name: z.string().max(200),
  publishedAt: z.string().datetime(),
  signerPublicKey: z.string().regex(/^[A-Za-z0-9+/]{43}=$/),
  units: z.array(CatalogEntrySchema).max(5000),
});
export type Catalog = z.infer<typeof CatalogSchema>;
export type CatalogEntry = z.infer<typeof CatalogEntrySchema>;

export class CatalogError extends Error {
  constructor(readonly code: 'catalogUnreachable' | 'catalogInvalid' | 'catalogSignature' | 'catalogSigner', readonly localized: { 'zh-CN': string; en: string }) {
    super(localized.en);
  }
}

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

async function unitFolders(root: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(dir: string, depth: number): Promise<void> {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    if (entries.some((e) => e.isFile() && e.name === 'unit.json')) {
      out.push(dir);
      return;
    }
    if (depth >= 3) return;
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules') await walk(join(dir, e.name), depth + 1);
    }
  }
  await walk(root, 0);
  return out;
}

export interface PublishResult {
  readonly catalog: Catalog;
  /** Units whose version changed in this publish. */
  readonly updated: readonly string[];
}

/** Packs every unit under `unitsRoot` into `outDir` and writes the signed catalog. */
export async function publishCatalog(unitsRoot: string, outDir: string, options: { key: SigningKey; name: string; now: Date }): Promise<PublishResult> {
  let previous: Catalog | null = null;
  try {
    previous = CatalogSchema.parse(JSON.parse(await fs.readFile(join(outDir, CATALOG_FILE), 'utf8')));
  } catch {
    previous = null;
  }
  await fs.mkdir(join(outDir, 'packages'), { recursive: true });
  const units: CatalogEntry[] = [];
  const updated: string[] = [];
  for (const dir of await unitFolders(unitsRoot)) {
    // Pack once at version 1 to learn the content hash; the real version follows from the previous catalog.
    const probe = await packUnit(dir, { key: options.key, unitVersion: 1, expiresAt: null, now: options.now });
    const contentHash = sha256(probe.manifest.files.map((f) => `${f.path}\0${f.sha256}`).join('\n'));
    const before = previous?.units.find((u) => u.unitId === probe.manifest.unitId);
    const unchanged = before && before.contentHash === contentHash && (await fs.access(join(outDir, before.file)).then(() => true, () => false));
    if (unchanged) {
      units.push(before);
      continue;
    }
    const unitVersion = (before?.unitVersion ?? 0) + 1;
    const { bytes, manifest } = await packUnit(dir, { key: options.key, unitVersion, expiresAt: null, now: options.now });
    const file = `packages/${manifest.unitId}-v${unitVersion}.ailabunit`;
    await writeFileAtomic(join(outDir, file), bytes);
    const unitJson = JSON.parse(await fs.readFile(join(dir, 'unit.json'), 'utf8')) as { grade?: unknown };
    units.push({
      unitId: manifest.unitId, unitVersion, title: manifest.title, grade: typeof unitJson.grade === 'string' ? unitJson.grade : null,
      file, size: bytes.length, sha256: sha256(bytes), contentHash,
    });
    updated.push(manifest.unitId);
  }
  const catalog: Catalog = {
    format: 'ailab-unit-catalog', formatVersion: 1, name: options.name, publishedAt: options.now.toISOString(),
    signerPublicKey: options.key.publicKeyBase64, units: units.sort((a, b) => (a.unitId < b.unitId ? -1 : 1)),
  };
  const bytes = new TextEncoder().encode(JSON.stringify(catalog, null, 2));
  await writeFileAtomic(join(outDir, CATALOG_FILE), bytes);
  await writeFileAtomic(join(outDir, CATALOG_SIGNATURE), sign(null, bytes, options.key.privateKey).toString('base64'));
  return { catalog, updated };
}

async function fetchBytes(url: URL, maxBytes: number): Promise<Uint8Array> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(60_000) });
  } catch (err) {
    throw new CatalogError('catalogUnreachable', translateBoth('classroom', 'catalog.unreachable', { url: url.href, detail: (err as Error).message }));
  }
  if (!res.ok) throw new CatalogError('catalogUnreachable', translateBoth('classroom', 'catalog.unreachable', { url: url.href, detail: `HTTP ${res.status}` }));
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > maxBytes) throw new CatalogError('catalogInvalid', translateBoth('classroom', 'catalog.invalid', { detail: `${url.pathname}: ${declared} bytes` }));
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (bytes.length > maxBytes) throw new CatalogError('catalogInvalid', translateBoth('classroom', 'catalog.invalid', { detail: `${url.pathname}: ${bytes.length} bytes` }));
  return bytes;
}

export interface SyncResult {
  readonly catalog: Catalog;
  readonly installed: readonly { unitId: string; result: InstallResult }[];
  /** Units refused, with the reason (a tampered or rolled-back package never stops the others). */
  readonly refused: readonly { unitId: string; message: { 'zh-CN': string; en: string } }[];
}

/**
 * Brings `unitsDir` up to date with the catalog at `url`, which must be signed by `pinnedKey` (raw base64).
 * Only units newer than the installed version are downloaded.
 */
export async function syncCatalog(url: string, unitsDir: string, options: { pinnedKey: string; now: Date }): Promise<SyncResult> {
  const base = new URL(url.endsWith('/') ? url : `${url}/`);
  const catalogBytes = await fetchBytes(new URL(CATALOG_FILE, base), CATALOG_MAX_BYTES);
  const signature = Buffer.from(new TextDecoder().decode(await fetchBytes(new URL(CATALOG_SIGNATURE, base), 1024)).trim(), 'base64');
  let catalog: Catalog;
  try {
    catalog = CatalogSchema.parse(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(catalogBytes)));
  } catch (err) {
    throw new CatalogError('catalogInvalid', translateBoth('classroom', 'catalog.invalid', { detail: (err as Error).message.slice(0, 200) }));
  }
  if (catalog.signerPublicKey !== options.pinnedKey) {
    throw new CatalogError('catalogSigner', translateBoth('classroom', 'catalog.signer', { fingerprint: fingerprintOf(catalog.signerPublicKey), expected: fingerprintOf(options.pinnedKey) }));
  }
  if (signature.length !== 64 || !verifySignature(null, catalogBytes, publicKeyFromRaw(options.pinnedKey), signature)) {
    throw new CatalogError('catalogSignature', translateBoth('classroom', 'catalog.signature'));
  }
  const installed: { unitId: string; result: InstallResult }[] = [];
  const refused: { unitId: string; message: { 'zh-CN': string; en: string } }[] = [];
  for (const entry of catalog.units) {
    const current = await installedManifest(unitsDir, entry.unitId);
    if (current && current.unitVersion >= entry.unitVersion) continue;
    try {
      const bytes = await fetchBytes(new URL(entry.file, base), 64 * 1024 * 1024);
      if (bytes.length !== entry.size || sha256(bytes) !== entry.sha256) throw new PackageError('fileMismatch', { path: entry.file });
      // The package must name the unit and version the signed catalog promised (no swapping an old package in).
      const { manifest } = verifyPackage(bytes, { trustedKeys: [options.pinnedKey], now: options.now });
      if (manifest.unitId !== entry.unitId || manifest.unitVersion !== entry.unitVersion) throw new PackageError('fileMismatch', { path: entry.file });
      installed.push({ unitId: entry.unitId, result: await installPackage(bytes, unitsDir, { trustedKeys: [options.pinnedKey], now: options.now }) });
    } catch (err) {
      refused.push({ unitId: entry.unitId, message: err instanceof PackageError || err instanceof CatalogError ? err.localized : { 'zh-CN': String(err), en: String(err) } });
    }
  }
  return { catalog, installed, refused };
}
