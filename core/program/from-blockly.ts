/**
 * Blockly workspace JSON (`Blockly.serialization.workspaces.save`) → Program IR. Pure: no Blockly import, so the
 * host, the sim worker and the CLI can all call it. The input comes from files, so it is treated as untrusted:
 * every shape is checked, nesting and block count are bounded, and problems become diagnostics, never throws.
 *
 * Conversion rules:
 * - Top-level event hats become scripts (body = the blocks under the hat); procedure definitions become procedures.
 *   Any other top-level block never runs: `notConnected` diagnostic.
 * - Disabled blocks (Blockly `enabled: false` / `disabledReasons`) are skipped with everything attached below them
 *   in the same stack position (Blockly does not run them either).
 * - An empty input becomes a safe default (0, '', false, '#000000') tagged with the parent block's id, with a
 *   `missingInput` warning.
 * - Variables are referenced by id in Blockly JSON and by name in the IR.
 */
import { blockSpec, type ArgSource, type BlockSpec, type ValueType } from './blocks';
import { makeDiagnostic, type Diagnostic, type DiagnosticCode } from './diagnostics';
import type { BinaryOp, Expr, Procedure, Program, Script, Stmt, TargetKit, Trigger, UnaryOp } from './ir';

/** Deepest nesting of blocks inside inputs (a `next` chain does not count) before the rest is dropped. */
export const MAX_NESTING = 100;
/** Most blocks converted from one workspace (a class project has a few hundred). */
export const MAX_BLOCKS = 50_000;
/** Most else-if branches / list items / text parts read from one block's extraState. */
const MAX_ITEMS = 1_000;

export interface FromBlocklyResult {
  readonly program: Program;
  readonly diagnostics: Diagnostic[];
}

interface RawBlock {
  readonly type: string;
  readonly id: string;
  readonly fields: Record<string, unknown>;
  readonly inputs: Record<string, unknown>;
  readonly next: unknown;
  readonly extraState: unknown;
  readonly disabled: boolean;
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

const HAT_TYPES = new Set(['event_when_started', 'event_when_button', 'event_when_obstacle', 'event_when_message']);
const LOOP_TYPES = new Set(['controls_repeat_ext', 'controls_repeat', 'controls_whileUntil', 'controls_for', 'controls_forEach', 'control_forever']);
const PROCEDURE_DEFS = new Set(['procedures_defnoreturn', 'procedures_defreturn']);

const ARITHMETIC: Record<string, BinaryOp> = { ADD: '+', MINUS: '-', MULTIPLY: '*', DIVIDE: '/', POWER: '^' };
const COMPARE: Record<string, BinaryOp> = { EQ: '==', NEQ: '!=', LT: '<', LTE: '<=', GT: '>', GTE: '>=' };
const SINGLE: Record<string, UnaryOp> = { ROOT: 'sqrt', ABS: 'abs', NEG: 'neg', LN: 'ln', LOG10: 'log10', EXP: 'exp', POW10: 'pow10' };
const ROUND: Record<string, UnaryOp> = { ROUND: 'round', ROUNDUP: 'ceil', ROUNDDOWN: 'floor' };
const TRIG: Record<string, UnaryOp> = { SIN: 'sin', COS: 'cos', TAN: 'tan', ASIN: 'asin', ACOS: 'acos', ATAN: 'atan' };
const CONSTANTS: Record<string, number> = { PI: Math.PI, E: Math.E, GOLDEN_ROUND: (1 + Math.sqrt(5)) / 2, GOLDEN_RATIO: (1 + Math.sqrt(5)) / 2, SQRT2: Math.SQRT2, SQRT1_2: Math.SQRT1_2 };
const NUMBER_PROPERTY: Record<string, string> = {
  EVEN: 'math.isEven', ODD: 'math.isOdd', PRIME: 'math.isPrime', WHOLE: 'math.isWhole',
  POSITIVE: 'math.isPositive', NEGATIVE: 'math.isNegative', DIVISIBLE_BY: 'math.isDivisibleBy',
};
const ON_LIST: Record<string, string> = {
  SUM: 'math.sum', MIN: 'math.min', MAX: 'math.max', AVERAGE: 'math.average', MEDIAN: 'math.median',
  STD_DEV: 'math.stdDev', RANDOM: 'math.randomItem',
};
const WHERE = new Set(['FROM_START', 'FROM_END', 'FIRST', 'LAST', 'RANDOM']);

interface ProcSig {
  readonly params: string[];
  readonly returnsValue: boolean;
}

class Converter {
  readonly diagnostics: Diagnostic[] = [];
  private readonly varNames = new Map<string, string>();
  readonly variables: string[] = [];
  private readonly procs = new Map<string, ProcSig>();
  private blockCount = 0;
  private reportedTooMany = false;
  private reportedTooDeep = false;
  /** Loops around the statement being converted (break / continue need one). */
  private loopDepth = 0;
  /** Procedure whose body is being converted (null in scripts). */
  private currentProc: ProcSig | null = null;

  constructor(private readonly target: TargetKit) {}

  diag(code: DiagnosticCode, blockId: string, params: Record<string, string | number> = {}) {
    this.diagnostics.push(makeDiagnostic(code, blockId, params));
  }

  // ---- shapes -------------------------------------------------------------------------------------------------

  readVariables(raw: unknown) {
    if (raw === undefined) return;
    if (!Array.isArray(raw)) { this.diag('badWorkspace', ''); return; }
    for (const v of raw.slice(0, MAX_BLOCKS)) {
      if (!isObj(v) || typeof v.name !== 'string' || typeof v.id !== 'string') continue;
      this.varNames.set(v.id, v.name);
      if (!this.variables.includes(v.name)) this.variables.push(v.name);
    }
  }

  /** A block object or null (bad shapes count as absent; every accepted block counts towards MAX_BLOCKS). */
  block(raw: unknown): RawBlock | null {
    if (!isObj(raw) || typeof raw.type !== 'string') return null;
    if (++this.blockCount > MAX_BLOCKS) {
      if (!this.reportedTooMany) this.diag('tooManyBlocks', typeof raw.id === 'string' ? raw.id : '', { max: MAX_BLOCKS });
      this.reportedTooMany = true;
      return null;
    }
    const disabled = raw.enabled === false || (Array.isArray(raw.disabledReasons) && raw.disabledReasons.length > 0);
    return {
      type: raw.type,
      id: typeof raw.id === 'string' ? raw.id : '',
      fields: isObj(raw.fields) ? raw.fields : {},
      inputs: isObj(raw.inputs) ? raw.inputs : {},
      next: raw.next,
      extraState: raw.extraState,
      disabled,
    };
  }

  /** The block in an input or `next` connection: the real block if any, else its shadow. */
  connected(conn: unknown): RawBlock | null {
    if (!isObj(conn)) return null;
    return this.block(conn.block ?? conn.shadow);
  }

  tooDeep(depth: number, blockId: string): boolean {
    if (depth <= MAX_NESTING) return false;
    if (!this.reportedTooDeep) this.diag('tooDeep', blockId, { max: MAX_NESTING });
    this.reportedTooDeep = true;
    return true;
  }

  fieldString(b: RawBlock, name: string, fallback: string): string {
    const v = b.fields[name];
    if (typeof v === 'string') return v;
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
    this.diag('badField', b.id, { field: name, value: JSON.stringify(fallback) });
    return fallback;
  }

  fieldNumber(b: RawBlock, name: string, fallback: number): number {
    const v = b.fields[name];
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    if (Number.isFinite(n)) return n;
    this.diag('badField', b.id, { field: name, value: fallback });
    return fallback;
  }

  /** A field that must be one of `allowed`. */
  fieldEnum(b: RawBlock, name: string, allowed: readonly string[]): string {
    const v = b.fields[name];
    if (typeof v === 'string' && allowed.includes(v)) return v;
    this.diag('badField', b.id, { field: name, value: allowed[0] });
    return allowed[0];
  }

  variable(b: RawBlock, name = 'VAR'): string {
    const v = b.fields[name];
    if (isObj(v)) {
      if (typeof v.id === 'string' && this.varNames.has(v.id)) return this.varNames.get(v.id)!;
      if (typeof v.name === 'string') {
        if (!this.variables.includes(v.name)) this.variables.push(v.name);
        return v.name;
      }
      this.diag('unknownVariable', b.id, { id: typeof v.id === 'string' ? v.id : '?' });
      return typeof v.id === 'string' ? v.id : '?';
    }
    if (typeof v === 'string' && v !== '') return this.varNames.get(v) ?? v;
    this.diag('unknownVariable', b.id, { id: '?' });
    return '?';
  }

  // ---- expressions --------------------------------------------------------------------------------------------

  defaultExpr(type: ValueType | 'any', blockId: string): Expr {
    switch (type) {
      case 'string': return { kind: 'str', value: '', blockId };
      case 'boolean': return { kind: 'bool', value: false, blockId };
      case 'colour': return { kind: 'colour', value: '#000000', blockId };
      default: return { kind: 'num', value: 0, blockId };
    }
  }

  /**
   * The expression in value input `name`, or a safe default (with a `missingInput` warning): `fallback` when given
   * (e.g. a for-loop step of 1, so an empty slot cannot make an endless loop), else 0 / '' / false / '#000000'.
   */
  input(b: RawBlock, name: string, type: ValueType | 'any', depth: number, fallback?: number): Expr {
    const child = this.connected(b.inputs[name]);
    const e = child && !this.tooDeep(depth + 1, child.id) ? this.expr(child, depth + 1) : null;
    if (e) return e;
    const d: Expr = fallback !== undefined ? { kind: 'num', value: fallback, blockId: b.id } : this.defaultExpr(type, b.id);
    this.diag('missingInput', b.id, { input: name, value: d.kind === 'str' ? '""' : String((d as { value: unknown }).value) });
    return d;
  }

  /** An optional value input: null when empty. */
  optionalInput(b: RawBlock, name: string, depth: number): Expr | null {
    const child = this.connected(b.inputs[name]);
    return child && !this.tooDeep(depth + 1, child.id) ? this.expr(child, depth + 1) : null;
  }

  /** Position argument pair [where, at] of list/text blocks (`at` is 1 when the mode needs none). */
  where(b: RawBlock, whereField: string, atInput: string, depth: number): Expr[] {
    const where = this.fieldEnum(b, whereField, [...WHERE]);
    const at = where === 'FROM_START' || where === 'FROM_END' ? this.input(b, atInput, 'number', depth) : { kind: 'num' as const, value: 1, blockId: b.id };
    return [{ kind: 'str', value: where, blockId: b.id }, at];
  }

  itemCount(b: RawBlock, fallbackPrefix: string): number {
    const s = b.extraState;
    const count = isObj(s) && typeof s.itemCount === 'number' && Number.isInteger(s.itemCount) && s.itemCount >= 0
      ? s.itemCount
      : Object.keys(b.inputs).filter((k) => k.startsWith(fallbackPrefix)).length;
    return Math.min(count, MAX_ITEMS);
  }

  expr(b: RawBlock, depth: number): Expr | null {
    const id = b.id;
    const bin = (op: BinaryOp, left: Expr, right: Expr): Expr => ({ kind: 'binary', op, left, right, blockId: id });
    const builtin = (name: string, args: Expr[]): Expr => ({ kind: 'builtin', name, args, blockId: id });
    const str = (value: string): Expr => ({ kind: 'str', value, blockId: id });
    const num = (value: number): Expr => ({ kind: 'num', value, blockId: id });
    const inp = (name: string, type: ValueType | 'any' = 'any') => this.input(b, name, type, depth);
    switch (b.type) {
      case 'math_number': return num(this.fieldNumber(b, 'NUM', 0));
      case 'text': return str(this.fieldString(b, 'TEXT', ''));
      case 'logic_boolean': return { kind: 'bool', value: this.fieldEnum(b, 'BOOL', ['TRUE', 'FALSE']) === 'TRUE', blockId: id };
      case 'variables_get': return { kind: 'var', name: this.variable(b), blockId: id };
      case 'math_arithmetic': return bin(ARITHMETIC[this.fieldEnum(b, 'OP', Object.keys(ARITHMETIC))], inp('A', 'number'), inp('B', 'number'));
      case 'math_modulo': return bin('%', inp('DIVIDEND', 'number'), inp('DIVISOR', 'number'));
      case 'math_single': return { kind: 'unary', op: SINGLE[this.fieldEnum(b, 'OP', Object.keys(SINGLE))], arg: inp('NUM', 'number'), blockId: id };
      case 'math_round': return { kind: 'unary', op: ROUND[this.fieldEnum(b, 'OP', Object.keys(ROUND))], arg: inp('NUM', 'number'), blockId: id };
      case 'math_trig': return { kind: 'unary', op: TRIG[this.fieldEnum(b, 'OP', Object.keys(TRIG))], arg: inp('NUM', 'number'), blockId: id };
      case 'math_constant': {
        const c = this.fieldEnum(b, 'CONSTANT', [...Object.keys(CONSTANTS), 'INFINITY']);
        return c === 'INFINITY' ? builtin('math.infinity', []) : num(CONSTANTS[c]);
      }
      case 'math_random_int': return { kind: 'random', min: inp('FROM', 'number'), max: inp('TO', 'number'), blockId: id };
      case 'math_random_float': return builtin('math.randomFloat', []);
      case 'math_constrain': return builtin('math.constrain', [inp('VALUE', 'number'), inp('LOW', 'number'), inp('HIGH', 'number')]);
      case 'math_atan2': return builtin('math.atan2', [inp('X', 'number'), inp('Y', 'number')]);
      case 'math_number_property': {
        const p = this.fieldEnum(b, 'PROPERTY', Object.keys(NUMBER_PROPERTY));
        const args = [inp('NUMBER_TO_CHECK', 'number')];
        if (p === 'DIVISIBLE_BY') args.push(inp('DIVISOR', 'number'));
        return builtin(NUMBER_PROPERTY[p], args);
      }
      case 'math_on_list': return builtin(ON_LIST[this.fieldEnum(b, 'OP', Object.keys(ON_LIST))], [inp('LIST')]);
      case 'logic_compare': return bin(COMPARE[this.fieldEnum(b, 'OP', Object.keys(COMPARE))], inp('A'), inp('B'));
      case 'logic_operation': return bin(this.fieldEnum(b, 'OP', ['AND', 'OR']) === 'AND' ? 'and' : 'or', inp('A', 'boolean'), inp('B', 'boolean'));
      case 'logic_negate': return { kind: 'unary', op: 'not', arg: inp('BOOL', 'boolean'), blockId: id };
      case 'logic_ternary': return { kind: 'ternary', cond: inp('IF', 'boolean'), then: inp('THEN'), else: inp('ELSE'), blockId: id };
      case 'text_join': {
        const n = this.itemCount(b, 'ADD');
        const parts: Expr[] = [];
        // Empty slots of text_join are skipped, as Blockly's generators do (joining '' changes nothing).
        for (let i = 0; i < n; i++) { const e = this.optionalInput(b, `ADD${i}`, depth); if (e) parts.push(e); }
        return builtin('text.join', parts);
      }
      case 'text_length': return builtin('text.length', [inp('VALUE', 'string')]);
      case 'text_isEmpty': return builtin('text.isEmpty', [inp('VALUE', 'string')]);
      case 'text_indexOf': return builtin('text.indexOf', [inp('VALUE', 'string'), inp('FIND', 'string'), str(this.fieldEnum(b, 'END', ['FIRST', 'LAST']))]);
      case 'text_charAt': return builtin('text.charAt', [inp('VALUE', 'string'), ...this.where(b, 'WHERE', 'AT', depth)]);
      case 'text_getSubstring': return builtin('text.substring', [inp('STRING', 'string'), ...this.where(b, 'WHERE1', 'AT1', depth), ...this.where(b, 'WHERE2', 'AT2', depth)]);
      case 'text_changeCase': return builtin('text.changeCase', [inp('TEXT', 'string'), str(this.fieldEnum(b, 'CASE', ['UPPERCASE', 'LOWERCASE', 'TITLECASE']))]);
      case 'text_trim': return builtin('text.trim', [inp('TEXT', 'string'), str(this.fieldEnum(b, 'MODE', ['BOTH', 'LEFT', 'RIGHT']))]);
      case 'text_count': return builtin('text.count', [inp('TEXT', 'string'), inp('SUB', 'string')]);
      case 'text_replace': return builtin('text.replace', [inp('TEXT', 'string'), inp('FROM', 'string'), inp('TO', 'string')]);
      case 'text_reverse': return builtin('text.reverse', [inp('TEXT', 'string')]);
      case 'lists_create_empty': return builtin('list.create', []);
      case 'lists_create_with': {
        const n = this.itemCount(b, 'ADD');
        const items: Expr[] = [];
        for (let i = 0; i < n; i++) items.push(inp(`ADD${i}`));
        return builtin('list.create', items);
      }
      case 'lists_repeat': return builtin('list.repeat', [inp('ITEM'), inp('NUM', 'number')]);
      case 'lists_length': return builtin('list.length', [inp('VALUE')]);
      case 'lists_isEmpty': return builtin('list.isEmpty', [inp('VALUE')]);
      case 'lists_indexOf': return builtin('list.indexOf', [inp('VALUE'), inp('FIND'), str(this.fieldEnum(b, 'END', ['FIRST', 'LAST']))]);
      case 'lists_getIndex': {
        const mode = this.fieldEnum(b, 'MODE', ['GET', 'GET_REMOVE', 'REMOVE']);
        return builtin(mode === 'GET' ? 'list.get' : 'list.getRemove', [inp('VALUE'), ...this.where(b, 'WHERE', 'AT', depth)]);
      }
      case 'lists_getSublist': return builtin('list.sublist', [inp('LIST'), ...this.where(b, 'WHERE1', 'AT1', depth), ...this.where(b, 'WHERE2', 'AT2', depth)]);
      case 'lists_sort': return builtin('list.sort', [inp('LIST'), str(this.fieldEnum(b, 'TYPE', ['NUMERIC', 'TEXT', 'IGNORE_CASE'])), num(this.fieldEnum(b, 'DIRECTION', ['1', '-1']) === '-1' ? -1 : 1)]);
      case 'lists_split': return this.fieldEnum(b, 'MODE', ['SPLIT', 'JOIN']) === 'SPLIT'
        ? builtin('list.split', [inp('INPUT', 'string'), inp('DELIM', 'string')])
        : builtin('list.join', [inp('INPUT'), inp('DELIM', 'string')]);
      case 'lists_reverse': return builtin('list.reverse', [inp('LIST')]);
      case 'procedures_callreturn': {
        const call = this.call(b, depth);
        return call && { kind: 'call', name: call.name, args: call.args, blockId: id };
      }
    }
    const spec = blockSpec(b.type);
    if (spec) {
      this.checkKit(spec, b);
      const ir = spec.ir;
      switch (ir.kind) {
        case 'read': return { kind: 'read', sensor: ir.sensor, args: ir.args.map((a) => this.arg(b, a, depth)), blockId: id };
        case 'ai': return { kind: 'ai', op: ir.op, args: this.aiArgs(b, ir.args, depth), blockId: id };
        case 'readEquals': return bin('==', { kind: 'read', sensor: ir.sensor, args: [], blockId: id }, str(this.fieldString(b, ir.field, '')));
        case 'colour': {
          const c = this.fieldString(b, ir.field, '#000000');
          return { kind: 'colour', value: /^#[0-9a-fA-F]{6}$/.test(c) ? c.toLowerCase() : '#000000', blockId: id };
        }
        default: break;
      }
    }
    this.diag('unknownBlock', id, { type: b.type });
    return null;
  }

  arg(b: RawBlock, a: ArgSource, depth: number): Expr {
    if ('value' in a) return typeof a.value === 'number' ? { kind: 'num', value: a.value, blockId: b.id } : { kind: 'str', value: a.value, blockId: b.id };
    if ('field' in a) {
      return a.as === 'number'
        ? { kind: 'num', value: this.fieldNumber(b, a.field, 0), blockId: b.id }
        : { kind: 'str', value: this.fieldString(b, a.field, ''), blockId: b.id };
    }
    const e = this.input(b, a.input, a.type, depth);
    if (a.negateWhen && b.fields[a.negateWhen.field] === a.negateWhen.equals) {
      // Fold literal numbers so `drive back 20` reads as -20 in the code view.
      return e.kind === 'num' ? { ...e, value: -e.value } : { kind: 'unary', op: 'neg', arg: e, blockId: b.id };
    }
    return e;
  }

  /**
   * Args of an AI block: like `arg`, except that empty optional inputs are left out (the features block), and an
   * empty dataset or model name field gets an `aiEmptyName` warning (the block would fail when it runs).
   */
  aiArgs(b: RawBlock, sources: readonly ArgSource[], depth: number): Expr[] {
    const out: Expr[] = [];
    for (const a of sources) {
      if ('input' in a && a.optional) {
        const e = this.optionalInput(b, a.input, depth);
        if (e) out.push(e);
        continue;
      }
      const e = this.arg(b, a, depth);
      if ('field' in a && (a.field === 'DATASET' || a.field === 'MODEL') && e.kind === 'str' && e.value.trim() === '') {
        this.diag('aiEmptyName', b.id, { field: a.field });
      }
      out.push(e);
    }
    return out;
  }

  checkKit(spec: BlockSpec, b: RawBlock) {
    if (!spec.kits.includes(this.target)) this.diag('wrongKit', b.id, { kit: spec.kits[0], target: this.target });
  }

  call(b: RawBlock, depth: number): { name: string; args: Expr[] } | null {
    const s = isObj(b.extraState) ? b.extraState : {};
    const name = typeof s.name === 'string' ? s.name : '';
    const sig = this.procs.get(name);
    if (!sig) { this.diag('unknownProcedure', b.id, { name }); return null; }
    const args: Expr[] = [];
    for (let i = 0; i < sig.params.length; i++) args.push(this.input(b, `ARG${i}`, 'any', depth));
    return { name, args };
  }

  // ---- statements ---------------------------------------------------------------------------------------------

  /** A `next` chain from `first`, iteratively (long stacks do not deepen recursion). */
  stack(first: RawBlock | null, depth: number): Stmt[] {
    const out: Stmt[] = [];
    for (let b = first; b; b = this.connected(b.next)) {
      if (b.disabled) continue;
      const s = this.stmt(b, depth);
      if (s) out.push(s);
    }
    return out;
  }

  statements(b: RawBlock, name: string, depth: number): Stmt[] {
    const first = this.connected(b.inputs[name]);
    if (!first || this.tooDeep(depth + 1, first.id)) return [];
    return this.stack(first, depth + 1);
  }

  stmt(b: RawBlock, depth: number): Stmt | null {
    const loop = LOOP_TYPES.has(b.type);
    if (loop) this.loopDepth++;
    try {
      return this.stmtInner(b, depth);
    } finally {
      if (loop) this.loopDepth--;
    }
  }

  private stmtInner(b: RawBlock, depth: number): Stmt | null {
    const id = b.id;
    const inp = (name: string, type: ValueType | 'any' = 'any') => this.input(b, name, type, depth);
    const body = (name = 'DO') => this.statements(b, name, depth);
    switch (b.type) {
      case 'controls_if': {
        const s = isObj(b.extraState) ? b.extraState : {};
        const elseIfs = typeof s.elseIfCount === 'number' && Number.isInteger(s.elseIfCount) ? Math.max(0, Math.min(s.elseIfCount, MAX_ITEMS)) : 0;
        const branches: { cond: Expr; body: Stmt[] }[] = [];
        for (let i = 0; i <= elseIfs; i++) branches.push({ cond: inp(`IF${i}`, 'boolean'), body: body(`DO${i}`) });
        return { kind: 'if', branches, else: s.hasElse === true ? body('ELSE') : null, blockId: id };
      }
      case 'controls_repeat_ext': return { kind: 'repeat', times: inp('TIMES', 'number'), body: body(), blockId: id };
      case 'controls_repeat': return { kind: 'repeat', times: { kind: 'num', value: this.fieldNumber(b, 'TIMES', 0), blockId: id }, body: body(), blockId: id };
      case 'controls_whileUntil':
        return { kind: 'while', until: this.fieldEnum(b, 'MODE', ['WHILE', 'UNTIL']) === 'UNTIL', cond: inp('BOOL', 'boolean'), body: body(), blockId: id };
      case 'controls_for':
        return { kind: 'for', name: this.variable(b), from: inp('FROM', 'number'), to: inp('TO', 'number'), by: this.input(b, 'BY', 'number', depth, 1), body: body(), blockId: id };
      case 'controls_forEach': return { kind: 'forEach', name: this.variable(b), list: inp('LIST'), body: body(), blockId: id };
      case 'controls_flow_statements':
        if (this.loopDepth === 0) { this.diag('flowOutsideLoop', id); return null; }
        return this.fieldEnum(b, 'FLOW', ['BREAK', 'CONTINUE']) === 'BREAK' ? { kind: 'break', blockId: id } : { kind: 'continue', blockId: id };
      case 'variables_set': return { kind: 'set', name: this.variable(b), value: inp('VALUE'), blockId: id };
      case 'math_change': return { kind: 'change', name: this.variable(b), by: inp('DELTA', 'number'), blockId: id };
      case 'text_print': return { kind: 'log', value: inp('TEXT', 'string'), blockId: id };
      case 'text_append': {
        const name = this.variable(b);
        const value: Expr = { kind: 'builtin', name: 'text.join', args: [{ kind: 'var', name, blockId: id }, inp('TEXT', 'string')], blockId: id };
        return { kind: 'set', name, value, blockId: id };
      }
      case 'lists_setIndex': {
        const list = this.listVariable(b, 'LIST');
        const mode = this.fieldEnum(b, 'MODE', ['SET', 'INSERT']);
        const args = [...this.where(b, 'WHERE', 'AT', depth), inp('TO')];
        return list === null ? null : { kind: 'listOp', op: mode === 'SET' ? 'list.set' : 'list.insert', name: list, args, blockId: id };
      }
      case 'lists_getIndex': {
        // As a statement (extraState isStatement): remove, or get-and-remove with the value dropped.
        const mode = this.fieldEnum(b, 'MODE', ['GET', 'GET_REMOVE', 'REMOVE']);
        if (mode === 'GET') { const e = this.expr(b, depth); return e && { kind: 'expr', expr: e, blockId: id }; }
        const list = this.listVariable(b, 'VALUE');
        return list === null ? null : { kind: 'listOp', op: 'list.remove', name: list, args: this.where(b, 'WHERE', 'AT', depth), blockId: id };
      }
      case 'procedures_callnoreturn': {
        const call = this.call(b, depth);
        return call && { kind: 'callProc', name: call.name, args: call.args, blockId: id };
      }
      case 'procedures_ifreturn': {
        if (!this.currentProc) { this.diag('returnOutsideProcedure', id); return null; }
        const value = this.currentProc.returnsValue ? inp('VALUE') : null;
        return { kind: 'if', branches: [{ cond: inp('CONDITION', 'boolean'), body: [{ kind: 'return', value, blockId: id }] }], else: null, blockId: id };
      }
    }
    const spec = blockSpec(b.type);
    if (spec) {
      this.checkKit(spec, b);
      const ir = spec.ir;
      switch (ir.kind) {
        case 'command': {
          const op = typeof ir.op === 'string' ? ir.op : ir.op[this.target] ?? Object.values(ir.op)[0]!;
          return { kind: 'command', op, args: ir.args.map((a) => this.arg(b, a, depth)), blockId: id };
        }
        case 'wait': return { kind: 'wait', seconds: this.arg(b, ir.seconds, depth), blockId: id };
        case 'waitUntil': return { kind: 'waitUntil', cond: inp(ir.input, 'boolean'), blockId: id };
        case 'forever': return { kind: 'forever', body: body(ir.statements), blockId: id };
        case 'stopAll': return { kind: 'stopAll', blockId: id };
        case 'broadcast': return { kind: 'broadcast', message: this.arg(b, ir.message, depth), blockId: id };
        case 'ai': return { kind: 'ai', op: ir.op, args: this.aiArgs(b, ir.args, depth), blockId: id };
        case 'hat': this.diag('notConnected', id); return null;
        default: break;
      }
    }
    this.diag('unknownBlock', id, { type: b.type });
    return null;
  }

  /** Name of the list variable in input `name` (list-changing blocks must name a variable). */
  listVariable(b: RawBlock, name: string): string | null {
    const child = this.connected(b.inputs[name]);
    if (child && child.type === 'variables_get') return this.variable(child);
    this.diag('listNotVariable', b.id);
    return null;
  }

  // ---- top level ----------------------------------------------------------------------------------------------

  procedureSignature(b: RawBlock): { name: string; sig: ProcSig } {
    const name = this.fieldString(b, 'NAME', '');
    const s = isObj(b.extraState) ? b.extraState : {};
    const params = (Array.isArray(s.params) ? s.params : []).slice(0, MAX_ITEMS).map((p) => {
      if (typeof p === 'string') return p;
      if (isObj(p)) {
        if (typeof p.id === 'string' && this.varNames.has(p.id)) return this.varNames.get(p.id)!;
        if (typeof p.name === 'string') return p.name;
      }
      return '?';
    });
    return { name, sig: { params, returnsValue: b.type === 'procedures_defreturn' } };
  }

  trigger(b: RawBlock): Trigger {
    switch (b.type) {
      case 'event_when_button': return { kind: 'button', button: this.fieldEnum(b, 'BUTTON', ['A', 'B']) as 'A' | 'B' };
      case 'event_when_obstacle': return { kind: 'obstacle', cm: this.fieldNumber(b, 'CM', 20) };
      case 'event_when_message': return { kind: 'message', message: this.fieldString(b, 'MESSAGE', '') };
      default: return { kind: 'start' };
    }
  }

  convert(workspace: unknown): Program {
    const empty: Program = { irVersion: 1, target: this.target, variables: [], procedures: [], scripts: [] };
    if (!isObj(workspace)) { this.diag('badWorkspace', ''); return empty; }
    this.readVariables(workspace.variables);
    if (workspace.blocks === undefined) return { ...empty, variables: this.variables };
    const top = isObj(workspace.blocks) ? workspace.blocks.blocks : undefined;
    if (!Array.isArray(top)) { this.diag('badWorkspace', ''); return { ...empty, variables: this.variables }; }

    const tops = top.slice(0, MAX_BLOCKS).map((raw) => this.block(raw)).filter((b): b is RawBlock => b !== null && !b.disabled);
    // Pass 1: procedure signatures, so calls anywhere can be checked and given the right number of arguments.
    const defs: { b: RawBlock; name: string; sig: ProcSig }[] = [];
    for (const b of tops) {
      if (!PROCEDURE_DEFS.has(b.type)) continue;
      const { name, sig } = this.procedureSignature(b);
      if (this.procs.has(name)) { this.diag('duplicateProcedure', b.id, { name }); continue; }
      this.procs.set(name, sig);
      defs.push({ b, name, sig });
    }
    const procedures: Procedure[] = defs.map(({ b, name, sig }) => {
      this.currentProc = sig;
      const body = this.statements(b, 'STACK', 0);
      const result = sig.returnsValue ? this.input(b, 'RETURN', 'any', 0) : null;
      this.currentProc = null;
      return { name, params: sig.params, body, result, returnsValue: sig.returnsValue, blockId: b.id };
    });
    const scripts: Script[] = [];
    for (const b of tops) {
      if (PROCEDURE_DEFS.has(b.type)) continue;
      if (HAT_TYPES.has(b.type)) {
        const spec = blockSpec(b.type);
        if (spec) this.checkKit(spec, b);
        scripts.push({ trigger: this.trigger(b), body: this.stack(this.connected(b.next), 0), blockId: b.id });
      } else {
        this.diag('notConnected', b.id);
      }
    }
    return { irVersion: 1, target: this.target, variables: this.variables, procedures, scripts };
  }
}

/**
 * Converts a Blockly workspace serialisation into a Program for `target`. Never throws: problems are returned as
 * diagnostics (each names its block) and the program holds what could be converted.
 */
export function fromBlockly(workspaceJson: unknown, target: TargetKit): FromBlocklyResult {
  const converter = new Converter(target);
  const program = converter.convert(workspaceJson);
  return { program, diagnostics: converter.diagnostics };
}

/**
 * Distinct block types used in a workspace (sorted), for lesson checks such as "the program uses a loop".
 * Shadow blocks (toolbox defaults the student never placed) are not counted; blocks not connected to a hat are.
 */
export function usedBlockTypes(workspaceJson: unknown): string[] {
  const types = new Set<string>();
  let budget = MAX_BLOCKS;
  const visit = (raw: unknown, depth: number) => {
    // Walks `next` chains in a loop and inputs recursively (bounded by MAX_NESTING).
    for (let b = raw; isObj(b) && typeof b.type === 'string' && budget-- > 0; b = isObj(b.next) ? b.next.block : undefined) {
      types.add(b.type);
      if (depth >= MAX_NESTING || !isObj(b.inputs)) continue;
      for (const conn of Object.values(b.inputs)) if (isObj(conn)) visit(conn.block, depth + 1);
    }
  };
  if (isObj(workspaceJson) && isObj(workspaceJson.blocks) && Array.isArray(workspaceJson.blocks.blocks)) {
    for (const b of workspaceJson.blocks.blocks) visit(b, 0);
  }
  return [...types].sort();
}
