/**
 * The dashboard's students × steps grid. Columns are the steps of the chosen unit, lesson by lesson; a student's row
 * marks the step they are on now (●), the steps before it in the same lesson, and the steps the dashboard saw them on
 * earlier (✓; the roster carries only where each student is now, so that memory lasts as long as the dashboard is
 * open). Further columns: the latest check results, "needs help", whether the pushed unit arrived, hand-ins, and
 * per-student actions.
 */
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HostResult } from '../../../core/contracts/host';
import type { RosterEntryView } from '../../../core/contracts/classroom-host';
import type { Unit } from '../../../core/lessons/unit-schema';
import type { Language } from '../../../core/i18n';

export interface RosterActions {
  handIns(studentId: string): Promise<HostResult<'class.handIns'>>;
  open(handInId: string, nickname: string, title: string): void;
  reset(studentId: string): void;
  exportRecord(studentId: string): void;
  remove(studentId: string): void;
}

/** Two clicks for actions that lose records: the first arms the button, the second acts. */
function ConfirmButton(props: { label: string; confirm: string; testId: string; onConfirm: () => void }) {
  const [armed, setArmed] = useState(false);
  return (
    <button data-testid={armed ? `${props.testId}-confirm` : props.testId} className={armed ? 'danger' : ''} onBlur={() => setArmed(false)}
      onClick={() => { if (armed) { setArmed(false); props.onConfirm(); } else setArmed(true); }}>
      {armed ? props.confirm : props.label}
    </button>
  );
}

/** Steps seen per student id, as `unitId/lessonId/stepId`. */
export type VisitedSteps = ReadonlyMap<string, ReadonlySet<string>>;

export function RosterGrid(props: { roster: readonly RosterEntryView[]; unit: Unit | null; language: Language; actions: RosterActions; visited?: VisitedSteps }) {
  const { t } = useTranslation('classui');
  const { roster, unit, language, actions } = props;
  const [openRow, setOpenRow] = useState<{ studentId: string; list: HostResult<'class.handIns'> } | null>(null);
  const lessons = unit?.lessons ?? [];

  const toggleHandIns = async (studentId: string) => {
    if (openRow?.studentId === studentId) return setOpenRow(null);
    setOpenRow({ studentId, list: await actions.handIns(studentId) });
  };

  if (roster.length === 0) return <p data-testid="roster-empty">{t('teacher.noStudents')}</p>;
  return (
    <table className="roster-grid" data-testid="roster-grid">
      <thead>
        <tr>
          <th scope="col">{t('grid.student')}</th>
          {lessons.map((l) => l.steps.map((s, i) => (
            <th scope="col" key={`${l.id}/${s.id}`} title={s.title[language]}>{t('grid.step', { lesson: l.title[language], n: i + 1 })}</th>
          )))}
          <th scope="col">{t('grid.checks')}</th>
          <th scope="col">{t('grid.help')}</th>
          <th scope="col">{t('grid.unitInstalled')}</th>
          <th scope="col">{t('grid.handIns')}</th>
          <th scope="col">{t('grid.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {roster.map((s) => {
          const installs = Object.values(s.installs);
          const installed = installs.length === 0 ? null : installs[installs.length - 1];
          return (
            <Fragment key={s.id}>
              <tr data-testid="roster-row" data-student={s.nickname} data-lesson={s.lessonId ?? ''} data-step={s.stepId ?? ''}
                data-help={s.needsHelp ? 'true' : 'false'} data-online={s.connected ? 'true' : 'false'} className={s.needsHelp ? 'needs-help' : ''}>
                <th scope="row">
                  <span className={`online-dot ${s.connected ? 'on' : 'off'}`} aria-label={s.connected ? t('grid.online') : t('grid.offline')} title={s.connected ? t('grid.online') : t('grid.offline')} />
                  {s.nickname}
                </th>
                {lessons.map((l) => {
                  const here = s.unitId === unit?.id && s.lessonId === l.id ? l.steps.findIndex((st) => st.id === s.stepId) : -1;
                  const seen = props.visited?.get(s.id);
                  return l.steps.map((st, i) => {
                    const state = i === here ? 'here' : here > i || seen?.has(`${unit?.id}/${l.id}/${st.id}`) ? 'passed' : '';
                    return (
                      <td key={`${l.id}/${st.id}`} className={state} data-testid="roster-cell" data-cell={`${l.id}/${st.id}`} data-state={state}>
                        {state === 'here' ? <span title={t('grid.here')}>●</span> : state === 'passed' ? <span title={t('grid.passed')}>✓</span> : ''}
                      </td>
                    );
                  });
                })}
                <td data-testid="roster-checks" data-passed={s.checks.filter((c) => c.passed).length} data-total={s.checks.length}>
                  {s.checks.length === 0 ? t('grid.noChecks') : s.checks.map((c) => (
                    <span key={c.id} className={c.passed ? 'check-pass' : 'check-fail'} title={`${c.id}: ${c.passed ? t('grid.checkPassed') : t('grid.checkFailed')}`}>{c.passed ? '✓' : '✗'}</span>
                  ))}
                </td>
                <td data-testid="roster-help">{s.needsHelp ? <strong className="help-flag">{t('grid.needsHelp')}</strong> : ''}</td>
                <td data-testid="roster-install" data-state={installed ?? ''}>{installed === 'ok' ? `✓ ${t('grid.installOk')}` : installed === 'failed' ? `✗ ${t('grid.installFailed')}` : ''}</td>
                <td>
                  <button data-testid="roster-hand-ins" aria-expanded={openRow?.studentId === s.id} disabled={s.handIns === 0} onClick={() => void toggleHandIns(s.id)}>
                    {t('grid.showHandIns', { count: s.handIns })}
                  </button>
                </td>
                <td className="roster-actions">
                  <ConfirmButton testId="roster-reset" label={t('grid.reset')} confirm={t('grid.resetConfirm')} onConfirm={() => actions.reset(s.id)} />
                  <button data-testid="roster-export" onClick={() => actions.exportRecord(s.id)}>{t('grid.export')}</button>
                  <ConfirmButton testId="roster-delete" label={t('grid.delete')} confirm={t('grid.deleteConfirm')} onConfirm={() => actions.remove(s.id)} />
                </td>
              </tr>
              {openRow?.studentId === s.id && (
                <tr className="hand-in-row">
                  <td colSpan={lessons.reduce((n, l) => n + l.steps.length, 0) + 6}>
                    {openRow.list.length === 0 ? t('grid.noHandIns') : (
                      <ul data-testid="hand-in-list">
                        {openRow.list.map((h) => (
                          <li key={h.id}>
                            {h.title} · {new Date(h.receivedAt).toLocaleTimeString(language)}{' '}
                            <button data-testid="hand-in-open" onClick={() => actions.open(h.id, s.nickname, h.title)}>{t('grid.open')}</button>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}
