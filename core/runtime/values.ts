/**
 * Value semantics of the interpreter, shared by the compiled closures and the builtins table.
 *
 * - Numbers: Blockly's math blocks are numeric, so operands are coerced with `toNumber` (booleans → 1/0, numeric
 *   text → its number, empty text → 0). Anything else (a word, a list) is a `notANumber` error on the block, and so is
 *   a non-finite result (√−1, overflow): a grade-4 student should see the block, not `NaN` ten blocks later.
 * - Lists are reference values like in Blockly: assigning a list variable to another shares the list.
 * - Equality compares numbers numerically and text case-sensitively; lists item by item.
 */
import type { Value } from '../program/ir';
import type { RuntimeErrorCode } from './types';

/** A runtime error on a block; thrown inside the interpreter and turned into an `error` event. */
export class RuntimeFault extends Error {
  constructor(
    readonly code: RuntimeErrorCode,
    readonly blockId: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`[Runtime] ${code} at block ${blockId}`);
  }
}

/** Text a value shows as (print block, text join, device string args). Lists join their items with commas. */
export function toText(v: Value): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return v.map(toText).join(',');
}

/** Short text of a value for error messages (long lists and texts are cut). */
export function describe(v: Value): string {
  const t = Array.isArray(v) ? `[${toText(v)}]` : toText(v);
  return t.length > 40 ? `${t.slice(0, 37)}...` : t;
}

/**
 * Number from a value, or a `notANumber` fault located on `blockId`. Never returns NaN; ±Infinity passes (the
 * "infinity" block exists for comparisons), but arithmetic results are checked with `finite`.
 */
export function toNumber(v: Value, blockId: string): number {
  if (typeof v === 'number') {
    if (v === v) return v;
    throw new RuntimeFault('notANumber', blockId, { value: String(v) });
  }
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const s = v.trim();
    if (s === '') return 0;
    const n = Number(s);
    if (n === n) return n;
  }
  throw new RuntimeFault('notANumber', blockId, { value: describe(v) });
}

/** Checks an arithmetic result: non-finite → `notANumber` on `blockId`. */
export function finite(n: number, blockId: string): number {
  if (n - n === 0) return n;
  throw new RuntimeFault('notANumber', blockId, { value: String(n) });
}

/** The list a value is, or a `notAList` fault. */
export function toList(v: Value, blockId: string): Value[] {
  if (Array.isArray(v)) return v;
  throw new RuntimeFault('notAList', blockId, { value: describe(v) });
}

/** Condition truth: false, 0 and empty text are false; everything else (any list too) is true. */
export function truthy(v: Value): boolean {
  return v !== false && v !== 0 && v !== '';
}

function numericOrNull(v: Value): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const s = v.trim();
    if (s === '') return null;
    const n = Number(s);
    return Number.isNaN(n) ? null : n;
  }
  return null;
}

/** `a = b`: numbers numerically (so "5" = 5), text case-sensitively, lists item by item. */
export function valuesEqual(a: Value, b: Value): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!valuesEqual(a[i], b[i])) return false;
    return true;
  }
  const x = numericOrNull(a);
  const y = numericOrNull(b);
  if (x !== null && y !== null) return x === y;
  return toText(a) === toText(b);
}

/** Ordering for `<`, `>`, sorting: numbers numerically when both sides are numeric, else text order. */
export function compareValues(a: Value, b: Value): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  const x = numericOrNull(a);
  const y = numericOrNull(b);
  if (x !== null && y !== null) return x < y ? -1 : x > y ? 1 : 0;
  const s = toText(a);
  const t = toText(b);
  return s < t ? -1 : s > t ? 1 : 0;
}

/** A deep copy (lists copied), for values that leave the interpreter (watch panel). */
export function snapshotValue(v: Value): Value {
  return Array.isArray(v) ? v.map(snapshotValue) : v;
}
