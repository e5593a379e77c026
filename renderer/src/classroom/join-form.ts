/**
 * Checks what a student typed into "Join class" before anything reaches the host, naming the first field that is
 * wrong (the host checks again with the contract's schema). The fingerprint is optional: typed, it pins the
 * teacher's key (a different key refuses the join); empty, the key is pinned on first use.
 */
export interface JoinInput {
  readonly url: string;
  readonly joinCode: string;
  readonly nickname: string;
  readonly fingerprint: string;
}

export type JoinCheck =
  | { ok: true; params: { url: string; joinCode: string; nickname: string; fingerprint?: string } }
  | { ok: false; field: 'url' | 'joinCode' | 'nickname' | 'fingerprint'; key: string };

export function checkJoinInput(input: JoinInput): JoinCheck {
  let url: URL | null = null;
  try {
    url = new URL(input.url.trim());
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname || input.url.length > 300) {
    return { ok: false, field: 'url', key: 'join.badUrl' };
  }
  const joinCode = input.joinCode.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(joinCode)) return { ok: false, field: 'joinCode', key: 'join.badCode' };
  const nickname = input.nickname.trim();
  if (nickname.length < 1 || [...nickname].length > 24) return { ok: false, field: 'nickname', key: 'join.badNickname' };
  const fingerprint = input.fingerprint.replace(/\s+/g, '').toUpperCase();
  if (fingerprint && !/^[0-9A-F]{20}$/.test(fingerprint)) return { ok: false, field: 'fingerprint', key: 'join.badFingerprint' };
  return { ok: true, params: { url: url.href, joinCode, nickname, ...(fingerprint ? { fingerprint: input.fingerprint.trim() } : {}) } };
}
