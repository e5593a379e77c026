/**
 * Loading a unit: `unit.json` text → a validated `Unit`, or problems that each name the file and the field path
 * (`lessons[0].checks[2].when.quantity`) with a message in zh-CN and en. Pure: the host reads the files and asks
 * `unitFileRefs` which files must exist.
 *
 * Beyond the schema, the loader checks what a schema cannot: ids unique, steps naming checks that exist, arenas,
 * zones and rings that exist in the lesson's arena, toolbox blocks the kit really has — so a typo in a unit is found
 * when the unit is checked, not in front of a class.
 */
import { z } from 'zod';
import { translate, type Language } from '../i18n/index';
import { blockSpec, toolboxBlockTypes, STANDARD_TOOLBOX_TYPES, DYNAMIC_CATEGORY_TYPES } from '../program/index';
import { ARENAS, arenaById } from '../sim/arenas/index';
import { UnitSchema, type Check, type FramePredicate, type FrameQuantity, type Localized, type Unit } from './unit-schema';

export const UNIT_FILE = 'unit.json';
/** A unit.json above this is refused before parsing (a unit is a few kB). */
export const UNIT_JSON_MAX_BYTES = 1024 * 1024;

export interface UnitProblem {
  /** File inside the unit folder, e.g. `unit.json`, `lessons/square/solution.ailab`. */
  readonly file: string;
  /** Field path inside that file (`lessons[0].run.arenaId`), '' for the whole file. */
  readonly path: string;
  readonly message: Localized;
}

/**
 * `ok: false` with a `unit` when the file fits the schema but breaks a cross-field rule (an unknown zone…): the
 * unit can still be shown and its other files checked, so one report lists every problem.
 */
export type UnitLoadResult =
  | { readonly ok: true; readonly unit: Unit }
  | { readonly ok: false; readonly problems: readonly UnitProblem[]; readonly unit?: Unit };

const both = (key: string, params: Record<string, string | number> = {}): Localized => ({
  'zh-CN': translate('zh-CN', 'lessons', key, params),
  en: translate('en', 'lessons', key, params),
});

/** `['lessons', 0, 'checks', 2, 'id']` → `lessons[0].checks[2].id`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

/** One problem as a line: `unit.json › lessons[0].run.arenaId: …`. */
export function describeProblem(p: UnitProblem, lang: Language): string {
  return `${p.file}${p.path ? ` › ${p.path}` : ''}: ${p.message[lang]}`;
}

/** Parses and validates `unit.json` text. */
export function parseUnitText(text: string, file = UNIT_FILE): UnitLoadResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    return { ok: false, problems: [{ file, path: '', message: both('load.notJson', { detail: err instanceof Error ? err.message : String(err) }) }] };
  }
  return validateUnit(raw, file);
}

/** Validates parsed `unit.json` content: the schema (messages in both languages), then the cross-field rules. */
export function validateUnit(raw: unknown, file = UNIT_FILE): UnitLoadResult {
  const zh = UnitSchema.safeParse(raw, { error: z.locales.zhCN().localeError });
  if (!zh.success) {
    const en = UnitSchema.safeParse(raw, { error: z.locales.en().localeError });
    const zhIssues = zh.error.issues.flatMap((i) => innermost(i));
    const enIssues = en.success ? [] : en.error.issues.flatMap((i) => innermost(i));
    const problems = zhIssues.slice(0, 50).map((issue, i) => ({
      file,
      path: formatPath(issue.path),
      message: { 'zh-CN': issue.message, en: enIssues[i]?.message ?? issue.message },
    }));
    return { ok: false, problems };
  }
  const problems = crossCheck(zh.data, file);
  return problems.length > 0 ? { ok: false, problems, unit: zh.data } : { ok: true, unit: zh.data };
}

/**
 * A union that matched no branch (a frame predicate) says only "Invalid input"; the branch with the fewest issues is
 * the one the author meant, so report its issues instead (`when.quantity: expected one of …`), with full paths.
 */
function innermost(issue: z.core.$ZodIssue, prefix: readonly PropertyKey[] = []): { path: PropertyKey[]; message: string }[] {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const best = issue.errors.reduce((a, b) => (b.length < a.length ? b : a));
    if (best.length > 0) return best.flatMap((inner) => innermost(inner, path));
  }
  return [{ path, message: issue.message }];
}

/** Every file the unit names, with the field that names it (the host checks each exists). */
export function unitFileRefs(unit: Unit): { readonly file: string; readonly path: string }[] {
  const refs: { file: string; path: string }[] = [];
  refs.push({ file: unit.teacherNotes.file['zh-CN'], path: "teacherNotes.file['zh-CN']" }, { file: unit.teacherNotes.file.en, path: 'teacherNotes.file.en' });
  unit.lessons.forEach((lesson, li) => {
    refs.push({ file: lesson.starter, path: `lessons[${li}].starter` }, { file: lesson.solution, path: `lessons[${li}].solution` });
    lesson.steps.forEach((step, si) => {
      refs.push({ file: step.text['zh-CN'], path: `lessons[${li}].steps[${si}].text['zh-CN']` }, { file: step.text.en, path: `lessons[${li}].steps[${si}].text.en` });
    });
  });
  return refs;
}

function crossCheck(unit: Unit, file: string): UnitProblem[] {
  const problems: UnitProblem[] = [];
  const add = (path: string, key: string, params: Record<string, string | number> = {}) => problems.push({ file, path, message: both(key, params) });
  const known = ARENAS.map((a) => a.id).join(', ');
  if (unit.target.arenaId !== null && !arenaById(unit.target.arenaId)) add('target.arenaId', 'load.unknownArena', { id: unit.target.arenaId, known });
  const kit = unit.target.kit;
  const kitBlocks = new Set(toolboxBlockTypes(kit));
  const anyBlock = (type: string) => kitBlocks.has(type) || blockSpec(type) !== undefined || STANDARD_TOOLBOX_TYPES.includes(type) || DYNAMIC_CATEGORY_TYPES.includes(type);

  duplicates(unit.lessons.map((l) => l.id)).forEach((id) => add('lessons', 'load.duplicateId', { id }));
  unit.lessons.forEach((lesson, li) => {
    const at = `lessons[${li}]`;
    const arena = arenaById(lesson.run.arenaId);
    if (!arena) add(`${at}.run.arenaId`, 'load.unknownArena', { id: lesson.run.arenaId, known });
    if (lesson.run.kitInputs?.length && kit !== 'sensorkit') add(`${at}.run.kitInputs`, 'load.kitInputsNeedKit');
    duplicates(lesson.steps.map((s) => s.id)).forEach((id) => add(`${at}.steps`, 'load.duplicateId', { id }));
    duplicates(lesson.checks.map((c) => c.id)).forEach((id) => add(`${at}.checks`, 'load.duplicateId', { id }));
    const checkIds = new Set(lesson.checks.map((c) => c.id));
    lesson.steps.forEach((step, si) => {
      step.checks.forEach((id, ci) => {
        if (!checkIds.has(id)) add(`${at}.steps[${si}].checks[${ci}]`, 'load.unknownCheck', { id });
      });
      if (step.toolbox !== 'all') {
        step.toolbox.forEach((type, bi) => {
          if (!kitBlocks.has(type)) add(`${at}.steps[${si}].toolbox[${bi}]`, 'load.unknownToolboxBlock', { type, kit });
        });
      }
    });
    // Readings the lesson's kit has, of devices the run has.
    const agents = lesson.run.robotCount ?? 1;
    lesson.checks.forEach((check, ci) => {
      const cat = `${at}.checks[${ci}]`;
      for (const [path, pred] of predicatesOf(check)) {
        walkQuantities(pred, `${cat}.${path}`, (qPath, quantity, agent) => {
          if (!QUANTITY_KITS[quantity].includes(kit)) add(`${qPath}.quantity`, 'load.quantityWrongKit', { quantity, kit });
          if (agent >= agents) add(`${qPath}.agent`, 'load.agentOutOfRange', { agent, count: agents });
        });
      }
      if (check.type === 'ringsInOrder' && (check.agent ?? 0) >= agents) add(`${cat}.agent`, 'load.agentOutOfRange', { agent: check.agent ?? 0, count: agents });
    });
    if (!arena) return;
    const zones = new Set(arena.zones.map((z) => z.id));
    const rings = new Set(arena.rings.map((r) => r.id));
    const zoneList = [...zones].join(', ') || '—';
    const zone = (path: string, id: string) => {
      if (!zones.has(id)) add(path, 'load.unknownZone', { id, arena: arena.id, known: zoneList });
    };
    lesson.checks.forEach((check, ci) => {
      const cat = `${at}.checks[${ci}]`;
      for (const [path, pred] of predicatesOf(check)) walkZones(pred, `${cat}.${path}`, zone);
      if (check.type === 'propsInZone') {
        zone(`${cat}.zone`, check.zone);
        if (!arena.props.some((p) => p.movable && p.id.startsWith(check.props))) add(`${cat}.props`, 'load.noProps', { prefix: check.props, arena: arena.id });
      }
      if (check.type === 'ringsInOrder') {
        check.rings.forEach((id, ri) => {
          if (!rings.has(id)) add(`${cat}.rings[${ri}]`, 'load.unknownRing', { id, arena: arena.id, known: [...rings].join(', ') || '—' });
        });
        if (check.landInZone) zone(`${cat}.landInZone`, check.landInZone);
      }
      if (check.type === 'logContains' && check.text === undefined && check.contains === undefined) add(cat, 'load.logNeedsText');
      if (check.type === 'usesBlock' && !anyBlock(check.block)) add(`${cat}.block`, 'load.unknownBlock', { type: check.block });
      if (check.type === 'usesBlock' && check.min !== undefined && check.max !== undefined && check.min > check.max) add(`${cat}.max`, 'load.minOverMax');
    });
  });
  return problems;
}

function predicatesOf(check: Check): [string, FramePredicate][] {
  switch (check.type) {
    case 'eventually':
    case 'always':
    case 'never':
      return [['when', check.when]];
    case 'whenever':
      return [['if', check.if], ['then', check.then]];
    default:
      return [];
  }
}

function walkZones(pred: FramePredicate, path: string, zone: (path: string, id: string) => void): void {
  if ('inZone' in pred) zone(`${path}.inZone`, pred.inZone);
  else if ('all' in pred) pred.all.forEach((p, i) => walkZones(p, `${path}.all[${i}]`, zone));
  else if ('any' in pred) pred.any.forEach((p, i) => walkZones(p, `${path}.any[${i}]`, zone));
  else if ('not' in pred) walkZones(pred.not, `${path}.not`, zone);
}

/** Which kits have each quantity (a robot quantity in a drone lesson can never be read, so its check never passes). */
const QUANTITY_KITS: Record<FrameQuantity, readonly string[]> = {
  distanceCm: ['robot'], x: ['robot', 'drone'], z: ['robot', 'drone'], headingDeg: ['robot', 'drone'], led: ['robot'], wallContact: ['robot'],
  bumper: ['robot'], lineLeft: ['robot'], lineRight: ['robot'],
  droneX: ['drone'], droneY: ['drone'], droneZ: ['drone'], droneFlying: ['drone'], ringsPassed: ['drone'],
  kitLed: ['sensorkit'], temperatureC: ['sensorkit'], humidityPercent: ['sensorkit'], lightPercent: ['sensorkit'], soundPercent: ['sensorkit'],
  motion: ['sensorkit'], knobPercent: ['sensorkit'], buttonPressed: ['sensorkit'],
};

function walkQuantities(pred: FramePredicate, path: string, visit: (path: string, quantity: FrameQuantity, agent: number) => void): void {
  if ('quantity' in pred) visit(path, pred.quantity, pred.agent ?? 0);
  else if ('inZone' in pred) {
    if ((pred.agent ?? 0) > 0) visit(path, 'x', pred.agent ?? 0);
  } else if ('all' in pred) pred.all.forEach((p, i) => walkQuantities(p, `${path}.all[${i}]`, visit));
  else if ('any' in pred) pred.any.forEach((p, i) => walkQuantities(p, `${path}.any[${i}]`, visit));
  else walkQuantities(pred.not, `${path}.not`, visit);
}

function duplicates(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const id of ids) (seen.has(id) ? dup : seen).add(id);
  return [...dup];
}
