/**
 * District catalogs: published as static files, served by a real HTTP server on loopback (@fastify/static, as any web
 * server would), subscribed to by the student/teacher host. Tried: first sync; publishing again without changes;
 * one unit changed; a catalog edited on the server; a catalog from another publisher; a package swapped on the
 * server; an old (rolled-back) catalog served after a newer one was installed.
 */
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogError, publishCatalog, syncCatalog } from './catalog';
import { generateSigningKey } from './signing-keys';
import { installedManifest } from './unit-package';

const district = generateSigningKey();
const stranger = generateSigningKey();
const NOW = new Date('2026-11-30T09:00:00Z');
let work: string;
let site: string;
let server: FastifyInstance;
let url: string;

async function writeUnit(id: string, text: string): Promise<void> {
  const dir = join(work, 'units', id);
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(join(dir, 'unit.json'), JSON.stringify({ id, grade: '7', title: { 'zh-CN': id, en: id } }));
  await fs.writeFile(join(dir, 'step.zh-CN.md'), text);
}

beforeAll(async () => {
  work = await fs.mkdtemp(join(tmpdir(), 'ailab-catalog-'));
  site = join(work, 'site');
  await fs.mkdir(site, { recursive: true });
  server = Fastify();
  await server.register(fastifyStatic, { root: site, cacheControl: false, etag: false, lastModified: false });
  await server.listen({ port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(server.server.address() as { port: number }).port}/`;
});
afterAll(async () => {
  await server.close();
  await fs.rm(work, { recursive: true, force: true });
});

describe('unit catalogs', () => {
  it('publishes, syncs, republishes only what changed, and survives tampering on the server', async () => {
    await writeUnit('g7-knn', '# KNN\n');
    await writeUnit('g7-kmeans', '# K-means\n');
    const first = await publishCatalog(join(work, 'units'), site, { key: district, name: '徐汇区', now: NOW });
    expect(first.updated).toEqual(['g7-kmeans', 'g7-knn']);
    const unitsDir = join(work, 'installed');
    const sync1 = await syncCatalog(url, unitsDir, { pinnedKey: district.publicKeyBase64, now: NOW });
    expect(sync1.installed.map((i) => i.unitId)).toEqual(['g7-kmeans', 'g7-knn']);
    expect(sync1.refused).toEqual([]);
    const oldCatalog = await fs.readFile(join(site, 'catalog.json'));
    const oldSignature = await fs.readFile(join(site, 'catalog.json.sig'));

    // Publishing again without changes keeps every version; changing one unit bumps only that one.
    expect((await publishCatalog(join(work, 'units'), site, { key: district, name: '徐汇区', now: NOW })).updated).toEqual([]);
    await writeUnit('g7-knn', '# KNN，第二版\n');
    const second = await publishCatalog(join(work, 'units'), site, { key: district, name: '徐汇区', now: NOW });
    expect(second.updated).toEqual(['g7-knn']);
    expect(second.catalog.units.find((u) => u.unitId === 'g7-knn')!.unitVersion).toBe(2);
    const sync2 = await syncCatalog(url, unitsDir, { pinnedKey: district.publicKeyBase64, now: NOW });
    expect(sync2.installed.map((i) => i.unitId)).toEqual(['g7-knn']);
    expect(await fs.readFile(join(unitsDir, 'g7-knn', 'step.zh-CN.md'), 'utf8')).toContain('第二版');

    // An old catalog served again (rolled back on the server) installs nothing and downgrades nothing.
    const current = await fs.readFile(join(site, 'catalog.json'));
    const currentSig = await fs.readFile(join(site, 'catalog.json.sig'));
    await fs.writeFile(join(site, 'catalog.json'), oldCatalog);
    await fs.writeFile(join(site, 'catalog.json.sig'), oldSignature);
    const rolled = await syncCatalog(url, unitsDir, { pinnedKey: district.publicKeyBase64, now: NOW });
    expect(rolled.installed).toEqual([]);
    expect((await installedManifest(unitsDir, 'g7-knn'))!.unitVersion).toBe(2);

    // The catalog edited on the server: the signature fails, nothing is installed.
    await fs.writeFile(join(site, 'catalog.json'), current.toString('utf8').replace('"unitVersion": 2', '"unitVersion": 3'));
    await fs.writeFile(join(site, 'catalog.json.sig'), currentSig);
    const edited = await syncCatalog(url, unitsDir, { pinnedKey: district.publicKeyBase64, now: NOW }).catch((e: unknown) => e);
    expect(edited).toBeInstanceOf(CatalogError);
    expect((edited as CatalogError).code).toBe('catalogSignature');
    await fs.writeFile(join(site, 'catalog.json'), current);

    // Subscribed to another publisher: refused, naming the fingerprints.
    const other = await syncCatalog(url, unitsDir, { pinnedKey: stranger.publicKeyBase64, now: NOW }).catch((e: unknown) => e);
    expect((other as CatalogError).code).toBe('catalogSigner');
    expect((other as CatalogError).localized.en).toContain(district.fingerprint);
  });

  it('a package swapped on the server is refused while the other units still install', async () => {
    const unitsRoot = join(work, 'units2');
    const site2 = join(site, 'second');
    await fs.mkdir(join(unitsRoot, 'a-unit'), { recursive: true });
    await fs.mkdir(join(unitsRoot, 'b-unit'), { recursive: true });
    for (const id of ['a-unit', 'b-unit']) await fs.writeFile(join(unitsRoot, id, 'unit.json'), JSON.stringify({ id, title: { 'zh-CN': id, en: id } }));
    await publishCatalog(unitsRoot, site2, { key: district, name: 'x', now: NOW });
    // Replace a-unit's package with b-unit's (both validly signed): the catalog's hash catches it.
    await fs.copyFile(join(site2, 'packages', 'b-unit-v1.ailabunit'), join(site2, 'packages', 'a-unit-v1.ailabunit'));
    const result = await syncCatalog(`${url}second/`, join(work, 'installed2'), { pinnedKey: district.publicKeyBase64, now: NOW });
    expect(result.installed.map((i) => i.unitId)).toEqual(['b-unit']);
    expect(result.refused.map((r) => r.unitId)).toEqual(['a-unit']);
    expect(result.refused[0]!.message['zh-CN']).toContain('a-unit-v1.ailabunit');
  });
});
