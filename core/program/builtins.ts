/**
 * The names fromBlockly emits in IR `builtin` expressions and `listOp` statements, with their arguments: the
 * contract between core/program (producer), core/runtime/builtins.ts (implementation) and core/codegen (text).
 * A runtime test should check every name here exists in its table.
 *
 * Conventions (Blockly semantics): list and text positions are 1-based. `where` arguments are one of the strings
 * of `Where` and `at` is ignored (given as 1) for FIRST / LAST / RANDOM. Out-of-range positions are a runtime
 * `listIndex` error, never undefined. Text functions coerce their text argument with String().
 */

/** Position modes of Blockly's list and text blocks. */
export type Where = 'FROM_START' | 'FROM_END' | 'FIRST' | 'LAST' | 'RANDOM';

export interface BuiltinSpec {
  /** Parameter names in order; a trailing '...' name means any number of further arguments. */
  readonly params: readonly string[];
  readonly doc: string;
}

export const BUILTINS = {
  'text.join': { params: ['...items'], doc: 'Concatenation of String(item) for every item (lists joined with ",").' },
  'text.length': { params: ['text'], doc: 'Number of characters.' },
  'text.isEmpty': { params: ['text'], doc: 'True when the text has no characters.' },
  'text.indexOf': { params: ['text', 'find', 'end'], doc: "1-based position of `find` (end 'FIRST' | 'LAST'); 0 when absent." },
  'text.charAt': { params: ['text', 'where', 'at'], doc: 'One character at a position.' },
  'text.substring': { params: ['text', 'where1', 'at1', 'where2', 'at2'], doc: 'Characters from position 1 to position 2, both inclusive.' },
  'text.changeCase': { params: ['text', 'case'], doc: "case 'UPPERCASE' | 'LOWERCASE' | 'TITLECASE'." },
  'text.trim': { params: ['text', 'mode'], doc: "mode 'BOTH' | 'LEFT' | 'RIGHT'." },
  'text.count': { params: ['text', 'sub'], doc: 'Non-overlapping occurrences of sub.' },
  'text.replace': { params: ['text', 'from', 'to'], doc: 'Every occurrence of `from` replaced by `to`.' },
  'text.reverse': { params: ['text'], doc: 'Characters in reverse order.' },
  'text.toNumber': { params: ['text'], doc: 'Number(text); a runtime notANumber error when it is not a number.' },
  'list.create': { params: ['...items'], doc: 'A new list of the items.' },
  'list.repeat': { params: ['item', 'times'], doc: 'A new list of `times` copies of item.' },
  'list.length': { params: ['list'], doc: 'Number of items.' },
  'list.isEmpty': { params: ['list'], doc: 'True when the list has no items.' },
  'list.indexOf': { params: ['list', 'item', 'end'], doc: "1-based position of item (end 'FIRST' | 'LAST'); 0 when absent." },
  'list.get': { params: ['list', 'where', 'at'], doc: 'The item at a position.' },
  'list.getRemove': { params: ['list', 'where', 'at'], doc: 'The item at a position, removed from the list (mutates).' },
  'list.sublist': { params: ['list', 'where1', 'at1', 'where2', 'at2'], doc: 'A new list of the items from position 1 to 2, inclusive.' },
  'list.split': { params: ['text', 'delimiter'], doc: 'A new list of the parts of text.' },
  'list.join': { params: ['list', 'delimiter'], doc: 'Text of the items joined by delimiter.' },
  'list.sort': { params: ['list', 'type', 'direction'], doc: "A new sorted list; type 'NUMERIC' | 'TEXT' | 'IGNORE_CASE', direction 1 | -1." },
  'list.reverse': { params: ['list'], doc: 'A new list in reverse order.' },
  'math.constrain': { params: ['value', 'low', 'high'], doc: 'value clamped to [low, high].' },
  'math.isEven': { params: ['n'], doc: '' },
  'math.isOdd': { params: ['n'], doc: '' },
  'math.isPrime': { params: ['n'], doc: '' },
  'math.isWhole': { params: ['n'], doc: '' },
  'math.isPositive': { params: ['n'], doc: '' },
  'math.isNegative': { params: ['n'], doc: '' },
  'math.isDivisibleBy': { params: ['n', 'divisor'], doc: 'False when divisor is 0.' },
  'math.sum': { params: ['list'], doc: '' },
  'math.min': { params: ['list'], doc: '' },
  'math.max': { params: ['list'], doc: '' },
  'math.average': { params: ['list'], doc: '0 for an empty list.' },
  'math.median': { params: ['list'], doc: '0 for an empty list.' },
  'math.stdDev': { params: ['list'], doc: 'Population standard deviation.' },
  'math.randomItem': { params: ['list'], doc: 'An item picked with the seeded PRNG.' },
  'math.randomFloat': { params: [], doc: 'A float in [0, 1) from the seeded PRNG.' },
  'math.atan2': { params: ['x', 'y'], doc: 'atan2(y, x) in degrees (Blockly math_atan2).' },
  'math.infinity': { params: [], doc: 'Infinity (IR literals are JSON and cannot hold it).' },
} as const satisfies Record<string, BuiltinSpec>;

export type BuiltinName = keyof typeof BUILTINS;

/**
 * List mutations (IR `listOp`, the list is the variable `name`):
 * - 'list.set'    args [where, at, value]
 * - 'list.insert' args [where, at, value]   (insert before the position; LAST appends)
 * - 'list.remove' args [where, at]
 * - 'list.add'    args [value]              (append)
 */
export const LIST_OPS = {
  'list.set': { params: ['where', 'at', 'value'], doc: 'Replace the item at a position.' },
  'list.insert': { params: ['where', 'at', 'value'], doc: 'Insert before a position; LAST appends.' },
  'list.remove': { params: ['where', 'at'], doc: 'Remove the item at a position.' },
  'list.add': { params: ['value'], doc: 'Append.' },
} as const satisfies Record<string, BuiltinSpec>;

export type ListOpName = keyof typeof LIST_OPS;

export function isBuiltinName(name: string): name is BuiltinName {
  return Object.prototype.hasOwnProperty.call(BUILTINS, name);
}
