/**
 * Teacher signing keys: ed25519 through Node's crypto. The private key stays on the teacher PC (PKCS#8 PEM, mode
 * 0600); students pin the public key by its fingerprint, which the projector shows at the start of class.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { promises as fs } from 'node:fs';

export interface SigningKey {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** Raw 32-byte public key, base64 (what a manifest carries). */
  readonly publicKeyBase64: string;
  readonly fingerprint: string;
}

/** Raw 32-byte ed25519 public key of a KeyObject, base64. */
export function rawPublicKey(publicKey: KeyObject): string {
  const jwk = publicKey.export({ format: 'jwk' }) as { kty?: string; crv?: string; x?: string };
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || !jwk.x) throw new Error('not an ed25519 public key');
  return Buffer.from(jwk.x, 'base64url').toString('base64');
}

/** A KeyObject from a raw 32-byte public key in base64; throws on anything else. */
export function publicKeyFromRaw(base64: string): KeyObject {
  const raw = Buffer.from(base64, 'base64');
  if (raw.length !== 32) throw new Error('an ed25519 public key is 32 bytes');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
}

/**
 * Fingerprint of a raw public key as people read it off a projector: the first 80 bits of its SHA-256 in five
 * groups of four hex digits, e.g. `3F2A 9C01 77B0 E4D2 0A19`. Short enough to compare aloud, long enough that
 * nobody makes a key with the same fingerprint.
 */
export function fingerprintOf(publicKeyBase64: string): string {
  const hex = createHash('sha256').update(Buffer.from(publicKeyBase64, 'base64')).digest('hex').slice(0, 20).toUpperCase();
  return hex.match(/.{4}/g)!.join(' ');
}

function toSigningKey(privateKey: KeyObject): SigningKey {
  const publicKey = createPublicKey(privateKey);
  const publicKeyBase64 = rawPublicKey(publicKey);
  return { privateKey, publicKey, publicKeyBase64, fingerprint: fingerprintOf(publicKeyBase64) };
}

export function generateSigningKey(): SigningKey {
  return toSigningKey(generateKeyPairSync('ed25519').privateKey);
}

/** Writes the private key as PKCS#8 PEM, readable by its owner only; refuses to overwrite an existing key. */
export async function saveSigningKey(key: SigningKey, file: string): Promise<void> {
  const pem = key.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
  await fs.writeFile(file, pem, { mode: 0o600, flag: 'wx' });
}

export async function loadSigningKey(file: string): Promise<SigningKey> {
  const privateKey = createPrivateKey(await fs.readFile(file));
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`${file}: not an ed25519 private key`);
  return toSigningKey(privateKey);
}
