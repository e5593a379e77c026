/**
 * The AI lab panel under the stage: a Data tab and a Models tab over the open project's datasets and models.
 *
 * Edits (relabel, rename a feature, delete rows, import, delete a dataset or a model) go up as a whole new AI state through `onChange`, which
 * puts it into the project (and so marks it unsaved). The panel keeps its own undo stack for these edits (Ctrl+Z
 * while the panel has focus, or the Undo button); Blockly's undo stays the workspace's. When the state changes from
 * elsewhere (a run recorded samples or trained a model), the stack is dropped, because undoing to a state from
 * before the run would silently throw away what the run recorded.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AiState, Dataset } from '../../../core/ai/contracts';
import type { Language } from '../../../core/i18n';
import { DataPanel } from './DataPanel';
import type { LiveReadings } from './live-readings';
import { ModelPanel } from './ModelPanel';
import './ai-panel.css';

/** Undo keeps this many edits. */
export const UNDO_LIMIT = 50;

interface UndoEntry {
  readonly before: AiState;
  readonly what: string;
}

export function AiPanel(props: {
  ai: AiState;
  language: Language;
  onChange: (next: AiState) => void;
  defaultOpen?: boolean;
  /** The sensors' readings now (latest simulator snapshot or the connected kit), for recording by hand. */
  readings?: () => LiveReadings;
  /** The connected real device the readings come from (device panel), or null for the simulator. */
  readingsFrom?: () => string | null;
}) {
  const { t } = useTranslation('aiui');
  const { ai, onChange } = props;
  const [open, setOpen] = useState(props.defaultOpen ?? false);
  const [tab, setTab] = useState<'data' | 'models'>('data');
  const [datasetId, setDatasetId] = useState<string | null>(null);
  const [modelId, setModelId] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const undo = useRef<UndoEntry[]>([]);
  const [undoCount, setUndoCount] = useState(0);
  /** The state this panel last handed up: anything else arriving came from elsewhere. */
  const emitted = useRef<AiState | null>(null);

  useEffect(() => {
    if (emitted.current && emitted.current.datasets === ai.datasets && emitted.current.models === ai.models) return;
    emitted.current = null;
    undo.current = [];
    setUndoCount(0);
  }, [ai]);

  const apply = (next: AiState, what: string) => {
    undo.current = [...undo.current.slice(-(UNDO_LIMIT - 1)), { before: ai, what }];
    setUndoCount(undo.current.length);
    setNotice(null);
    emitted.current = next;
    onChange(next);
  };

  const undoLast = () => {
    const entry = undo.current.at(-1);
    if (!entry) return;
    undo.current = undo.current.slice(0, -1);
    setUndoCount(undo.current.length);
    emitted.current = entry.before;
    onChange(entry.before);
    setNotice(t('panel.undone', { what: entry.what }));
  };

  const editDataset = (next: Dataset, what: string) => {
    const exists = ai.datasets.some((d) => d.id === next.id);
    apply({ ...ai, datasets: exists ? ai.datasets.map((d) => (d.id === next.id ? next : d)) : [...ai.datasets, next] }, what);
  };

  const deleteDataset = (id: string, what: string) => {
    apply({ ...ai, datasets: ai.datasets.filter((d) => d.id !== id) }, what);
    setDatasetId(null);
  };

  return (
    <section
      className={`panel ai-panel${open ? ' open' : ''}`}
      data-testid="ai-panel"
      aria-label={t('panel.title')}
      onKeyDown={(e) => {
        // Ctrl+Z inside the panel undoes the panel's edit, not the workspace's (except while typing in a box,
        // where it is the box's own undo).
        const target = e.target as HTMLElement;
        if (!(e.ctrlKey || e.metaKey) || e.key.toLowerCase() !== 'z' || e.shiftKey || target.tagName === 'INPUT') return;
        e.preventDefault();
        e.stopPropagation();
        undoLast();
      }}
    >
      <div className="ai-panel-head">
        <button type="button" data-testid="ai-panel-toggle" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          {open
            ? `▾ ${t('panel.title')}`
            : `▸ ${ai.datasets.length + ai.models.length > 0 ? t('panel.showCounts', { datasets: ai.datasets.length, models: ai.models.length }) : t('panel.show')}`}
        </button>
        {open && (
          <>
            <div role="tablist" className="ai-tabs">
              <button type="button" role="tab" aria-selected={tab === 'data'} data-testid="ai-tab-data" onClick={() => setTab('data')}>
                {t('panel.tab.data')} ({ai.datasets.length})
              </button>
              <button type="button" role="tab" aria-selected={tab === 'models'} data-testid="ai-tab-models" onClick={() => setTab('models')}>
                {t('panel.tab.models')} ({ai.models.length})
              </button>
            </div>
            <button type="button" data-testid="ai-undo" disabled={undoCount === 0} onClick={undoLast} title="Ctrl+Z">↶ {t('panel.undo')}</button>
          </>
        )}
      </div>
      {open && notice && <p className="hint" role="status" data-testid="ai-notice">{notice}</p>}
      {open && tab === 'data' && (
        <DataPanel datasets={ai.datasets} selectedId={datasetId} language={props.language} onSelect={setDatasetId} onEdit={editDataset} onDelete={deleteDataset} readings={props.readings} readingsFrom={props.readingsFrom} />
      )}
      {open && tab === 'models' && (
        <ModelPanel
          models={ai.models}
          datasets={ai.datasets}
          selectedId={modelId}
          onSelect={setModelId}
          onDelete={(id, what) => {
            apply({ ...ai, models: ai.models.filter((m) => m.id !== id) }, what);
            setModelId(null);
          }}
        />
      )}
    </section>
  );
}
