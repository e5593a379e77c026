/**
 * Toolbox per kit, as Blockly toolbox JSON (category toolbox). Category names are `%{BKY_AILAB_CAT_*}` references
 * (Blockly resolves them when the toolbox is rendered, so a language switch + toolbox refresh renames them). Our
 * own categories carry our `ailab_*_category` style (CATEGORY_STYLES, defined by every theme the renderer offers);
 * standard ones a `categorystyle` every Blockly theme defines, so a theme switch recolours all. Each category has a
 * `toolboxitemid` equal to its CategoryId (stable hook for tests and lessons).
 */
import { BLOCK_SPECS, CATEGORY_STYLES, numberShadow, textShadow, type CategoryId, type CustomCategoryId, type ShadowJson } from './blocks';
import type { TargetKit } from './ir';

export interface ToolboxBlock {
  readonly kind: 'block';
  readonly type: string;
  readonly inputs?: Record<string, { shadow: ShadowJson }>;
  readonly fields?: Record<string, unknown>;
  readonly extraState?: Record<string, unknown>;
}
export interface ToolboxCategory {
  readonly kind: 'category';
  readonly name: string;
  readonly toolboxitemid: CategoryId;
  /** Every category is styled (never a hex `colour`), so every theme recolours it. */
  readonly categorystyle: string;
  /** Blockly's dynamic categories: 'VARIABLE' (variables_get/set, math_change), 'PROCEDURE' (procedures_*). */
  readonly custom?: 'VARIABLE' | 'PROCEDURE';
  readonly contents?: ToolboxBlock[];
}
export interface Toolbox {
  readonly kind: 'categoryToolbox';
  readonly contents: ToolboxCategory[];
}

const block = (type: string, shadows: Record<string, ShadowJson> = {}, extra: Partial<ToolboxBlock> = {}): ToolboxBlock => {
  const inputs = Object.fromEntries(Object.entries(shadows).map(([name, shadow]) => [name, { shadow }]));
  return { kind: 'block', type, ...(Object.keys(inputs).length ? { inputs } : {}), ...extra };
};
const n = numberShadow;
const t = textShadow;

/** Blockly standard blocks in the Control category, after/among ours. */
const STANDARD_CONTROL: ToolboxBlock[] = [
  block('controls_repeat_ext', { TIMES: n(4) }),
  block('controls_if'),
  block('controls_if', {}, { extraState: { hasElse: true } }),
  block('controls_whileUntil', {}, { fields: { MODE: 'UNTIL' } }),
  block('controls_whileUntil'),
  block('controls_for', { FROM: n(1), TO: n(10), BY: n(1) }, { fields: { VAR: { name: 'i' } } }),
  block('controls_forEach', {}, { fields: { VAR: { name: 'item' } } }),
  block('controls_flow_statements'),
];

const OPERATORS: ToolboxBlock[] = [
  block('math_number', {}, { fields: { NUM: 0 } }),
  block('math_arithmetic', { A: n(1), B: n(1) }),
  block('math_modulo', { DIVIDEND: n(10), DIVISOR: n(3) }),
  block('math_single', { NUM: n(9) }, { fields: { OP: 'ROOT' } }),
  block('math_round', { NUM: n(3.1) }),
  block('math_trig', { NUM: n(45) }),
  block('math_constant'),
  block('math_random_int', { FROM: n(1), TO: n(10) }),
  block('math_constrain', { VALUE: n(50), LOW: n(0), HIGH: n(100) }),
  block('math_number_property', { NUMBER_TO_CHECK: n(0) }),
  block('math_on_list', {}, { fields: { OP: 'SUM' } }),
  block('logic_compare', {}),
  block('logic_operation'),
  block('logic_negate'),
  block('logic_boolean'),
  block('logic_ternary'),
  block('text', {}, { fields: { TEXT: '' } }),
  block('text_join'),
  block('text_length', { VALUE: t('abc') }),
  block('text_isEmpty', { VALUE: t('') }),
  block('text_indexOf', { FIND: t('a') }),
  block('text_charAt'),
  block('text_changeCase', { TEXT: t('abc') }),
];

const LISTS: ToolboxBlock[] = [
  block('lists_create_empty'),
  block('lists_create_with'),
  block('lists_repeat', { NUM: n(5) }),
  block('lists_length'),
  block('lists_isEmpty'),
  block('lists_indexOf'),
  block('lists_getIndex'),
  block('lists_setIndex'),
  block('lists_getSublist'),
  block('lists_sort'),
  block('lists_split', { DELIM: t(',') }),
  block('lists_reverse'),
];

/** Blockly standard block types the toolbox offers (besides the dynamic Variables and My Blocks categories). */
export const STANDARD_TOOLBOX_TYPES: readonly string[] = [...new Set([...STANDARD_CONTROL, ...OPERATORS, ...LISTS, block('text_print')].map((b) => b.type))];

/** Block types Blockly's dynamic categories create (Variables, My Blocks). */
export const DYNAMIC_CATEGORY_TYPES: readonly string[] = [
  'variables_get', 'variables_set', 'math_change',
  'procedures_defnoreturn', 'procedures_defreturn', 'procedures_callnoreturn', 'procedures_callreturn', 'procedures_ifreturn',
];

function custom(kit: TargetKit, ...categories: CategoryId[]): ToolboxBlock[] {
  return BLOCK_SPECS.filter((spec) => categories.includes(spec.category) && spec.kits.includes(kit)).map((spec) => block(spec.type, spec.shadows ?? {}));
}

const name = (id: CategoryId) => `%{BKY_AILAB_CAT_${id.toUpperCase()}}`;
const coloured = (id: CustomCategoryId, contents: ToolboxBlock[]): ToolboxCategory =>
  ({ kind: 'category', name: name(id), toolboxitemid: id, categorystyle: CATEGORY_STYLES[id].categoryStyle, contents });
const styled = (id: CategoryId, categorystyle: string, contents: ToolboxBlock[]): ToolboxCategory =>
  ({ kind: 'category', name: name(id), toolboxitemid: id, categorystyle, contents });

/** Control: our blocks first in reading order (wait, forever…), then the standard ones, then print. */
function control(kit: TargetKit): ToolboxBlock[] {
  const ours = custom(kit, 'control');
  const [wait, forever, waitUntil, stopAll] = ['control_wait_s', 'control_forever', 'control_wait_until', 'control_stop_all']
    .map((type) => ours.find((b) => b.type === type)!);
  return [wait, STANDARD_CONTROL[0], forever, STANDARD_CONTROL[1], STANDARD_CONTROL[2], waitUntil, ...STANDARD_CONTROL.slice(3), stopAll, block('text_print', { TEXT: t('Hello') })];
}

export interface ToolboxOptions {
  /**
   * Only these block types (a lesson's toolbox subset). Categories left empty are dropped; the dynamic Variables /
   * My Blocks categories stay when any of their block types is listed.
   */
  readonly blockTypes?: readonly string[];
}

/** The toolbox for a kit (a fresh object each call; callers may mutate it). */
export function toolboxFor(kit: TargetKit, options: ToolboxOptions = {}): Toolbox {
  const common: ToolboxCategory[] = [
    styled('control', 'loop_category', control(kit)),
    styled('operators', 'math_category', OPERATORS.map((b) => ({ ...b }))),
    { kind: 'category', name: name('variables'), toolboxitemid: 'variables', categorystyle: 'variable_category', custom: 'VARIABLE' },
    styled('lists', 'list_category', LISTS.map((b) => ({ ...b }))),
    { kind: 'category', name: name('procedures'), toolboxitemid: 'procedures', categorystyle: 'procedure_category', custom: 'PROCEDURE' },
  ];
  const events = coloured('events', custom(kit, 'events'));
  let own: ToolboxCategory[];
  switch (kit) {
    case 'robot':
      own = [events, coloured('motion', custom(kit, 'motion')), coloured('sensing', custom(kit, 'sensing')), coloured('looks', custom(kit, 'looks')), coloured('ai', custom(kit, 'ai'))];
      break;
    case 'drone':
      // The timer sits in the Drone category: a drone project has no Sensing category.
      own = [events, coloured('drone', [...custom(kit, 'drone'), ...custom(kit, 'sensing')])];
      break;
    case 'sensorkit':
      own = [events, coloured('sensorkit', [...custom(kit, 'sensorkit'), ...custom(kit, 'sensing')]), coloured('looks', custom(kit, 'looks')), coloured('ai', custom(kit, 'ai'))];
      break;
  }
  const all = [...own, ...common];
  if (!options.blockTypes) return { kind: 'categoryToolbox', contents: all };
  const allowed = new Set(options.blockTypes);
  const dynamic: Record<string, readonly string[]> = {
    VARIABLE: ['variables_get', 'variables_set', 'math_change'],
    PROCEDURE: DYNAMIC_CATEGORY_TYPES.filter((t) => t.startsWith('procedures_')),
  };
  const contents = all
    .map((c) => (c.contents ? { ...c, contents: c.contents.filter((b) => allowed.has(b.type)) } : c))
    .filter((c) => (c.custom ? dynamic[c.custom].some((t) => allowed.has(t)) : (c.contents?.length ?? 0) > 0));
  return { kind: 'categoryToolbox', contents };
}

/** Every block type a kit's toolbox can produce, including the dynamic Variables / My Blocks categories. */
export function toolboxBlockTypes(kit: TargetKit): string[] {
  const types = new Set<string>(DYNAMIC_CATEGORY_TYPES);
  for (const category of toolboxFor(kit).contents) for (const b of category.contents ?? []) {
    types.add(b.type);
    for (const input of Object.values(b.inputs ?? {})) types.add(input.shadow.type);
  }
  return [...types];
}
