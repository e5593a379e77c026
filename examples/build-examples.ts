/**
 * The example projects, built with headless Blockly so each `.ailab` workspace is exactly what the editor saves.
 * Block ids are deterministic (`<prefix>-<n>`) so rebuilding gives byte-identical files; the test in
 * core/program/examples.test.ts rebuilds them and fails when a file differs. Write the files with
 * `npx tsx examples/make-examples.ts`.
 */
import Blockly from 'blockly/core';
import 'blockly/blocks';
import * as En from 'blockly/msg/en';
import { newProject, ProjectSchema, type Project } from '../core/contracts/project';
import { BLOCK_DEFINITIONS, BLOCK_MESSAGES, type TargetKit } from '../core/program';

type State = Record<string, unknown>;
type Conn = { block: State } | { shadow: State };

let registered = false;
function setupBlockly() {
  if (registered) return;
  Blockly.setLocale(En as unknown as Record<string, string>);
  Object.assign(Blockly.Msg, BLOCK_MESSAGES.en);
  Blockly.common.defineBlocksWithJsonArray(BLOCK_DEFINITIONS as unknown as object[]);
  registered = true;
}

/** Tiny builder for Blockly's serialisation with deterministic ids. */
class Builder {
  private n = 0;
  readonly variables: { name: string; id: string }[] = [];
  constructor(private readonly prefix: string) {}

  id() { return `${this.prefix}-${++this.n}`; }
  variable(name: string) {
    const id = `${this.prefix}-var-${name}`;
    if (!this.variables.some((v) => v.id === id)) this.variables.push({ name, id });
    return { id };
  }
  block(type: string, opts: { fields?: State; inputs?: Record<string, Conn>; extraState?: unknown } = {}): State {
    return { type, id: this.id(), ...(opts.extraState !== undefined ? { extraState: opts.extraState } : {}), ...(opts.fields ? { fields: opts.fields } : {}), ...(opts.inputs ? { inputs: opts.inputs } : {}) };
  }
  /** A number typed into a toolbox default (shadow), as a student edits it. */
  num(value: number): Conn { return { shadow: { type: 'math_number', id: this.id(), fields: { NUM: value } } }; }
  text(value: string): Conn { return { shadow: { type: 'text', id: this.id(), fields: { TEXT: value } } }; }
  colour(hex: string): Conn { return { shadow: { type: 'looks_colour', id: this.id(), fields: { COLOUR: hex } } }; }
  get(name: string): Conn { return { block: this.block('variables_get', { fields: { VAR: this.variable(name) } }) }; }
  val(block: State): Conn { return { block }; }
  /** Chains statements with `next`; returns the first. */
  stack(...blocks: State[]): State {
    for (let i = blocks.length - 2; i >= 0; i--) blocks[i] = { ...blocks[i], next: { block: blocks[i + 1] } };
    return blocks[0];
  }
  body(...blocks: State[]): Conn { return { block: this.stack(...blocks) }; }
  hat(type: string, fields: State | undefined, ...body: State[]): State {
    const hat = this.block(type, fields ? { fields } : {});
    return body.length ? { ...hat, next: { block: this.stack(...body) } } : hat;
  }
  // Blocks used often below.
  drive(dir: 'forward' | 'back', cm: number, speed = 50) { return this.block('robot_drive_cm', { fields: { DIR: dir }, inputs: { CM: this.num(cm), SPEED: this.num(speed) } }); }
  turn(dir: 'left' | 'right', deg: number, speed = 50) { return this.block('robot_turn_deg', { fields: { DIR: dir }, inputs: { DEG: this.num(deg), SPEED: this.num(speed) } }); }
  motors(left: number, right: number) { return this.block('robot_set_motors', { inputs: { LEFT: this.num(left), RIGHT: this.num(right) } }); }
  led(hex: string) { return this.block('looks_set_led', { inputs: { COLOUR: this.colour(hex) } }); }
  wait(s: number) { return this.block('control_wait_s', { inputs: { SECONDS: this.num(s) } }); }
  set(name: string, value: Conn) { return this.block('variables_set', { fields: { VAR: this.variable(name) }, inputs: { VALUE: value } }); }
  compare(op: string, a: Conn, b: Conn) { return this.block('logic_compare', { fields: { OP: op }, inputs: { A: a, B: b } }); }
  arithmetic(op: string, a: Conn, b: Conn) { return this.block('math_arithmetic', { fields: { OP: op }, inputs: { A: a, B: b } }); }
  print(value: Conn) { return this.block('text_print', { inputs: { TEXT: value } }); }
  join(...parts: Conn[]) { return this.block('text_join', { extraState: { itemCount: parts.length }, inputs: Object.fromEntries(parts.map((p, i) => [`ADD${i}`, p])) }); }
}

/** Saves the blocks through headless Blockly (normalises to exactly what the editor writes). */
function workspace(b: Builder, topBlocks: State[]): Record<string, unknown> {
  setupBlockly();
  const ws = new Blockly.Workspace();
  const placed = topBlocks.map((block, i) => ({ ...block, x: 40 + 400 * i, y: 40 }));
  Blockly.serialization.workspaces.load({ blocks: { languageVersion: 0, blocks: placed }, variables: b.variables }, ws);
  const json = Blockly.serialization.workspaces.save(ws);
  ws.dispose();
  return json;
}

function project(target: TargetKit, title: string, arenaId: string, ws: Record<string, unknown>): Project {
  const p = newProject(target, '2026-11-23T00:00:00.000Z', '0.1.0', title);
  return ProjectSchema.parse({ ...p, sim: { arenaId, seed: 1 }, workspace: ws });
}

function square(): Project {
  const b = new Builder('square');
  const side = [b.led('#00ff00'), b.drive('forward', 30), b.led('#ffff00'), b.turn('right', 90)];
  const main = b.hat('event_when_started', undefined,
    b.block('controls_repeat_ext', { inputs: { TIMES: b.num(4), DO: b.body(...side) } }),
    b.led('#0000ff'),
    b.block('looks_show_text', { inputs: { TEXT: b.text('Done!') } }),
  );
  return project('robot', 'Square 走正方形', 'open-floor', workspace(b, [main]));
}

function lineFollow(): Project {
  const b = new Builder('line');
  const decide = b.block('controls_if', {
    extraState: { elseIfCount: 1, hasElse: true },
    inputs: {
      IF0: b.val(b.block('robot_line_left')), DO0: b.body(b.motors(10, 50)),
      IF1: b.val(b.block('robot_line_right')), DO1: b.body(b.motors(50, 10)),
      ELSE: b.body(b.motors(40, 40)),
    },
  });
  // The short wait makes the loop a 100 Hz controller instead of thousands of identical motor commands per tick.
  const main = b.hat('event_when_started', undefined, b.block('control_forever', { inputs: { DO: b.body(decide, b.wait(0.01)) } }));
  return project('robot', 'Line follower 巡线', 'line-track', workspace(b, [main]));
}

function obstacleAvoid(): Project {
  const b = new Builder('avoid');
  const near = b.compare('LT', b.val(b.block('robot_distance_cm')), b.num(20));
  const loop = b.block('control_forever', { inputs: { DO: b.body(
    b.led('#00ff00'),
    b.motors(40, 40),
    b.block('control_wait_until', { inputs: { CONDITION: b.val(near) } }),
    b.led('#ff0000'),
    b.block('robot_stop'),
    b.drive('back', 10, 40),
    b.turn('right', 90, 40),
  ) } });
  const main = b.hat('event_when_started', undefined, loop);
  return project('robot', 'Obstacle avoider 避障', 'obstacle-course', workspace(b, [main]));
}

/**
 * drone-rings arena: take-off pad (1, 3.2) facing north; ring 1 at (1, 2.0) 1.0 m up, ring 2 at (2.5, 0.8) 1.0 m up,
 * ring 3 at (4.0, 0.8) 1.2 m up, landing pad at (5, 0.8). Take-off leaves the drone about 80 cm up.
 */
function droneRings(): Project {
  const b = new Builder('rings');
  const move = (dir: string, cm: number) => b.block('drone_move', { fields: { DIR: dir }, inputs: { CM: b.num(cm) } });
  const main = b.hat('event_when_started', undefined,
    b.block('drone_takeoff'),
    move('up', 20),
    move('forward', 240),
    b.block('drone_rotate', { fields: { DIR: 'cw' }, inputs: { DEG: b.num(90) } }),
    move('forward', 200),
    move('up', 20),
    move('forward', 200),
    b.block('drone_hover_s', { inputs: { SECONDS: b.num(1) } }),
    b.print(b.val(b.join(b.text('height (cm): '), b.val(b.block('drone_height_cm'))))),
    b.block('drone_land'),
  );
  return project('drone', 'Drone rings 无人机穿圈', 'drone-rings', workspace(b, [main]));
}

function sensorAlarm(): Project {
  const b = new Builder('alarm');
  const temperature = () => b.val(b.block('kit_temperature_c'));
  const check = b.block('controls_if', {
    extraState: { hasElse: true },
    inputs: {
      IF0: b.val(b.compare('GT', temperature(), b.num(30))),
      DO0: b.body(b.led('#ff0000'), b.block('looks_show_text', { inputs: { TEXT: b.text('Too hot!') } })),
      ELSE: b.body(b.led('#00ff00'), b.block('looks_show_text', { inputs: { TEXT: b.val(b.join(b.text('T = '), temperature())) } })),
    },
  });
  const main = b.hat('event_when_started', undefined, b.block('control_forever', { inputs: { DO: b.body(check, b.wait(0.5)) } }));
  return project('sensorkit', 'Temperature alarm 温度报警', 'open-floor', workspace(b, [main]));
}

/**
 * Compute-heavy, standard blocks only (the interpreter benchmark runs it here and, through Blockly's JavaScript
 * generator, in JS-Interpreter): 30 rounds of "collect the primes below 2000 in a list" with a procedure that has a
 * parameter and returns a value. Prints "primes below 2000: 303" and the sum of the last round's primes (277050).
 */
function compute(): Project {
  const b = new Builder('compute');
  const n = () => b.get('n');
  const d = () => b.get('d');
  const isPrime = {
    ...b.block('procedures_defreturn', { extraState: { params: [{ name: 'n', id: b.variable('n').id }] }, fields: { NAME: 'is prime' } }),
    inputs: {
      STACK: b.body(
        b.block('procedures_ifreturn', { extraState: '<mutation value="1"></mutation>', inputs: {
          CONDITION: b.val(b.compare('LT', n(), b.num(2))), VALUE: b.val(b.block('logic_boolean', { fields: { BOOL: 'FALSE' } })),
        } }),
        b.set('d', b.num(2)),
        b.block('controls_whileUntil', { fields: { MODE: 'WHILE' }, inputs: {
          BOOL: b.val(b.compare('LTE', b.val(b.arithmetic('MULTIPLY', d(), d())), n())),
          DO: b.body(
            b.block('procedures_ifreturn', { extraState: '<mutation value="1"></mutation>', inputs: {
              CONDITION: b.val(b.compare('EQ', b.val(b.block('math_modulo', { inputs: { DIVIDEND: n(), DIVISOR: d() } })), b.num(0))),
              VALUE: b.val(b.block('logic_boolean', { fields: { BOOL: 'FALSE' } })),
            } }),
            b.block('math_change', { fields: { VAR: b.variable('d') }, inputs: { DELTA: b.num(1) } }),
          ),
        } }),
      ),
      RETURN: b.val(b.block('logic_boolean', { fields: { BOOL: 'TRUE' } })),
    },
  };
  const collect = b.block('controls_for', { fields: { VAR: b.variable('i') }, inputs: {
    FROM: b.num(2), TO: b.num(1999), BY: b.num(1),
    DO: b.body(b.block('controls_if', { inputs: {
      IF0: b.val(b.block('procedures_callreturn', { extraState: { name: 'is prime', params: ['n'] }, inputs: { ARG0: b.get('i') } })),
      DO0: b.body(b.block('lists_setIndex', { extraState: { isStatement: true }, fields: { MODE: 'INSERT', WHERE: 'LAST' }, inputs: { LIST: b.get('primes'), TO: b.get('i') } })),
    } })),
  } });
  const rounds = b.block('controls_repeat_ext', { inputs: { TIMES: b.num(30), DO: b.body(
    b.set('primes', b.val(b.block('lists_create_empty'))),
    collect,
  ) } });
  const sum = b.set('sum', b.num(0));
  const addUp = b.block('controls_forEach', { fields: { VAR: b.variable('p') }, inputs: {
    LIST: b.get('primes'),
    DO: b.body(b.block('math_change', { fields: { VAR: b.variable('sum') }, inputs: { DELTA: b.get('p') } })),
  } });
  const main = b.hat('event_when_started', undefined,
    rounds,
    b.print(b.val(b.join(b.text('primes below 2000: '), b.val(b.block('lists_length', { inputs: { VALUE: b.get('primes') } }))))),
    sum,
    addUp,
    b.print(b.val(b.join(b.text('sum: '), b.get('sum')))),
  );
  return project('robot', 'Compute: primes 计算质数', 'open-floor', workspace(b, [isPrime, main]));
}

/**
 * AI lab: sorting colours with k-nearest neighbours. A colour sensor's red/green/blue readings vary a little from
 * cube to cube, so the program records 5 noisy readings (seeded random) of each of red, green and blue cubes, trains
 * a KNN model (k = 3, 20 % kept back to test it), prints its accuracy, then reads an unknown cube (190, 70, 60) and
 * lets the prediction drive: red → LED red and turn left, else turn right. The dataset and the model are saved with
 * the project after a run.
 */
function colourSortKnn(): Project {
  const b = new Builder('colours');
  const noisy = (centre: number) => b.val(b.arithmetic('ADD', b.num(centre), b.val(b.block('math_random_int', { inputs: { FROM: b.num(-25), TO: b.num(25) } }))));
  const features = (...xs: Conn[]) => b.val(b.block('ai_features', { inputs: Object.fromEntries(xs.map((x, i) => [['A', 'B', 'C', 'D'][i], x])) }));
  const record = (r: number, g: number, bl: number, label: string) =>
    b.block('ai_record', { fields: { DATASET: '颜色数据' }, inputs: { FEATURES: features(noisy(r), noisy(g), noisy(bl)), LABEL: b.text(label) } });
  const model = { MODEL: '颜色分类器' };
  const unknown = () => features(b.num(190), b.num(70), b.num(60));
  const main = b.hat('event_when_started', undefined,
    b.block('ai_dataset_clear', { fields: { DATASET: '颜色数据' } }),
    b.block('controls_repeat_ext', { inputs: { TIMES: b.num(5), DO: b.body(
      record(200, 40, 40, 'red'),
      record(40, 180, 60, 'green'),
      record(40, 60, 200, 'blue'),
    ) } }),
    b.block('ai_train_knn', { fields: { ...model, DATASET: '颜色数据' }, inputs: { K: b.num(3), TEST: b.num(20) } }),
    b.print(b.val(b.join(b.text('accuracy %: '), b.val(b.block('ai_model_accuracy', { fields: model }))))),
    b.set('colour', b.val(b.block('ai_predict', { fields: model, inputs: { FEATURES: unknown() } }))),
    b.print(b.val(b.join(b.text('prediction: '), b.get('colour'), b.text(', confidence %: '), b.val(b.block('ai_confidence', { fields: model, inputs: { FEATURES: unknown() } }))))),
    b.block('controls_if', {
      extraState: { hasElse: true },
      inputs: {
        IF0: b.val(b.compare('EQ', b.get('colour'), b.text('red'))),
        DO0: b.body(b.led('#ff0000'), b.turn('left', 90)),
        ELSE: b.body(b.turn('right', 90)),
      },
    }),
  );
  return project('robot', 'Colour sorting with KNN 颜色分类（K 近邻）', 'sorting-table', workspace(b, [main]));
}

/** Every example: file name → project. */
export function buildExamples(): { file: string; project: Project }[] {
  return [
    { file: 'square.ailab', project: square() },
    { file: 'line-follow.ailab', project: lineFollow() },
    { file: 'obstacle-avoid.ailab', project: obstacleAvoid() },
    { file: 'drone-rings.ailab', project: droneRings() },
    { file: 'sensor-alarm.ailab', project: sensorAlarm() },
    { file: 'compute.ailab', project: compute() },
    { file: 'colour-sort-knn.ailab', project: colourSortKnn() },
  ];
}

/** The exact file text of a project (2-space JSON, trailing newline). */
export function projectFileText(project: Project): string {
  return JSON.stringify(project, null, 2) + '\n';
}
