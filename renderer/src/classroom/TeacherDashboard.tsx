/**
 * The teacher dashboard (teacher mode, after the PIN): start a class, then watch the students × steps grid redraw
 * from the host's `class.roster` events (the host sends at most one every 100 ms), push a unit, broadcast a message,
 * lock every editor ("eyes up"), open hand-ins read-only, reset / export / delete a student's record, export the
 * class record as CSV (UTF-8 with BOM, so Excel shows the Chinese text), end the class and close it.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClassState, RosterEntryView } from '../../../core/contracts/classroom-host';
import type { UnitSummary } from '../../../core/contracts/lessons';
import type { Project } from '../../../core/contracts/project';
import type { Language } from '../../../core/i18n';
import type { Unit } from '../../../core/lessons/unit-schema';
import { downloadText } from '../ai/download';
import type { HostClient } from '../host-client';
import { hostErrorText } from './host-error-text';
import { RosterGrid, type RosterActions, type VisitedSteps } from './RosterGrid';

export interface TeacherDashboardProps {
  readonly host: HostClient;
  readonly language: Language;
  readonly state: ClassState | null;
  /** Kept mounted while a class runs (its roster, eyes-up state and forms stay) but not shown. */
  readonly hidden: boolean;
  readonly onState: (state: ClassState | null) => void;
  readonly onProjector: () => void;
  readonly onClose: () => void;
  readonly openHandIn: (project: Project, label: { student: string; title: string }) => void;
}

/** Which unit the grid shows: the one most students are in, else the first listed. */
function busiestUnit(roster: readonly RosterEntryView[]): string | null {
  const counts = new Map<string, number>();
  for (const r of roster) if (r.unitId) counts.set(r.unitId, (counts.get(r.unitId) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

export function TeacherDashboard(props: TeacherDashboardProps) {
  const { t } = useTranslation('classui');
  const { host, language, state, onState } = props;
  const [className, setClassName] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [roster, setRoster] = useState<RosterEntryView[]>([]);
  // Every step the dashboard has seen each student on (the roster says only where they are now).
  const [visited, setVisited] = useState<VisitedSteps>(new Map());
  useEffect(() => {
    setVisited((before) => {
      let next: Map<string, ReadonlySet<string>> | null = null;
      for (const r of roster) {
        if (!r.unitId || !r.lessonId || !r.stepId) continue;
        const key = `${r.unitId}/${r.lessonId}/${r.stepId}`;
        const seen = before.get(r.id);
        if (seen?.has(key)) continue;
        next ??= new Map(before);
        next.set(r.id, new Set([...(seen ?? []), key]));
      }
      return next ?? before;
    });
  }, [roster]);
  const [units, setUnits] = useState<UnitSummary[]>([]);
  const [pushUnit, setPushUnit] = useState('');
  const [gridUnitId, setGridUnitId] = useState<string | null>(null);
  const [gridUnit, setGridUnit] = useState<Unit | null>(null);
  const [message, setMessage] = useState('');
  // Empty by default: each student then sees "Eyes on the teacher" in their own language.
  const [eyesUpText, setEyesUpText] = useState('');
  const [eyesUp, setEyesUp] = useState(false);
  const [ended, setEnded] = useState(false);
  const [confirmEnd, setConfirmEnd] = useState(false);

  const fail = useCallback((e: unknown) => {
    console.warn('[TeacherDashboard]', e);
    setNote(null);
    setError(hostErrorText(t, e));
  }, [t]);

  /** Runs a host action with the dashboard showing it busy and any refusal in words. */
  const act = useCallback(async (name: string, action: () => Promise<void>) => {
    setBusy(name);
    setError(null);
    try {
      await action();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
  }, [fail]);

  useEffect(() => {
    host.call('lessons.list', {}).then((list) => {
      setUnits(list);
      setPushUnit((u) => u || list[0]?.id || '');
    }, fail);
  }, [host, fail]);

  const running = state !== null;
  useEffect(() => {
    if (!running) return;
    const off = host.onDidReceive('class.roster', setRoster);
    host.call('class.roster', {}).then(setRoster, fail);
    return off;
  }, [host, running, fail]);

  // Escape leaves the dashboard (the class keeps running), as it closes every other dialog.
  const { hidden, onClose } = props;
  const rootRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (hidden) return;
    // Keyboard users land in the dashboard, not on the toolbar button now covered by it.
    if (!rootRef.current?.contains(document.activeElement)) rootRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [hidden, onClose]);

  const shownUnitId = gridUnitId ?? busiestUnit(roster) ?? (pushUnit || null);
  useEffect(() => {
    if (!shownUnitId) return setGridUnit(null);
    let live = true;
    host.call('lessons.get', { unitId: shownUnitId }).then(({ unit }) => live && setGridUnit(unit), () => live && setGridUnit(null));
    return () => {
      live = false;
    };
  }, [host, shownUnitId]);

  const start = () => act('start', async () => {
    const name = className.trim();
    if (!name || name.length > 100) throw new Error(t('teacher.noClassName'));
    onState(await host.call('class.start', { className: name, language }));
    setEnded(false);
  });

  const push = () => act('push', async () => {
    const r = await host.call('class.push', { unitId: pushUnit, language });
    setGridUnitId(pushUnit);
    const title = units.find((u) => u.id === pushUnit)?.title[language] ?? pushUnit;
    setNote(t('teacher.pushed', { unit: title, sizeKb: Math.max(1, Math.round(r.size / 1024)) }));
  });

  const broadcast = () => act('broadcast', async () => {
    const text = message.trim();
    if (!text || text.length > 500) throw new Error(t('teacher.emptyMessage'));
    await host.call('class.broadcast', { text });
    setMessage('');
    setNote(t('teacher.sent'));
  });

  const toggleEyesUp = () => act('eyesUp', async () => {
    const locked = !eyesUp;
    await host.call('class.eyesUp', { locked, text: eyesUpText.slice(0, 200) });
    setEyesUp(locked);
    setNote(locked ? t('teacher.eyesUpOn') : null);
  });

  const exportCsv = () => act('csv', async () => {
    const { csv, fileName } = await host.call('class.exportCsv', {});
    downloadText(csv, fileName, 'text/csv;charset=utf-8');
  });

  const end = () => act('end', async () => {
    await host.call('class.end', {});
    setEnded(true);
    setConfirmEnd(false);
  });

  const stop = () => act('stop', async () => {
    await host.call('class.stop', {});
    onState(null);
    setRoster([]);
    setEyesUp(false);
    setEnded(false);
  });

  const actions = useMemo<RosterActions>(() => ({
    handIns: async (studentId) => {
      try {
        return await host.call('class.handIns', { studentId });
      } catch (e) {
        fail(e);
        return [];
      }
    },
    open: (handInId, student, title) => void act('open', async () => {
      const { project } = await host.call('class.openHandIn', { handInId });
      props.openHandIn(project, { student, title });
    }),
    reset: (studentId) => void act('reset', async () => {
      await host.call('class.resetStudent', { studentId });
      setVisited((before) => {
        const next = new Map(before);
        next.delete(studentId);
        return next;
      });
    }),
    exportRecord: (studentId) => void act('export', async () => {
      const { json, fileName } = await host.call('class.exportStudent', { studentId });
      downloadText(json, fileName, 'application/json');
    }),
    remove: (studentId) => void act('delete', () => host.call('class.deleteStudent', { studentId }).then(() => undefined)),
  }), [host, act, fail, props]);

  return (
    <div ref={rootRef} tabIndex={-1} className="teacher-dashboard" hidden={props.hidden} role="dialog" aria-modal="true" aria-label={t('teacher.title')} data-testid="teacher-dashboard">
      <header className="teacher-head">
        <h2>{t('teacher.title')}{state && ` · ${state.className}`}</h2>
        {state && (
          <span className="teacher-code">
            {t('teacher.joinCode')} <strong data-testid="teacher-join-code">{state.joinCode}</strong>
          </span>
        )}
        {state && <button data-testid="class-projector-button" onClick={props.onProjector}>{t('teacher.projector')}</button>}
        <button data-testid="teacher-close" onClick={props.onClose}>{t('teacher.close')}</button>
      </header>
      {error && <p className="class-error" role="alert" data-testid="teacher-error">{error}</p>}
      {note && <p className="class-note" role="status" data-testid="teacher-note">{note}</p>}

      {!state && (
        <form className="class-form inline" onSubmit={(e) => { e.preventDefault(); void start(); }}>
          <label>
            {t('teacher.className')}
            <input data-testid="class-name" value={className} maxLength={100} autoFocus placeholder={t('teacher.classNamePlaceholder')} onChange={(e) => setClassName(e.target.value)} />
          </label>
          <button type="submit" data-testid="class-start" disabled={busy === 'start'}>{busy === 'start' ? t('teacher.starting') : t('teacher.start')}</button>
        </form>
      )}

      {state && (
        <>
          <div className="teacher-tools">
            <form className="class-form inline" onSubmit={(e) => { e.preventDefault(); void push(); }}>
              <label>
                {t('teacher.pushUnit')}
                <select data-testid="push-unit" value={pushUnit} onChange={(e) => setPushUnit(e.target.value)}>
                  {units.map((u) => <option key={u.id} value={u.id}>{u.title[language]}</option>)}
                </select>
              </label>
              <button type="submit" data-testid="push-button" disabled={!pushUnit || busy === 'push' || ended}>{busy === 'push' ? t('teacher.pushing') : t('teacher.push')}</button>
            </form>
            <form className="class-form inline" onSubmit={(e) => { e.preventDefault(); void broadcast(); }}>
              <label>
                {t('teacher.message')}
                <input data-testid="broadcast-text" value={message} maxLength={500} placeholder={t('teacher.messagePlaceholder')} onChange={(e) => setMessage(e.target.value)} />
              </label>
              <button type="submit" data-testid="broadcast-send" disabled={busy === 'broadcast'}>{t('teacher.send')}</button>
            </form>
            <form className="class-form inline" onSubmit={(e) => { e.preventDefault(); void toggleEyesUp(); }}>
              <label>
                {t('teacher.eyesUpText')}
                <input data-testid="eyes-up-text-input" value={eyesUpText} maxLength={200} placeholder={t('teacher.eyesUpDefault')} onChange={(e) => setEyesUpText(e.target.value)} />
              </label>
              <button type="submit" data-testid="eyes-up-button" aria-pressed={eyesUp} className={eyesUp ? 'danger' : ''} disabled={busy === 'eyesUp'}>
                {eyesUp ? t('teacher.eyesUpRelease') : t('teacher.eyesUp')}
              </button>
            </form>
            <div className="class-actions">
              <button data-testid="export-csv" onClick={() => void exportCsv()}>{t('teacher.exportCsv')}</button>
              {!ended && (confirmEnd
                ? <button data-testid="class-end-confirm" className="danger" onClick={() => void end()}>{t('teacher.endConfirm')}</button>
                : <button data-testid="class-end" onClick={() => setConfirmEnd(true)}>{t('teacher.end')}</button>)}
              {ended && <button data-testid="class-stop" onClick={() => void stop()}>{t('teacher.stop')}</button>}
            </div>
          </div>
          {ended && <p className="class-note" data-testid="class-ended">{t('teacher.ended')}</p>}

          <div className="teacher-grid-head">
            <h3>{t('teacher.students', { count: roster.length })}</h3>
            <label>
              {t('teacher.gridUnit')}
              <select data-testid="grid-unit" value={shownUnitId ?? ''} onChange={(e) => setGridUnitId(e.target.value || null)}>
                <option value="">{t('teacher.noUnit')}</option>
                {units.map((u) => <option key={u.id} value={u.id}>{u.title[language]}</option>)}
              </select>
            </label>
          </div>
          <RosterGrid roster={roster} unit={gridUnit} language={language} actions={actions} visited={visited} />
        </>
      )}
    </div>
  );
}
