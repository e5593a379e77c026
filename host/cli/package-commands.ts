/**
 * Unit packages on the command line (issue 6):
 *   ailab keygen --out teacher.key                                   ed25519 signing key; prints the fingerprint
 *   ailab pack <unit-dir> --key teacher.key [--unit-version N] [--expires 2027-07-01] [--out file.ailabunit]
 *   ailab verify <package> (--key <public key base64>… | --trust-signer) [--json]
 * Exit code 1 on any refusal, with the reason in the user's language.
 */
import { promises as fs } from 'node:fs';
import { basename, resolve } from 'node:path';
import { translate } from '../../core/i18n';
import type { Language } from '../../core/i18n';
import { generateSigningKey, loadSigningKey, saveSigningKey } from '../classroom/signing-keys';
import { packUnit, PackageError, verifyPackage } from '../classroom/unit-package';
import { PackageManifestSchema } from '../../core/contracts/unit-package';
import { unzipSync } from 'fflate';

/** File name suffix of unit packages. */
export const PACKAGE_SUFFIX = '.ailabunit';

function say(lang: Language, key: string, params: Record<string, string | number> = {}): string {
  return translate(lang, 'classroom', key, params);
}

function report(err: unknown, lang: Language): number {
  if (err instanceof PackageError) console.error(err.localized[lang]);
  else console.error(err instanceof Error ? err.message : String(err));
  return 1;
}

export async function keygenCommand(opts: { out: string }, lang: Language): Promise<number> {
  try {
    const key = generateSigningKey();
    await saveSigningKey(key, resolve(opts.out));
    console.log(say(lang, 'cli.keygen.done', { file: resolve(opts.out), publicKey: key.publicKeyBase64, fingerprint: key.fingerprint }));
    return 0;
  } catch (err) {
    return report(err, lang);
  }
}

export async function packCommand(
  dir: string,
  opts: { key: string; version: number; expires?: string; out?: string },
  lang: Language,
): Promise<number> {
  try {
    let expiresAt: string | null = null;
    if (opts.expires) {
      const t = Date.parse(opts.expires);
      if (Number.isNaN(t)) {
        console.error(say(lang, 'cli.badDate', { value: opts.expires }));
        return 2;
      }
      expiresAt = new Date(t).toISOString();
    }
    const key = await loadSigningKey(resolve(opts.key));
    const { bytes, manifest } = await packUnit(resolve(dir), { key, unitVersion: opts.version, expiresAt, now: new Date() });
    const out = resolve(opts.out ?? `${manifest.unitId}-v${manifest.unitVersion}${PACKAGE_SUFFIX}`);
    await fs.writeFile(out, bytes);
    console.log(say(lang, 'cli.pack.done', {
      unit: manifest.unitId, version: manifest.unitVersion, file: basename(out), files: manifest.files.length,
      sizeKb: (bytes.length / 1024).toFixed(1), fingerprint: key.fingerprint,
    }));
    return 0;
  } catch (err) {
    return report(err, lang);
  }
}

export async function verifyCommand(file: string, opts: { key: string[]; trustSigner: boolean; json: boolean }, lang: Language): Promise<number> {
  try {
    const bytes = new Uint8Array(await fs.readFile(resolve(file)));
    let trusted = opts.key;
    if (opts.trustSigner) {
      // Integrity only: take the signer from the manifest (the fingerprint printed is what a person compares).
      try {
        const manifest = PackageManifestSchema.parse(JSON.parse(new TextDecoder().decode(unzipSync(bytes, { filter: (f) => f.name === 'manifest.json' })['manifest.json'])));
        trusted = [...trusted, manifest.signerPublicKey];
      } catch {
        // verifyPackage below names what is wrong.
      }
    }
    const verified = verifyPackage(bytes, { trustedKeys: trusted, now: new Date() });
    const { manifest } = verified;
    if (opts.json) {
      console.log(JSON.stringify({ ok: true, unitId: manifest.unitId, unitVersion: manifest.unitVersion, fingerprint: verified.fingerprint, files: manifest.files.length, expiresAt: manifest.expiresAt }, null, 2));
    } else {
      console.log(say(lang, 'cli.verify.ok', { unit: manifest.unitId, version: manifest.unitVersion, files: manifest.files.length, fingerprint: verified.fingerprint }));
    }
    return 0;
  } catch (err) {
    if (opts.json && err instanceof PackageError) {
      console.log(JSON.stringify({ ok: false, code: err.code, message: err.localized }, null, 2));
      return 1;
    }
    return report(err, lang);
  }
}

export async function publishCommand(dir: string, opts: { key: string; out: string; name: string }, lang: Language): Promise<number> {
  try {
    const key = await loadSigningKey(resolve(opts.key));
    const { publishCatalog } = await import('../classroom/catalog');
    const { catalog, updated } = await publishCatalog(resolve(dir), resolve(opts.out), { key, name: opts.name, now: new Date() });
    console.log(say(lang, 'cli.publish.done', { count: catalog.units.length, dir: resolve(opts.out), updated: updated.length, fingerprint: key.fingerprint }));
    return 0;
  } catch (err) {
    return report(err, lang);
  }
}

export async function subscribeCommand(url: string, opts: { key: string; unitsDir: string }, lang: Language): Promise<number> {
  try {
    const { syncCatalog, CatalogError } = await import('../classroom/catalog');
    try {
      const result = await syncCatalog(url, resolve(opts.unitsDir), { pinnedKey: opts.key, now: new Date() });
      console.log(say(lang, 'cli.subscribe.done', { name: result.catalog.name, installed: result.installed.length, refused: result.refused.length }));
      for (const r of result.refused) console.log(say(lang, 'cli.subscribe.refused', { unit: r.unitId, message: r.message[lang] }));
      return result.refused.length > 0 ? 1 : 0;
    } catch (err) {
      if (err instanceof CatalogError) {
        console.error(err.localized[lang]);
        return 1;
      }
      throw err;
    }
  } catch (err) {
    return report(err, lang);
  }
}
