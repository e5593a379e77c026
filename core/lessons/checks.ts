/**
 * The check evaluator: a lesson's checks (unit-schema.ts) judged on one headless run of the student's project.
 * Pure and deterministic: the same run (project, arena, seed, kit inputs) gives the same verdicts, words and moments.
 *
 * Every result says, in a child's words (zh-CN and en), what went right or wrong; a failed check that has a moment
 * (`atMs`, device time) can be replayed in the stage up to that moment.
 */
import type { AiState } from '../ai/contracts';
import { BUNDLES, translate, type Language } from '../i18n/index';
import { blockSpec } from '../program/index';
import type { Arena } from '../sim/arena';
import type { RunSummary } from '../sim/headless';
import type { TraceFrame } from '../sim/trace';
import { describePredicate, holds, subjectOf, zoneName, type WordingContext } from './frame-predicate';
import type { Check, Localized } from './unit-schema';

export interface CheckResult {
  readonly id: string;
  readonly type: Check['type'];
  readonly passed: boolean;
  /** Device time (ms) of the moment that decided the verdict: when it went wrong (failed) or right (passed). */
  readonly atMs?: number;
  readonly message: Localized;
}

export interface CheckInput {
  /** The headless run, with `keepTrace` (frame checks need the trace). */
  readonly summary: RunSummary;
  /** The project's Blockly workspace JSON (for `usesBlock`). */
  readonly workspace: unknown;
  /** The arena the run used (zone rectangles for `propsInZone`, zone names in messages). */
  readonly arena: Arena;
  /** Which kit the project drives (wording only). */
  readonly kit: string;
  /** The AI state at the end of the run (datasets, models), when the run has one. */
  readonly ai?: AiState;
}

const tr = (lang: Language, key: string, params: Record<string, string | number> = {}) => translate(lang, 'lessons', key, params);
const seconds = (ms: number) => (ms / 1000).toFixed(1);

export function evaluateChecks(checks: readonly Check[], input: CheckInput): CheckResult[] {
  return checks.map((c) => evaluateCheck(c, input));
}

/** A verdict before wording: which message key, its parameters per language, and the moment. */
interface Verdict {
  readonly passed: boolean;
  readonly atMs?: number;
  /** Key under `check.<type>.` in the `lessons` namespace. */
  readonly key: string;
  readonly params: (lang: Language) => Record<string, string | number>;
}

export function evaluateCheck(check: Check, input: CheckInput): CheckResult {
  const v = judge(check, input);
  const custom = v.passed ? check.pass : check.fail;
  const word = (lang: Language): string => {
    const params = v.params(lang);
    if (custom) return custom[lang].replace(/\{\{\s*time\s*\}\}/g, String(params.time ?? ''));
    const text = tr(lang, `check.${check.type}.${v.key}`, params);
    // English clauses start with "the robot …"; a sentence starts with a capital.
    return lang === 'en' ? text.charAt(0).toUpperCase() + text.slice(1) : text;
  };
  return {
    id: check.id,
    type: check.type,
    passed: v.passed,
    ...(v.atMs === undefined ? {} : { atMs: v.atMs }),
    message: { 'zh-CN': word('zh-CN'), en: word('en') },
  };
}

function judge(check: Check, input: CheckInput): Verdict {
  const frames: readonly TraceFrame[] = input.summary.trace?.frames ?? [];
  const endMs = Math.round(input.summary.simSeconds * 1000);
  const wording = (lang: Language): WordingContext => ({ lang, arena: input.arena, kit: input.kit });
  switch (check.type) {
    case 'eventually': {
      const limitMs = check.withinS === undefined ? Infinity : Math.round(check.withinS * 1000);
      const hit = frames.find((f) => f.timeMs <= limitMs && holds(check.when, f));
      const what = (lang: Language) => describePredicate(check.when, wording(lang));
      if (hit) return { passed: true, atMs: hit.timeMs, key: 'pass', params: (lang) => ({ what: what(lang), time: seconds(hit.timeMs) }) };
      // The window the child was given (the run may have ended sooner: a program that stops stands still after).
      const limit = Number.isFinite(limitMs) ? limitMs : endMs;
      const atMs = Math.min(limit, endMs);
      return { passed: false, atMs, key: 'fail', params: (lang) => ({ what: what(lang), limit: seconds(limit), time: seconds(atMs) }) };
    }
    case 'always': {
      const fromMs = Math.round((check.fromS ?? 0) * 1000);
      const bad = frames.find((f) => f.timeMs >= fromMs && !holds(check.when, f));
      const what = (lang: Language) => describePredicate(check.when, wording(lang));
      if (bad) return { passed: false, atMs: bad.timeMs, key: 'fail', params: (lang) => ({ what: what(lang), time: seconds(bad.timeMs) }) };
      return { passed: true, key: 'pass', params: (lang) => ({ what: what(lang), time: seconds(endMs) }) };
    }
    case 'never': {
      const bad = frames.find((f) => holds(check.when, f));
      const what = (lang: Language) => describePredicate(check.when, wording(lang));
      if (bad) return { passed: false, atMs: bad.timeMs, key: 'fail', params: (lang) => ({ what: what(lang), time: seconds(bad.timeMs) }) };
      return { passed: true, key: 'pass', params: (lang) => ({ what: what(lang), time: seconds(endMs) }) };
    }
    case 'whenever':
      return judgeWhenever(check, frames, wording);
    case 'variableEquals': {
      const actual = input.summary.variables[check.name];
      const tol = check.tolerance ?? 1e-9;
      const ok = actual !== undefined && (typeof actual === 'number' && typeof check.value === 'number' ? Math.abs(actual - check.value) <= tol : actual === check.value);
      const shown = actual === undefined ? null : Array.isArray(actual) ? JSON.stringify(actual) : String(actual);
      const params = () => ({ name: check.name, value: String(check.value), actual: shown ?? '', time: seconds(endMs) });
      if (ok) return { passed: true, atMs: endMs, key: 'pass', params };
      return { passed: false, atMs: endMs, key: shown === null ? 'missing' : 'fail', params };
    }
    case 'ringsInOrder':
      return judgeRings(check, input, frames, endMs, wording);
    case 'usesBlock': {
      const count = countProgramBlocks(input.workspace).get(check.block) ?? 0;
      const min = check.min ?? (check.max === undefined ? 1 : 0);
      const params = (lang: Language) => ({ block: blockLabel(check.block, lang), count, min, max: check.max ?? '' });
      if (count < min) return { passed: false, key: count === 0 ? 'none' : 'tooFew', params };
      if (check.max !== undefined && count > check.max) return { passed: false, key: 'tooMany', params };
      return { passed: true, key: 'pass', params };
    }
    case 'logContains': {
      const logs = input.summary.events.filter((e): e is RunSummary['events'][number] & { type: 'log' } => e.type === 'log');
      const hit = logs.find((e) => (check.text !== undefined ? e.text === check.text : true) && (check.contains !== undefined ? e.text.includes(check.contains) : true));
      const expected = check.text ?? check.contains ?? '';
      if (hit) return { passed: true, atMs: hit.timeMs, key: 'pass', params: () => ({ text: expected, time: seconds(hit.timeMs) }) };
      return { passed: false, atMs: endMs, key: logs.length === 0 ? 'noLog' : 'fail', params: () => ({ text: expected, time: seconds(endMs) }) };
    }
    case 'noErrors': {
      const error = input.summary.events.find((e): e is RunSummary['events'][number] & { type: 'error' } => e.type === 'error');
      if (error) return { passed: false, atMs: error.timeMs, key: 'error', params: (lang) => ({ time: seconds(error.timeMs), message: error.error.message[lang] }) };
      if (check.finishes && input.summary.stopReason === 'timeLimit') return { passed: false, atMs: endMs, key: 'notFinished', params: () => ({ time: seconds(endMs) }) };
      return { passed: true, key: 'pass', params: () => ({ time: seconds(endMs) }) };
    }
    case 'propsInZone': {
      const zone = input.arena.zones.find((z) => z.id === check.zone);
      const props = input.summary.props.filter((p) => p.id.startsWith(check.props));
      const inside = zone ? props.filter((p) => Math.abs(p.x - zone.x) <= zone.w / 2 && Math.abs(p.z - zone.z) <= zone.d / 2) : [];
      const need = check.atLeast ?? props.length;
      const params = (lang: Language) => ({ zone: zoneName(check.zone, wording(lang)), count: inside.length, need, total: props.length, time: seconds(endMs) });
      if (!zone || props.length === 0) return { passed: false, key: 'nothing', params };
      if (inside.length >= need) return { passed: true, atMs: endMs, key: 'pass', params };
      return { passed: false, atMs: endMs, key: 'fail', params };
    }
    case 'datasetSize': {
      const ds = input.ai?.datasets.find((d) => d.id === check.dataset || d.name === check.dataset);
      const samples = ds?.samples.length ?? 0;
      const classes = ds ? new Set(ds.samples.map((s) => s.label)).size : 0;
      const params = () => ({ dataset: check.dataset, samples, need: check.samples, classes, needClasses: check.classes ?? 1 });
      if (!ds) return { passed: false, key: 'missing', params };
      if (samples < check.samples) return { passed: false, key: 'tooFew', params };
      if (check.classes !== undefined && classes < check.classes) return { passed: false, key: 'fewClasses', params };
      return { passed: true, key: 'pass', params };
    }
    case 'modelMetric': {
      const model = input.ai?.models.find((m) => m.id === check.model || m.name === check.model);
      const raw = model?.metrics[check.metric];
      // Accuracy is stored 0–1; children read (and unit authors may write) per cent: 0.8 and 80 both mean 80 %.
      const asShown = (v: number) => (check.metric === 'accuracy' ? Math.round(v * 1000) / 10 : Math.round(v * 1000) / 1000);
      const target = check.metric === 'accuracy' && check.value > 1 ? check.value / 100 : check.value;
      const params = (lang: Language) => ({
        model: check.model,
        metric: tr(lang, `metric.${check.metric}`),
        op: tr(lang, `op.${check.op}`),
        value: check.metric === 'accuracy' ? `${asShown(target)}%` : String(target),
        actual: raw === undefined ? '' : check.metric === 'accuracy' ? `${asShown(raw)}%` : String(asShown(raw)),
      });
      if (!model) return { passed: false, key: 'missing', params };
      if (raw === undefined) return { passed: false, key: 'noMetric', params };
      const ok = compareNumber(raw, check.op, target);
      return { passed: ok, key: ok ? 'pass' : 'fail', params };
    }
  }
}

function compareNumber(a: number, op: string, b: number): boolean {
  switch (op) {
    case '<': return a < b;
    case '<=': return a <= b;
    case '>': return a > b;
    case '>=': return a >= b;
    case '==': return Math.abs(a - b) <= 1e-9;
    default: return Math.abs(a - b) > 1e-9;
  }
}

function judgeWhenever(check: Check & { type: 'whenever' }, frames: readonly TraceFrame[], wording: (lang: Language) => WordingContext): Verdict {
  const grace = check.graceMs ?? 100;
  const params = (time: number) => (lang: Language) => ({
    if: describePredicate(check.if, wording(lang)),
    then: describePredicate(check.then, wording(lang)),
    time: seconds(time),
    grace: seconds(grace),
  });
  let happened = false;
  let badSince: number | null = null;
  for (const f of frames) {
    const situation = holds(check.if, f);
    if (situation) happened = true;
    if (situation && !holds(check.then, f)) {
      badSince ??= f.timeMs;
      if (f.timeMs - badSince >= grace) return { passed: false, atMs: badSince, key: 'fail', params: params(badSince) };
    } else badSince = null;
  }
  if (!happened && check.mustHappen !== false) return { passed: false, key: 'neverHappened', params: params(0) };
  return { passed: true, key: 'pass', params: params(frames.at(-1)?.timeMs ?? 0) };
}

function judgeRings(check: Check & { type: 'ringsInOrder' }, input: CheckInput, frames: readonly TraceFrame[], endMs: number, wording: (lang: Language) => WordingContext): Verdict {
  const agent = check.agent ?? 0;
  const passed = input.summary.events.flatMap((e) => (e.type === 'sim' && e.event.type === 'ringPassed' && e.event.drone === agent ? [{ ring: e.event.ringId, timeMs: e.timeMs }] : []));
  let next = 0;
  let lastMs = 0;
  for (const p of passed) {
    if (next < check.rings.length && p.ring === check.rings[next]) {
      next++;
      lastMs = p.timeMs;
    }
  }
  const ringList = check.rings.join(' → ');
  if (next < check.rings.length) {
    const missing = check.rings[next];
    return { passed: false, atMs: next === 0 ? endMs : lastMs, key: next === 0 ? 'noRing' : 'missedRing', params: () => ({ ring: missing, after: check.rings[next - 1] ?? '', rings: ringList, time: seconds(lastMs) }) };
  }
  if (check.landInZone) {
    const last = frames.at(-1)?.drones[agent];
    const landed = last !== undefined && !last.flying && last.zones.includes(check.landInZone);
    const params = (lang: Language) => ({ rings: ringList, zone: zoneName(check.landInZone!, wording(lang)), subject: subjectOf('droneX', agent, wording(lang)), time: seconds(endMs) });
    if (!last || last.flying) return { passed: false, atMs: endMs, key: 'stillFlying', params };
    if (!landed) return { passed: false, atMs: endMs, key: 'landedElsewhere', params };
    return { passed: true, atMs: endMs, key: 'passLanded', params };
  }
  return { passed: true, atMs: lastMs, key: 'pass', params: () => ({ rings: ringList, time: seconds(lastMs) }) };
}

// ---- blocks the program uses -----------------------------------------------------------------------------------

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const PROCEDURE_DEFS = new Set(['procedures_defnoreturn', 'procedures_defreturn']);
const MAX_COUNTED = 50_000;

function isDisabled(b: Obj): boolean {
  return b.enabled === false || (Array.isArray(b.disabledReasons) && b.disabledReasons.length > 0);
}

/**
 * How many blocks of each type the program really uses: blocks under an event hat or in a procedure definition,
 * not loose blocks lying in the workspace (they never run) and not disabled ones. Shadow blocks (the toolbox's
 * default numbers) do not count; a block the student dropped into an input does.
 */
export function countProgramBlocks(workspace: unknown): Map<string, number> {
  const counts = new Map<string, number>();
  let budget = MAX_COUNTED;
  const visit = (raw: unknown, depth: number): void => {
    for (let b = raw; isObj(b) && typeof b.type === 'string' && budget-- > 0; b = isObj(b.next) ? b.next.block : undefined) {
      if (isDisabled(b)) continue;
      counts.set(b.type, (counts.get(b.type) ?? 0) + 1);
      if (depth >= 100 || !isObj(b.inputs)) continue;
      for (const conn of Object.values(b.inputs)) if (isObj(conn)) visit(conn.block, depth + 1);
    }
  };
  const tops = isObj(workspace) && isObj(workspace.blocks) && Array.isArray(workspace.blocks.blocks) ? workspace.blocks.blocks : [];
  for (const top of tops) {
    if (!isObj(top) || typeof top.type !== 'string' || isDisabled(top)) continue;
    if (blockSpec(top.type)?.ir.kind === 'hat' || PROCEDURE_DEFS.has(top.type)) visit(top, 0);
  }
  return counts;
}

/**
 * A block type as the child sees it in the toolbox: our blocks' own wording with the slots shown as "…"
 * ("前进 … 厘米"), Blockly's standard blocks from the `lessons` namespace (`block.<type>`), else the type itself.
 */
export function blockLabel(type: string, lang: Language): string {
  const ref = blockSpec(type)?.json.message0;
  const msgKey = typeof ref === 'string' ? /^%\{BKY_(\w+)\}$/.exec(ref)?.[1] : undefined;
  const text = msgKey ? BUNDLES.blocks[lang][msgKey] : undefined;
  if (text) return `“${text.replace(/%\d+/g, '…').replace(/\s+/g, ' ').trim()}”`;
  const key = `block.${type}`;
  const own = tr(lang, key);
  return own === `lessons:${key}` ? type : `“${own}”`;
}
