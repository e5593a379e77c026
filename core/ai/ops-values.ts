/** Argument checks shared by the AI op groups: names, feature lists, labels. Errors are AiErrors (zh-CN/en). */
import type { Value } from '../program/ir';
import { AiError } from './errors';

/** Longest dataset/model name and label (the project schema's limits). */
export const MAX_NAME = 100;
export const MAX_LABEL = 200;
/** Most features a sample may have (project schema). */
export const MAX_FEATURES = 64;

/** A dataset or model name from a block: trimmed, not empty, not too long. */
export function nameArg(v: Value, what: 'dataset' | 'model'): string {
  const name = typeof v === 'string' ? v.trim() : String(v).trim();
  if (name === '') throw new AiError(what === 'dataset' ? 'error.emptyDatasetName' : 'error.emptyModelName');
  if (name.length > MAX_NAME) throw new AiError('error.nameTooLong', { max: MAX_NAME });
  return name;
}

/** A sample's label: text, not empty, not too long (numbers become their text, for regression datasets). */
export function labelArg(v: Value): string {
  const label = Array.isArray(v) ? v.join(',') : String(v).trim();
  if (label === '') throw new AiError('error.emptyLabel');
  if (label.length > MAX_LABEL) throw new AiError('error.labelTooLong', { max: MAX_LABEL });
  return label;
}

/**
 * Feature values from a list block: every item a finite number (numeric text counts, as elsewhere in the language).
 * A single number is a one-feature list, so "record [distance] as …" works without a list block.
 */
export function featuresArg(v: Value): number[] {
  const items = Array.isArray(v) ? v : [v];
  if (items.length === 0) throw new AiError('error.noFeatures');
  if (items.length > MAX_FEATURES) throw new AiError('error.tooManyFeatures', { max: MAX_FEATURES });
  return items.map((item, i) => {
    const n = typeof item === 'number' ? item : typeof item === 'boolean' ? (item ? 1 : 0) : typeof item === 'string' && item.trim() !== '' ? Number(item) : NaN;
    if (!Number.isFinite(n)) throw new AiError('error.featureNotNumber', { position: i + 1, value: Array.isArray(item) ? '[…]' : String(item) });
    return n;
  });
}
