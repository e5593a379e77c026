/**
 * Everything of the classroom the app shell mounts (issue 6): the "Class" chooser (teacher or student), the teacher
 * PIN, dashboard and projector view, "Join class", the student's class bar, the eyes-up lock, and the banner shown
 * while a hand-in is open read-only in the editor. The shell gives it a few verbs on the editor; this layer never
 * touches Blockly itself.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClassState } from '../../../core/contracts/classroom-host';
import type { Project } from '../../../core/contracts/project';
import type { Language } from '../../../core/i18n';
import { Modal } from '../components/Modal';
import type { HostClient } from '../host-client';
import { CatalogDialog } from './CatalogDialog';
import { ClassProjector } from './ClassProjector';
import { EyesUpOverlay } from './EyesUpOverlay';
import { hostErrorText } from './host-error-text';
import { JoinClassDialog } from './JoinClassDialog';
import { PinDialog } from './PinDialog';
import { StudentClassBar } from './StudentClassBar';
import { TeacherDashboard } from './TeacherDashboard';
import { useStudentClass } from './use-student-class';
import './classroom.css';

export interface ClassroomEditor {
  /** Opens `project` in the editor, read-only; resolves once it is there (never, if the user keeps unsaved work). */
  openReadOnly(project: Project): Promise<void>;
  /** Leaves the read-only view (the editor gets a new, editable project). */
  closeReadOnly(): void;
  /** Eyes-up: the editor refuses every change while locked. */
  setLocked(locked: boolean): void;
}

export interface ClassroomLayerProps {
  readonly host: HostClient;
  readonly language: Language;
  /** The toolbar's "Class" entry was pressed. */
  readonly open: boolean;
  readonly onClose: () => void;
  readonly currentProject: () => Project;
  readonly editor: ClassroomEditor;
}

type View = 'menu' | 'pin' | 'teacher' | 'join' | 'catalogs' | 'none';

export function ClassroomLayer(props: ClassroomLayerProps) {
  const { t } = useTranslation('classui');
  const { host, language, open, onClose, editor } = props;
  const [view, setView] = useState<View>('none');
  const [pinSet, setPinSet] = useState(false);
  const [classState, setClassState] = useState<ClassState | null>(null);
  const [projector, setProjector] = useState(false);
  const [handInView, setHandInView] = useState<{ student: string; title: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const student = useStudentClass(host, language);

  // The toolbar entry: straight back to a running class's dashboard, else the chooser.
  useEffect(() => {
    if (!open) return;
    setError(null);
    host.call('class.teacherStatus', {}).then((s) => {
      setPinSet(s.pinSet);
      setClassState(s.state);
      setView(s.unlocked && s.state ? 'teacher' : 'menu');
    }, (e) => {
      setError(hostErrorText(t, e));
      setView('menu');
    });
  }, [open, host, t]);

  const close = useCallback(() => {
    setView('none');
    onClose();
  }, [onClose]);

  const chooseTeacher = async () => {
    try {
      const s = await host.call('class.teacherStatus', {});
      setPinSet(s.pinSet);
      setClassState(s.state);
      setView(s.unlocked ? 'teacher' : 'pin');
    } catch (e) {
      setError(hostErrorText(t, e));
    }
  };

  const openHandIn = useCallback((project: Project, label: { student: string; title: string }) => {
    setView('none');
    onClose();
    void editor.openReadOnly(project).then(() => setHandInView(label));
  }, [editor, onClose]);

  const closeHandIn = () => {
    setHandInView(null);
    editor.closeReadOnly();
  };

  const showDashboard = view === 'teacher' || classState !== null;
  return (
    <>
      {student.status?.joined && <StudentClassBar host={host} language={language} cls={student} currentProject={props.currentProject} />}

      {handInView && (
        <div className="banner hand-in-banner" role="status" data-testid="hand-in-banner">
          <span>{t('handIn.viewing', handInView)}</span>
          <span>
            <button data-testid="hand-in-back" onClick={() => { closeHandIn(); setView('teacher'); }}>{t('handIn.backToDashboard')}</button>
            <button data-testid="hand-in-close" onClick={closeHandIn}>{t('handIn.close')}</button>
          </span>
        </div>
      )}

      {view === 'menu' && (
        <Modal title={t('menu.title')} onClose={close} testId="class-menu">
          <div className="class-menu">
            <button data-testid="class-menu-teacher" autoFocus onClick={() => void chooseTeacher()}>
              <strong>{t('menu.teacher')}</strong>
              <small>{t('menu.teacherHint')}</small>
            </button>
            <button data-testid="class-menu-join" onClick={() => setView('join')}>
              <strong>{t('menu.join')}</strong>
              <small>{t('menu.joinHint')}</small>
            </button>
            <button data-testid="class-menu-catalogs" onClick={() => setView('catalogs')}>
              <strong>{t('menu.catalogs')}</strong>
              <small>{t('menu.catalogsHint')}</small>
            </button>
          </div>
          {error && <p className="class-error" role="alert">{error}</p>}
          <div className="class-actions"><button onClick={close}>{t('menu.close')}</button></div>
        </Modal>
      )}
      {view === 'pin' && <PinDialog host={host} pinSet={pinSet} onUnlocked={() => setView('teacher')} onCancel={close} />}
      {view === 'catalogs' && <CatalogDialog host={host} language={language} onClose={close} />}
      {view === 'join' && <JoinClassDialog host={host} onJoined={() => { student.refresh(); close(); }} onCancel={close} />}

      {showDashboard && (
        <TeacherDashboard
          host={host}
          language={language}
          state={classState}
          hidden={view !== 'teacher' || projector}
          onState={setClassState}
          onProjector={() => setProjector(true)}
          onClose={close}
          openHandIn={openHandIn}
        />
      )}
      {projector && classState && <ClassProjector state={classState} onClose={() => setProjector(false)} />}

      {/* A class that ended (or removed this student) cannot release the lock any more: it lifts with it. */}
      {student.status?.joined && student.status.eyesUp.locked && student.status.connection !== 'ended' && student.status.connection !== 'removed' && <EyesUpOverlay text={student.status.eyesUp.text} setLocked={editor.setLocked} />}
    </>
  );
}
