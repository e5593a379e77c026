/**
 * The lesson player: a panel beside the editor. A student picks their profile (name or seat), then a unit (listed by
 * grade), then a lesson: the lesson's starter opens in the editor with the toolbox limited to the step's blocks, the
 * step text (Markdown from the unit) shows here, hints come one at a time, "Check my work" judges the program in a
 * worker with the same checker as `ailab check`, and every failed check with a moment can be replayed in the stage
 * ("Show me"). Progress (step, hints, results, reflection, the student's program) is saved per student by the host.
 *
 * The app gives the player a small `LessonHostApi`; the player never touches the editor or the simulator directly.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Project } from '../../../core/contracts/project';
import { LessonProgressSchema, StudentIdSchema, type LessonProgress, type Progress, type UnitSummary } from '../../../core/contracts/lessons';
import type { Language } from '../../../core/i18n';
import type { LessonRun } from '../../../core/lessons/run-lesson';
import type { Lesson, Unit } from '../../../core/lessons/unit-schema';
import { HostCallError, type HostClient } from '../host-client';
import { reportClassProgress, useInstalledUnitRefresh } from '../classroom/class-progress';
import { LessonChecker } from './lesson-checker';
import { renderUnitFile } from './unit-files';

export interface LessonHostApi {
  readonly host: HostClient;
  readonly language: Language;
  /**
   * Puts a lesson's program into the editor (replacing the open document) with this toolbox (null: the kit's full).
   * Resolves once it is there; stays pending if the student keeps their unsaved work instead.
   */
  openProgram(project: Project, toolbox: readonly string[] | null): Promise<void>;
  setToolbox(toolbox: readonly string[] | null): void;
  /** The editor's workspace now (Blockly JSON). */
  currentWorkspace(): Record<string, unknown>;
  /**
   * The open project as it would be saved now (its datasets and models included: a grade-7 student records data in
   * runs). Absent: the lesson's starter with the editor's workspace.
   */
  currentProject?(): Project;
  /** A real kit connected through the device panel (label and which kind of project runs on it), else null. */
  readonly connectedKit?: { readonly label: string; readonly kit: string | null } | null;
  /** Replays `project` under the lesson's run settings in the stage, paused at `atMs`. */
  replay(project: Project, lesson: Lesson, atMs: number): void;
  onClose(): void;
}

const STUDENT_KEY = 'ailab.student';
const GRADES = ['4', '7', 'club'] as const;
/** The student's program is saved into their progress this often while they work (ms). */
const WORKSPACE_SAVE_MS = 4000;

type View = { kind: 'units' } | { kind: 'lesson'; unit: Unit; lessonIndex: number; starter: Project };

function storedStudent(): string {
  try {
    return localStorage.getItem(STUDENT_KEY) ?? '';
  } catch {
    return '';
  }
}

/**
 * The real kits a unit works with, as a child reads them ("AI 实验室机器人小车和 Tello 无人机"), not the unit file's ids.
 * An id this app has no name for (a teacher's own unit) is shown as written.
 */
export function hardwareList(ids: readonly string[], language: Language, t: (key: string, options: { defaultValue: string }) => string): string {
  const names = ids.map((id) => t(`hardware.${id}`, { defaultValue: id }));
  return new Intl.ListFormat(language, { style: 'long', type: 'conjunction' }).format(names);
}

function emptyLesson(): LessonProgress {
  return LessonProgressSchema.parse({});
}

export function LessonPlayer(props: LessonHostApi) {
  const { host, language } = props;
  const { t } = useTranslation('lessons');
  const [student, setStudent] = useState<string>(() => (StudentIdSchema.safeParse(storedStudent()).success ? storedStudent() : ''));
  const [units, setUnits] = useState<UnitSummary[] | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [view, setView] = useState<View>({ kind: 'units' });
  const [error, setError] = useState<string | null>(null);
  const propsRef = useRef(props);
  propsRef.current = props;

  const fail = useCallback((e: unknown) => {
    console.warn('[LessonPlayer]', e);
    // Host errors carry a code of the `host` namespace: shown in the student's language, not the log's English.
    const detail = e instanceof HostCallError && !e.code.startsWith('client')
      ? t(`error.${e.code}`, { ns: 'host', ...e.params, defaultValue: e.message })
      : e instanceof Error ? e.message : String(e);
    setError(t('player.error', { detail }));
  }, [t]);

  useEffect(() => {
    host.call('lessons.list', {}).then(setUnits, fail);
  }, [host, fail]);
  // A unit the teacher pushed appears once the host has installed it.
  useInstalledUnitRefresh(host, setUnits);

  useEffect(() => {
    if (!student) return;
    host.call('progress.get', { student }).then(setProgress, fail);
  }, [host, student, fail]);

  // Leaving the player gives the editor its full toolbox back.
  useEffect(() => () => propsRef.current.setToolbox(null), []);

  const openLesson = useCallback(async (unitId: string, lessonIndex: number) => {
    try {
      const { unit } = await host.call('lessons.get', { unitId });
      const lesson = unit.lessons[lessonIndex];
      const { project: starter } = await host.call('lessons.project', { unitId, lessonId: lesson.id, which: 'starter' });
      const saved = progress?.units[unitId]?.[lesson.id];
      const project: Project = {
        ...starter,
        meta: { ...starter.meta, title: lesson.title[propsRef.current.language] },
        workspace: saved?.workspace ?? starter.workspace,
        datasets: saved?.datasets ?? starter.datasets,
        models: saved?.models ?? starter.models,
      };
      const step = lesson.steps[Math.min(saved?.step ?? 0, lesson.steps.length - 1)];
      await propsRef.current.openProgram(project, step.toolbox === 'all' ? null : step.toolbox);
      setView({ kind: 'lesson', unit, lessonIndex, starter });
    } catch (e) {
      fail(e);
    }
  }, [host, progress, fail]);

  if (!student) return <StudentPicker host={host} onChoose={(s) => { try { localStorage.setItem(STUDENT_KEY, s); } catch { /* not remembered */ } setStudent(s); }} />;

  return (
    <div className="lesson-player" data-testid="lesson-player">
      <div className="lesson-player-head">
        <strong>{t('player.title')}</strong>
        <span className="lesson-student" data-testid="lesson-student">{t('player.student.current', { student })}</span>
        <button onClick={() => { setStudent(''); setProgress(null); setView({ kind: 'units' }); }}>{t('player.student.change')}</button>
        <button onClick={props.onClose} aria-label={t('player.close')}>✕</button>
      </div>
      {error && <p className="lesson-error" role="alert">{error}</p>}
      {view.kind === 'units' && <UnitList host={host} units={units} progress={progress} language={language} onOpen={(u, i) => void openLesson(u, i)} onError={fail} />}
      {view.kind === 'lesson' && progress && (
        <LessonView
          key={`${view.unit.id}/${view.lessonIndex}`}
          api={props}
          unit={view.unit}
          lessonIndex={view.lessonIndex}
          starter={view.starter}
          student={student}
          saved={progress.units[view.unit.id]?.[view.unit.lessons[view.lessonIndex].id] ?? emptyLesson()}
          onSaved={(lessonId, lp) => setProgress((p) => (p ? { ...p, units: { ...p.units, [view.unit.id]: { ...(p.units[view.unit.id] ?? {}), [lessonId]: lp } } } : p))}
          onBack={() => { props.setToolbox(null); setView({ kind: 'units' }); }}
          onError={fail}
        />
      )}
    </div>
  );
}

function StudentPicker(props: { host: HostClient; onChoose: (student: string) => void }) {
  const { t } = useTranslation('lessons');
  const [name, setName] = useState('');
  const [known, setKnown] = useState<string[]>([]);
  const [invalid, setInvalid] = useState(false);
  useEffect(() => {
    props.host.call('progress.students', {}).then((list) => setKnown(list.map((s) => s.student)), () => undefined);
  }, [props.host]);
  const submit = () => {
    const parsed = StudentIdSchema.safeParse(name);
    if (!parsed.success) setInvalid(true);
    else props.onChoose(parsed.data);
  };
  return (
    <form className="lesson-player student-picker" data-testid="lesson-player" onSubmit={(e) => { e.preventDefault(); submit(); }}>
      <label>
        {t('player.student.label')}
        <input data-testid="student-name" list="ailab-students" value={name} placeholder={t('player.student.placeholder')} onChange={(e) => { setName(e.target.value); setInvalid(false); }} maxLength={40} />
      </label>
      <datalist id="ailab-students">{known.map((s) => <option key={s} value={s} />)}</datalist>
      {invalid && <p className="lesson-error" role="alert">{t('player.student.invalid')}</p>}
      <button type="submit" data-testid="student-start">{t('player.student.start')}</button>
    </form>
  );
}

function UnitList(props: { host: HostClient; units: UnitSummary[] | null; progress: Progress | null; language: Language; onOpen: (unitId: string, lessonIndex: number) => void; onError: (e: unknown) => void }) {
  const { t } = useTranslation('lessons');
  const { units, progress, language } = props;
  /** Teacher notes shown for one unit (a teacher preparing the class reads them before opening a lesson). */
  const [notes, setNotes] = useState<{ unitId: string; html: string } | null>(null);
  const toggleNotes = async (unitId: string) => {
    if (notes?.unitId === unitId) {
      setNotes(null);
      return;
    }
    try {
      const { unit } = await props.host.call('lessons.get', { unitId });
      setNotes({ unitId, html: await renderUnitFile(props.host, unitId, unit.teacherNotes.file[language]) });
    } catch (e) {
      props.onError(e);
    }
  };
  if (!units) return <p>{t('player.loading')}</p>;
  if (units.length === 0) return <p>{t('player.noUnits')}</p>;
  return (
    <div className="unit-list" data-testid="unit-list">
      {GRADES.map((grade) => {
        const inGrade = units.filter((u) => u.grade === grade);
        if (inGrade.length === 0) return null;
        return (
          <section key={grade} data-testid={`grade-${grade}`}>
            <h3>{t(`player.grade.${grade}`)}</h3>
            {inGrade.map((u) => (
              <article key={u.id} className="unit-card" data-testid={`unit-${u.id}`} data-source={u.source}>
                <h4>{u.title[language]}{u.source === 'installed' && <small className="unit-from-teacher"> · {t('unit.fromTeacher', { ns: 'classui' })}</small>}</h4>
                <p className="unit-meta">
                  {t(`player.kit.${u.kit}`)} · {t('player.classHours', { count: u.classHours })} ·{' '}
                  <span data-testid={`unit-progress-${u.id}`}>{t('player.unitProgress', { done: u.lessons.filter((l) => progress?.units[u.id]?.[l.id]?.completed).length, total: u.lessons.length })}</span>
                </p>
                <p>{u.summary[language]}</p>
                <ol>
                  {u.lessons.map((l, i) => {
                    const done = progress?.units[u.id]?.[l.id]?.completed === true;
                    return (
                      <li key={l.id}>
                        <button data-testid={`lesson-${u.id}-${l.id}`} onClick={() => props.onOpen(u.id, i)}>{l.title[language]}</button>
                        {done && <span className="lesson-done" data-testid={`done-${u.id}-${l.id}`}> ✓ {t('player.done')}</span>}
                      </li>
                    );
                  })}
                </ol>
                <button data-testid={`unit-notes-${u.id}`} onClick={() => void toggleNotes(u.id)}>{notes?.unitId === u.id ? t('player.hideTeacherNotes') : t('player.teacherNotes')}</button>
                {/* markdown-it with html: false — no HTML from the unit. */}
                {notes?.unitId === u.id && <div className="teacher-notes" data-testid="unit-teacher-notes" dangerouslySetInnerHTML={{ __html: notes.html }} />}
              </article>
            ))}
          </section>
        );
      })}
    </div>
  );
}

interface LessonViewProps {
  readonly api: LessonHostApi;
  readonly unit: Unit;
  readonly lessonIndex: number;
  readonly starter: Project;
  readonly student: string;
  readonly saved: LessonProgress;
  readonly onSaved: (lessonId: string, progress: LessonProgress) => void;
  readonly onBack: () => void;
  readonly onError: (e: unknown) => void;
}

function LessonView(props: LessonViewProps) {
  const { api, unit, starter, student } = props;
  const { host, language } = api;
  const { t } = useTranslation('lessons');
  const lesson = unit.lessons[props.lessonIndex];
  const [lp, setLp] = useState<LessonProgress>(props.saved);
  const [html, setHtml] = useState<string>('');
  const [notesHtml, setNotesHtml] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const [run, setRun] = useState<LessonRun | null>(null);
  const [checkError, setCheckError] = useState<string | null>(null);
  /** The reflection answer: being typed (save pending) or saved. */
  const [reflectionState, setReflectionState] = useState<'idle' | 'pending' | 'saved'>('idle');
  const checker = useMemo(() => new LessonChecker(), []);
  useEffect(() => () => checker.dispose(), [checker]);
  const lpRef = useRef(lp);
  lpRef.current = lp;
  const stepIndex = Math.min(lp.step, lesson.steps.length - 1);
  const step = lesson.steps[stepIndex];
  const renderFile = useCallback((path: string): Promise<string> => renderUnitFile(host, unit.id, path), [host, unit.id]);

  useEffect(() => {
    let live = true;
    renderFile(step.text[language]).then((h) => live && setHtml(h), props.onError);
    return () => {
      live = false;
    };
  }, [renderFile, step, language, props.onError]);

  /** The student's work now: the program, and the datasets/models of the open project when it is this lesson's. */
  const work = useCallback((): Pick<LessonProgress, 'workspace' | 'datasets' | 'models'> => {
    const current = api.currentProject?.();
    const ai = current && current.target === starter.target ? { datasets: current.datasets, models: current.models } : {};
    return { workspace: api.currentWorkspace(), ...ai };
  }, [api, starter.target]);

  /** Saves this lesson's progress (and the student's work as it is now). */
  const save = useCallback(async (next: LessonProgress): Promise<boolean> => {
    const withWork: LessonProgress = { ...next, ...work() };
    setLp(withWork);
    try {
      await host.call('progress.save', { student, unitId: unit.id, lessonId: lesson.id, lesson: withWork });
      props.onSaved(lesson.id, withWork);
      return true;
    } catch (e) {
      props.onError(e);
      return false;
    }
  }, [work, host, student, unit.id, lesson.id, props]);

  // The student's program is kept in their progress while they work, so they continue where they stopped.
  const workKey = useCallback(() => {
    const w = work();
    // Datasets compared by size and models by id: cheap, and any recording or training changes them.
    return JSON.stringify([w.workspace ?? null, w.datasets?.map((d) => [d.id, d.samples.length]) ?? null, w.models?.map((m) => m.id) ?? null]);
  }, [work]);
  const lastWorkRef = useRef<string | null>(null);
  useEffect(() => {
    lastWorkRef.current ??= workKey();
    const timer = setInterval(() => {
      const key = workKey();
      if (key === lastWorkRef.current) return;
      lastWorkRef.current = key;
      void save(lpRef.current);
    }, WORKSPACE_SAVE_MS);
    return () => clearInterval(timer);
  }, [workKey, save]);

  // In a class, the teacher's dashboard follows the step the student is on (a no-op when not joined).
  useEffect(() => {
    void reportClassProgress(host, { unitId: unit.id, lessonId: lesson.id, stepId: step.id, checks: lpRef.current.checks });
  }, [host, unit.id, lesson.id, step.id]);

  const goStep = (index: number) => {
    const target = lesson.steps[index];
    api.setToolbox(target.toolbox === 'all' ? null : target.toolbox);
    setRun(null);
    void save({ ...lpRef.current, step: index });
  };

  const hintsShown = lp.hints[step.id] ?? 0;
  const showHint = () => void save({ ...lpRef.current, hints: { ...lpRef.current.hints, [step.id]: Math.min(hintsShown + 1, step.hints.length) } });

  // What is judged: the student's program with the project's own datasets and models, for the lesson's kit.
  const project = (): Project => {
    const current = api.currentProject?.();
    const base = current && current.target === starter.target ? current : starter;
    return { ...base, workspace: api.currentWorkspace() };
  };

  const checkWork = async () => {
    setChecking(true);
    setCheckError(null);
    try {
      const result = await checker.check(project(), lesson);
      setRun(result);
      const checks = Object.fromEntries(result.results.map((r) => [r.id, r.passed]));
      const completed = lpRef.current.completed || result.passed;
      void reportClassProgress(host, { unitId: unit.id, lessonId: lesson.id, stepId: step.id, checks });
      await save({ ...lpRef.current, checks, completed, ...(result.passed && !lpRef.current.completedAt ? { completedAt: new Date().toISOString() } : {}) });
    } catch (e) {
      setCheckError(t('player.checkFailed', { detail: e instanceof Error ? e.message : String(e) }));
    } finally {
      setChecking(false);
    }
  };

  const toggleNotes = async () => {
    if (notesHtml !== null) {
      setNotesHtml(null);
      return;
    }
    try {
      setNotesHtml(await renderFile(unit.teacherNotes.file[language]));
    } catch (e) {
      props.onError(e);
    }
  };

  const loadSolution = async () => {
    try {
      const { project: solution } = await host.call('lessons.project', { unitId: unit.id, lessonId: lesson.id, which: 'solution' });
      await api.openProgram({ ...solution, meta: { ...solution.meta, title: lesson.title[language] } }, step.toolbox === 'all' ? null : step.toolbox);
    } catch (e) {
      props.onError(e);
    }
  };

  const restart = async () => {
    await api.openProgram({ ...starter, meta: { ...starter.meta, title: lesson.title[language] } }, lesson.steps[0].toolbox === 'all' ? null : lesson.steps[0].toolbox);
    setRun(null);
    await save({ ...emptyLesson(), reflection: lpRef.current.reflection });
  };

  // Results shown: the step's checks when it names some, else all of the lesson's.
  const shown = run ? (step.checks.length > 0 ? run.results.filter((r) => step.checks.includes(r.id)) : run.results) : [];
  const passedAll = run?.passed === true;
  const isLastStep = stepIndex === lesson.steps.length - 1;
  const reflectionTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const saveRef = useRef(save);
  saveRef.current = save;
  // Leaving the lesson while an answer is still being typed saves it at once.
  useEffect(() => () => {
    if (reflectionTimer.current) {
      clearTimeout(reflectionTimer.current);
      void saveRef.current(lpRef.current);
    }
  }, []);

  return (
    <div className="lesson-view" data-testid="lesson-view" data-lesson={lesson.id} data-step={step.id}>
      <div className="lesson-nav">
        <button onClick={props.onBack}>← {t('player.allUnits')}</button>
        <span className="lesson-unit">{unit.title[language]}</span>
      </div>
      <h3 data-testid="lesson-title">{lesson.title[language]}{lp.completed && <span className="lesson-done" data-testid="lesson-complete"> ✓ {t('player.done')}</span>}</h3>
      <p className="lesson-kit-note" data-testid="lesson-hardware">{unit.target.hardware.length > 0 ? t('player.hardware', { list: hardwareList(unit.target.hardware, language, t) }) : t('player.simOnly')}</p>
      {api.connectedKit && (
        <p className="lesson-kit-note" data-testid="lesson-kit-connected">
          {api.connectedKit.kit === null || api.connectedKit.kit === unit.target.kit
            ? t('player.kitConnected', { label: api.connectedKit.label })
            : t('player.kitOtherKind', { label: api.connectedKit.label, kind: t(`player.kit.${api.connectedKit.kit}`), unitKind: t(`player.kit.${unit.target.kit}`) })}
        </p>
      )}
      <div className="step-head">
        <button data-testid="step-prev" disabled={stepIndex === 0} onClick={() => goStep(stepIndex - 1)}>{t('player.prev')}</button>
        <span data-testid="step-counter">{t('player.step', { n: stepIndex + 1, total: lesson.steps.length })}</span>
        <button data-testid="step-next" disabled={isLastStep} onClick={() => goStep(stepIndex + 1)}>{t('player.next')}</button>
      </div>
      <h4>{step.title[language]}</h4>
      {/* markdown-it with html: false — no HTML from the unit; images are the unit's own files as data URLs. */}
      <div className="step-text" data-testid="step-text" dangerouslySetInnerHTML={{ __html: html }} />

      {step.hints.length > 0 && (
        <div className="hints">
          {step.hints.slice(0, hintsShown).map((h, i) => <p key={i} className="hint" data-testid="hint">{h[language]}</p>)}
          <button data-testid="hint-button" disabled={hintsShown >= step.hints.length} onClick={showHint}>
            {hintsShown >= step.hints.length ? t('player.noMoreHints') : t('player.hint', { n: hintsShown + 1, total: step.hints.length })}
          </button>
        </div>
      )}

      <div className="check-area">
        <button className="check-work" data-testid="check-work" disabled={checking} onClick={() => void checkWork()}>{checking ? t('player.checking') : t('player.check')}</button>
        {checkError && <p className="lesson-error" role="alert">{checkError}</p>}
        {run?.error && <p className="lesson-error" role="alert" data-testid="check-error">{run.error[language]}</p>}
        {!run && Object.keys(lp.checks).length > 0 && (
          <p className="last-check" data-testid="last-check">{t('player.lastCheck', { passed: Object.values(lp.checks).filter(Boolean).length, total: Object.keys(lp.checks).length })}</p>
        )}
        {run && !run.error && (
          <div className="check-results" data-testid="check-results" data-passed={passedAll ? 'true' : 'false'} data-state-hash={run.stateHash ?? ''} data-end-ms={Math.round((run.simSeconds ?? 0) * 1000)}>
            <p>{passedAll ? t('player.allPassed') : t('player.resultsTitle', { passed: run.results.filter((r) => r.passed).length, total: run.results.length })}</p>
            <ul>
              {shown.map((r) => (
                <li key={r.id} className={r.passed ? 'pass' : 'fail'} data-testid="check-result" data-check={r.id} data-passed={r.passed ? 'true' : 'false'} data-at-ms={r.atMs ?? ''}>
                  <span aria-hidden>{r.passed ? '✓' : '✗'}</span> {r.message[language]}
                  {!r.passed && r.atMs !== undefined && (
                    <button className="show-me" data-testid="show-me" title={t('player.showMeHint', { time: (r.atMs / 1000).toFixed(1) })} onClick={() => api.replay(project(), lesson, r.atMs!)}>
                      {t('player.showMe')}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>

      {(isLastStep || lp.completed) && (
        <label className="reflection">
          <strong>{t('player.reflection')}</strong>
          <span>{lesson.reflection[language]}</span>
          <textarea
            data-testid="reflection"
            value={lp.reflection}
            maxLength={4000}
            placeholder={t('player.reflectionPlaceholder')}
            onChange={(e) => {
              const next = { ...lpRef.current, reflection: e.target.value };
              setLp(next);
              setReflectionState('pending');
              if (reflectionTimer.current) clearTimeout(reflectionTimer.current);
              reflectionTimer.current = setTimeout(() => {
                reflectionTimer.current = null;
                void save(next).then((ok) => setReflectionState((s) => (ok && s === 'pending' && lpRef.current.reflection === next.reflection ? 'saved' : s)));
              }, 600);
            }}
          />
          {reflectionState === 'saved' && <span className="saved-note" data-testid="progress-saved">{t('player.saved')}</span>}
        </label>
      )}

      <div className="teacher-area">
        <button data-testid="teacher-notes-button" onClick={() => void toggleNotes()}>{notesHtml === null ? t('player.teacherNotes') : t('player.hideTeacherNotes')}</button>
        <button onClick={() => void restart()}>{t('player.restart')}</button>
        {notesHtml !== null && (
          <div className="teacher-notes" data-testid="teacher-notes">
            <div dangerouslySetInnerHTML={{ __html: notesHtml }} />
            <button data-testid="load-solution" onClick={() => void loadSolution()}>{t('player.loadSolution')}</button>
          </div>
        )}
      </div>
    </div>
  );
}
