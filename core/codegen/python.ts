/**
 * IR → Python for the code view. Event hats read as decorated functions (`@when.started` / `def on_start():`),
 * `forever` as `while True:`, device calls in snake_case (`robot.drive_cm(20, 50)`), globals a function assigns
 * are declared `global`. Positions stay 1-based in helper calls and become 0-based indexing where the code indexes
 * a list directly (`items[i - 1]`, `items[-1]`).
 */
import type { Program } from '../program/ir';
import type { Language } from '../i18n';
import { codeViewTitle, emitProgram, literal, minusOne, type Code, type GeneratedCode, type Lang } from './emit';
import { PY_RESERVED, snakeCase } from './names';

const ATOM = 13;
const UNARY = 9;
const ADD = 7;

const call = (text: string): Code => ({ text, prec: ATOM });

const python: Lang = {
  indent: '    ',
  reserved: PY_RESERVED,
  atom: ATOM,
  unaryPrec: UNARY,
  binary: {
    '+': { text: '+', prec: 7 }, '-': { text: '-', prec: 7 },
    '*': { text: '*', prec: 8 }, '/': { text: '/', prec: 8 }, '%': { text: '%', prec: 8 },
    '^': { text: '**', prec: 10, right: true },
    '==': { text: '==', prec: 5 }, '!=': { text: '!=', prec: 5 },
    '<': { text: '<', prec: 5 }, '<=': { text: '<=', prec: 5 }, '>': { text: '>', prec: 5 }, '>=': { text: '>=', prec: 5 },
    and: { text: 'and', prec: 3 }, or: { text: 'or', prec: 2 },
  },
  powerLeftMin: 11,
  comparisonNonAssoc: true,
  str: (s) => JSON.stringify(s),
  bool: (b) => (b ? 'True' : 'False'),
  unary(op, arg) {
    switch (op) {
      case 'not': return { text: `not ${arg(4)}`, prec: 4 };
      case 'neg': return { text: `-${arg(UNARY)}`, prec: UNARY };
      case 'abs': case 'round': return call(`${op}(${arg(0)})`);
      case 'pow10': return { text: `10 ** ${arg(10)}`, prec: 10 };
      case 'sin': case 'cos': case 'tan': return call(`math.${op}(math.radians(${arg(0)}))`);
      case 'asin': case 'acos': case 'atan': return call(`math.degrees(math.${op}(${arg(0)}))`);
      case 'ln': return call(`math.log(${arg(0)})`);
      default: return call(`math.${op}(${arg(0)})`);
    }
  },
  ternary: (c, t, e) => ({ text: `${t(2)} if ${c(2)} else ${e(1)}`, prec: 1 }),
  member: snakeCase,
  builtin(name, args, wrap) {
    const a = args.map((x) => x.text);
    const where = literal(args[1]);
    switch (name) {
      case 'text.join':
        return a.length === 0 ? call('""') : { text: args.map((x) => (x.text.startsWith('"') ? x.text : `str(${x.text})`)).join(' + '), prec: ADD };
      case 'text.length': case 'list.length': return call(`len(${a[0]})`);
      case 'text.isEmpty': case 'list.isEmpty': return { text: `len(${a[0]}) == 0`, prec: 5 };
      case 'list.create': return call(`[${a.join(', ')}]`);
      case 'list.get':
        if (where === 'FROM_START') return call(`${wrap(args[0], ATOM)}[${minusOne(args[2], wrap, ADD + 1)}]`);
        if (where === 'FIRST') return call(`${wrap(args[0], ATOM)}[0]`);
        if (where === 'LAST') return call(`${wrap(args[0], ATOM)}[-1]`);
        if (where === 'FROM_END') return call(`${wrap(args[0], ATOM)}[-${wrap(args[2], UNARY)}]`);
        if (where === 'RANDOM') return call(`random.choice(${a[0]})`);
        return null;
      case 'math.constrain': return call(`min(max(${a[0]}, ${a[1]}), ${a[2]})`);
      case 'math.isEven': return { text: `${wrap(args[0], 8)} % 2 == 0`, prec: 5 };
      case 'math.isOdd': return { text: `${wrap(args[0], 8)} % 2 == 1`, prec: 5 };
      case 'math.isDivisibleBy': return { text: `${wrap(args[0], 8)} % ${wrap(args[1], 9)} == 0`, prec: 5 };
      case 'math.sum': case 'math.min': case 'math.max': return call(`${name.slice(5)}(${a[0]})`);
      case 'math.randomItem': return call(`random.choice(${a[0]})`);
      case 'math.randomFloat': return call('random.random()');
      case 'math.infinity': return call('math.inf');
      default: return null;
    }
  },
  call: (name, args) => call(`${name}(${args.join(', ')})`),
  random: (min, max) => call(`random.randint(${min}, ${max})`),

  header: (program, language) => [`# ${codeViewTitle(program, 'Python', language)}`, 'from ailab import *', ''],
  globals: (names) => names.map((n) => `${n} = 0`),
  procedureOpen: (name, params) => `def ${name}(${params.join(', ')}):`,
  scriptName: (script) => {
    const t = script.trigger;
    switch (t.kind) {
      case 'start': return 'on_start';
      case 'button': return `on_button_${t.button.toLowerCase()}`;
      case 'obstacle': return 'on_obstacle';
      case 'message': return 'on_message';
    }
  },
  scriptOpen: (script, fnName) => {
    const t = script.trigger;
    const decorator = {
      start: '@when.started',
      button: `@when.button_pressed(${JSON.stringify(t.kind === 'button' ? t.button : '')})`,
      obstacle: `@when.obstacle_nearer(${t.kind === 'obstacle' ? t.cm : 0})`,
      message: `@when.message_received(${JSON.stringify(t.kind === 'message' ? t.message : '')})`,
    }[t.kind];
    return `${decorator}\ndef ${fnName}():`;
  },
  blockClose: () => null,
  globalDecl: (names) => (names.length ? `global ${names.join(', ')}` : null),
  emptyBody: 'pass',
  stmtEnd: '',
  ifOpen: (c) => `if ${c}:`,
  elseIf: (c) => `elif ${c}:`,
  elseOpen: 'else:',
  repeatOpen: (times) => `for _ in range(${times}):`,
  foreverOpen: 'while True:',
  whileOpen: (c, until, wrap) => (until ? `while not ${wrap(c, 4)}:` : `while ${c.text}:`),
  forOpen: (v, from, to, by) => (by.text === '1' ? `for ${v} in range(${from}, ${to} + 1):` : `for ${v} in range(${from}, ${to} + 1, ${by.text}):`),
  forEachOpen: (v, list) => `for ${v} in ${list}:`,
  command: (device, method, args) => `${device}.${method}(${args.join(', ')})`,
  callStmt: (name, args) => `${name}(${args.join(', ')})`,
  wait: (s) => `wait(${s})`,
  waitUntil: (c) => `wait_until(lambda: ${c})`,
  log: (v) => `print(${v})`,
  broadcast: (m) => `broadcast(${m})`,
  stopAll: 'stop_all()',
  ret: (v) => (v === null ? 'return' : `return ${v}`),
  change: (v, by) => `${v} += ${by}`,
  listOp(op, list, args, wrap) {
    const where = literal(args[0]);
    const a = args.map((x) => x.text);
    switch (op) {
      case 'list.add': return `${list}.append(${a[0]})`;
      case 'list.set':
        if (where === 'FROM_START') return `${list}[${minusOne(args[1], wrap, ADD + 1)}] = ${a[2]}`;
        if (where === 'FIRST') return `${list}[0] = ${a[2]}`;
        if (where === 'LAST') return `${list}[-1] = ${a[2]}`;
        if (where === 'FROM_END') return `${list}[-${wrap(args[1], UNARY)}] = ${a[2]}`;
        break;
      case 'list.insert':
        if (where === 'LAST') return `${list}.append(${a[2]})`;
        if (where === 'FIRST') return `${list}.insert(0, ${a[2]})`;
        if (where === 'FROM_START') return `${list}.insert(${minusOne(args[1], wrap, ADD + 1)}, ${a[2]})`;
        break;
      case 'list.remove':
        if (where === 'FIRST') return `del ${list}[0]`;
        if (where === 'LAST') return `${list}.pop()`;
        if (where === 'FROM_START') return `del ${list}[${minusOne(args[1], wrap, ADD + 1)}]`;
        if (where === 'FROM_END') return `del ${list}[-${wrap(args[1], UNARY)}]`;
        break;
    }
    return `lists.${snakeCase(op.slice(5))}(${[list, ...a].join(', ')})`;
  },
};

/** Python text of a program, for the read-only code view. */
export function toPython(program: Program, language: Language = 'en'): string {
  return emitProgram(program, python, language).text;
}

/** Python text with the block id of every line (for highlighting the running block's line in the code view). */
export function toPythonWithMap(program: Program, language: Language = 'en'): GeneratedCode {
  return emitProgram(program, python, language);
}
