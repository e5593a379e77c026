/**
 * The student's class bar under the toolbar while joined: class name and connection, messages waiting to be sent,
 * the pushed unit's download progress, teacher messages, "I need help", "Hand in" (the project as it is now, filed
 * under the lesson last worked in) and "Leave class".
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Project } from '../../../core/contracts/project';
import type { Language } from '../../../core/i18n';
import type { HostClient } from '../host-client';
import { currentClassLesson } from './class-progress';
import { hostErrorText } from './host-error-text';
import type { StudentClass } from './use-student-class';

/** The help flag survives an app restart (the teacher's grid still shows it); kept per class. */
const HELP_KEY = 'ailab.class.needsHelp';

function storedHelp(classKey: string): boolean {
  try {
    return localStorage.getItem(HELP_KEY) === classKey;
  } catch {
    return false;
  }
}

function storeHelp(classKey: string, on: boolean): void {
  try {
    if (on) localStorage.setItem(HELP_KEY, classKey);
    else localStorage.removeItem(HELP_KEY);
  } catch {
    // Not remembered: only the button's state after a restart is affected.
  }
}

export function StudentClassBar(props: { host: HostClient; language: Language; cls: StudentClass; currentProject: () => Project }) {
  const { t } = useTranslation('classui');
  const { host, cls, language } = props;
  const { status, delivery, handIn } = cls;
  const [error, setError] = useState<string | null>(null);
  const [confirmLeave, setConfirmLeave] = useState(false);
  const classKey = `${status?.className ?? ''}|${status?.fingerprint ?? ''}`;
  const [needsHelp, setNeedsHelpState] = useState(false);
  const setNeedsHelp = (on: boolean) => {
    setNeedsHelpState(on);
    storeHelp(classKey, on);
  };
  useEffect(() => {
    if (status?.joined) setNeedsHelpState(storedHelp(classKey));
  }, [status?.joined, classKey]);
  // A reset by the teacher clears the help flag on their side too.
  const { resets } = cls;
  useEffect(() => {
    if (resets === 0) return;
    setNeedsHelpState(false);
    storeHelp(classKey, false);
  }, [resets, classKey]);
  if (!status?.joined) return null;

  const toggleHelp = async () => {
    const next = !needsHelp;
    try {
      await host.call('class.help', { needsHelp: next });
      setNeedsHelp(next);
      cls.refresh();
    } catch (e) {
      setError(hostErrorText(t, e));
    }
  };

  const handInNow = async () => {
    cls.setHandIn({ kind: 'sending' });
    setError(null);
    try {
      const project = props.currentProject();
      const lesson = currentClassLesson();
      const { handInId } = await host.call('class.handIn', {
        title: (project.meta.title || t('bar.handIn')).slice(0, 200), unitId: lesson?.unitId ?? null, lessonId: lesson?.lessonId ?? null, project,
      });
      cls.setHandIn({ kind: 'sent', handInId });
      cls.refresh();
    } catch (e) {
      cls.setHandIn({ kind: 'idle' });
      setError(hostErrorText(t, e));
    }
  };

  const leave = async () => {
    try {
      await host.call('class.leave', {});
      setConfirmLeave(false);
      cls.refresh();
    } catch (e) {
      setError(hostErrorText(t, e));
    }
  };

  const percent = delivery ? Math.round((100 * delivery.received) / Math.max(1, delivery.total)) : 0;
  return (
    <section className="student-class-bar" data-testid="student-class-bar" data-connection={status.connection} aria-label={t('bar.class', { name: status.className ?? '' })}>
      <strong data-testid="student-class-name">{t('bar.class', { name: status.className ?? '' })}</strong>
      <span className={`class-connection ${status.connection}`} data-testid="student-class-connection" role="status">{t(`bar.connection.${status.connection}`)}</span>
      {status.pending > 0 && <span className="class-pending" data-testid="student-class-pending">{t('bar.pending', { count: status.pending })}</span>}

      {delivery && (
        <span className="class-delivery" data-testid="unit-delivery" data-state={delivery.state}>
          <progress data-testid="unit-progress" value={delivery.received} max={delivery.total} aria-label={t('bar.downloading')} />
          {delivery.state === 'downloading' && <span>{t('bar.downloading')} {percent}%</span>}
          {delivery.state === 'installed' && <span data-testid="unit-installed">{t('bar.installed', { unit: delivery.unitTitle ?? '' })}</span>}
          {delivery.state === 'failed' && <span className="class-error" role="alert">{t('bar.installFailed', { message: delivery.message?.[language] ?? '' })}</span>}
        </span>
      )}

      <button data-testid="class-help" aria-pressed={needsHelp} className={needsHelp ? 'help-on' : ''} onClick={() => void toggleHelp()}>
        {needsHelp ? t('bar.helpOn') : t('bar.help')}
      </button>
      <button data-testid="class-hand-in" disabled={handIn.kind === 'sending'} onClick={() => void handInNow()}>
        {handIn.kind === 'sending' ? t('bar.handingIn') : t('bar.handIn')}
      </button>
      {handIn.kind === 'sent' && <span data-testid="hand-in-state" data-state="sent">{t('bar.handedIn')}</span>}
      {handIn.kind === 'delivered' && <span data-testid="hand-in-state" data-state="delivered">{t('bar.delivered')}</span>}
      {handIn.kind === 'refused' && <span className="class-error" role="alert" data-testid="hand-in-state" data-state="refused">{t('bar.handInRefused', { message: handIn.message[language] })}</span>}

      {confirmLeave
        ? <button data-testid="class-leave-confirm" onClick={() => void leave()}>{t('bar.leaveConfirm')}</button>
        : <button data-testid="class-leave" onClick={() => setConfirmLeave(true)}>{t('bar.leave')}</button>}

      {error && <span className="class-error" role="alert">{error}</span>}
      {cls.notices.map((n) => (
        <div key={n.id} className="class-notice" role="status" data-testid="class-notice">
          <span>{n.kind === 'message' ? t('bar.message', { text: n.text }) : t('bar.reset')}</span>
          <button onClick={() => cls.dismiss(n.id)}>{t('bar.dismiss')}</button>
        </div>
      ))}
    </section>
  );
}
