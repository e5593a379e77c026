/**
 * The Data tab: pick a dataset, see whether it is fair (warnings + class balance), look at it (uPlot scatter of two
 * chosen features), fix it (relabel, edit a value, delete rows) and move it in and out as CSV. Every edit is handed up as a whole
 * new dataset with a description, so the panel above can undo it.
 *
 * CSV import uses a plain file input: it works the same in Electron and in the browser and needs no host call, since
 * the file's text is all the panel needs. Export is a download of UTF-8 text with a BOM (Excel then opens Chinese
 * labels correctly instead of as mojibake).
 */
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dataset } from '../../../core/ai/contracts';
import type { Language } from '../../../core/i18n';
import { ClassBalance } from './ClassBalance';
import { DataTable } from './DataTable';
import { ScatterChart, scatterSeries } from './ScatterChart';
import { CSV_MAX_BYTES, datasetToCsv, datasetWarnings, deleteSamples, relabelSample, renameFeature, setSampleValue } from '../../../core/ai/datasets';
import { countMap, importCsv } from './dataset-tools';
import type { LiveReadings } from './live-readings';
import { RecordForm } from './RecordForm';
import { csvFileName, downloadText } from './download';

export function DataPanel(props: {
  datasets: readonly Dataset[];
  selectedId: string | null;
  language: Language;
  onSelect: (id: string) => void;
  /** Replaces one dataset (same id) or adds a new one; `what` describes the edit for the undo notice. */
  onEdit: (next: Dataset, what: string) => void;
  /** Removes a dataset. */
  onDelete: (id: string, what: string) => void;
  /** The sensors' readings now, for recording by hand; no record form without it. */
  readings?: () => LiveReadings;
  /** The connected real device the readings come from, or null for the simulator. */
  readingsFrom?: () => string | null;
}) {
  const { t } = useTranslation('aiui');
  const { datasets, language } = props;
  const dataset = datasets.find((d) => d.id === props.selectedId) ?? datasets[0];
  const [axes, setAxes] = useState<[number, number]>([0, 1]);
  const [message, setMessage] = useState<{ kind: 'error' | 'info'; text: string } | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  const counts = useMemo(() => (dataset ? countMap(dataset) : new Map<string, number>()), [dataset]);
  const labels = useMemo(() => [...counts.keys()].sort(), [counts]);
  const warnings = useMemo(() => (dataset ? datasetWarnings(dataset) : []), [dataset]);
  const nf = dataset?.features.length ?? 0;
  const fx = Math.min(axes[0], Math.max(0, nf - 1));
  const fy = Math.min(axes[1], Math.max(0, nf - 1));
  const series = useMemo(
    () => (dataset ? scatterSeries(dataset.samples.map((s, i) => ({ x: s.values[fx] ?? NaN, y: nf >= 2 ? (s.values[fy] ?? NaN) : i + 1, label: s.label })), labels) : []),
    [dataset, fx, fy, nf, labels],
  );

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    setMessage(null);
    if (file.size > CSV_MAX_BYTES) {
      const reason = t('data.fileTooLarge', { size: (file.size / 2 ** 20).toFixed(1), max: CSV_MAX_BYTES / 2 ** 20 });
      setMessage({ kind: 'error', text: t('data.importFailed', { file: file.name, reason }) });
      return;
    }
    const name = file.name.replace(/\.csv$/i, '') || 'CSV';
    const result = importCsv(await file.text(), name, datasets);
    if (!result.ok) {
      setMessage({ kind: 'error', text: t('data.importFailed', { file: file.name, reason: result.error.message[language] }) });
      return;
    }
    props.onEdit(result.dataset, t('edit.import', { name: file.name }));
    props.onSelect(result.dataset.id);
    setMessage({ kind: 'info', text: t('data.imported', { count: result.dataset.samples.length, name: result.dataset.name }) });
  };

  const header = (
    <div className="ai-controls">
      {dataset && (
        <label>
          {t('data.pick')}{' '}
          <select data-testid="dataset-pick" value={dataset.id} onChange={(e) => props.onSelect(e.target.value)}>
            {datasets.map((d) => <option key={d.id} value={d.id}>{t('data.option', { name: d.name, count: d.samples.length })}</option>)}
          </select>
        </label>
      )}
      <button type="button" data-testid="csv-import" onClick={() => fileRef.current?.click()}>{t('data.import')}</button>
      {dataset && (
        <button type="button" data-testid="csv-export" title={t('data.exportHint')} onClick={() => downloadText(datasetToCsv(dataset), csvFileName(dataset.name), 'text/csv;charset=utf-8')}>
          {t('data.export')}
        </button>
      )}
      {dataset && (
        <button type="button" data-testid="dataset-delete" onClick={() => props.onDelete(dataset.id, t('edit.deleteDataset', { name: dataset.name }))}>{t('data.deleteDataset')}</button>
      )}
      <input ref={fileRef} data-testid="csv-file" type="file" accept=".csv,text/csv" hidden onChange={(e) => { void importFile(e.target.files?.[0]); e.target.value = ''; }} />
    </div>
  );

  return (
    <div className="ai-data" data-testid="data-panel" data-dataset={dataset?.name ?? ''} data-samples={dataset?.samples.length ?? 0}>
      {header}
      {message && <p className={message.kind === 'error' ? 'warn' : 'hint'} role={message.kind === 'error' ? 'alert' : 'status'} data-testid={message.kind === 'error' ? 'data-error' : 'data-info'}>{message.text}</p>}
      {props.readings && <RecordForm readings={props.readings} readingsFrom={props.readingsFrom} dataset={dataset} datasets={datasets} onEdit={props.onEdit} onSelect={props.onSelect} />}
      {!dataset && <p className="hint" data-testid="data-none">{t('data.none')}</p>}
      {dataset && (
        <>
          {warnings.length > 0 && (
            <div className="ai-warnings" role="status" data-testid="data-warnings">
              <strong>{t('warn.title')}</strong>
              <ul>{warnings.map((w, i) => <li key={i} data-testid="data-warning">{w.message[language]}</li>)}</ul>
            </div>
          )}
          <ClassBalance counts={counts} labels={labels} />
          {nf >= 2 && (
            <div className="ai-controls">
              <label>
                {t('data.axisX')}{' '}
                <select data-testid="data-axis-x" value={fx} onChange={(e) => setAxes([Number(e.target.value), fy])}>
                  {dataset.features.map((f, i) => <option key={i} value={i}>{f}</option>)}
                </select>
              </label>
              <label>
                {t('data.axisY')}{' '}
                <select data-testid="data-axis-y" value={fy} onChange={(e) => setAxes([fx, Number(e.target.value)])}>
                  {dataset.features.map((f, i) => <option key={i} value={i}>{f}</option>)}
                </select>
              </label>
            </div>
          )}
          {nf === 1 && <p className="hint">{t('data.oneFeature')}</p>}
          {nf >= 1 && dataset.samples.length > 0 && (
            <ScatterChart series={series} labels={labels} xLabel={dataset.features[fx] ?? ''} yLabel={nf >= 2 ? (dataset.features[fy] ?? '') : t('data.sampleIndex')} />
          )}
          <DataTable
            dataset={dataset}
            labels={labels}
            onRenameFeature={(index, name) => props.onEdit(renameFeature(dataset, index, name), t('edit.renameFeature', { from: dataset.features[index] ?? '', to: name }))}
            onRelabel={(row, label) => props.onEdit(relabelSample(dataset, row, label), t('edit.relabel', { row: row + 1, label }))}
            onDelete={(rows) => props.onEdit(deleteSamples(dataset, rows), t('edit.delete', { count: rows.length }))}
            onEditValue={(row, feature, value) => {
              setMessage(null);
              props.onEdit(setSampleValue(dataset, row, feature, value), t('edit.value', { row: row + 1, feature: dataset.features[feature] ?? '', value }));
            }}
            onValueRefused={(row, feature, text) => setMessage({ kind: 'error', text: t('data.valueNotNumber', { row: row + 1, feature: dataset.features[feature] ?? '', value: text }) })}
          />
        </>
      )}
    </div>
  );
}
