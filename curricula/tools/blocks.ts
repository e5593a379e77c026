/**
 * Builds lesson projects (starter and reference solution) as Blockly serialisation, loaded and saved once through
 * headless Blockly so each `.ailab` workspace is exactly what the editor would save. Block ids are deterministic
 * (`<prefix>-<n>`), so rebuilding writes byte-identical files and `build-units.ts --check` can spot a stale file.
 */
import Blockly from 'blockly/core';
import 'blockly/blocks';
import * as En from 'blockly/msg/en';
import { newProject, ProjectSchema, type Project } from '../../core/contracts/project';
import { BLOCK_DEFINITIONS, BLOCK_MESSAGES, type TargetKit } from '../../core/program';

export type BlockState = Record<string, unknown>;
/** What plugs into an input: a real block, or a shadow (a toolbox default the student typed into). */
export type Conn = { block: BlockState } | { shadow: BlockState };

let blocklyReady = false;
function setupBlockly(): void {
  if (blocklyReady) return;
  Blockly.setLocale(En as unknown as Record<string, string>);
  Object.assign(Blockly.Msg, BLOCK_MESSAGES.en);
  Blockly.common.defineBlocksWithJsonArray(BLOCK_DEFINITIONS as unknown as object[]);
  blocklyReady = true;
}

/** Comparison and arithmetic operators by what a lesson author writes. */
const COMPARE = { '<': 'LT', '<=': 'LTE', '>': 'GT', '>=': 'GTE', '==': 'EQ', '!=': 'NEQ' } as const;
const ARITH = { '+': 'ADD', '-': 'MINUS', '*': 'MULTIPLY', '/': 'DIVIDE' } as const;

export class Blocks {
  private n = 0;
  readonly variables: { name: string; id: string }[] = [];
  constructor(private readonly prefix: string) {}

  private id(): string { return `${this.prefix}-${++this.n}`; }
  variable(name: string): { id: string } {
    const id = `${this.prefix}-var-${this.variables.length}`;
    const known = this.variables.find((v) => v.name === name);
    if (known) return { id: known.id };
    this.variables.push({ name, id });
    return { id };
  }
  block(type: string, opts: { fields?: BlockState; inputs?: Record<string, Conn>; extraState?: unknown } = {}): BlockState {
    return {
      type, id: this.id(),
      ...(opts.extraState !== undefined ? { extraState: opts.extraState } : {}),
      ...(opts.fields ? { fields: opts.fields } : {}),
      ...(opts.inputs ? { inputs: opts.inputs } : {}),
    };
  }
  num(value: number): Conn { return { shadow: { type: 'math_number', id: this.id(), fields: { NUM: value } } }; }
  text(value: string): Conn { return { shadow: { type: 'text', id: this.id(), fields: { TEXT: value } } }; }
  colour(hex: string): Conn { return { shadow: { type: 'looks_colour', id: this.id(), fields: { COLOUR: hex } } }; }
  val(block: BlockState): Conn { return { block }; }
  /** A reporter block with no inputs, plugged in (e.g. `read('robot_distance_cm')`). */
  read(type: string, fields?: BlockState): Conn { return { block: this.block(type, fields ? { fields } : {}) }; }
  get(name: string): Conn { return { block: this.block('variables_get', { fields: { VAR: this.variable(name) } }) }; }

  /** Chains statements with `next`; returns the first. */
  stack(...blocks: BlockState[]): BlockState {
    const out = blocks.slice();
    for (let i = out.length - 2; i >= 0; i--) out[i] = { ...out[i], next: { block: out[i + 1] } };
    return out[0];
  }
  body(...blocks: BlockState[]): Conn { return { block: this.stack(...blocks) }; }
  /** An event hat with its script. */
  hat(type: string, fields: BlockState | undefined, ...body: BlockState[]): BlockState {
    const hat = this.block(type, fields ? { fields } : {});
    return body.length ? { ...hat, next: { block: this.stack(...body) } } : hat;
  }
  whenStarted(...body: BlockState[]): BlockState { return this.hat('event_when_started', undefined, ...body); }

  // Robot.
  drive(dir: 'forward' | 'back', cm: number, speed = 50): BlockState { return this.block('robot_drive_cm', { fields: { DIR: dir }, inputs: { CM: this.num(cm), SPEED: this.num(speed) } }); }
  turn(dir: 'left' | 'right', deg: number, speed = 50): BlockState { return this.block('robot_turn_deg', { fields: { DIR: dir }, inputs: { DEG: this.num(deg), SPEED: this.num(speed) } }); }
  motors(left: number, right: number): BlockState { return this.block('robot_set_motors', { inputs: { LEFT: this.num(left), RIGHT: this.num(right) } }); }
  stop(): BlockState { return this.block('robot_stop'); }
  led(hex: string): BlockState { return this.block('looks_set_led', { inputs: { COLOUR: this.colour(hex) } }); }
  show(value: Conn): BlockState { return this.block('looks_show_text', { inputs: { TEXT: value } }); }
  // Drone.
  takeoff(): BlockState { return this.block('drone_takeoff'); }
  land(): BlockState { return this.block('drone_land'); }
  fly(dir: 'up' | 'down' | 'forward' | 'back' | 'left' | 'right', cm: number): BlockState { return this.block('drone_move', { fields: { DIR: dir }, inputs: { CM: this.num(cm) } }); }
  rotate(dir: 'cw' | 'ccw', deg: number): BlockState { return this.block('drone_rotate', { fields: { DIR: dir }, inputs: { DEG: this.num(deg) } }); }
  hover(s: number): BlockState { return this.block('drone_hover_s', { inputs: { SECONDS: this.num(s) } }); }
  // Control.
  wait(s: number): BlockState { return this.block('control_wait_s', { inputs: { SECONDS: this.num(s) } }); }
  waitUntil(condition: BlockState): BlockState { return this.block('control_wait_until', { inputs: { CONDITION: this.val(condition) } }); }
  forever(...body: BlockState[]): BlockState { return this.block('control_forever', { inputs: { DO: this.body(...body) } }); }
  repeat(times: number, ...body: BlockState[]): BlockState { return this.block('controls_repeat_ext', { inputs: { TIMES: this.num(times), DO: this.body(...body) } }); }
  /** if / else-if … / else: `branches` are [condition, statements]; `otherwise` the else branch. */
  ifElse(branches: [BlockState, BlockState[]][], otherwise?: BlockState[]): BlockState {
    const inputs: Record<string, Conn> = {};
    branches.forEach(([cond, then], i) => {
      inputs[`IF${i}`] = this.val(cond);
      if (then.length) inputs[`DO${i}`] = this.body(...then);
    });
    if (otherwise?.length) inputs.ELSE = this.body(...otherwise);
    const extraState = branches.length > 1 || otherwise ? { ...(branches.length > 1 ? { elseIfCount: branches.length - 1 } : {}), ...(otherwise ? { hasElse: true } : {}) } : undefined;
    return this.block('controls_if', { inputs, extraState });
  }
  repeatUntil(condition: BlockState, ...body: BlockState[]): BlockState {
    return this.block('controls_whileUntil', { fields: { MODE: 'UNTIL' }, inputs: { BOOL: this.val(condition), ...(body.length ? { DO: this.body(...body) } : {}) } });
  }
  // Values.
  compare(op: keyof typeof COMPARE, a: Conn, b: Conn): BlockState { return this.block('logic_compare', { fields: { OP: COMPARE[op] }, inputs: { A: a, B: b } }); }
  arithmetic(op: keyof typeof ARITH, a: Conn, b: Conn): BlockState { return this.block('math_arithmetic', { fields: { OP: ARITH[op] }, inputs: { A: a, B: b } }); }
  and(a: BlockState, b: BlockState): BlockState { return this.block('logic_operation', { fields: { OP: 'AND' }, inputs: { A: this.val(a), B: this.val(b) } }); }
  or(a: BlockState, b: BlockState): BlockState { return this.block('logic_operation', { fields: { OP: 'OR' }, inputs: { A: this.val(a), B: this.val(b) } }); }
  not(a: BlockState): BlockState { return this.block('logic_negate', { inputs: { BOOL: this.val(a) } }); }
  join(...parts: Conn[]): BlockState { return this.block('text_join', { extraState: { itemCount: parts.length }, inputs: Object.fromEntries(parts.map((p, i) => [`ADD${i}`, p])) }); }
  list(...items: Conn[]): BlockState { return this.block('lists_create_with', { extraState: { itemCount: items.length }, inputs: Object.fromEntries(items.map((p, i) => [`ADD${i}`, p])) }); }
  // Variables and output.
  set(name: string, value: Conn): BlockState { return this.block('variables_set', { fields: { VAR: this.variable(name) }, inputs: { VALUE: value } }); }
  change(name: string, by: Conn): BlockState { return this.block('math_change', { fields: { VAR: this.variable(name) }, inputs: { DELTA: by } }); }
  print(value: Conn): BlockState { return this.block('text_print', { inputs: { TEXT: value } }); }
}

/** Throws on a block id used twice (a block object placed in two spots): Blockly would invent random ids for it. */
function assertUniqueIds(topBlocks: BlockState[]): void {
  const seen = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) { node.forEach(visit); return; }
    if (!node || typeof node !== 'object') return;
    const rec = node as Record<string, unknown>;
    if (typeof rec.type === 'string' && typeof rec.id === 'string') {
      if (seen.has(rec.id)) throw new Error(`[Units] block id ${rec.id} (${rec.type}) is used twice: build a new block for each place`);
      seen.add(rec.id);
    }
    for (const [key, value] of Object.entries(rec)) if (key !== 'fields') visit(value);
  };
  visit(topBlocks);
}

/** Saves the blocks through headless Blockly (normalises to exactly what the editor writes). */
export function workspaceOf(b: Blocks, topBlocks: BlockState[]): Record<string, unknown> {
  assertUniqueIds(topBlocks);
  setupBlockly();
  const ws = new Blockly.Workspace();
  const placed = topBlocks.map((block, i) => ({ ...block, x: 40 + 420 * i, y: 40 }));
  Blockly.serialization.workspaces.load({ blocks: { languageVersion: 0, blocks: placed }, variables: b.variables }, ws);
  const json = Blockly.serialization.workspaces.save(ws);
  ws.dispose();
  return json;
}

/** The fixed date lesson projects carry, so rebuilt files are byte-identical. */
const BUILT_AT = '2026-11-30T00:00:00.000Z';

export function lessonProject(target: TargetKit, title: string, arenaId: string, b: Blocks, topBlocks: BlockState[], extra: Partial<Pick<Project, 'datasets' | 'models'>> = {}): Project {
  const p = newProject(target, BUILT_AT, '0.1.0', title);
  return ProjectSchema.parse({ ...p, sim: { arenaId, seed: 1 }, workspace: workspaceOf(b, topBlocks), ...extra });
}
