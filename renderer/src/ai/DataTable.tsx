/**
 * The samples of one dataset, a page at a time (PAGE_SIZE rows), so 10,000 samples cost the DOM 100 rows. Labels and
 * feature values are edited in place (Enter or leaving the box commits, Escape puts the old text back; a value that
 * is not a number is refused and the old one kept), and so are feature names in the header; rows are ticked and deleted together. Edits are reported up; the panel owns undo.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dataset } from '../../../core/ai/contracts';
import { labelColour } from './label-colours';
import { shortNumber } from './pictures/plot-scale';

export const PAGE_SIZE = 100;

function LabelCell(props: { label: string; labels: readonly string[]; row: number; onRelabel: (label: string) => void }) {
  const { t } = useTranslation('aiui');
  const [text, setText] = useState(props.label);
  useEffect(() => setText(props.label), [props.label]);
  const commit = () => {
    const next = text.trim();
    if (next === '' || next === props.label) setText(props.label);
    else props.onRelabel(next);
  };
  return (
    <input
      className="ai-label-input"
      data-testid={`label-${props.row}`}
      aria-label={t('data.relabel', { row: props.row + 1 })}
      value={text}
      maxLength={200}
      style={{ borderLeftColor: labelColour(props.label, props.labels) }}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
        else if (e.key === 'Escape') setText(props.label);
      }}
    />
  );
}

/**
 * One feature value, editable to fix a reading that went wrong. Enter or leaving the box commits; text that is not
 * a number is refused (`onRefused`, the panel says why) and the old number comes back, so nothing is lost.
 */
function ValueCell(props: { value: number; row: number; feature: number; name: string; onChange: (value: number) => void; onRefused: (text: string) => void }) {
  const { t } = useTranslation('aiui');
  const shown = shortNumber(props.value);
  const [text, setText] = useState(shown);
  useEffect(() => setText(shown), [shown]);
  const commit = () => {
    const trimmed = text.trim();
    if (trimmed === shown) return;
    const value = Number(trimmed);
    if (trimmed === '' || !Number.isFinite(value)) {
      setText(shown);
      if (trimmed !== '') props.onRefused(trimmed);
      return;
    }
    if (value !== props.value) props.onChange(value);
    else setText(shown);
  };
  return (
    <input
      className="ai-value-input num"
      data-testid={`value-${props.row}-${props.feature}`}
      aria-label={t('data.editValue', { row: props.row + 1, feature: props.name })}
      value={text}
      maxLength={40}
      size={Math.max(3, Math.min(10, text.length + 1))}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
        else if (e.key === 'Escape') setText(shown);
      }}
    />
  );
}

/** A feature's name in the table header, editable (recorded datasets start as x1, x2 …). */
function FeatureHeader(props: { name: string; index: number; onRename: (name: string) => void }) {
  const { t } = useTranslation('aiui');
  const [text, setText] = useState(props.name);
  useEffect(() => setText(props.name), [props.name]);
  const commit = () => {
    const next = text.trim();
    if (next === '' || next === props.name) setText(props.name);
    else props.onRename(next);
  };
  return (
    <input
      className="ai-feature-input"
      data-testid={`feature-${props.index}`}
      aria-label={t('data.renameFeature', { name: props.name })}
      title={t('data.renameFeature', { name: props.name })}
      value={text}
      maxLength={100}
      size={Math.max(3, Math.min(12, text.length + 1))}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
        else if (e.key === 'Escape') setText(props.name);
      }}
    />
  );
}

export function DataTable(props: {
  dataset: Dataset;
  labels: readonly string[];
  onRenameFeature: (index: number, name: string) => void;
  onRelabel: (row: number, label: string) => void;
  onEditValue: (row: number, feature: number, value: number) => void;
  /** A typed value was not a number (the cell already shows the old one again). */
  onValueRefused: (row: number, feature: number, text: string) => void;
  onDelete: (rows: readonly number[]) => void;
}) {
  const { t } = useTranslation('aiui');
  const { dataset } = props;
  const pages = Math.max(1, Math.ceil(dataset.samples.length / PAGE_SIZE));
  const [page, setPage] = useState(0);
  const [ticked, setTicked] = useState<ReadonlySet<number>>(new Set());
  // A different dataset (or one that shrank) starts from a valid page and nothing ticked.
  useEffect(() => setTicked(new Set()), [dataset.id, dataset.samples.length]);
  const current = Math.min(page, pages - 1);
  const start = current * PAGE_SIZE;
  const rows = dataset.samples.slice(start, start + PAGE_SIZE);
  const tick = (row: number, on: boolean) => {
    const next = new Set(ticked);
    if (on) next.add(row);
    else next.delete(row);
    setTicked(next);
  };
  const allOnPage = rows.length > 0 && rows.every((_, i) => ticked.has(start + i));
  return (
    <div className="ai-table-wrap">
      <div className="ai-controls">
        <button type="button" data-testid="delete-rows" disabled={ticked.size === 0} onClick={() => props.onDelete([...ticked].sort((a, b) => a - b))}>
          {t('data.deleteRows', { count: ticked.size })}
        </button>
        <span className="ai-pager">
          <button type="button" data-testid="page-prev" disabled={current === 0} onClick={() => setPage(current - 1)} aria-label={t('data.pagePrev')}>‹</button>
          <span data-testid="page-status">{t('data.page', { page: current + 1, pages, from: dataset.samples.length === 0 ? 0 : start + 1, to: start + rows.length, total: dataset.samples.length })}</span>
          <button type="button" data-testid="page-next" disabled={current >= pages - 1} onClick={() => setPage(current + 1)} aria-label={t('data.pageNext')}>›</button>
        </span>
      </div>
      <div className="ai-table-scroll">
        <table className="ai-table" data-testid="data-table">
          <thead>
            <tr>
              <th>
                <input
                  type="checkbox"
                  aria-label={t('data.tickPage')}
                  checked={allOnPage}
                  onChange={(e) => {
                    const next = new Set(ticked);
                    rows.forEach((_, i) => (e.target.checked ? next.add(start + i) : next.delete(start + i)));
                    setTicked(next);
                  }}
                />
              </th>
              <th>#</th>
              {dataset.features.map((f, j) => <th key={j}><FeatureHeader name={f} index={j} onRename={(name) => props.onRenameFeature(j, name)} /></th>)}
              <th>{t('data.label')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((s, i) => {
              const row = start + i;
              return (
                <tr key={row} data-testid="data-row">
                  <td><input type="checkbox" data-testid={`tick-${row}`} aria-label={t('data.tickRow', { row: row + 1 })} checked={ticked.has(row)} onChange={(e) => tick(row, e.target.checked)} /></td>
                  <td className="num">{row + 1}</td>
                  {dataset.features.map((f, j) => (
                    <td key={j} className="num">
                      <ValueCell value={s.values[j] ?? NaN} row={row} feature={j} name={f} onChange={(v) => props.onEditValue(row, j, v)} onRefused={(text) => props.onValueRefused(row, j, text)} />
                    </td>
                  ))}
                  <td><LabelCell label={s.label} labels={props.labels} row={row} onRelabel={(l) => props.onRelabel(row, l)} /></td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
