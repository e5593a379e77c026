/**
 * The app shell: toolbar (project menu, run controls, speed, arena, camera, language, theme), the Blockly
 * workspace on the left, the 3D stage + code view + watch/log on the right, and the project dialogs.
 *
 * Project state: the open document is `{ path, project }` plus the workspace JSON last saved (`savedJson`); the
 * project is "dirty" when the live workspace (or kit/arena) differs from what was saved. Unsaved work is autosaved
 * as a draft every AUTOSAVE_MS through `project.autosave` and offered back on the next start (crash recovery).
 *
 * Test hook (for e2e tests and browser benchmarks only): `window.__ailab` gains `workspaceJson()`,
 * `loadWorkspace(json)`, `run()`, `flyoutBlockRect(type)`, `blockRect(id)`, `topBlocks()`, merged with the
 * SimController's hook (`snapshot()`, `state()`, `stateHash()`, …).
 */
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import * as Blockly from 'blockly';
import { fromBlockly } from '../../core/program';
import { toJavaScript, toPython } from '../../core/codegen';
import { newProject, type Project, type TargetKitName } from '../../core/contracts/project';
import type { HostResult } from '../../core/contracts/host';
import type { Language } from '../../core/i18n';
import type { Value } from '../../core/program/ir';
import type { RuntimeEvent } from '../../core/runtime/types';
import type { SimRunState } from '../../core/contracts/sim-worker';
import { HostCallError, type HostClient } from './host-client';
import { rememberLanguage } from './i18n';
import { BlocklyEditor, type EditorHandle, type WorkspaceJson } from './editor/BlocklyEditor';
import { CodeView, type GeneratedCode } from './editor/CodeView';
import { WatchPanel, type LogLine } from './editor/WatchPanel';
import { THEME_NAMES, type ThemeName } from './editor/blockly-setup';
import { checkUpload, displayName } from './projects/project-files';
import { formatTime, HistoryDialog, NewProjectDialog, OpenProjectDialog, RestoreDialog, SaveAsDialog, UnsavedDialog } from './projects/ProjectDialogs';
import { SimController } from './sim/sim-controller';
import { DevicePanel } from './devices/DevicePanel';
import { DeviceSession } from './devices/device-session';
import { ARENAS } from '../../core/sim/arenas';
import type { CameraMode } from './stage';
import { LessonPlayer } from './lessons/LessonPlayer';
import { ClassroomLayer, type ClassroomEditor } from './classroom/ClassroomLayer';
import { replayLessonMoment } from './lessons/replay';
import type { Lesson } from '../../core/lessons/unit-schema';
import { AiPanel } from './ai/AiPanel';
import { QTableView } from './ai/QTableView';
import { TokenizerPanel } from './ai/TokenizerPanel';
import { aiStateKey } from './ai/ai-state-key';
import { deviceLiveReadings, liveReadings } from './ai/live-readings';
import type { AiState, SavedModel } from '../../core/ai/contracts';

// The stage and its toolbar pieces bring three.js (~0.5 MB); they load in their own chunk after the editor, so the
// first interactive editor does not wait for three.js to be parsed.
const stageModule = () => import('./stage');
const Stage = lazy(() => stageModule().then((m) => ({ default: m.Stage })));
const ArenaPicker = lazy(() => stageModule().then((m) => ({ default: m.ArenaPicker })));
const CameraPicker = lazy(() => stageModule().then((m) => ({ default: m.CameraPicker })));
const ResetButton = lazy(() => stageModule().then((m) => ({ default: m.ResetButton })));
const SpeedButtons = lazy(() => stageModule().then((m) => ({ default: m.SpeedButtons })));

const APP_VERSION = '0.1.0';
/** Unsaved work is written as a draft this often (ms); a crash loses at most this much. */
const AUTOSAVE_MS = 3000;
/** Code view regenerates this long after the last block change (ms). */
const CODE_DEBOUNCE_MS = 250;
const THEME_STORAGE_KEY = 'ailab.theme';

type Dialog =
  | { kind: 'none' }
  | { kind: 'new' }
  | { kind: 'open'; projects: HostResult<'project.list'>; recent: HostResult<'project.recent'> }
  | { kind: 'saveAs'; then?: () => void }
  | { kind: 'unsaved'; then: () => void }
  | { kind: 'restore'; drafts: HostResult<'project.drafts'> }
  | { kind: 'history'; versions: HostResult<'project.history'> | null };

interface Doc {
  readonly path: string | null;
  readonly project: Project;
  /** Stable JSON of the workspace + kit + arena as last saved/opened; compared to detect unsaved changes. */
  readonly savedKey: string;
}

function nowIso(): string {
  return new Date().toISOString();
}

function newDraftId(): string {
  return `d${Date.now().toString(36)}${Math.floor(Math.random() * 1e9).toString(36)}`;
}

function storedTheme(): ThemeName {
  try {
    const v = localStorage.getItem(THEME_STORAGE_KEY);
    if (v && (THEME_NAMES as readonly string[]).includes(v)) return v as ThemeName;
  } catch {
    // default below
  }
  return 'classic';
}

function docKey(workspace: WorkspaceJson, project: Project): string {
  // The AI state (datasets, models) is keyed by identity: it is replaced, never changed in place.
  return JSON.stringify([project.target, project.sim.arenaId, aiStateKey(project), workspace]);
}

export function App(props: { host: HostClient; i18n: I18n; initialLanguage: Language }) {
  const { host } = props;
  const { t } = useTranslation('app');
  const [language, setLanguage] = useState<Language>(props.initialLanguage);
  const [theme, setTheme] = useState<ThemeName>(storedTheme);
  const [doc, setDoc] = useState<Doc>(() => {
    const project = newProject('robot', nowIso(), APP_VERSION);
    return { path: null, project, savedKey: docKey({}, project) };
  });
  const [liveKey, setLiveKey] = useState<string>(doc.savedKey);
  const [dialog, setDialog] = useState<Dialog>({ kind: 'none' });
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [code, setCode] = useState<GeneratedCode | null>(null);
  const [runState, setRunState] = useState<SimRunState>('idle');
  const [camera, setCamera] = useState<CameraMode>('orbit');
  const [variables, setVariables] = useState<Record<string, Value>>({});
  const [log, setLog] = useState<LogLine[]>([]);
  const [ready, setReady] = useState(false);

  const editorRef = useRef<EditorHandle>(null);
  const draftIdRef = useRef<string>(newDraftId());
  const lastDraftKeyRef = useRef<string>('');
  const docRef = useRef(doc);
  docRef.current = doc;
  const workspaceRef = useRef<WorkspaceJson>({});
  const logIdRef = useRef(0);
  const languageRef = useRef(language);
  languageRef.current = language;
  const runErrorsRef = useRef<RuntimeEvent[]>([]);

  const closeDialog = useCallback(() => setDialog({ kind: 'none' }), []);
  const dirty = liveKey !== doc.savedKey;
  const name = displayName(doc.path, doc.project, t('project.untitled'));
  const kit = doc.project.target;

  const sim = useMemo(() => new SimController({ exposeTestHook: true }), []);
  useEffect(() => () => sim.dispose(), [sim]);

  // ---- errors ---------------------------------------------------------------------------------------------
  const describe = useCallback(
    (e: unknown): string => {
      if (e instanceof HostCallError) {
        const ns = e.code.startsWith('client') ? 'app' : 'host';
        const key = ns === 'app' ? `app.error.${e.code}` : `error.${e.code}`;
        return props.i18n.t(key, { ns, ...e.params, defaultValue: e.message });
      }
      return t('app.error.unexpected', { detail: e instanceof Error ? e.message : String(e) });
    },
    [props.i18n, t],
  );
  const fail = useCallback((e: unknown) => {
    console.warn('[App]', e);
    setError(describe(e));
  }, [describe]);

  // ---- title ----------------------------------------------------------------------------------------------
  useEffect(() => {
    document.title = `${dirty ? '● ' : ''}${name}${dirty ? ` ${t('project.unsavedMarker')}` : ''} — ${t('app.name')}`;
  }, [name, dirty, t]);

  // ---- language & theme -----------------------------------------------------------------------------------
  const switchLanguage = useCallback(() => {
    const next: Language = languageRef.current === 'zh-CN' ? 'en' : 'zh-CN';
    void props.i18n.changeLanguage(next);
    rememberLanguage(next);
    document.documentElement.lang = next;
    setLanguage(next);
  }, [props.i18n]);
  useEffect(() => {
    try {
      localStorage.setItem(THEME_STORAGE_KEY, theme);
    } catch {
      // not remembered
    }
    document.body.dataset.theme = theme;
  }, [theme]);
  // Runtime errors are shown in the current language: re-apply them after a language switch.
  useEffect(() => {
    showRunErrors();
  }, [language]);

  // ---- workspace changes → dirty + code view --------------------------------------------------------------
  const codeTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const regenerate = useCallback((json: WorkspaceJson, target: TargetKitName) => {
    if (codeTimer.current) clearTimeout(codeTimer.current);
    codeTimer.current = setTimeout(() => {
      try {
        const { program } = fromBlockly(json, target);
        setCode({ javascript: toJavaScript(program, languageRef.current), python: toPython(program, languageRef.current) });
      } catch (e) {
        console.warn('[App] code view failed', e);
      }
    }, CODE_DEBOUNCE_MS);
  }, []);
  // The code view's header comment is in the UI language: regenerate after a language switch.
  useEffect(() => {
    regenerate(workspaceRef.current, docRef.current.project.target);
  }, [language, regenerate]);

  const onWorkspaceChange = useCallback((json: WorkspaceJson) => {
    workspaceRef.current = json;
    setLiveKey(docKey(json, docRef.current.project));
    regenerate(json, docRef.current.project.target);
  }, [regenerate]);

  const discardOwnDraft = useCallback(() => {
    void host.call('project.discardDraft', { draftId: draftIdRef.current }).catch(() => undefined);
    draftIdRef.current = newDraftId();
  }, [host]);

  /** Puts a document into the editor; `dirtyFromStart` marks restored drafts / old versions as unsaved. */
  const openDoc = useCallback((path: string | null, project: Project, dirtyFromStart = false) => {
    // The work being replaced was either saved or given up by the student: its draft goes.
    discardOwnDraft();
    editorRef.current?.load(project.workspace as WorkspaceJson);
    const json = editorRef.current?.save() ?? {};
    workspaceRef.current = json;
    const key = docKey(json, project);
    setDoc({ path, project, savedKey: dirtyFromStart ? '' : key });
    setLiveKey(key);
    lastDraftKeyRef.current = dirtyFromStart ? '' : key;
    runErrorsRef.current = [];
    setLog([]);
    setVariables({});
    sim.stop();
    regenerate(json, project.target);
    editorRef.current?.zoomToFit();
  }, [discardOwnDraft, regenerate, sim]);

  /** The project as it would be saved now. */
  const currentProject = useCallback((): Project => {
    const d = docRef.current;
    return { ...d.project, workspace: workspaceRef.current, meta: { ...d.project.meta, modifiedAt: nowIso(), appVersion: APP_VERSION } };
  }, []);

  // ---- save -----------------------------------------------------------------------------------------------
  const saveTo = useCallback(async (path: string): Promise<boolean> => {
    try {
      const project = currentProject();
      const title = project.meta.title || path.split(/[\\/]/).pop()!.replace(/\.ailab$/i, '');
      const toSave = { ...project, meta: { ...project.meta, title } };
      const entry = await host.call('project.save', { path, project: toSave });
      const key = docKey(toSave.workspace as WorkspaceJson, toSave);
      setDoc({ path: entry.path, project: toSave, savedKey: key });
      lastDraftKeyRef.current = key;
      await host.call('project.discardDraft', { draftId: draftIdRef.current }).catch(() => undefined);
      setNotice(t('project.saved', { name: entry.title || title }));
      document.body.dataset.savedPath = entry.path;
      return true;
    } catch (e) {
      fail(e);
      return false;
    }
  }, [currentProject, fail, host, t]);

  const saveAs = useCallback(async (then?: () => void) => {
    if (host.kind === 'electron') {
      try {
        const { path } = await host.call('project.showSaveDialog', { suggestedName: `${name}.ailab` });
        if (path && (await saveTo(path))) then?.();
      } catch (e) {
        fail(e);
      }
      return;
    }
    setDialog({ kind: 'saveAs', then });
  }, [fail, host, name, saveTo]);

  const save = useCallback(async (then?: () => void) => {
    const path = docRef.current.path;
    if (path) {
      if (await saveTo(path)) then?.();
    } else await saveAs(then);
  }, [saveAs, saveTo]);

  // ---- unsaved-changes guard ------------------------------------------------------------------------------
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;
  const guard = useCallback((action: () => void) => {
    if (dirtyRef.current) setDialog({ kind: 'unsaved', then: action });
    else action();
  }, []);
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (!dirtyRef.current) return;
      e.preventDefault();
      e.returnValue = t('project.unsaved.beforeUnload');
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [t]);

  // ---- autosave drafts ------------------------------------------------------------------------------------
  useEffect(() => {
    const timer = setInterval(() => {
      if (!dirtyRef.current) return;
      const project = currentProject();
      const key = docKey(project.workspace as WorkspaceJson, project);
      if (key === lastDraftKeyRef.current) return;
      host
        .call('project.autosave', { draftId: draftIdRef.current, path: docRef.current.path, project })
        .then((r) => {
          lastDraftKeyRef.current = key;
          document.body.dataset.draftSavedAt = r.savedAt;
          setNotice(t('project.draftSaved', { time: formatTime(r.savedAt, languageRef.current) }));
        })
        .catch((e) => console.warn('[App] autosave failed', e));
    }, AUTOSAVE_MS);
    return () => clearInterval(timer);
  }, [currentProject, host, t]);

  // ---- project actions ------------------------------------------------------------------------------------

  const createNew = useCallback((target: TargetKitName) => {
    setDialog({ kind: 'none' });
    openDoc(null, newProject(target, nowIso(), APP_VERSION));
  }, [openDoc]);

  const openPath = useCallback(async (path: string) => {
    try {
      const r = await host.call('project.open', { path });
      setDialog({ kind: 'none' });
      openDoc(r.path, r.project);
    } catch (e) {
      fail(e);
    }
  }, [fail, host, openDoc]);

  const showOpen = useCallback(async () => {
    try {
      const [projects, recent] = await Promise.all([host.call('project.list', {}), host.call('project.recent', {})]);
      setDialog({ kind: 'open', projects, recent });
    } catch (e) {
      fail(e);
    }
  }, [fail, host]);

  const openNative = useCallback(async () => {
    try {
      const { path } = await host.call('project.showOpenDialog', {});
      if (path) await openPath(path);
    } catch (e) {
      fail(e);
    }
  }, [fail, host, openPath]);

  const showHistory = useCallback(async () => {
    const path = docRef.current.path;
    if (!path) {
      setDialog({ kind: 'history', versions: null });
      return;
    }
    try {
      setDialog({ kind: 'history', versions: await host.call('project.history', { path }) });
    } catch (e) {
      fail(e);
    }
  }, [fail, host]);

  const openVersion = useCallback(async (versionId: string, savedAt: string) => {
    const path = docRef.current.path;
    if (!path) return;
    try {
      const r = await host.call('project.openVersion', { path, versionId });
      setDialog({ kind: 'none' });
      openDoc(path, r.project, true);
      setNotice(t('project.history.openedVersion', { time: formatTime(savedAt, languageRef.current) }));
    } catch (e) {
      fail(e);
    }
  }, [fail, host, openDoc, t]);

  const restoreDraft = useCallback(async (draftId: string) => {
    try {
      const r = await host.call('project.openDraft', { draftId });
      setDialog({ kind: 'none' });
      openDoc(r.path, r.project, true);
      // Keep writing into the same draft so it is replaced, not duplicated, until the work is saved.
      draftIdRef.current = draftId;
    } catch (e) {
      fail(e);
    }
  }, [fail, host, openDoc]);

  const discardDrafts = useCallback(async (drafts: HostResult<'project.drafts'>) => {
    setDialog({ kind: 'none' });
    await Promise.all(drafts.map((d) => host.call('project.discardDraft', { draftId: d.draftId }).catch(() => undefined)));
  }, [host]);

  const download = useCallback(() => {
    const blob = new Blob([JSON.stringify(currentProject(), null, 2)], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `${name}.ailab`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  }, [currentProject, name]);

  const uploadRef = useRef<HTMLInputElement>(null);
  const onUpload = useCallback(async (file: File | undefined) => {
    if (!file) return;
    const check = checkUpload(await file.text(), file.size);
    if (!check.ok) {
      setError(t(check.key, check.params));
      return;
    }
    setDialog({ kind: 'none' });
    openDoc(null, { ...check.project, meta: { ...check.project.meta, title: check.project.meta.title || file.name.replace(/\.ailab$/i, '') } }, true);
  }, [openDoc, t]);

  const setKit = useCallback((target: TargetKitName) => {
    setDoc((d) => {
      // Keep the arena if it suits the new kit, else take the kit's first arena (a drone has no line track).
      const suits = ARENAS.filter((a) => a.kits.includes(target)).map((a) => a.id);
      const arenaId = suits.includes(d.project.sim.arenaId) ? d.project.sim.arenaId : (suits[0] ?? d.project.sim.arenaId);
      const project = { ...d.project, target, sim: { ...d.project.sim, arenaId } };
      setLiveKey(docKey(workspaceRef.current, project));
      regenerate(workspaceRef.current, target);
      return { ...d, project };
    });
  }, [regenerate]);

  // The AI panel's edits (relabel, delete, import …) replace the project's datasets/models: unsaved until saved.
  const setAi = useCallback((ai: AiState) => {
    setDoc((d) => {
      // Same arrays, not copies: undoing back to the saved state must give the saved key (ai/ai-state-key.ts).
      const project = { ...d.project, datasets: ai.datasets as Project['datasets'], models: ai.models as unknown as Project['models'] };
      setLiveKey(docKey(workspaceRef.current, project));
      return { ...d, project };
    });
  }, []);
  const aiState = useMemo<AiState>(() => ({ datasets: doc.project.datasets, models: doc.project.models as unknown as SavedModel[] }), [doc.project.datasets, doc.project.models]);

  const setArena = useCallback((arenaId: string) => {
    setDoc((d) => {
      const project = { ...d.project, sim: { ...d.project.sim, arenaId } };
      setLiveKey(docKey(workspaceRef.current, project));
      return { ...d, project };
    });
  }, []);

  // Show the kit at its start pose in the chosen arena before anything runs: load the current program (not run)
  // whenever the arena or the kit changes while nothing is running.
  // The first load happens before the app reports itself ready (tests and benchmarks load their own programs
  // right after), then again on each later arena or kit change.
  const arenaId = doc.project.sim.arenaId;
  const shownRef = useRef('');
  const showStartPose = useCallback((initial: boolean) => {
    const d = docRef.current;
    shownRef.current = `${d.project.sim.arenaId}|${d.project.target}`;
    if (sim.state === 'running' || sim.state === 'paused') return;
    // At start, a program someone already loaded (a test or benchmark through `window.__ailab`) is left alone.
    if (initial && sim.loaded) return;
    sim.load(fromBlockly(workspaceRef.current, d.project.target).program, d.project.sim.arenaId, d.project.sim.seed, undefined, { datasets: d.project.datasets, models: d.project.models });
  }, [sim]);
  useEffect(() => {
    if (!ready || shownRef.current === `${arenaId}|${kit}`) return;
    showStartPose(false);
  }, [ready, arenaId, kit, showStartPose]);

  // ---- run ------------------------------------------------------------------------------------------------
  const addLog = useCallback((kind: LogLine['kind'], timeMs: number, text: string) => {
    setLog((l) => [...l.slice(-199), { id: ++logIdRef.current, kind, timeMs, text }]);
  }, []);

  function showRunErrors(): void {
    const lang = languageRef.current;
    editorRef.current?.showMessages(
      runErrorsRef.current.flatMap((e) => (e.type === 'error' ? [{ blockId: e.error.blockId, text: t('run.errorOnBlock', { time: (e.timeMs / 1000).toFixed(2), message: e.error.message[lang] }) }] : [])),
    );
  }

  // Live mode: the device panel's host session (connection, readings, live runs on a real kit).
  const devices = useMemo(() => new DeviceSession(host), [host]);
  useEffect(() => () => devices.dispose(), [devices]);
  // The data panel records by hand from the real kit while one is connected, else from the latest simulator snapshot.
  const readingsNow = useCallback(
    () => (devices.status.state === 'connected' ? deviceLiveReadings(devices.values) : liveReadings(sim.latestSnapshot)),
    [sim, devices],
  );
  const readingsFrom = useCallback(() => (devices.status.state === 'connected' ? devices.status.label || devices.status.spec : null), [devices]);

  // Runtime events of a simulated run and of a live run on a device are shown alike (highlights, log, errors).
  useEffect(() => {
    const onEvent = (e: RuntimeEvent) => {
      switch (e.type) {
        case 'highlight':
          editorRef.current?.highlight(e.blockIds);
          break;
        case 'log':
          addLog('log', e.timeMs, e.text);
          break;
        case 'error':
          runErrorsRef.current.push(e);
          addLog('error', e.timeMs, e.error.message[languageRef.current]);
          showRunErrors();
          break;
        case 'stopped':
          editorRef.current?.highlight([]);
          break;
        default:
          break;
      }
    };
    const offEvent = sim.onRuntimeEvent(onEvent);
    const offLive = devices.onRuntimeEvent(onEvent);
    const offState = sim.onStateChange((s) => setRunState(s.state));
    // The watch panel: the sim worker reports variables when they change (at most at display rate).
    const offVars = sim.onVariables((v) => setVariables(v));
    return () => {
      offEvent();
      offLive();
      offState();
      offVars();
    };
  }, [sim, addLog, devices]);

  // Samples recorded and models trained by AI blocks go into the project (unsaved until saved, like panel edits).
  useEffect(() => sim.onAiState((ai) => setAi(ai)), [sim, setAi]);
  useEffect(() => devices.onAiState((ai) => setAi(ai)), [devices, setAi]);

  /** Before a live run: the simulator stops and the log starts afresh, as for a simulated run. */
  const onWillRunLive = useCallback(() => {
    sim.stop();
    runErrorsRef.current = [];
    editorRef.current?.showMessages([]);
    setLog([]);
  }, [sim]);

  const run = useCallback(() => {
    const json = editorRef.current?.save() ?? workspaceRef.current;
    const d = docRef.current;
    const { program, diagnostics } = fromBlockly(json, d.project.target);
    runErrorsRef.current = [];
    editorRef.current?.showMessages(
      diagnostics.filter((x) => x.blockId).map((x) => ({ blockId: x.blockId, text: x.message[languageRef.current] })),
    );
    setLog([]);
    if (program.scripts.length === 0) {
      addLog('info', 0, t('run.noScripts'));
      return;
    }
    // The run starts from the project's datasets and models; what AI blocks change comes back via onAiState.
    sim.load(program, d.project.sim.arenaId, d.project.sim.seed, undefined, { datasets: d.project.datasets, models: d.project.models });
    sim.run();
  }, [addLog, sim, t]);

  // ---- lessons (renderer/src/lessons) ------------------------------------------------------------------------
  const [lessonsOpen, setLessonsOpen] = useState(false);
  const [lessonToolbox, setLessonToolbox] = useState<readonly string[] | null>(null);
  // Resolves once the program is in the editor; never, if the student cancels the "unsaved changes" question.
  const openLessonProgram = useCallback((project: Project, toolbox: readonly string[] | null) => new Promise<void>((resolve) => {
    guard(() => {
      openDoc(null, project);
      setLessonToolbox(toolbox);
      resolve();
    });
  }), [guard, openDoc]);
  const replayLesson = useCallback((project: Project, lesson: Lesson, atMs: number) => {
    void replayLessonMoment(sim, project, lesson, atMs);
  }, [sim]);
  // The player tells the student when a real kit is connected (their program can run on it from the device panel).
  const [connectedKit, setConnectedKit] = useState<{ label: string; kit: TargetKitName | null } | null>(null);
  useEffect(() => devices.onDidChange(() => {
    const s = devices.status;
    setConnectedKit((prev) => {
      const next = s.state === 'connected' ? { label: s.label, kit: s.kit } : null;
      return prev?.label === next?.label && prev?.kit === next?.kit ? prev : next;
    });
  }), [devices]);

  // ---- classroom (renderer/src/classroom): hand-ins open read-only; "eyes up" locks the editor ----------------
  const [classOpen, setClassOpen] = useState(false);
  const [readOnly, setReadOnly] = useState({ handIn: false, eyesUp: false });
  useEffect(() => {
    editorRef.current?.workspace()?.setIsReadOnly(readOnly.handIn || readOnly.eyesUp);
  }, [readOnly]);
  const classroomEditor = useMemo<ClassroomEditor>(() => ({
    openReadOnly: (project) => new Promise<void>((resolve) => guard(() => {
      openDoc(null, project);
      setReadOnly((r) => ({ ...r, handIn: true }));
      resolve();
    })),
    closeReadOnly: () => {
      setReadOnly((r) => ({ ...r, handIn: false }));
      openDoc(null, newProject(docRef.current.project.target, nowIso(), APP_VERSION));
    },
    setLocked: (locked) => setReadOnly((r) => ({ ...r, eyesUp: locked })),
  }), [guard, openDoc]);

  const stop = useCallback(() => {
    sim.stop();
    editorRef.current?.highlight([]);
    // The toolbar's Stop also stops a program running on a real kit: a student reaches for the nearest Stop.
    if (devices.status.run !== 'idle') void devices.stop(false).catch(fail);
  }, [sim, devices, fail]);

  // ---- keyboard -------------------------------------------------------------------------------------------
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if (!mod) return;
      const k = e.key.toLowerCase();
      if (k === 's') {
        e.preventDefault();
        if (e.shiftKey) void saveAs();
        else void save();
        return;
      }
      // Blockly handles undo/redo itself while the workspace has focus (and marks the event handled).
      if (e.defaultPrevented) return;
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable)) return;
      if (k === 'z' && !e.shiftKey) {
        e.preventDefault();
        editorRef.current?.undo();
      } else if ((k === 'z' && e.shiftKey) || k === 'y') {
        e.preventDefault();
        editorRef.current?.redo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [save, saveAs]);

  // ---- start: crash recovery, external open requests ------------------------------------------------------
  // Interactive (`body[data-ready=true]`, which tests and the cold-start benchmark wait for) once Blockly is injected
  // and the stage chunk has loaded, so the toolbar no longer changes size under the pointer. The 3D stage itself
  // mounts right after, so its WebGL start-up does not delay the editor.
  const [editorReady, setEditorReady] = useState(false);
  const [stageChunk, setStageChunk] = useState(false);
  const onEditorReady = useCallback(() => setEditorReady(true), []);
  useEffect(() => {
    stageModule().then(
      () => setStageChunk(true),
      (e) => {
        console.error('[App] the stage failed to load', e);
        setStageChunk(true);
      },
    );
  }, []);
  useEffect(() => {
    if (!editorReady || !stageChunk) return;
    showStartPose(true);
    performance.mark('ailab:ready');
    document.body.dataset.ready = 'true';
    setReady(true);
  }, [editorReady, stageChunk, showStartPose]);
  useEffect(() => {
    if (!ready) return;
    regenerate({}, docRef.current.project.target);
    host
      .call('project.drafts', {})
      .then((drafts) => {
        if (drafts.length > 0) setDialog({ kind: 'restore', drafts });
      })
      .catch((e) => console.warn('[App] could not list drafts', e))
      // Tests and benchmarks wait for this before acting, so the restore dialog never appears under their clicks.
      .finally(() => (document.body.dataset.draftsChecked = 'true'));
    const off = host.onDidReceive('project.openRequested', ({ path }) => guard(() => void openPath(path)));
    return off;
  }, [ready, host, guard, openPath, regenerate]);

  // ---- test hook ------------------------------------------------------------------------------------------
  useEffect(() => {
    const ws = () => editorRef.current?.workspace() ?? null;
    const rectOf = (el: Element | null | undefined) => {
      if (!el) return null;
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    };
    const w = globalThis as unknown as { __ailab?: Record<string, unknown> };
    w.__ailab = Object.assign(w.__ailab ?? {}, {
      workspaceJson: () => editorRef.current?.save() ?? {},
      /** Accepts the workspace JSON or its text (Playwright cannot pass objects nested ~100 deep, e.g. a stack of
       *  50 blocks, as an evaluate argument: pass `JSON.stringify(json)` then). */
      loadWorkspace: (json: WorkspaceJson | string) => {
        editorRef.current?.load(typeof json === 'string' ? (JSON.parse(json) as WorkspaceJson) : json);
        onWorkspaceChange(editorRef.current?.save() ?? {});
      },
      run: () => run(),
      stop: () => stop(),
      topBlocks: () => ws()?.getTopBlocks(true).map((b) => ({ id: b.id, type: b.type, next: b.getNextBlock()?.type ?? null, children: b.getDescendants(true).map((c) => c.type) })) ?? [],
      /** Screen rectangle of the first block of `type` in the open flyout (null if none). */
      flyoutBlockRect: (type: string) => {
        const fly = ws()?.getFlyout()?.getWorkspace();
        const block = fly?.getTopBlocks(false).find((b) => b.type === type) as Blockly.BlockSvg | undefined;
        return rectOf(block?.getSvgRoot().querySelector('.blocklyPath') ?? block?.getSvgRoot());
      },
      blockRect: (id: string) => rectOf((ws()?.getBlockById(id) as Blockly.BlockSvg | null)?.getSvgRoot().querySelector('.blocklyPath')),
      /** Id of the first descendant of `id` with block type `type` (null if none). */
      childOfType: (id: string, type: string) => ws()?.getBlockById(id)?.getDescendants(true).find((b) => b.type === type)?.id ?? null,
      /** Screen rectangle of the first editable field of the block plugged into input `input` of block `id`. */
      inputFieldRect: (id: string, input: string) => {
        const child = ws()?.getBlockById(id)?.getInputTargetBlock(input);
        const field = child?.inputList.flatMap((i) => i.fieldRow).find((f) => f.EDITABLE);
        return rectOf(field?.getSvgRoot());
      },
      /** Number in the block plugged into input `input` of block `id` (its NUM field). */
      inputNumber: (id: string, input: string) => Number(ws()?.getBlockById(id)?.getInputTargetBlock(input)?.getFieldValue('NUM')),
      /** The block's visible label text (changes with the language). */
      blockText: (id: string) => ws()?.getBlockById(id)?.toString() ?? null,
      /** Text of the block's warning bubble (runtime error or diagnostic), or null. */
      warningText: (id: string) => {
        const block = ws()?.getBlockById(id) as Blockly.BlockSvg | null;
        const icon = block?.getIcon(Blockly.icons.IconType.WARNING) as Blockly.icons.WarningIcon | undefined;
        return icon?.getText() ?? null;
      },
      /** Ids of the blocks drawn highlighted now (the running blocks). */
      highlightedBlocks: () => ws()?.getAllBlocks(false).filter((b) => (b as Blockly.BlockSvg).getSvgRoot().classList.contains('blocklyHighlighted')).map((b) => b.id) ?? [],
      /** Name of the Blockly theme in use. */
      themeName: () => ws()?.getTheme().name ?? null,
      dirty: () => dirtyRef.current,
      /** Whether the editor refuses edits (a hand-in opened read-only, or "eyes up"). */
      editorReadOnly: () => ws()?.isReadOnly() ?? false,
    });
  }, [onWorkspaceChange, run, stop]);

  // ---- render ---------------------------------------------------------------------------------------------
  const running = runState === 'running';
  const paused = runState === 'paused';
  return (
    <div className="app" data-testid="app" data-run-state={runState} data-dirty={dirty ? 'true' : 'false'}>
      <header className="toolbar" role="toolbar">
        <div className="group">
          <span className="app-name">{t('app.name')}</span>
          <span className="doc-title" data-testid="doc-title" title={doc.path ?? ''}>
            {name}
            {dirty && <span className="unsaved" title={t('project.unsavedMarker')}> ●</span>}
          </span>
        </div>
        <div className="group" aria-label={t('project.menu')}>
          <button onClick={() => guard(() => setDialog({ kind: 'new' }))}>{t('project.new')}</button>
          <button onClick={() => guard(() => void showOpen())}>{t('project.open')}</button>
          <button onClick={() => void save()} title="Ctrl+S">{t('project.save')}</button>
          <button onClick={() => void saveAs()} title="Ctrl+Shift+S">{t('project.saveAs')}</button>
          <button onClick={() => void showHistory()}>{t('project.history')}</button>
        </div>
        <div className="group">
          <button onClick={() => editorRef.current?.undo()} title="Ctrl+Z" aria-label={t('editor.undo')}>↶ {t('editor.undo')}</button>
          <button onClick={() => editorRef.current?.redo()} title="Ctrl+Shift+Z / Ctrl+Y" aria-label={t('editor.redo')}>↷ {t('editor.redo')}</button>
        </div>
        <div className="group run-group">
          <button className="run" data-testid="run" onClick={run} disabled={running}>▶ {t('run.run')}</button>
          <button className="stop" data-testid="stop" onClick={stop}>■ {t('run.stop')}</button>
          <button data-testid="pause" onClick={() => (paused ? sim.resume() : sim.pause())} disabled={!running && !paused}>
            {paused ? `▶ ${t('run.resume')}` : t('run.pause')}
          </button>
          <button data-testid="step" onClick={() => sim.step()} disabled={!paused}>{t('run.step')}</button>
          <Suspense fallback={null}><ResetButton controller={sim} /></Suspense>
          <span className="run-state" data-testid="run-state">{t(`run.state.${runState}`)}</span>
        </div>
        <div className="group">
          <Suspense fallback={null}><SpeedButtons controller={sim} /></Suspense>
          <label>
            {t('project.kit')}
            <select data-testid="kit" value={kit} onChange={(e) => setKit(e.target.value as TargetKitName)}>
              {(['robot', 'drone', 'sensorkit'] as const).map((k) => <option key={k} value={k}>{t(`project.kit.${k}`)}</option>)}
            </select>
          </label>
          <Suspense fallback={null}>
            <ArenaPicker value={doc.project.sim.arenaId} kit={kit} onChange={setArena} />
            <CameraPicker value={camera} onChange={setCamera} />
          </Suspense>
          <label>
            {t('app.theme')}
            <select data-testid="theme" value={theme} onChange={(e) => setTheme(e.target.value as ThemeName)}>
              {THEME_NAMES.map((n) => <option key={n} value={n}>{t(`app.theme.${n}`)}</option>)}
            </select>
          </label>
          <button data-testid="lessons-button" aria-pressed={lessonsOpen} onClick={() => { setLessonsOpen((o) => !o); setLessonToolbox(null); }}>{t('player.open', { ns: 'lessons' })}</button>
          <button data-testid="class-button" aria-pressed={classOpen} onClick={() => setClassOpen(true)}>{t('button', { ns: 'classui' })}</button>
          <button data-testid="language" onClick={switchLanguage} aria-label={t('app.language')}>{t('app.languageSwitch')}</button>
        </div>
      </header>

      {error && (
        <div className="banner error" role="alert" data-testid="error-banner">
          <span>{error}</span>
          <button onClick={() => setError(null)}>{t('app.dismiss')}</button>
        </div>
      )}

      <ClassroomLayer host={host} language={language} open={classOpen} onClose={() => setClassOpen(false)} currentProject={currentProject} editor={classroomEditor} />

      <main className="main">
        {lessonsOpen && (
          <aside className="lesson-panel" data-testid="lesson-panel">
            <LessonPlayer
              host={host}
              language={language}
              openProgram={openLessonProgram}
              setToolbox={setLessonToolbox}
              currentWorkspace={() => editorRef.current?.save() ?? workspaceRef.current}
              currentProject={currentProject}
              replay={replayLesson}
              connectedKit={connectedKit}
              onClose={() => { setLessonsOpen(false); setLessonToolbox(null); }}
            />
          </aside>
        )}
        <div className="left">
          <BlocklyEditor ref={editorRef} kit={kit} language={language} theme={theme} toolboxBlocks={lessonToolbox} onChange={onWorkspaceChange} onReady={onEditorReady} />
        </div>
        <div className="right">
          <section className="panel stage-panel">
            {ready && <Suspense fallback={<p className="hint">{t('run.stageUnavailable')}</p>}><Stage controller={sim} arenaId={doc.project.sim.arenaId} camera={camera} /></Suspense>}
          </section>
          <CodeView code={code} />
          <WatchPanel variables={variables} log={log} />
          <DevicePanel session={devices} language={language} currentProject={currentProject} onError={fail} onWillRun={onWillRunLive} />
          <AiPanel ai={aiState} language={language} onChange={setAi} readings={readingsNow} readingsFrom={readingsFrom} />
          <QTableView models={aiState.models} />
          <TokenizerPanel />
        </div>
      </main>
      <footer className="status" data-testid="status">{notice ?? ''}</footer>

      <input ref={uploadRef} type="file" accept=".ailab,application/json" hidden onChange={(e) => { void onUpload(e.target.files?.[0]); e.target.value = ''; }} />

      {dialog.kind === 'new' && <NewProjectDialog onCreate={createNew} onCancel={closeDialog} />}
      {dialog.kind === 'open' && (
        <OpenProjectDialog
          projects={dialog.projects}
          recent={dialog.recent}
          language={language}
          onOpen={(path) => void openPath(path)}
          onNative={host.kind === 'electron' ? () => void openNative() : undefined}
          onUpload={host.kind === 'electron' ? undefined : () => uploadRef.current?.click()}
          onCancel={closeDialog}
        />
      )}
      {dialog.kind === 'saveAs' && (
        <SaveAsDialog
          initial={doc.path ? name : ''}
          onCancel={closeDialog}
          onSave={(fileName) => {
            const then = dialog.then;
            closeDialog();
            void saveTo(fileName).then((ok) => ok && then?.());
          }}
          onDownload={host.kind === 'electron' ? undefined : download}
        />
      )}
      {dialog.kind === 'unsaved' && (
        <UnsavedDialog
          name={name}
          onSave={() => { closeDialog(); void save(dialog.then); }}
          onDiscard={() => { closeDialog(); dialog.then(); }}
          onCancel={closeDialog}
        />
      )}
      {dialog.kind === 'restore' && (
        <RestoreDialog drafts={dialog.drafts} language={language} onRestore={(id) => void restoreDraft(id)} onDiscardAll={() => void discardDrafts(dialog.drafts)} />
      )}
      {dialog.kind === 'history' && (
        <HistoryDialog versions={dialog.versions} language={language} onOpen={(id, savedAt) => void openVersion(id, savedAt)} onClose={closeDialog} />
      )}
    </div>
  );
}
