/**
 * The host contract: every request the renderer may make of the host, every event the host pushes, as zod schemas.
 * Carried by Electron IPC (preload exposes one function per verb on `window.lab`) and by WebSocket in browser
 * mode (`{ id, method, params }` → `{ id, ok, result | error }`). Both ends validate every message on arrival.
 *
 * Add a service by adding entries here; transports pick them up from `HOST_METHODS` without other changes.
 */
import { z } from 'zod';
import { ProjectSchema } from './project';
import { DEVICE_EVENTS, DEVICE_METHODS } from './devices';
import { LESSON_METHODS } from './lessons';
import { CLASS_EVENTS, CLASS_METHODS } from './classroom-host';

const ProjectPath = z.string().min(1).max(4096);

/** A project file the host knows: in the projects folder, recent list, or an autosave draft. */
export const ProjectEntrySchema = z.object({
  path: ProjectPath,
  title: z.string().max(200),
  modifiedAt: z.string().max(40),
  sizeBytes: z.number().int().nonnegative(),
});

export const VersionEntrySchema = z.object({
  id: z.string().max(200),
  savedAt: z.string().max(40),
  sizeBytes: z.number().int().nonnegative(),
});

/** Request and result schemas per method. Method names are `'<domain>.<verb>'`. */
export const HOST_METHODS = {
  'app.info': {
    params: z.object({}).strict(),
    result: z.object({ version: z.string(), shell: z.enum(['electron', 'browser']), platform: z.string(), projectsDir: z.string() }),
  },
  /** Projects in the projects folder, newest first. */
  'project.list': { params: z.object({}).strict(), result: z.array(ProjectEntrySchema) },
  'project.recent': { params: z.object({}).strict(), result: z.array(ProjectEntrySchema) },
  /** Open a project file; refuses malformed, future-version and oversized files with a `ProjectError`. */
  'project.open': { params: z.object({ path: ProjectPath }).strict(), result: z.object({ path: ProjectPath, project: ProjectSchema }) },
  /** Save (atomic: temp file, fsync, rename) and keep the previous content in the version history. `path` may be a
   *  bare file name, which the host places in the projects folder. */
  'project.save': { params: z.object({ path: ProjectPath, project: ProjectSchema }).strict(), result: ProjectEntrySchema },
  /** Native open/save dialogs (Electron only; the browser shell uses `project.list` and a name prompt). */
  'project.showOpenDialog': { params: z.object({}).strict(), result: z.object({ path: ProjectPath.nullable() }) },
  'project.showSaveDialog': { params: z.object({ suggestedName: z.string().max(200) }).strict(), result: z.object({ path: ProjectPath.nullable() }) },
  /** Autosave a draft of the open project (unsaved work) every few seconds; cleared on save or discard. */
  'project.autosave': { params: z.object({ draftId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), path: ProjectPath.nullable(), project: ProjectSchema }).strict(), result: z.object({ savedAt: z.string() }) },
  'project.discardDraft': { params: z.object({ draftId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }).strict(), result: z.object({}) },
  /** Drafts left by a session that did not close cleanly (crash recovery on next start). */
  'project.drafts': {
    params: z.object({}).strict(),
    result: z.array(z.object({ draftId: z.string(), path: ProjectPath.nullable(), title: z.string(), savedAt: z.string() })),
  },
  'project.openDraft': { params: z.object({ draftId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }).strict(), result: z.object({ path: ProjectPath.nullable(), project: ProjectSchema }) },
  'project.history': { params: z.object({ path: ProjectPath }).strict(), result: z.array(VersionEntrySchema) },
  'project.openVersion': { params: z.object({ path: ProjectPath, versionId: z.string().max(200) }).strict(), result: z.object({ project: ProjectSchema }) },
  /** Live mode: devices, live runs, serial monitor (./devices.ts). */
  ...DEVICE_METHODS,
  ...LESSON_METHODS,
  /** Classroom: teacher and student sides (./classroom-host.ts). */
  ...CLASS_METHODS,
} as const;

export type HostMethod = keyof typeof HOST_METHODS;
export type HostParams<M extends HostMethod> = z.input<(typeof HOST_METHODS)[M]['params']>;
export type HostResult<M extends HostMethod> = z.output<(typeof HOST_METHODS)[M]['result']>;

/** Errors the host returns; `code` is a key of the `host` i18n namespace, `params` fill its placeholders. */
export const HostErrorSchema = z.object({
  code: z.string().max(100),
  params: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
  message: z.string().max(2000),
});
export type HostError = z.infer<typeof HostErrorSchema>;

/** Events the host pushes to the renderer. */
export const HOST_EVENTS = {
  /** A file was opened from outside (double-click on a .ailab file, second instance, command line). */
  'project.openRequested': z.object({ path: ProjectPath }),
  ...DEVICE_EVENTS,
  ...CLASS_EVENTS,
} as const;
export type HostEvent = keyof typeof HOST_EVENTS;

/** WebSocket frames in browser mode. */
export const WsRequestSchema = z.object({ id: z.number().int().nonnegative(), method: z.string().max(100), params: z.unknown() }).strict();
export const WsResponseSchema = z.union([
  z.object({ id: z.number().int(), ok: z.literal(true), result: z.unknown() }),
  z.object({ id: z.number().int(), ok: z.literal(false), error: HostErrorSchema }),
  z.object({ event: z.string().max(100), payload: z.unknown() }),
]);

/** IPC channel for a method, e.g. `'project:open'` (STYLE.md: IPC channels are `'<domain>:<verb>'`). */
export function ipcChannel(method: HostMethod): string {
  return method.replace('.', ':');
}

/**
 * The host's services as one object: one async function per method of `HOST_METHODS`. `host/services` builds it;
 * Electron main wires it to IPC and `ailab serve` to the WebSocket. Params arrive already validated by the transport;
 * a failure rejects with a `HostError`-shaped value (`{ code, params, message }`).
 */
export type HostServices = { readonly [M in HostMethod]: (params: HostParams<M>) => Promise<HostResult<M>> };

/** Frames that carry no usable request id (malformed JSON, wrong shape) are answered with this id. */
export const WS_NO_ID = -1;
