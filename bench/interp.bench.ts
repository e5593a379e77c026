/**
 * Interpreter speed on one compute-heavy block program (loops, a list, a procedure with a parameter and a return),
 * run three ways in this process:
 *   (a) our interpreter (core/runtime), ticked until finished with a step budget large enough for one tick;
 *   (b) JS-Interpreter (npm `js-interpreter`) on the JavaScript Blockly's own generator makes of the same workspace;
 *   (c) that same generated JavaScript run natively as a function (bench only: the product never evals code).
 * All three must agree on every variable of the program and every printed line, or the bench fails.
 *
 * Prints `interp.speedup_vs_js_interpreter` (JS-Interpreter time / ours; goal ≥ 10) and `interp.slowdown_vs_native`
 * (ours / native), each from the fastest of several runs after warm-up (process CPU time), plus the raw ms.
 *
 * The program is `examples/compute.ailab` (standard blocks only: primes below 2000 found 20 times with an
 * is_prime(n) procedure, kept in a list, then summed with for-each). Its workspace is loaded into headless Blockly,
 * which both saves it back (for the real `fromBlockly`) and generates the JavaScript for (b) and (c).
 *
 *   node --import tsx bench/interp.bench.ts
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import Blockly from 'blockly/core';
import 'blockly/blocks';
import { javascriptGenerator } from 'blockly/javascript';
import * as En from 'blockly/msg/en';
import { BLOCK_DEFINITIONS, BLOCK_MESSAGES, fromBlockly } from '../core/program/index';
import type { Program, Value } from '../core/program/ir';
import { Interpreter } from '../core/runtime/interpreter';
import { createRandom } from '../core/runtime/random';
import { FakeDevices } from '../core/runtime/testing';

// js-interpreter ships CommonJS without types.
interface JsInterpreter {
  run(): boolean;
  globalObject: unknown;
  getProperty(obj: unknown, name: string): unknown;
  setProperty(obj: unknown, name: string, value: unknown): void;
  pseudoToNative(v: unknown): unknown;
  nativeToPseudo(v: unknown): unknown;
  createNativeFunction(f: (...args: unknown[]) => unknown): unknown;
}
const JSInterpreter = createRequire(import.meta.url)('js-interpreter') as new (
  code: string,
  init?: (interp: JsInterpreter, globalObject: unknown) => void,
) => JsInterpreter;

const RUNS = 7;
/** V8 needs a few runs to optimise the interpreter's dispatch loop and closures (first run ~3× slower). */
const WARMUP = 6;

type State = Record<string, unknown>;

Blockly.setLocale(En as unknown as Record<string, string>);
Object.assign(Blockly.Msg, BLOCK_MESSAGES.en);
Blockly.common.defineBlocksWithJsonArray(BLOCK_DEFINITIONS as unknown as object[]);
// Our hats are custom blocks: in generated JavaScript a hat is just the code of the blocks under it.
for (const hat of ['event_when_started']) javascriptGenerator.forBlock[hat] = () => '';

function loadWorkspace(): State {
  const file = fileURLToPath(new URL('../examples/compute.ailab', import.meta.url));
  if (!existsSync(file)) throw new Error('[bench] examples/compute.ailab is missing: the interpreter bench measures that program');
  return (JSON.parse(readFileSync(file, 'utf8')) as { workspace: State }).workspace;
}

/** Loads `json` into headless Blockly: what Blockly saves back, and the JavaScript its generator makes. */
function throughBlockly(json: State): { saved: State; code: string; jsNames: Map<string, string> } {
  const ws = new Blockly.Workspace();
  Blockly.serialization.workspaces.load(json, ws);
  const saved = Blockly.serialization.workspaces.save(ws) as State;
  const code = javascriptGenerator.workspaceToCode(ws);
  // The generator renames variables that clash with JavaScript words; a fresh name table gives the same names.
  const names = new Blockly.Names(javascriptGenerator.RESERVED_WORDS_);
  names.setVariableMap(ws.getVariableMap());
  const jsNames = new Map(ws.getVariableMap().getAllVariables().map((v) => [v.getName(), names.getName(v.getId(), Blockly.Names.NameType.VARIABLE)]));
  ws.dispose();
  return { saved, code, jsNames };
}

/**
 * Process CPU time of `f`, in ms. CPU time, not wall time: on the shared build machine (load average 8–14 on 2
 * cores while this was written) our run took 32 ms of CPU but 66–200 ms of wall time, the process being descheduled
 * half the time, while the 1 ms native run mostly fits in one time slice; wall time skewed every ratio.
 */
function cpuMs(f: () => void): number {
  const c0 = process.cpuUsage();
  f();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

/** Fastest of RUNS measured runs after WARMUP (interference only ever adds time). */
function timeRuns<T>(f: () => T, warmup = WARMUP, runs = RUNS): { ms: number; result: T } {
  let result!: T;
  for (let k = 0; k < warmup; k++) result = f();
  const samples: number[] = [];
  for (let k = 0; k < runs; k++) samples.push(cpuMs(() => (result = f())));
  return { ms: Math.min(...samples), result };
}

/** What a run leaves behind: every workspace variable and every printed line. */
interface Outcome {
  readonly variables: Record<string, Value>;
  readonly printed: string[];
}

function runOurs(program: Program): Outcome {
  const printed: string[] = [];
  const devices = new FakeDevices();
  const interp = new Interpreter(program, devices, { random: createRandom(1), stepBudget: 1e12, maxListLength: 10_000_000 });
  let error = '';
  interp.onDidEmit((e) => {
    if (e.type === 'error') error = `${e.error.code} at ${e.error.blockId}`;
    if (e.type === 'log') printed.push(e.text);
  });
  interp.start();
  for (let t = 0; interp.state === 'running'; t += 20) {
    devices.sample();
    interp.tick(t);
  }
  if (interp.state !== 'finished') throw new Error(`[bench] our interpreter ended in state ${interp.state} ${error}`);
  return { variables: interp.variables(), printed };
}

/**
 * Median tick (after warm-up) when every thread spends the default step budget: ten scripts, each `forever { set x to (x * 3 + 1) % 1000 }`, so every
 * thread spends its whole 10 000-statement budget. Stop is handled between ticks, so this bounds how late Stop
 * can be in the sim worker (the issue asks for ≤ 100 ms).
 */
function busyTickMs(): number {
  const x = (id: string) => ({ kind: 'var', name: 'x', blockId: id }) as const;
  const num = (value: number) => ({ kind: 'num', value, blockId: 'n' }) as const;
  const body = [
    {
      kind: 'set',
      name: 'x',
      blockId: 'set',
      value: { kind: 'binary', op: '%', blockId: 'mod', left: { kind: 'binary', op: '+', blockId: 'add', left: { kind: 'binary', op: '*', blockId: 'mul', left: x('x'), right: num(3) }, right: num(1) }, right: num(1000) },
    },
  ] as const;
  const program = {
    irVersion: 1,
    target: 'robot',
    variables: ['x'],
    procedures: [],
    scripts: Array.from({ length: 10 }, (_, k) => ({ trigger: { kind: 'start' }, blockId: `hat${k}`, body: [{ kind: 'forever', blockId: `f${k}`, body }] })),
  } as unknown as Program;
  const devices = new FakeDevices();
  const interp = new Interpreter(program, devices, { random: createRandom(1) });
  interp.start();
  const samples: number[] = [];
  for (let k = 0; k < 200; k++) {
    samples.push(cpuMs(() => {
      devices.sample();
      interp.tick(k * 20);
    }));
  }
  interp.stop();
  const steady = samples.slice(50).sort((a, b) => a - b);
  return steady[steady.length >> 1];
}

function main(): void {
  const json = loadWorkspace();
  const { saved, code, jsNames } = throughBlockly(json);
  const { program, diagnostics } = fromBlockly(saved, 'robot');
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length || program.scripts.length === 0) throw new Error(`[bench] fromBlockly: ${JSON.stringify(errors)} (${program.scripts.length} scripts)`);
  const vars = program.variables;
  console.log(`[bench] workspace: examples/compute.ailab; variables: ${vars.join(', ')}`);
  if (process.env.BENCH_SHOW_CODE) console.log(code);

  const readBack = `\nreturn [${vars.map((v) => jsNames.get(v) ?? v).join(', ')}];`;
  // Blockly prints with window.alert; both JavaScript runs get a `window` whose alert records the line.
  // Native baseline for the bench only (the product never turns text into code).
  // eslint-disable-next-line no-new-func
  const native = new Function('window', code + readBack) as (window: { alert(s: unknown): void }) => unknown[];
  const toRecord = (values: unknown[]) => Object.fromEntries(vars.map((v, k) => [v, values[k] === undefined ? 0 : values[k]])) as Record<string, Value>;
  const runNative = (): Outcome => {
    const printed: string[] = [];
    const values = native({ alert: (s) => printed.push(String(s)) });
    return { variables: toRecord(values), printed };
  };
  const runJsi = (): Outcome => {
    const printed: string[] = [];
    const jsi = new JSInterpreter(code, (it, global) => {
      // JS-Interpreter's global object is its own `window`.
      it.setProperty(global, 'alert', it.createNativeFunction((s) => void printed.push(String(s))));
    });
    jsi.run();
    return { variables: toRecord(vars.map((v) => jsi.pseudoToNative(jsi.getProperty(jsi.globalObject, jsNames.get(v) ?? v)))), printed };
  };

  const ours = timeRuns(() => runOurs(program));
  const nat = timeRuns(runNative);
  // JS-Interpreter takes seconds a run: one warm-up and three measured runs keep the bench short.
  const jsi = timeRuns(runJsi, 1, 3);
  const jsiMs = jsi.ms;
  const jsiResult = jsi.result;

  // Same answer three ways: every variable and every printed line (Blockly's generator leaves unassigned
  // variables undefined; we start them at 0, so undefined reads as 0 above).
  const a = JSON.stringify(ours.result);
  for (const [name, other] of [['native', nat.result], ['JS-Interpreter', jsiResult]] as const) {
    if (JSON.stringify(other) !== a) throw new Error(`[bench] ${name} disagrees:\n ours ${a.slice(0, 300)}\n ${name} ${JSON.stringify(other).slice(0, 300)}`);
  }
  const summary = Object.entries(ours.result.variables).map(([k, v]) => `${k}=${Array.isArray(v) ? `[${v.length} items]` : v}`).join(' ');
  console.log(`[bench] all three agree: ${summary}; printed ${JSON.stringify(ours.result.printed)}`);
  console.log(`[bench] ms: ours ${ours.ms.toFixed(2)}, JS-Interpreter ${jsiMs.toFixed(1)}, native ${nat.ms.toFixed(3)}`);
  console.log(`BENCH ${JSON.stringify({ name: 'interp.ours_ms', value: +ours.ms.toFixed(2), unit: 'ms' })}`);
  console.log(`BENCH ${JSON.stringify({ name: 'interp.js_interpreter_ms', value: +jsiMs.toFixed(1), unit: 'ms' })}`);
  console.log(`BENCH ${JSON.stringify({ name: 'interp.native_ms', value: +nat.ms.toFixed(3), unit: 'ms' })}`);
  console.log(`BENCH ${JSON.stringify({ name: 'interp.speedup_vs_js_interpreter', value: +(jsiMs / ours.ms).toFixed(1), unit: 'x' })}`);
  console.log(`BENCH ${JSON.stringify({ name: 'interp.slowdown_vs_native', value: +(ours.ms / nat.ms).toFixed(1), unit: 'x' })}`);
  console.log(`BENCH ${JSON.stringify({ name: 'interp.busy_tick_ms_10_threads_median', value: +busyTickMs().toFixed(2), unit: 'ms' })}`);
}

main();
