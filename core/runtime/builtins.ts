/**
 * Built-in pure functions for IR `builtin` nodes and in-place list mutations for IR `listOp` statements.
 *
 * Semantics follow Blockly's standard text_*, lists_* and math_* blocks, with two deliberate differences:
 * list positions are 1-based and a position outside the list is a `listIndex` error (never `undefined`), and
 * lists never grow past `maxListLength` items. Text positions follow Blockly's JavaScript (out of range → '').
 * Names and argument order are the contract in core/program/builtins.ts (what `fromBlockly` emits); `where`
 * arguments are Blockly position modes as text ('FROM_START', 'FROM_END', 'FIRST', 'LAST', 'RANDOM').
 */
import type { Value } from '../program/ir';
import { compareValues, finite, RuntimeFault, toList, toNumber, toText, valuesEqual } from './values';

/** What a builtin may use besides its arguments. One per IR node, built once at compile time. */
export interface BuiltinContext {
  /** Block that called the builtin; every error it raises is located here. */
  readonly blockId: string;
  /** The run's seeded PRNG, floats in [0, 1). */
  readonly random: () => number;
  readonly maxListLength: number;
}

export type Builtin = (args: readonly Value[], ctx: BuiltinContext) => Value;
/** Mutates `list` in place (the list stored in the statement's variable). */
export type ListOp = (list: Value[], args: readonly Value[], ctx: BuiltinContext) => void;

const arg = (args: readonly Value[], i: number): Value => (i < args.length ? args[i] : 0);
const num = (args: readonly Value[], i: number, ctx: BuiltinContext) => toNumber(arg(args, i), ctx.blockId);
const text = (args: readonly Value[], i: number) => toText(arg(args, i));
const list = (args: readonly Value[], i: number, ctx: BuiltinContext) => toList(arg(args, i), ctx.blockId);

/** 0-based offset of 1-based `position` in a list of `length`; a `listIndex` error when outside it. */
export function listOffset(position: number, length: number, blockId: string): number {
  if (!Number.isInteger(position) || position < 1 || position > length) {
    throw new RuntimeFault('listIndex', blockId, { index: position, length });
  }
  return position - 1;
}

/** 0-based offset for a Blockly position mode: FROM_START n, FROM_END n (1 = last), FIRST, LAST, RANDOM. */
function offsetFor(l: readonly Value[], mode: string, at: Value, ctx: BuiltinContext): number {
  const length = l.length;
  switch (mode) {
    case 'FIRST':
      return listOffset(1, length, ctx.blockId);
    case 'LAST':
      return listOffset(length, length, ctx.blockId);
    case 'RANDOM':
      return listOffset(1 + Math.floor(ctx.random() * length), length, ctx.blockId);
    case 'FROM_END':
      return listOffset(length + 1 - toNumber(at, ctx.blockId), length, ctx.blockId);
    default:
      return listOffset(toNumber(at, ctx.blockId), length, ctx.blockId);
  }
}

function checkLength(n: number, ctx: BuiltinContext): void {
  if (n > ctx.maxListLength) throw new RuntimeFault('listTooLong', ctx.blockId, { max: ctx.maxListLength });
}

function isPrime(n: number): boolean {
  if (!Number.isInteger(n) || n < 2) return false;
  if (n % 2 === 0) return n === 2;
  for (let d = 3; d * d <= n; d += 2) if (n % d === 0) return false;
  return true;
}

function numbers(l: readonly Value[], ctx: BuiltinContext): number[] {
  return l.map((v) => toNumber(v, ctx.blockId));
}

function textPosition(t: string, mode: string, at: Value, ctx: BuiltinContext): number {
  switch (mode) {
    case 'FIRST':
      return 0;
    case 'LAST':
      return t.length - 1;
    case 'RANDOM':
      return Math.floor(ctx.random() * t.length);
    case 'FROM_END':
      return t.length - toNumber(at, ctx.blockId);
    default:
      return toNumber(at, ctx.blockId) - 1;
  }
}

const DEG = Math.PI / 180;

/**
 * Builtins by name. Keys are the names `fromBlockly` emits in IR `builtin` nodes (a test in this folder fails if
 * core/program emits a name missing here).
 */
export const BUILTINS: Readonly<Record<string, Builtin>> = {
  // ── text ────────────────────────────────────────────────────────────────────────────────────────────────
  /** (...items) → the items' text joined with nothing between them. */
  'text.join': (a) => a.map(toText).join(''),
  /** (text) → number of characters. */
  'text.length': (a) => text(a, 0).length,
  /** (text) → true when empty. */
  'text.isEmpty': (a) => text(a, 0).length === 0,
  /** (text, part) → true when `part` occurs in `text`. */
  'text.contains': (a) => text(a, 0).includes(text(a, 1)),
  /** (text, part, 'FIRST'|'LAST') → 1-based position of `part`, 0 when absent. */
  'text.indexOf': (a) => (text(a, 2) === 'LAST' ? text(a, 0).lastIndexOf(text(a, 1)) : text(a, 0).indexOf(text(a, 1))) + 1,
  /** (text, mode, n) → the character at that position ('' when outside the text). */
  'text.charAt': (a, ctx) => {
    const t = text(a, 0);
    const i = textPosition(t, text(a, 1), arg(a, 2), ctx);
    return i >= 0 && i < t.length ? t.charAt(i) : '';
  },
  /** (text, mode1, n1, mode2, n2) → the characters from position 1 to position 2, both included. */
  'text.substring': (a, ctx) => {
    const t = text(a, 0);
    const from = Math.max(0, textPosition(t, text(a, 1), arg(a, 2), ctx));
    const to = textPosition(t, text(a, 3), arg(a, 4), ctx);
    return t.slice(from, to + 1);
  },
  /** (text, 'UPPERCASE'|'LOWERCASE'|'TITLECASE'). */
  'text.changeCase': (a) => {
    const t = text(a, 0);
    const mode = text(a, 1);
    if (mode === 'UPPERCASE') return t.toUpperCase();
    if (mode === 'LOWERCASE') return t.toLowerCase();
    return t.replace(/\S+/g, (w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase());
  },
  /** (text, 'BOTH'|'LEFT'|'RIGHT'). */
  'text.trim': (a) => {
    const mode = text(a, 1);
    const t = text(a, 0);
    return mode === 'LEFT' ? t.trimStart() : mode === 'RIGHT' ? t.trimEnd() : t.trim();
  },
  /** (text, part) → how often `part` occurs (non-overlapping). */
  'text.count': (a) => {
    const t = text(a, 0);
    const p = text(a, 1);
    return p === '' ? t.length + 1 : t.split(p).length - 1;
  },
  /** (text, from, to) → every `from` replaced by `to`. */
  'text.replace': (a) => text(a, 0).split(text(a, 1)).join(text(a, 2)),
  'text.reverse': (a) => Array.from(text(a, 0)).reverse().join(''),
  /** (value) → its text. */
  'text.toText': (a) => text(a, 0),
  /** (text) → its number, or a `notANumber` error. */
  'text.toNumber': (a, ctx) => num(a, 0, ctx),

  // ── lists ───────────────────────────────────────────────────────────────────────────────────────────────
  /** (...items) → a new list. */
  'list.create': (a, ctx) => {
    checkLength(a.length, ctx);
    return a.slice();
  },
  /** (item, n) → a new list of `n` copies of `item`. */
  'list.repeat': (a, ctx) => {
    const n = Math.max(0, Math.floor(num(a, 1, ctx)));
    checkLength(n, ctx);
    return new Array<Value>(n).fill(arg(a, 0));
  },
  'list.length': (a, ctx) => list(a, 0, ctx).length,
  'list.isEmpty': (a, ctx) => list(a, 0, ctx).length === 0,
  /** (list, item, 'FIRST'|'LAST') → 1-based position of `item`, 0 when absent. */
  'list.indexOf': (a, ctx) => {
    const l = list(a, 0, ctx);
    const item = arg(a, 1);
    if (text(a, 2) === 'LAST') {
      for (let i = l.length - 1; i >= 0; i--) if (valuesEqual(l[i], item)) return i + 1;
      return 0;
    }
    for (let i = 0; i < l.length; i++) if (valuesEqual(l[i], item)) return i + 1;
    return 0;
  },
  /** (list, item) → true when some item equals `item`. */
  'list.contains': (a, ctx) => list(a, 0, ctx).some((v) => valuesEqual(v, arg(a, 1))),
  /** (list, where, at) → item at a Blockly position (FROM_START/FROM_END/FIRST/LAST/RANDOM); outside → `listIndex`. */
  'list.get': (a, ctx) => {
    const l = list(a, 0, ctx);
    return l[offsetFor(l, text(a, 1), arg(a, 2), ctx)];
  },
  /** (list, where, at) → removes the item at that position and returns it (Blockly "get and remove"). */
  'list.getRemove': (a, ctx) => {
    const l = list(a, 0, ctx);
    return l.splice(offsetFor(l, text(a, 1), arg(a, 2), ctx), 1)[0];
  },
  /** (list, mode1, n1, mode2, n2) → a new list of the items from position 1 to position 2, both included. */
  'list.sublist': (a, ctx) => {
    const l = list(a, 0, ctx);
    const from = offsetFor(l, text(a, 1), arg(a, 2), ctx);
    const to = offsetFor(l, text(a, 3), arg(a, 4), ctx);
    return l.slice(from, to + 1);
  },
  /** (text, separator) → list of the pieces. */
  'list.split': (a, ctx) => {
    const parts = text(a, 0).split(text(a, 1));
    checkLength(parts.length, ctx);
    return parts;
  },
  /** (list, separator) → text. */
  'list.join': (a, ctx) => list(a, 0, ctx).map(toText).join(text(a, 1)),
  /** (list, 'NUMERIC'|'TEXT'|'IGNORE_CASE', 1 | -1) → a new sorted list (the original is unchanged). */
  'list.sort': (a, ctx) => {
    const l = list(a, 0, ctx).slice();
    const type = text(a, 1);
    const dir = arg(a, 2) === -1 || text(a, 2) === 'DESCENDING' || text(a, 2) === '-1' ? -1 : 1;
    const cmp =
      type === 'NUMERIC'
        ? (x: Value, y: Value) => toNumber(x, ctx.blockId) - toNumber(y, ctx.blockId)
        : type === 'IGNORE_CASE'
          ? (x: Value, y: Value) => compareValues(toText(x).toLowerCase(), toText(y).toLowerCase())
          : type === 'TEXT'
            ? (x: Value, y: Value) => compareValues(toText(x), toText(y))
            : compareValues;
    return l.sort((x, y) => dir * cmp(x, y));
  },
  /** (list) → a new list in reverse order. */
  'list.reverse': (a, ctx) => list(a, 0, ctx).slice().reverse(),

  // ── math ────────────────────────────────────────────────────────────────────────────────────────────────
  /** (x, low, high) → x limited to [low, high]. */
  'math.constrain': (a, ctx) => Math.min(Math.max(num(a, 0, ctx), num(a, 1, ctx)), num(a, 2, ctx)),
  'math.isEven': (a, ctx) => num(a, 0, ctx) % 2 === 0,
  'math.isOdd': (a, ctx) => Math.abs(num(a, 0, ctx) % 2) === 1,
  'math.isPrime': (a, ctx) => isPrime(num(a, 0, ctx)),
  'math.isWhole': (a, ctx) => Number.isInteger(num(a, 0, ctx)),
  'math.isPositive': (a, ctx) => num(a, 0, ctx) > 0,
  'math.isNegative': (a, ctx) => num(a, 0, ctx) < 0,
  /** (x, d) → true when d divides x; false when d = 0 (as core/program/builtins.ts documents). */
  'math.isDivisibleBy': (a, ctx) => {
    const d = num(a, 1, ctx);
    return d !== 0 && num(a, 0, ctx) % d === 0;
  },
  /** () → Infinity (IR literals are JSON and cannot hold it). Comparisons accept it; arithmetic on it is an error. */
  'math.infinity': () => Infinity,
  /** (a, b) → remainder with the sign of a (JavaScript %); b = 0 → `divisionByZero`. */
  'math.modulo': (a, ctx) => {
    const d = num(a, 1, ctx);
    if (d === 0) throw new RuntimeFault('divisionByZero', ctx.blockId);
    return num(a, 0, ctx) % d;
  },
  /** () → float in [0, 1). */
  'math.randomFloat': (_a, ctx) => ctx.random(),
  /** (a, b) → integer in [min(a,b), max(a,b)], both included. */
  'math.randomInt': (a, ctx) => {
    let lo = num(a, 0, ctx);
    let hi = num(a, 1, ctx);
    if (lo > hi) [lo, hi] = [hi, lo];
    return Math.floor(ctx.random() * (hi - lo + 1) + lo);
  },
  /** (x, y) → angle of the point (x, y) in degrees (Blockly math_atan2). */
  'math.atan2': (a, ctx) => Math.atan2(num(a, 1, ctx), num(a, 0, ctx)) / DEG,
  /** ('PI'|'E'|'GOLDEN_RATIO'|'SQRT2'|'SQRT1_2') → the constant. */
  'math.constant': (a, ctx) => {
    const c: Record<string, number> = { PI: Math.PI, E: Math.E, GOLDEN_RATIO: (1 + Math.sqrt(5)) / 2, SQRT2: Math.SQRT2, SQRT1_2: Math.SQRT1_2 };
    const v = c[text(a, 0)];
    if (v === undefined) throw new RuntimeFault('notANumber', ctx.blockId, { value: text(a, 0) });
    return v;
  },
  'math.sum': (a, ctx) => finite(numbers(list(a, 0, ctx), ctx).reduce((s, x) => s + x, 0), ctx.blockId),
  /** Smallest item; 0 for an empty list (as Blockly). */
  'math.min': (a, ctx) => {
    const l = numbers(list(a, 0, ctx), ctx);
    return l.length ? Math.min(...l) : 0;
  },
  'math.max': (a, ctx) => {
    const l = numbers(list(a, 0, ctx), ctx);
    return l.length ? Math.max(...l) : 0;
  },
  'math.average': (a, ctx) => {
    const l = numbers(list(a, 0, ctx), ctx);
    return l.length ? finite(l.reduce((s, x) => s + x, 0) / l.length, ctx.blockId) : 0;
  },
  'math.median': (a, ctx) => {
    const l = numbers(list(a, 0, ctx), ctx).sort((x, y) => x - y);
    if (!l.length) return 0;
    const m = l.length >> 1;
    return l.length % 2 ? l[m] : (l[m - 1] + l[m]) / 2;
  },
  /** (list) → list of the most common items. */
  'math.mode': (a, ctx) => {
    const l = list(a, 0, ctx);
    const counts: { v: Value; n: number }[] = [];
    for (const v of l) {
      const c = counts.find((e) => valuesEqual(e.v, v));
      if (c) c.n++;
      else counts.push({ v, n: 1 });
    }
    const best = counts.reduce((m, e) => Math.max(m, e.n), 0);
    return counts.filter((e) => e.n === best).map((e) => e.v);
  },
  /** Population standard deviation (as Blockly's generator). */
  'math.stdDev': (a, ctx) => {
    const l = numbers(list(a, 0, ctx), ctx);
    if (!l.length) return 0;
    const mean = l.reduce((s, x) => s + x, 0) / l.length;
    return finite(Math.sqrt(l.reduce((s, x) => s + (x - mean) ** 2, 0) / l.length), ctx.blockId);
  },
  'math.randomItem': (a, ctx) => {
    const l = list(a, 0, ctx);
    return l[offsetFor(l, 'RANDOM', 0, ctx)];
  },
};

/**
 * In-place list mutations by op name (IR `listOp`); the list is the one stored in the statement's variable.
 * Positions are 1-based; `list.insert` accepts length + 1 (append).
 */
export const LIST_OPS: Readonly<Record<string, ListOp>> = {
  /** (value) → appends. */
  'list.add': (l, a, ctx) => {
    checkLength(l.length + 1, ctx);
    l.push(arg(a, 0));
  },
  /** (where, at, value) → replaces the item at that position. */
  'list.set': (l, a, ctx) => {
    l[offsetFor(l, text(a, 0), arg(a, 1), ctx)] = arg(a, 2);
  },
  /**
   * (where, at, value) → inserts before that position, as Blockly's lists_setIndex INSERT: FROM_START n may be
   * length + 1 (append), FROM_END n inserts before the n-th item from the end, LAST appends.
   */
  'list.insert': (l, a, ctx) => {
    checkLength(l.length + 1, ctx);
    const where = text(a, 0);
    const value = arg(a, 2);
    if (where === 'LAST') {
      l.push(value);
      return;
    }
    let offset: number;
    if (where === 'FIRST') offset = 0;
    else if (where === 'RANDOM') offset = Math.floor(ctx.random() * (l.length + 1));
    else if (where === 'FROM_END') offset = l.length - listOffset(toNumber(arg(a, 1), ctx.blockId), l.length, ctx.blockId) - 1;
    else offset = listOffset(toNumber(arg(a, 1), ctx.blockId), l.length + 1, ctx.blockId);
    l.splice(offset, 0, value);
  },
  /** (where, at) → removes the item at that position. */
  'list.remove': (l, a, ctx) => {
    l.splice(offsetFor(l, text(a, 0), arg(a, 1), ctx), 1);
  },
};
