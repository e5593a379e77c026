/**
 * Datasets as pure data: edit samples, count classes, warn about data a model cannot learn well from, and CSV in
 * and out. Every function returns a new dataset and never changes its argument, so the UI can keep the old one
 * (undo, or nothing lost when an import fails).
 *
 * CSV (papaparse does the quoting): UTF-8 with a BOM (so Excel on a Chinese Windows opens it as UTF-8), a header
 * of the feature names then the label column, CRLF line ends. Import accepts files with or without the BOM, LF or
 * CRLF, and reports the first bad row and column in zh-CN and en.
 */
import Papa from 'papaparse';
import { translateBoth } from '../i18n/index';
import type { Dataset } from './contracts';
import { AiError } from './errors';
import { MAX_DATASETS, MAX_SAMPLES } from './ops-datasets';
import { MAX_FEATURES, MAX_LABEL, MAX_NAME } from './ops-values';
import { sortedLabels } from './split';

export { MAX_DATASETS, MAX_SAMPLES };

/** A message in both languages, with the i18n key and params it came from (`ai` namespace). */
export interface AiMessage {
  readonly key: string;
  readonly params: Readonly<Record<string, string | number>>;
  readonly message: { readonly 'zh-CN': string; readonly en: string };
}

export function aiMessage(key: string, params: Record<string, string | number> = {}): AiMessage {
  return { key, params, message: translateBoth('ai', key, params) };
}

// ── editing ──────────────────────────────────────────────────────────────────────────────────────────────────

/** The dataset with one more sample. AiError when the values do not fit (count, not finite) or the label is empty. */
export function addSample(d: Dataset, values: readonly number[], label: string): Dataset {
  if (d.samples.length > 0 && values.length !== d.features.length) {
    throw new AiError('error.recordFeatureCount', { name: d.name, expected: d.features.length, got: values.length });
  }
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new AiError('error.featureNotNumber', { position: i + 1, value: String(v) });
  });
  const l = label.trim();
  if (l === '') throw new AiError('error.emptyLabel');
  if (l.length > MAX_LABEL) throw new AiError('error.labelTooLong', { max: MAX_LABEL });
  if (d.samples.length >= MAX_SAMPLES) throw new AiError('error.datasetFull', { name: d.name, max: MAX_SAMPLES });
  const features = d.samples.length === 0 && d.features.length !== values.length ? values.map((_, i) => `x${i + 1}`) : d.features.slice();
  return { ...d, features, samples: [...d.samples, { values: values.slice(), label: l }] };
}

/** The dataset without the samples at `indices` (0-based; out-of-range indices are ignored). */
export function deleteSamples(d: Dataset, indices: readonly number[]): Dataset {
  const drop = new Set(indices);
  return { ...d, samples: d.samples.filter((_, i) => !drop.has(i)) };
}

/** The dataset with sample `index` labelled `label`. AiError for an empty or too long label. */
export function relabelSample(d: Dataset, index: number, label: string): Dataset {
  const l = label.trim();
  if (l === '') throw new AiError('error.emptyLabel');
  if (l.length > MAX_LABEL) throw new AiError('error.labelTooLong', { max: MAX_LABEL });
  if (index < 0 || index >= d.samples.length) return d;
  return { ...d, samples: d.samples.map((s, i) => (i === index ? { values: s.values.slice(), label: l } : s)) };
}

/**
 * The dataset with feature `feature` of sample `index` set to `value` (fixing a reading that went wrong). AiError for
 * a value that is not a finite number; out-of-range indices change nothing.
 */
export function setSampleValue(d: Dataset, index: number, feature: number, value: number): Dataset {
  if (!Number.isFinite(value)) throw new AiError('error.featureNotNumber', { position: feature + 1, value: String(value) });
  const sample = d.samples[index];
  if (!sample || feature < 0 || feature >= sample.values.length) return d;
  const values = sample.values.map((v, j) => (j === feature ? value : v));
  return { ...d, samples: d.samples.map((s, i) => (i === index ? { values, label: s.label } : s)) };
}

/** The dataset with feature `index` renamed (trimmed; an empty name is refused). */
export function renameFeature(d: Dataset, index: number, name: string): Dataset {
  const n = name.trim();
  if (n === '') throw new AiError('error.emptyFeatureName');
  if (n.length > MAX_NAME) throw new AiError('error.nameTooLong', { max: MAX_NAME });
  return { ...d, features: d.features.map((f, i) => (i === index ? n : f)) };
}

// ── balance and warnings ─────────────────────────────────────────────────────────────────────────────────────

export interface ClassCount {
  readonly label: string;
  readonly count: number;
  /** Share of all samples, 0–1. */
  readonly share: number;
}

/** Samples per label, in sorted label order. */
export function classCounts(d: Dataset): ClassCount[] {
  const counts = new Map<string, number>();
  for (const s of d.samples) counts.set(s.label, (counts.get(s.label) ?? 0) + 1);
  const total = d.samples.length;
  return sortedLabels(counts.keys()).map((label) => ({ label, count: counts.get(label)!, share: counts.get(label)! / total }));
}

/** Fewest samples per class before the "too small" warning. */
export const MIN_PER_CLASS = 5;
/** Largest/smallest class ratio from which a dataset counts as unbalanced. */
export const UNBALANCED_RATIO = 3;

/**
 * True when the labels look like measurements rather than classes (every label a number and more than
 * MIN_PER_CLASS different ones): a dataset for a line, where per-class counts mean nothing.
 */
export function labelsAreNumbers(d: Dataset): boolean {
  if (d.samples.length === 0) return false;
  const distinct = new Set<string>();
  for (const s of d.samples) {
    const t = s.label.trim();
    if (t === '' || !Number.isFinite(Number(t))) return false;
    distinct.add(t);
  }
  return distinct.size > MIN_PER_CLASS;
}

/**
 * What a student should know before training on this dataset (the ethics part of the lab: a model learns only what
 * the data shows it): no samples; one class only; a class with fewer than 5 samples; the largest class 3× the
 * smallest or more. For number labels (a line's data) only "fewer than 5 samples" applies.
 */
export function datasetWarnings(d: Dataset): AiMessage[] {
  if (d.samples.length === 0) return [aiMessage('warning.empty')];
  if (labelsAreNumbers(d)) return [];
  const counts = classCounts(d);
  const out: AiMessage[] = [];
  if (counts.length === 1) out.push(aiMessage('warning.singleClass', { label: counts[0].label }));
  for (const c of counts) if (c.count < MIN_PER_CLASS) out.push(aiMessage('warning.tooSmall', { label: c.label, count: c.count, min: MIN_PER_CLASS }));
  if (counts.length >= 2) {
    // Largest first; ties keep label order, so the message names the same classes every time.
    const bySize = counts.slice().sort((a, b) => b.count - a.count);
    const largest = bySize[0];
    const smallest = bySize[bySize.length - 1];
    if (largest.count >= UNBALANCED_RATIO * smallest.count) {
      out.push(aiMessage('warning.unbalanced', { largest: largest.label, largestCount: largest.count, smallest: smallest.label, smallestCount: smallest.count }));
    }
  }
  return out;
}

// ── CSV ──────────────────────────────────────────────────────────────────────────────────────────────────────

/** Largest CSV file accepted (100 000 samples of a few features fit easily). */
export const CSV_MAX_BYTES = 8 * 1024 * 1024;
const BOM = '\ufeff';

/** The dataset as CSV text: BOM, header (features, then `label`), one row per sample, CRLF line ends. */
export function datasetToCsv(d: Dataset): string {
  const rows: (string | number)[][] = [[...d.features, 'label'], ...d.samples.map((s) => [...s.values, s.label])];
  return BOM + Papa.unparse(rows, { newline: '\r\n' }) + '\r\n';
}

export type CsvImport = { readonly ok: true; readonly dataset: Dataset } | { readonly ok: false; readonly error: AiMessage };

/**
 * A dataset from CSV text (a header row, then samples: numbers, the last column the label). On any problem nothing
 * is made and the error names the row (the header is row 1) and the column; the caller's data stays as it was.
 * `id` and `name` are the new dataset's (the caller picks them, e.g. from the file name).
 */
export function datasetFromCsv(text: string, id: string, name: string): CsvImport {
  const fail = (key: string, params: Record<string, string | number> = {}): CsvImport => ({ ok: false, error: aiMessage(key, params) });
  // Counted in characters (core has no TextEncoder); callers reading a file check its byte size against this too.
  if (text.length > CSV_MAX_BYTES) return fail('csv.tooBig', { maxMb: CSV_MAX_BYTES / (1024 * 1024) });
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  const parsed = Papa.parse(body, { skipEmptyLines: 'greedy' });
  const quoteError = parsed.errors.find((e) => e.type === 'Quotes');
  if (quoteError) return fail('csv.badQuotes', { row: (quoteError.row ?? 0) + 1 });
  const rows = parsed.data;
  if (rows.length === 0) return fail('csv.empty');
  const header = rows[0].map((h) => h.trim());
  if (header.length < 2) return fail('csv.needTwoColumns');
  if (header.length - 1 > MAX_FEATURES) return fail('csv.tooManyColumns', { max: MAX_FEATURES + 1 });
  if (rows.length - 1 > MAX_SAMPLES) return fail('csv.tooManyRows', { max: MAX_SAMPLES });
  const features = header.slice(0, -1).map((h, i) => (h === '' ? `x${i + 1}` : h.slice(0, MAX_NAME)));
  const samples: Dataset['samples'] = [];
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r];
    const rowNo = r + 1;
    if (row.length !== header.length) return fail('csv.columnCount', { row: rowNo, expected: header.length, got: row.length });
    const values: number[] = [];
    for (let c = 0; c < features.length; c++) {
      const cell = row[c].trim();
      const v = cell === '' ? NaN : Number(cell);
      if (!Number.isFinite(v)) return fail('csv.notNumber', { row: rowNo, column: features[c], value: cell.slice(0, 40) });
      values.push(v);
    }
    const label = row[row.length - 1].trim();
    if (label === '') return fail('csv.emptyLabel', { row: rowNo, column: header[header.length - 1] || 'label' });
    if (label.length > MAX_LABEL) return fail('csv.labelTooLong', { row: rowNo, max: MAX_LABEL });
    samples.push({ values, label });
  }
  return { ok: true, dataset: { id, name: name.slice(0, 200), features, samples } };
}
