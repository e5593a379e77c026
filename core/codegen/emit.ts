/**
 * One emitter for both code-view languages: the tree walk, indentation and operator precedence are shared; the
 * language table (`Lang`) says how each construct is spelled. Output is for reading (students compare blocks and
 * code), not for running: helper calls such as `wait(1)` or `lists.set(…)` name what the block does.
 */
import { AI_OPS } from '../ai/ops';
import { BUILTINS, type BuiltinName } from '../program/builtins';
import type { BinaryOp, Expr, Procedure, Program, Script, Stmt, UnaryOp } from '../program/ir';
import { COMMANDS, isCommandOp } from '../device/ops';
import { translate, type Language } from '../i18n';
import { Names } from './names';

/** An emitted expression and its precedence (higher binds tighter). */
export interface Code {
  readonly text: string;
  readonly prec: number;
}

export interface Lang {
  readonly indent: string;
  readonly reserved: ReadonlySet<string>;
  /** Precedence of atoms / calls / member access. */
  readonly atom: number;
  readonly unaryPrec: number;
  readonly binary: Record<BinaryOp, { text: string; prec: number; right?: boolean }>;
  /** Minimum precedence of the left operand of `^` (JS forbids a unary operand there). */
  readonly powerLeftMin: number;
  /** Comparison operands must bind tighter than comparisons (Python chains `a < b < c`). */
  readonly comparisonNonAssoc: boolean;
  str(s: string): string;
  bool(b: boolean): string;
  unary(op: UnaryOp, arg: (min: number) => string): Code;
  ternary(cond: (min: number) => string, then: (min: number) => string, els: (min: number) => string): Code;
  /** Method or function name of a device op / reading in this language ('driveCm' → 'drive_cm'). */
  member(name: string): string;
  builtin(name: BuiltinName, args: readonly Code[], wrap: (c: Code, min: number) => string): Code | null;
  call(name: string, args: string[]): Code;
  random(min: string, max: string): Code;
  // statements
  /** Opening lines: a comment naming the kit in the user's language, imports. */
  header(program: Program, language: Language): string[];
  globals(names: string[]): string[];
  procedureOpen(name: string, params: string[]): string;
  scriptOpen(script: Script, fnName: string): string;
  /** Name suffix of a script function, e.g. 'started', 'button_A'. */
  scriptName(script: Script): string;
  blockClose(kind: 'function' | 'script' | 'block'): string | null;
  globalDecl(names: string[]): string | null;
  emptyBody: string | null;
  stmtEnd: string;
  ifOpen(cond: string): string;
  elseIf(cond: string): string;
  elseOpen: string;
  repeatOpen(times: string, depth: number): string;
  foreverOpen: string;
  whileOpen(cond: Code, until: boolean, wrap: (c: Code, min: number) => string): string;
  forOpen(v: string, from: string, to: string, by: Code): string;
  forEachOpen(v: string, list: string): string;
  command(device: string, method: string, args: string[], blocking: boolean): string;
  callStmt(name: string, args: string[]): string;
  wait(seconds: string): string;
  waitUntil(cond: string): string;
  log(value: string): string;
  broadcast(message: string): string;
  stopAll: string;
  ret(value: string | null): string;
  change(v: string, by: string): string;
  listOp(op: string, list: string, args: readonly Code[], wrap: (c: Code, min: number) => string): string;
}

/** Generated text plus, for each line (index 0 = line 1), the id of the block it came from ('' for none). */
export interface GeneratedCode {
  readonly text: string;
  readonly lineBlockIds: readonly string[];
}

export function emitProgram(program: Program, lang: Lang, language: Language = 'en'): GeneratedCode {
  return new Emitter(program, lang, language).run();
}

/** The header comment's text: kit and language, in the user's language. */
export function codeViewTitle(program: Program, codeLanguage: string, language: Language): string {
  const kit = translate(language, 'codegen', `kit.${program.target}`);
  return translate(language, 'codegen', 'header', { kit, language: codeLanguage });
}

class Emitter {
  private readonly out: string[] = [];
  /** Block id of each line in `out`. */
  private readonly outBlocks: string[] = [];
  /** Block id the next emitted lines belong to. */
  private currentBlock = '';
  private readonly names: Names;
  private readonly globalsSet: Set<string>;

  constructor(private readonly program: Program, private readonly lang: Lang, private readonly language: Language) {
    this.names = new Names(lang.reserved);
    for (const id of ['robot', 'drone', 'kit', 'clock', 'when', 'text', 'lists', 'wait', 'broadcast', 'ai']) this.names.reserve(id);
    this.globalsSet = new Set(program.variables);
  }

  private repeatDepth = 0;

  /**
   * Globals worth declaring: Blockly lists procedure parameters among the workspace variables, but a name used only
   * as a parameter is a local, so declaring it global would only confuse.
   */
  private declaredGlobals(): string[] {
    const { procedures, scripts, variables } = this.program;
    const params = new Set(procedures.flatMap((p) => p.params));
    const usedOutside = new Set<string>();
    // Generic walk over the plain-data IR: nodes with a variable `name` are var/set/change/for/forEach/listOp.
    const visit = (node: unknown, locals: ReadonlySet<string>): void => {
      if (Array.isArray(node)) { for (const x of node) visit(x, locals); return; }
      if (!node || typeof node !== 'object') return;
      const o = node as Record<string, unknown>;
      const namesProcedure = o.kind === 'call' || o.kind === 'callProc' || o.kind === 'builtin';
      if (typeof o.name === 'string' && !namesProcedure && !locals.has(o.name)) usedOutside.add(o.name);
      for (const value of Object.values(o)) if (typeof value === 'object') visit(value, locals);
    };
    for (const p of procedures) visit([p.body, p.result], new Set(p.params));
    for (const s of scripts) visit(s.body, new Set());
    return variables.filter((v) => !params.has(v) || usedOutside.has(v));
  }

  run(): GeneratedCode {
    const { program, lang } = this;
    this.push(...lang.header(program, this.language));
    const globals = this.declaredGlobals();
    if (globals.length) {
      this.push(...lang.globals(globals.map((v) => this.names.get(v))));
      this.push('');
    }
    for (const proc of program.procedures) { this.procedure(proc); this.push(''); }
    const counts = new Map<string, number>();
    for (const script of program.scripts) {
      const base = lang.scriptName(script);
      const n = (counts.get(base) ?? 0) + 1;
      counts.set(base, n);
      this.script(script, n === 1 ? base : `${base}${n}`);
      this.push('');
    }
    while (this.out.length && this.out[this.out.length - 1] === '') { this.out.pop(); this.outBlocks.pop(); }
    return { text: this.out.join('\n') + '\n', lineBlockIds: this.outBlocks };
  }

  /** Lines without a block (header, globals, blank lines). */
  private push(...lines: string[]) {
    for (const l of lines) { this.out.push(l); this.outBlocks.push(''); }
  }

  private line(depth: number, text: string) {
    // A construct may span lines (a Python decorator and its def): each gets the block.
    for (const l of text.split('\n')) {
      this.out.push(this.lang.indent.repeat(depth) + l);
      this.outBlocks.push(this.currentBlock);
    }
  }

  private procedure(proc: Procedure) {
    this.currentBlock = proc.blockId;
    const params = proc.params.map((p) => this.names.get(p));
    this.line(0, this.lang.procedureOpen(this.names.get(proc.name, 'procedure'), params));
    this.globalDecl(proc.body, new Set(proc.params), 1);
    this.body(proc.body, 1, proc.result !== null);
    this.currentBlock = proc.blockId;
    if (proc.result) this.line(1, this.lang.ret(this.expr(proc.result).text));
    this.close(0, 'function');
  }

  private script(script: Script, fnName: string) {
    this.currentBlock = script.blockId;
    this.line(0, this.lang.scriptOpen(script, fnName));
    this.globalDecl(script.body, new Set(), 1);
    this.body(script.body, 1);
    this.currentBlock = script.blockId;
    this.close(0, 'script');
  }

  private close(depth: number, kind: 'function' | 'script' | 'block') {
    const c = this.lang.blockClose(kind);
    if (c !== null) this.line(depth, c);
  }

  /** Python needs `global x` for globals a function assigns; JS needs nothing. */
  private globalDecl(body: readonly Stmt[], locals: ReadonlySet<string>, depth: number) {
    const assigned = new Set<string>();
    const walk = (stmts: readonly Stmt[]) => {
      for (const s of stmts) {
        if ((s.kind === 'set' || s.kind === 'change' || s.kind === 'for' || s.kind === 'forEach') && this.globalsSet.has(s.name) && !locals.has(s.name)) assigned.add(s.name);
        if ('body' in s) walk(s.body);
        if (s.kind === 'if') { for (const b of s.branches) walk(b.body); if (s.else) walk(s.else); }
      }
    };
    walk(body);
    const decl = this.lang.globalDecl([...assigned].map((n) => this.names.get(n)));
    if (decl !== null) this.line(depth, decl);
  }

  /** A block body; Python needs `pass` in an empty one. `hasTail`: a line (a return) follows in the same block. */
  private body(stmts: readonly Stmt[], depth: number, hasTail = false) {
    if (stmts.length === 0) {
      if (this.lang.emptyBody !== null && !hasTail) this.line(depth, this.lang.emptyBody);
      return;
    }
    for (const s of stmts) this.stmt(s, depth);
  }

  private stmt(s: Stmt, depth: number) {
    this.currentBlock = s.blockId;
    const L = this.lang;
    const e = (x: Expr) => this.expr(x).text;
    const end = L.stmtEnd;
    switch (s.kind) {
      case 'expr': this.line(depth, e(s.expr) + end); return;
      case 'set': this.line(depth, `${this.names.get(s.name)} = ${e(s.value)}${end}`); return;
      case 'change': this.line(depth, L.change(this.names.get(s.name), e(s.by))); return;
      case 'if':
        s.branches.forEach((b, i) => {
          this.currentBlock = s.blockId;
          this.line(depth, i === 0 ? L.ifOpen(e(b.cond)) : L.elseIf(e(b.cond)));
          this.body(b.body, depth + 1);
        });
        if (s.else) { this.currentBlock = s.blockId; this.line(depth, L.elseOpen); this.body(s.else, depth + 1); }
        this.currentBlock = s.blockId;
        this.close(depth, 'block');
        return;
      case 'repeat':
        this.line(depth, L.repeatOpen(e(s.times), this.repeatDepth));
        this.repeatDepth++;
        this.body(s.body, depth + 1);
        this.repeatDepth--;
        this.currentBlock = s.blockId;
        this.close(depth, 'block');
        return;
      case 'forever': this.line(depth, L.foreverOpen); break;
      case 'while': this.line(depth, L.whileOpen(this.expr(s.cond), s.until, (c, m) => this.wrap(c, m))); break;
      case 'for': this.line(depth, L.forOpen(this.names.get(s.name), e(s.from), e(s.to), this.expr(s.by))); break;
      case 'forEach': this.line(depth, L.forEachOpen(this.names.get(s.name), e(s.list))); break;
      case 'break': this.line(depth, 'break' + end); return;
      case 'continue': this.line(depth, 'continue' + end); return;
      case 'wait': this.line(depth, L.wait(e(s.seconds))); return;
      case 'waitUntil': this.line(depth, L.waitUntil(e(s.cond))); return;
      case 'command': {
        const [device, method] = s.op.split('.');
        const blocking = isCommandOp(s.op) ? COMMANDS[s.op].blocking : false;
        this.line(depth, L.command(device, L.member(method), s.args.map(e), blocking));
        return;
      }
      case 'listOp': this.line(depth, L.listOp(s.op, this.names.get(s.name), s.args.map((a) => this.expr(a)), (c, m) => this.wrap(c, m))); return;
      case 'callProc': this.line(depth, L.callStmt(this.names.get(s.name, 'procedure'), s.args.map(e))); return;
      case 'return': this.line(depth, L.ret(s.value ? e(s.value) : null)); return;
      case 'broadcast': this.line(depth, L.broadcast(e(s.message))); return;
      case 'log': this.line(depth, L.log(e(s.value))); return;
      case 'stopAll': this.line(depth, L.stopAll); return;
      case 'ai':
        // A blocking AI op (follow a learned path) reads like a blocking device command: `await ai.qFollow(…)` in JS.
        if (Object.prototype.hasOwnProperty.call(AI_OPS, s.op) && AI_OPS[s.op].start) this.line(depth, L.command('ai', L.member(s.op), s.args.map(e), true));
        else this.line(depth, this.ai(s.op, s.args).text + end);
        return;
    }
    // Loops: body then close.
    this.body(s.body, depth + 1);
    this.currentBlock = s.blockId;
    this.close(depth, 'block');
  }

  wrap(c: Code, min: number): string {
    return c.prec >= min ? c.text : `(${c.text})`;
  }

  expr(x: Expr): Code {
    const L = this.lang;
    const sub = (y: Expr) => (min: number) => this.wrap(this.expr(y), min);
    switch (x.kind) {
      case 'num': return { text: String(x.value), prec: x.value < 0 || Object.is(x.value, -0) ? L.unaryPrec : L.atom };
      case 'str': return { text: L.str(x.value), prec: L.atom };
      case 'colour': return { text: L.str(x.value), prec: L.atom };
      case 'bool': return { text: L.bool(x.value), prec: L.atom };
      case 'var': return { text: this.names.get(x.name), prec: L.atom };
      case 'binary': {
        const op = L.binary[x.op];
        const compare = ['==', '!=', '<', '<=', '>', '>='].includes(x.op);
        let leftMin = op.right ? op.prec + 1 : op.prec;
        const rightMin = op.right ? op.prec : op.prec + 1;
        if (x.op === '^') leftMin = Math.max(leftMin, L.powerLeftMin);
        if (compare && L.comparisonNonAssoc) leftMin = op.prec + 1;
        return { text: `${sub(x.left)(leftMin)} ${op.text} ${sub(x.right)(rightMin)}`, prec: op.prec };
      }
      case 'unary': return L.unary(x.op, sub(x.arg));
      case 'ternary': return L.ternary(sub(x.cond), sub(x.then), sub(x.else));
      case 'random': return L.random(this.expr(x.min).text, this.expr(x.max).text);
      case 'call': return L.call(this.names.get(x.name, 'procedure'), x.args.map((a) => this.expr(a).text));
      case 'builtin': {
        const args = x.args.map((a) => this.expr(a));
        const known = Object.prototype.hasOwnProperty.call(BUILTINS, x.name);
        const special = known ? L.builtin(x.name as BuiltinName, args, (c, m) => this.wrap(c, m)) : null;
        if (special) return special;
        const [ns, fn] = x.name.split('.');
        return { text: `${ns === 'list' ? 'lists' : ns}.${L.member(fn)}(${args.map((a) => a.text).join(', ')})`, prec: L.atom };
      }
      case 'read': {
        const [device, reading] = x.sensor.split('.');
        return { text: `${device}.${L.member(reading)}(${x.args.map((a) => this.expr(a).text).join(', ')})`, prec: L.atom };
      }
      case 'ai': return this.ai(x.op, x.args);
    }
  }

  /** An AI op as a call on `ai` (`ai.predict("颜色", [r, g, b])`); the features block reads as a list literal. */
  private ai(op: string, args: readonly Expr[]): Code {
    const a = args.map((x) => this.expr(x).text);
    if (op === 'features') return { text: `[${a.join(', ')}]`, prec: this.lang.atom };
    return { text: `ai.${this.lang.member(op)}(${a.join(', ')})`, prec: this.lang.atom };
  }
}

/** `at - 1` for 1-based positions, folded when `at` is a literal. */
export function minusOne(at: Code, wrap: (c: Code, min: number) => string, additivePrec: number): string {
  if (/^\d+$/.test(at.text)) return String(Number(at.text) - 1);
  return `${wrap(at, additivePrec)} - 1`;
}

/** A string literal argument's raw value ('FROM_START'), or null when it is not a literal. */
export function literal(c: Code | undefined): string | null {
  if (!c) return null;
  const m = /^["']([A-Z_]+)["']$/.exec(c.text);
  return m ? m[1] : null;
}
