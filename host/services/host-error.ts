/**
 * Host errors: every failure a service reports is a `HostError` `{ code, params, message }`. `code` is a key under
 * `error.` in the `host` i18n namespace (the renderer shows `host:error.<code>` in the user's language); `message` is
 * English for logs.
 */
import type { HostError } from '../../core/contracts/host';
import { translate } from '../../core/i18n';

/** Every code a host error can carry; each has `error.<code>` in both languages of the `host` namespace. */
export const HOST_ERROR_CODES = [
  'fileNotFound',
  'notAFile',
  'notAProjectFile',
  'pathOutsideProjects',
  'badFileName',
  'folderNotFound',
  'projectTooLarge',
  'projectNotJson',
  'projectWrongFormat',
  'projectTooNew',
  'projectInvalid',
  'readFailed',
  'saveFailed',
  'draftNotFound',
  'versionNotFound',
  'dialogUnavailable',
  'unknownMethod',
  'invalidParams',
  'badFrame',
  'busy',
  'internal',
  // Live mode (host/services/live-service.ts): `detail` is the driver's message in the language the page asked for.
  'deviceBadSpec',
  'deviceUnavailable',
  'deviceConnectFailed',
  'deviceNotConnected',
  'liveKitMismatch',
  'liveRunning',
  'liveProgramErrors',
  'serialFailed',
  'serialNotOpen',
  'flashFailed',
  'flashPortBusy',
  // Lesson player (host/services/lessons-service.ts).
  'unitNotFound',
  'lessonNotFound',
  'pathOutsideUnit',
  'unitFileType',
  'unitFileTooLarge',
  'progressTooLarge',
  // Classroom (host/services/classroom-service.ts). `classroom` carries the message in both languages.
  'classroom',
  'pinRequired',
  'pinWrong',
  'pinLocked',
  'pinNotSet',
  'classRunning',
  'classNotRunning',
  'classNotJoined',
  'handInNotFound',
  'catalogNotSubscribed',
] as const;
export type HostErrorCode = (typeof HOST_ERROR_CODES)[number];

type Params = Record<string, string | number>;

/** Thrown inside the host; transports send `toJSON()` (plain data, never the class) across the boundary. */
export class HostException extends Error implements HostError {
  readonly code: HostErrorCode;
  readonly params: Params;

  constructor(code: HostErrorCode, params: Params = {}) {
    super(translate('en', 'host', `error.${code}`, params));
    this.name = 'HostException';
    this.code = code;
    this.params = params;
  }

  toJSON(): HostError {
    return { code: this.code, params: { ...this.params }, message: this.message };
  }
}

/** Any thrown value as a plain `HostError`; unknown failures become `internal` with their message as detail. */
export function toHostError(err: unknown): HostError {
  if (err instanceof HostException) return err.toJSON();
  const detail = err instanceof Error ? err.message : String(err);
  return new HostException('internal', { detail: detail.slice(0, 500) }).toJSON();
}

/** True for a Node system error with the given `code` (ENOENT, EEXIST …). */
export function isErrno(err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === code;
}

/** Short text of a Node error for `detail` params (its errno code when it has one). */
export function errnoDetail(err: unknown): string {
  if (typeof err === 'object' && err !== null && typeof (err as { code?: unknown }).code === 'string') return (err as { code: string }).code;
  return err instanceof Error ? err.message : String(err);
}
