/**
 * Pure helpers for project files in the renderer: display names, name validation for "Save as", and checking an
 * uploaded `.ailab` (browser mode) with the same rules the host applies on open (size cap, JSON, format, version,
 * schema), so a bad upload gives the same clear message and never replaces the open project.
 */
import { PROJECT_MAX_BYTES, PROJECT_SCHEMA_VERSION, ProjectSchema, type Project } from '../../../core/contracts/project';

/** File name without folders and without `.ailab`, e.g. `C:\\a\\小车.ailab` → `小车`. */
export function baseName(path: string): string {
  const last = path.split(/[\\/]/).pop() ?? path;
  return last.replace(/\.ailab$/i, '');
}

/** What the title bar shows for a project. */
export function displayName(path: string | null, project: Project, untitled: string): string {
  if (path) return baseName(path);
  return project.meta.title.trim() || untitled;
}

const FORBIDDEN = /[/\\:*?"<>|\u0000-\u001f]/;

/** A name typed into the "Save as" prompt → a bare file name for `project.save`, or null when unusable. */
export function fileNameFor(name: string): string | null {
  const trimmed = name.trim().replace(/\.ailab$/i, '').trim();
  if (!trimmed || trimmed.length > 120 || FORBIDDEN.test(trimmed) || trimmed === '.' || trimmed === '..') return null;
  return `${trimmed}.ailab`;
}

export type UploadCheck =
  | { ok: true; project: Project }
  | { ok: false; key: string; params: Record<string, string | number> };

/** Checks an uploaded file's text; `sizeBytes` is the file's size (checked before parsing). */
export function checkUpload(text: string, sizeBytes: number): UploadCheck {
  if (sizeBytes > PROJECT_MAX_BYTES) return { ok: false, key: 'project.error.uploadTooLarge', params: { sizeMb: (sizeBytes / 1048576).toFixed(1) } };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, key: 'project.error.uploadNotJson', params: {} };
  }
  if (!data || typeof data !== 'object' || (data as { format?: unknown }).format !== 'ailab-project') {
    return { ok: false, key: 'project.error.uploadInvalid', params: {} };
  }
  const version = (data as { schemaVersion?: unknown }).schemaVersion;
  if (typeof version === 'number' && version > PROJECT_SCHEMA_VERSION) {
    return { ok: false, key: 'project.error.uploadTooNew', params: { fileVersion: version } };
  }
  const parsed = ProjectSchema.safeParse(data);
  if (!parsed.success) return { ok: false, key: 'project.error.uploadInvalid', params: {} };
  return { ok: true, project: parsed.data };
}
