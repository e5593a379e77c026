/**
 * The data panel's glue to core/ai/datasets: an imported CSV file becomes a new dataset with an id and a name that
 * do not clash with the project's (a second "颜色.csv" becomes "颜色 (2)"), and class counts as a map for the bars.
 */
import type { Dataset } from '../../../core/ai/contracts';
import { classCounts, datasetFromCsv, type CsvImport } from '../../../core/ai/datasets';

/** First free `dataset-N` id and a name not used yet, based on `base`. */
export function freshIdentity(base: string, existing: readonly Dataset[]): { id: string; name: string } {
  const ids = new Set(existing.map((d) => d.id));
  const names = new Set(existing.map((d) => d.name));
  let n = existing.length + 1;
  while (ids.has(`dataset-${n}`)) n++;
  const stem = base.trim() || 'CSV';
  let name = stem;
  for (let i = 2; names.has(name); i++) name = `${stem} (${i})`;
  return { id: `dataset-${n}`, name };
}

/** A CSV file's text as a new dataset beside `existing` (nothing changes when it fails). */
export function importCsv(text: string, fileBase: string, existing: readonly Dataset[]): CsvImport {
  const { id, name } = freshIdentity(fileBase, existing);
  return datasetFromCsv(text, id, name);
}

/** Samples per label, sorted by label. */
export function countMap(d: Dataset): Map<string, number> {
  return new Map(classCounts(d).map((c) => [c.label, c.count]));
}
