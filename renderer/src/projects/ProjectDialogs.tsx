/**
 * The project dialogs (presentational: the App owns the state and passes the actions in): new project with a kit
 * choice, open (projects folder + recent, native dialog in Electron, upload in browser mode), save as (name prompt),
 * the unsaved-changes guard, crash recovery ("restore unsaved work?") and the version history.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HostResult } from '../../../core/contracts/host';
import type { TargetKitName } from '../../../core/contracts/project';
import type { Language } from '../../../core/i18n';
import { Modal } from '../components/Modal';
import { baseName, fileNameFor } from './project-files';

const KITS = ['robot', 'drone', 'sensorkit'] as const;

/** A date as the classroom reads it, in the UI language. */
export function formatTime(iso: string, lang: Language): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(lang === 'zh-CN' ? 'zh-CN' : 'en-GB');
}

export function NewProjectDialog(props: { onCreate: (kit: TargetKitName) => void; onCancel: () => void }) {
  const { t } = useTranslation('app');
  return (
    <Modal title={t('project.new.title')} onClose={props.onCancel} testId="dialog-new">
      <p>{t('project.new.chooseKit')}</p>
      <div className="kit-choices">
        {KITS.map((k) => (
          <button key={k} className="kit-choice" data-testid={`new-${k}`} onClick={() => props.onCreate(k)}>
            {t(`project.kit.${k}`)}
          </button>
        ))}
      </div>
      <div className="actions"><button onClick={props.onCancel}>{t('app.cancel')}</button></div>
    </Modal>
  );
}

export function OpenProjectDialog(props: {
  projects: HostResult<'project.list'>;
  recent: HostResult<'project.recent'>;
  language: Language;
  onOpen: (path: string) => void;
  /** Electron only: the system's open dialog. */
  onNative?: () => void;
  /** Browser mode only: pick a file from this computer. */
  onUpload?: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('app');
  const sections = [['project.open.projects', props.projects], ['project.open.recent', props.recent]] as const;
  return (
    <Modal title={t('project.open.title')} onClose={props.onCancel} testId="dialog-open">
      {sections.map(([label, list]) => (
        <section key={label}>
          <h3>{t(label)}</h3>
          {list.length === 0 ? <p className="hint">{t('project.open.none')}</p> : (
            <ul className="file-list">
              {list.map((p) => (
                <li key={p.path}>
                  <button className="file" data-path={p.path} onClick={() => props.onOpen(p.path)}>
                    <strong>{p.title || baseName(p.path)}</strong>
                    <span className="hint">{t('project.open.modified', { time: formatTime(p.modifiedAt, props.language) })}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
      <div className="actions">
        {props.onNative && <button onClick={props.onNative}>{t('project.open.system')}</button>}
        {props.onUpload && <button onClick={props.onUpload}>{t('project.upload')}</button>}
        <button onClick={props.onCancel}>{t('app.cancel')}</button>
      </div>
    </Modal>
  );
}

export function SaveAsDialog(props: { initial: string; onCancel: () => void; onSave: (fileName: string) => void; onDownload?: () => void }) {
  const { t } = useTranslation('app');
  const [value, setValue] = useState(props.initial);
  const fileName = fileNameFor(value);
  return (
    <Modal title={t('project.saveAs.title')} onClose={props.onCancel} testId="dialog-save-as">
      <form onSubmit={(e) => { e.preventDefault(); if (fileName) props.onSave(fileName); }}>
        <label className="field">
          {t('project.saveAs.name')}
          <input data-testid="save-name" autoFocus value={value} onChange={(e) => setValue(e.target.value)} maxLength={120} />
        </label>
        {value.trim() !== '' && !fileName && <p className="field-error">{t('project.saveAs.nameInvalid')}</p>}
        <div className="actions">
          <button type="submit" className="primary" data-testid="save-confirm" disabled={!fileName}>{t('project.save')}</button>
          {props.onDownload && <button type="button" onClick={props.onDownload}>{t('project.download')}</button>}
          <button type="button" onClick={props.onCancel}>{t('app.cancel')}</button>
        </div>
      </form>
    </Modal>
  );
}

/**
 * "Save changes?" before an action that would replace the open work. "Don't save" only lets the action go ahead:
 * the work (and its draft) is dropped when another project actually replaces it, so a cancelled or failed open
 * loses nothing.
 */
export function UnsavedDialog(props: { name: string; onSave: () => void; onDiscard: () => void; onCancel: () => void }) {
  const { t } = useTranslation('app');
  return (
    <Modal title={t('project.unsaved.title')} onClose={props.onCancel} testId="dialog-unsaved">
      <p>{t('project.unsaved.body', { name: props.name })}</p>
      <div className="actions">
        <button className="primary" onClick={props.onSave}>{t('project.unsaved.save')}</button>
        <button onClick={props.onDiscard}>{t('project.unsaved.discard')}</button>
        <button onClick={props.onCancel}>{t('app.cancel')}</button>
      </div>
    </Modal>
  );
}

export function RestoreDialog(props: { drafts: HostResult<'project.drafts'>; language: Language; onRestore: (draftId: string) => void; onDiscardAll: () => void }) {
  const { t } = useTranslation('app');
  return (
    <Modal title={t('project.restore.title')} testId="dialog-restore">
      <p>{t('project.restore.body')}</p>
      <ul className="file-list">
        {props.drafts.map((d) => (
          <li key={d.draftId}>
            <button className="file" data-testid="restore-draft" onClick={() => props.onRestore(d.draftId)}>
              <strong>{d.title || (d.path ? baseName(d.path) : t('project.untitled'))}</strong>
              <span className="hint">{t('project.restore.savedAt', { time: formatTime(d.savedAt, props.language) })}</span>
              <span className="primary-label">{t('project.restore.restore')}</span>
            </button>
          </li>
        ))}
      </ul>
      <div className="actions">
        <button data-testid="restore-discard" onClick={props.onDiscardAll}>{t('project.restore.discard')}</button>
      </div>
    </Modal>
  );
}

/** `versions` is null while the project has never been saved (no history yet). */
export function HistoryDialog(props: { versions: HostResult<'project.history'> | null; language: Language; onOpen: (versionId: string, savedAt: string) => void; onClose: () => void }) {
  const { t } = useTranslation('app');
  const { versions } = props;
  return (
    <Modal title={t('project.history.title')} onClose={props.onClose} testId="dialog-history">
      {versions === null ? <p>{t('project.history.needsSave')}</p> : versions.length === 0 ? <p>{t('project.history.none')}</p> : (
        <ul className="file-list">
          {versions.map((v) => (
            <li key={v.id}>
              <button className="file" onClick={() => props.onOpen(v.id, v.savedAt)}>
                <strong>{formatTime(v.savedAt, props.language)}</strong>
                <span className="hint">{(v.sizeBytes / 1024).toFixed(1)} kB · {t('project.history.open')}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="actions"><button onClick={props.onClose}>{t('app.close')}</button></div>
    </Modal>
  );
}
