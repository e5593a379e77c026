/**
 * IR → JavaScript for the code view. Blocking device commands and waits read as `await`, event hats as
 * `when.started(async () => { … })`, procedures as `async function`. Positions stay 1-based in helper calls and
 * become 0-based indexing where the code indexes an array directly (`items[i - 1]`).
 */
import type { Program } from '../program/ir';
import type { Language } from '../i18n';
import { codeViewTitle, emitProgram, literal, minusOne, type Code, type GeneratedCode, type Lang } from './emit';
import { JS_RESERVED } from './names';

const ATOM = 18;
const UNARY = 14;
const ADD = 11;

const call = (text: string): Code => ({ text, prec: ATOM });

const javascript: Lang = {
  indent: '  ',
  reserved: JS_RESERVED,
  atom: ATOM,
  unaryPrec: UNARY,
  binary: {
    '+': { text: '+', prec: 11 }, '-': { text: '-', prec: 11 },
    '*': { text: '*', prec: 12 }, '/': { text: '/', prec: 12 }, '%': { text: '%', prec: 12 },
    '^': { text: '**', prec: 13, right: true },
    '==': { text: '===', prec: 8 }, '!=': { text: '!==', prec: 8 },
    '<': { text: '<', prec: 9 }, '<=': { text: '<=', prec: 9 }, '>': { text: '>', prec: 9 }, '>=': { text: '>=', prec: 9 },
    and: { text: '&&', prec: 4 }, or: { text: '||', prec: 3 },
  },
  powerLeftMin: UNARY + 1,
  comparisonNonAssoc: false,
  str: (s) => JSON.stringify(s),
  bool: (b) => String(b),
  unary(op, arg) {
    switch (op) {
      case 'not': return { text: `!${arg(UNARY)}`, prec: UNARY };
      case 'neg': return { text: `-${arg(UNARY)}`, prec: UNARY };
      case 'pow10': return { text: `10 ** ${arg(13)}`, prec: 13 };
      case 'sin': case 'cos': case 'tan': return call(`Math.${op}(${arg(12)} / 180 * Math.PI)`);
      case 'asin': case 'acos': case 'atan': return { text: `Math.${op}(${arg(0)}) / Math.PI * 180`, prec: 12 };
      case 'ln': return call(`Math.log(${arg(0)})`);
      default: return call(`Math.${op}(${arg(0)})`);
    }
  },
  ternary: (c, t, e) => ({ text: `${c(3)} ? ${t(2)} : ${e(2)}`, prec: 2 }),
  member: (name) => name,
  builtin(name, args, wrap) {
    const a = args.map((x) => x.text);
    const where = literal(args[1]);
    switch (name) {
      case 'text.join':
        return a.length === 0 ? call("''") : { text: args.map((x) => (x.text.startsWith('"') ? x.text : `String(${x.text})`)).join(' + '), prec: ADD };
      case 'text.length': case 'list.length': return call(`${wrap(args[0], ATOM)}.length`);
      case 'text.isEmpty': case 'list.isEmpty': return { text: `${wrap(args[0], ATOM)}.length === 0`, prec: 8 };
      case 'list.create': return call(`[${a.join(', ')}]`);
      case 'list.get':
        if (where === 'FROM_START') return call(`${wrap(args[0], ATOM)}[${minusOne(args[2], wrap, ADD + 1)}]`);
        if (where === 'FIRST') return call(`${wrap(args[0], ATOM)}[0]`);
        if (where === 'LAST') return call(`${wrap(args[0], ATOM)}.at(-1)`);
        return null;
      case 'math.constrain': return call(`Math.min(Math.max(${a[0]}, ${a[1]}), ${a[2]})`);
      case 'math.isEven': return { text: `${wrap(args[0], 12)} % 2 === 0`, prec: 8 };
      case 'math.isOdd': return { text: `${wrap(args[0], 12)} % 2 !== 0`, prec: 8 };
      case 'math.isDivisibleBy': return { text: `${wrap(args[0], 12)} % ${wrap(args[1], 13)} === 0`, prec: 8 };
      case 'math.min': case 'math.max': return call(`Math.${name.slice(5)}(...${wrap(args[0], ATOM)})`);
      case 'math.randomFloat': return call('Math.random()');
      case 'math.infinity': return call('Infinity');
      default: return null;
    }
  },
  call: (name, args) => ({ text: `await ${name}(${args.join(', ')})`, prec: UNARY }),
  random: (min, max) => call(`randomInt(${min}, ${max})`),

  header: (program, language) => [`// ${codeViewTitle(program, 'JavaScript', language)}`, ''],
  globals: (names) => names.map((n) => `let ${n} = 0;`),
  procedureOpen: (name, params) => `async function ${name}(${params.join(', ')}) {`,
  // JS scripts are anonymous callbacks: the trigger in the `when.*` call names them.
  scriptName: (script) => script.trigger.kind,
  scriptOpen: (script) => {
    const t = script.trigger;
    switch (t.kind) {
      case 'start': return 'when.started(async () => {';
      case 'button': return `when.buttonPressed(${JSON.stringify(t.button)}, async () => {`;
      case 'obstacle': return `when.obstacleNearer(${t.cm}, async () => {`;
      case 'message': return `when.messageReceived(${JSON.stringify(t.message)}, async () => {`;
    }
  },
  blockClose: (kind) => (kind === 'script' ? '});' : '}'),
  globalDecl: () => null,
  emptyBody: null,
  stmtEnd: ';',
  ifOpen: (c) => `if (${c}) {`,
  elseIf: (c) => `} else if (${c}) {`,
  elseOpen: '} else {',
  repeatOpen: (times, depth) => {
    const i = ['i', 'j', 'k', 'm', 'n'][depth % 5] + (depth >= 5 ? String(depth) : '');
    return `for (let _${i} = 0; _${i} < ${times}; _${i}++) {`;
  },
  foreverOpen: 'while (true) {',
  whileOpen: (c, until, wrap) => (until ? `while (!${wrap(c, UNARY)}) {` : `while (${c.text}) {`),
  forOpen: (v, from, to, by) => `for (${v} = ${from}; ${v} <= ${to}; ${v} += ${by.text}) {`,
  forEachOpen: (v, list) => `for (${v} of ${list}) {`,
  command: (device, method, args, blocking) => `${blocking ? 'await ' : ''}${device}.${method}(${args.join(', ')});`,
  callStmt: (name, args) => `await ${name}(${args.join(', ')});`,
  wait: (s) => `await wait(${s});`,
  waitUntil: (c) => `await waitUntil(() => ${c});`,
  log: (v) => `console.log(${v});`,
  broadcast: (m) => `broadcast(${m});`,
  stopAll: 'stopAll();',
  ret: (v) => (v === null ? 'return;' : `return ${v};`),
  change: (v, by) => `${v} += ${by};`,
  listOp(op, list, args, wrap) {
    const where = literal(args[0]);
    const a = args.map((x) => x.text);
    switch (op) {
      case 'list.add': return `${list}.push(${a[0]});`;
      case 'list.set':
        if (where === 'FROM_START') return `${list}[${minusOne(args[1], wrap, ADD + 1)}] = ${a[2]};`;
        if (where === 'FIRST') return `${list}[0] = ${a[2]};`;
        if (where === 'LAST') return `${list}[${list}.length - 1] = ${a[2]};`;
        break;
      case 'list.insert':
        if (where === 'LAST') return `${list}.push(${a[2]});`;
        if (where === 'FIRST') return `${list}.unshift(${a[2]});`;
        if (where === 'FROM_START') return `${list}.splice(${minusOne(args[1], wrap, ADD + 1)}, 0, ${a[2]});`;
        break;
      case 'list.remove':
        if (where === 'FIRST') return `${list}.shift();`;
        if (where === 'LAST') return `${list}.pop();`;
        if (where === 'FROM_START') return `${list}.splice(${minusOne(args[1], wrap, ADD + 1)}, 1);`;
        break;
    }
    return `lists.${op.slice(5)}(${[list, ...a].join(', ')});`;
  },
};

/** JavaScript text of a program, for the read-only code view. */
export function toJavaScript(program: Program, language: Language = 'en'): string {
  return emitProgram(program, javascript, language).text;
}

/** JavaScript text with the block id of every line (for highlighting the running block's line in the code view). */
export function toJavaScriptWithMap(program: Program, language: Language = 'en'): GeneratedCode {
  return emitProgram(program, javascript, language);
}
