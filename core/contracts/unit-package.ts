/**
 * Signed unit packages: how a lesson unit travels from a teacher (or a district catalog) to a lab PC.
 *
 * A package is a zip file holding exactly:
 *   manifest.json   — this schema, UTF-8 JSON; the ed25519 signature covers these exact bytes
 *   manifest.sig    — the signature, base64
 *   unit/<path>     — every file of the unit folder, each listed in the manifest with its size and sha256
 * Nothing is written until the signature, the signer, every size and hash, every path, the version and the expiry
 * have been checked (host/classroom/unit-package.ts). Any file not in the manifest, or listed but missing, refuses the
 * whole package.
 */
import { z } from 'zod';

export const PACKAGE_FORMAT = 'ailab-unit-package';
export const PACKAGE_FORMAT_VERSION = 1;

/** Caps checked before anything is inflated (a zip bomb never gets the chance to expand). */
export const PACKAGE_CAPS = {
  /** The package file itself. */
  maxPackageBytes: 64 * 1024 * 1024,
  /** All unit files together, uncompressed. */
  maxTotalBytes: 128 * 1024 * 1024,
  maxFileBytes: 32 * 1024 * 1024,
  maxFiles: 2000,
  maxPathLength: 200,
} as const;

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i;

/**
 * Why a path inside a package is unsafe, or null when it is fine. Safe: relative, `/`-separated, no empty, `.` or
 * `..` segment, no drive letter or backslash, no control characters, no Windows-reserved names, not too long.
 */
export function unsafePathReason(path: string): 'absolute' | 'parent' | 'drive' | 'backslash' | 'empty' | 'control' | 'reserved' | 'tooLong' | null {
  if (path.length === 0) return 'empty';
  if (path.length > PACKAGE_CAPS.maxPathLength) return 'tooLong';
  if (path.startsWith('/')) return 'absolute';
  if (/^[A-Za-z]:/.test(path)) return 'drive';
  if (path.includes('\\')) return 'backslash';
  if (/[\u0000-\u001f\u007f]/.test(path)) return 'control';
  const segments = path.split('/');
  if (segments.some((s) => s === '..')) return 'parent';
  if (segments.some((s) => s === '' || s === '.')) return 'empty';
  if (segments.some((s) => WINDOWS_RESERVED.test(s) || /[<>:"|?*]/.test(s) || /[. ]$/.test(s))) return 'reserved';
  return null;
}

export const ManifestFileSchema = z.object({
  path: z.string().min(1).max(PACKAGE_CAPS.maxPathLength),
  size: z.number().int().min(0).max(PACKAGE_CAPS.maxFileBytes),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const PackageManifestSchema = z
  .object({
    format: z.literal(PACKAGE_FORMAT),
    formatVersion: z.literal(PACKAGE_FORMAT_VERSION),
    unitId: z.string().regex(/^[a-z0-9][a-z0-9-]{1,59}$/),
    /** Increases with every release of the unit; an installed newer version refuses an older package. */
    unitVersion: z.number().int().min(1),
    title: z.object({ 'zh-CN': z.string().max(200), en: z.string().max(200) }),
    createdAt: z.string().datetime(),
    /** After this moment the package is refused (a class's packages should not live for ever). */
    expiresAt: z.string().datetime().nullable(),
    /** The signer's ed25519 public key, raw 32 bytes as base64 (its fingerprint is what the projector shows). */
    signerPublicKey: z.string().regex(/^[A-Za-z0-9+/]{43}=$/),
    files: z.array(ManifestFileSchema).min(1).max(PACKAGE_CAPS.maxFiles),
  })
  .strict();

export type PackageManifest = z.infer<typeof PackageManifestSchema>;
export type ManifestFile = z.infer<typeof ManifestFileSchema>;
