/**
 * fromBlockly against workspaces built and saved by real headless Blockly (the JSON is exactly what the editor
 * saves), plus hostile input from files. A failure here is a program that runs differently from its blocks, or an
 * editor that crashes on a damaged project.
 */
import Blockly from 'blockly/core';
import 'blockly/blocks';
import * as En from 'blockly/msg/en';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { BLOCK_DEFINITIONS, BLOCK_MESSAGES, fromBlockly, usedBlockTypes, type Expr, type Stmt, type TargetKit } from './index';

beforeAll(() => {
  Blockly.setLocale(En as unknown as Record<string, string>);
  Object.assign(Blockly.Msg, BLOCK_MESSAGES.en);
  Blockly.common.defineBlocksWithJsonArray(BLOCK_DEFINITIONS as unknown as object[]);
});

type State = Record<string, unknown>;
/** Loads a workspace state into headless Blockly and returns what Blockly saves. */
function saved(blocks: State[], variables: { name: string; id: string }[] = []): State {
  const ws = new Blockly.Workspace();
  Blockly.serialization.workspaces.load({ blocks: { languageVersion: 0, blocks }, variables }, ws);
  const json = Blockly.serialization.workspaces.save(ws) as State;
  ws.dispose();
  return json;
}
const num = (n: number, id?: string): State => ({ shadow: { type: 'math_number', ...(id ? { id } : {}), fields: { NUM: n } } });
const hat = (id: string, next: State): State => ({ type: 'event_when_started', id, next: { block: next } });
/** Drops blockIds so structural expectations stay short. */
function strip<T>(x: T): T {
  return JSON.parse(JSON.stringify(x, (k, v) => (k === 'blockId' ? undefined : v)));
}
const run = (json: unknown, kit: TargetKit = 'robot') => fromBlockly(json, kit);

describe('fromBlockly: blocks a student builds', () => {
  it('"when started: repeat 4 { drive forward 30 cm; turn right 90° }" becomes one start script with the same steps', () => {
    const json = saved([hat('h', {
      type: 'controls_repeat_ext', id: 'rep', inputs: {
        TIMES: num(4),
        DO: { block: {
          type: 'robot_drive_cm', id: 'drv', fields: { DIR: 'forward' }, inputs: { CM: num(30), SPEED: num(50) },
          next: { block: { type: 'robot_turn_deg', id: 'trn', fields: { DIR: 'right' }, inputs: { DEG: num(90), SPEED: num(50) } } },
        } },
      },
    })]);
    const { program, diagnostics } = run(json);
    expect(diagnostics).toEqual([]);
    expect(program.scripts).toHaveLength(1);
    const script = program.scripts[0];
    expect(script.trigger).toEqual({ kind: 'start' });
    expect(script.blockId).toBe('h');
    expect(strip(script.body)).toEqual([{ kind: 'repeat', times: { kind: 'num', value: 4 }, body: [
      { kind: 'command', op: 'robot.driveCm', args: [{ kind: 'num', value: 30 }, { kind: 'num', value: 50 }] },
      { kind: 'command', op: 'robot.turnDeg', args: [{ kind: 'num', value: 90 }, { kind: 'num', value: 50 }] },
    ] }]);
    // Every node keeps the block it came from, so the editor can highlight it while it runs.
    const rep = script.body[0] as Extract<Stmt, { kind: 'repeat' }>;
    expect(rep.blockId).toBe('rep');
    expect(rep.body.map((s) => s.blockId)).toEqual(['drv', 'trn']);
  });

  it('drive back and turn left become negative distances / angles', () => {
    const json = saved([hat('h', {
      type: 'robot_drive_cm', id: 'a', fields: { DIR: 'back' }, inputs: { CM: num(20), SPEED: num(40) },
      next: { block: { type: 'robot_turn_deg', id: 'b', fields: { DIR: 'left' }, inputs: { DEG: { block: { type: 'variables_get', id: 'v', fields: { VAR: { id: 'vid' } } } }, SPEED: num(50) } } },
    })], [{ name: 'angle', id: 'vid' }]);
    const body = strip(run(json).program.scripts[0].body);
    expect(body[0]).toEqual({ kind: 'command', op: 'robot.driveCm', args: [{ kind: 'num', value: -20 }, { kind: 'num', value: 40 }] });
    expect(body[1]).toEqual({ kind: 'command', op: 'robot.turnDeg', args: [{ kind: 'unary', op: 'neg', arg: { kind: 'var', name: 'angle' } }, { kind: 'num', value: 50 }] });
  });

  it('the same LED block drives the robot LED in a robot project and the kit LED in a sensor-kit project', () => {
    const json = saved([hat('h', { type: 'looks_set_led', id: 'led', inputs: { COLOUR: { shadow: { type: 'looks_colour', fields: { COLOUR: '#00ff00' } } } } })]);
    expect(strip(run(json, 'robot').program.scripts[0].body)).toEqual([{ kind: 'command', op: 'robot.setLed', args: [{ kind: 'colour', value: '#00ff00' }] }]);
    expect(strip(run(json, 'sensorkit').program.scripts[0].body)).toEqual([{ kind: 'command', op: 'kit.setLed', args: [{ kind: 'colour', value: '#00ff00' }] }]);
  });

  it('if / else if / else keeps every branch in order, with variables named as the student named them', () => {
    const get = (id: string) => ({ block: { type: 'variables_get', fields: { VAR: { id } } } });
    const json = saved([hat('h', {
      type: 'controls_if', id: 'if', extraState: { elseIfCount: 1, hasElse: true },
      inputs: {
        IF0: { block: { type: 'robot_line_left' } },
        DO0: { block: { type: 'robot_set_motors', inputs: { LEFT: num(10), RIGHT: num(50) } } },
        IF1: { block: { type: 'logic_compare', fields: { OP: 'LT' }, inputs: { A: get('d'), B: num(20) } } },
        DO1: { block: { type: 'math_change', fields: { VAR: { id: 'n' } }, inputs: { DELTA: num(1) } } },
        ELSE: { block: { type: 'robot_stop' } },
      },
    })], [{ name: '距离', id: 'd' }, { name: 'count', id: 'n' }]);
    const { program, diagnostics } = run(json);
    expect(diagnostics).toEqual([]);
    expect(program.variables).toEqual(['距离', 'count']);
    expect(strip(program.scripts[0].body[0])).toEqual({
      kind: 'if',
      branches: [
        { cond: { kind: 'read', sensor: 'robot.lineLeft', args: [] }, body: [{ kind: 'command', op: 'robot.setMotors', args: [{ kind: 'num', value: 10 }, { kind: 'num', value: 50 }] }] },
        { cond: { kind: 'binary', op: '<', left: { kind: 'var', name: '距离' }, right: { kind: 'num', value: 20 } }, body: [{ kind: 'change', name: 'count', by: { kind: 'num', value: 1 } }] },
      ],
      else: [{ kind: 'command', op: 'robot.stopMotors', args: [] }],
    });
  });

  it('a function with a parameter and a return value becomes a procedure, and calls pass their arguments', () => {
    const json = saved([
      {
        type: 'procedures_defreturn', id: 'def', extraState: { params: [{ name: 'n', id: 'vn' }] }, fields: { NAME: 'double' },
        inputs: {
          STACK: { block: { type: 'procedures_ifreturn', id: 'ifr', extraState: '<mutation value="1"></mutation>', inputs: {
            CONDITION: { block: { type: 'logic_compare', fields: { OP: 'EQ' }, inputs: { A: { block: { type: 'variables_get', fields: { VAR: { id: 'vn' } } } }, B: num(0) } } },
            VALUE: num(0),
          } } },
          RETURN: { block: { type: 'math_arithmetic', fields: { OP: 'MULTIPLY' }, inputs: { A: { block: { type: 'variables_get', fields: { VAR: { id: 'vn' } } } }, B: num(2) } } },
        },
      },
      hat('h', { type: 'text_print', id: 'p', inputs: { TEXT: { block: { type: 'procedures_callreturn', id: 'call', extraState: { name: 'double', params: ['n'] }, inputs: { ARG0: num(21) } } } } }),
    ], [{ name: 'n', id: 'vn' }]);
    const { program, diagnostics } = run(json);
    expect(diagnostics).toEqual([]);
    expect(program.procedures).toHaveLength(1);
    const proc = strip(program.procedures[0]);
    expect(proc).toMatchObject({ name: 'double', params: ['n'], returnsValue: true });
    expect(proc.result).toEqual({ kind: 'binary', op: '*', left: { kind: 'var', name: 'n' }, right: { kind: 'num', value: 2 } });
    expect(proc.body).toEqual([{ kind: 'if', branches: [{ cond: { kind: 'binary', op: '==', left: { kind: 'var', name: 'n' }, right: { kind: 'num', value: 0 } }, body: [{ kind: 'return', value: { kind: 'num', value: 0 } }] }], else: null }]);
    expect(strip(program.scripts[0].body)).toEqual([{ kind: 'log', value: { kind: 'call', name: 'double', args: [{ kind: 'num', value: 21 }] } }]);
  });

  it('a block of your own without a result: definition with a wait inside, and a call passing two arguments', () => {
    const json = saved([
      { type: 'procedures_defnoreturn', id: 'def', extraState: { params: [{ name: 'cm', id: 'vcm' }, { name: 'times', id: 'vt' }] }, fields: { NAME: 'zigzag' },
        inputs: { STACK: { block: { type: 'controls_repeat_ext', inputs: { TIMES: { block: { type: 'variables_get', fields: { VAR: { id: 'vt' } } } }, DO: { block: { type: 'control_wait_s', inputs: { SECONDS: num(1) } } } } } } } },
      hat('h', { type: 'procedures_callnoreturn', id: 'call', extraState: { name: 'zigzag', params: ['cm', 'times'] }, inputs: { ARG0: num(10), ARG1: num(3) } }),
    ], [{ name: 'cm', id: 'vcm' }, { name: 'times', id: 'vt' }]);
    const { program, diagnostics } = run(json);
    expect(diagnostics).toEqual([]);
    expect(strip(program.procedures)).toEqual([{ name: 'zigzag', params: ['cm', 'times'], returnsValue: false, result: null, body: [
      { kind: 'repeat', times: { kind: 'var', name: 'times' }, body: [{ kind: 'wait', seconds: { kind: 'num', value: 1 } }] },
    ] }]);
    expect(strip(program.scripts[0].body)).toEqual([{ kind: 'callProc', name: 'zigzag', args: [{ kind: 'num', value: 10 }, { kind: 'num', value: 3 }] }]);
  });

  it('a for loop whose step slot was emptied counts up by 1 instead of looping forever', () => {
    const json = { blocks: { blocks: [{ type: 'event_when_started', id: 'h', next: { block: { type: 'controls_for', id: 'f', fields: { VAR: { id: 'vi' } }, inputs: { FROM: num(1), TO: num(3) } } } }] }, variables: [{ name: 'i', id: 'vi' }] };
    const { program, diagnostics } = run(json);
    expect(strip(program.scripts[0].body[0])).toMatchObject({ kind: 'for', name: 'i', by: { kind: 'num', value: 1 } });
    expect(diagnostics).toMatchObject([{ code: 'missingInput', blockId: 'f', params: { input: 'BY', value: '1' } }]);
  });

  it('list blocks: add to a list variable, read item #2, remove the first item', () => {
    const list = { block: { type: 'variables_get', fields: { VAR: { id: 'l' } } } };
    const json = saved([hat('h', {
      type: 'variables_set', fields: { VAR: { id: 'l' } }, inputs: { VALUE: { block: { type: 'lists_create_with', extraState: { itemCount: 2 }, inputs: { ADD0: num(5), ADD1: num(7) } } } },
      next: { block: {
        type: 'lists_setIndex', extraState: { isStatement: true }, fields: { MODE: 'INSERT', WHERE: 'LAST' }, inputs: { LIST: list, TO: num(9) },
        next: { block: {
          type: 'text_print', inputs: { TEXT: { block: { type: 'lists_getIndex', fields: { MODE: 'GET', WHERE: 'FROM_START' }, inputs: { VALUE: list, AT: num(2) } } } },
          next: { block: { type: 'lists_getIndex', extraState: { isStatement: true }, fields: { MODE: 'REMOVE', WHERE: 'FIRST' }, inputs: { VALUE: list } } },
        } },
      } },
    })], [{ name: 'items', id: 'l' }]);
    const { program, diagnostics } = run(json);
    expect(diagnostics).toEqual([]);
    const s = (v: string): Expr => ({ kind: 'str', value: v }) as Expr;
    const n = (v: number): Expr => ({ kind: 'num', value: v }) as Expr;
    expect(strip(program.scripts[0].body)).toEqual([
      { kind: 'set', name: 'items', value: { kind: 'builtin', name: 'list.create', args: [n(5), n(7)] } },
      { kind: 'listOp', op: 'list.insert', name: 'items', args: [s('LAST'), n(1), n(9)] },
      { kind: 'log', value: { kind: 'builtin', name: 'list.get', args: [{ kind: 'var', name: 'items' }, s('FROM_START'), n(2)] } },
      { kind: 'listOp', op: 'list.remove', name: 'items', args: [s('FIRST'), n(1)] },
    ]);
  });

  it('event hats become scripts with their triggers (button, obstacle distance, message) and broadcast sends', () => {
    const json = saved([
      { type: 'event_when_button', id: 'b', fields: { BUTTON: 'B' }, next: { block: { type: 'event_broadcast', inputs: { MESSAGE: { shadow: { type: 'text', fields: { TEXT: 'go' } } } } } } },
      { type: 'event_when_obstacle', id: 'o', fields: { CM: 15 }, next: { block: { type: 'control_stop_all' } } },
      { type: 'event_when_message', id: 'm', fields: { MESSAGE: 'go' }, next: { block: { type: 'control_forever', inputs: { DO: { block: { type: 'control_wait_s', inputs: { SECONDS: num(0.5) } } } } } } },
    ]);
    const { program, diagnostics } = run(json);
    expect(diagnostics).toEqual([]);
    expect(program.scripts.map((s) => s.trigger)).toEqual([{ kind: 'button', button: 'B' }, { kind: 'obstacle', cm: 15 }, { kind: 'message', message: 'go' }]);
    expect(strip(program.scripts.map((s) => s.body))).toEqual([
      [{ kind: 'broadcast', message: { kind: 'str', value: 'go' } }],
      [{ kind: 'stopAll' }],
      [{ kind: 'forever', body: [{ kind: 'wait', seconds: { kind: 'num', value: 0.5 } }] }],
    ]);
  });

  it('drone blocks: move up 50 cm, rotate anticlockwise 90°, hover 2 s, height', () => {
    const json = saved([hat('h', {
      type: 'drone_move', fields: { DIR: 'up' }, inputs: { CM: num(50) },
      next: { block: { type: 'drone_rotate', fields: { DIR: 'ccw' }, inputs: { DEG: num(90) },
        next: { block: { type: 'drone_hover_s', inputs: { SECONDS: num(2) },
          next: { block: { type: 'text_print', inputs: { TEXT: { block: { type: 'drone_height_cm' } } } } } } } } },
    })]);
    const { program, diagnostics } = run(json, 'drone');
    expect(diagnostics).toEqual([]);
    expect(strip(program.scripts[0].body)).toEqual([
      { kind: 'command', op: 'drone.move', args: [{ kind: 'str', value: 'up' }, { kind: 'num', value: 50 }] },
      { kind: 'command', op: 'drone.rotateDeg', args: [{ kind: 'num', value: -90 }] },
      { kind: 'wait', seconds: { kind: 'num', value: 2 } },
      { kind: 'log', value: { kind: 'read', sensor: 'drone.heightCm', args: [] } },
    ]);
  });
});

describe('fromBlockly: problems the editor shows on the block', () => {
  it('a block lying loose on the workspace does not run and is reported as "not connected"', () => {
    const json = saved([hat('h', { type: 'robot_stop', id: 's' }), { type: 'robot_drive_cm', id: 'loose', inputs: { CM: num(5), SPEED: num(5) } }]);
    const { program, diagnostics } = run(json);
    expect(program.scripts).toHaveLength(1);
    expect(diagnostics.map((d) => [d.code, d.blockId, d.severity])).toEqual([['notConnected', 'loose', 'warning']]);
    expect(diagnostics[0].message['zh-CN']).toMatch(/事件积木/);
    expect(diagnostics[0].message.en).toMatch(/event block/);
  });

  it('an empty slot uses a safe default (0) and says so on that block, in both languages', () => {
    const json = saved([hat('h', { type: 'control_wait_s', id: 'w' })]);
    const { program, diagnostics } = run(json);
    expect(strip(program.scripts[0].body)).toEqual([{ kind: 'wait', seconds: { kind: 'num', value: 0 } }]);
    expect(program.scripts[0].body[0].blockId).toBe('w');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'missingInput', blockId: 'w', params: { input: 'SECONDS' } });
    expect(diagnostics[0].message.en).toBe('The "SECONDS" slot is empty; using 0.');
    expect(diagnostics[0].message['zh-CN']).toContain('SECONDS');
  });

  it('an unknown block type is skipped with a diagnostic naming its id, and the rest still converts', () => {
    const json = { blocks: { blocks: [{ type: 'event_when_started', id: 'h', next: { block: { type: 'future_teleport', id: 'tp', next: { block: { type: 'robot_stop', id: 's' } } } } }] } };
    const { program, diagnostics } = run(json);
    expect(strip(program.scripts[0].body)).toEqual([{ kind: 'command', op: 'robot.stopMotors', args: [] }]);
    expect(diagnostics).toMatchObject([{ code: 'unknownBlock', blockId: 'tp', params: { type: 'future_teleport' } }]);
  });

  it('a drone block in a robot project converts but is flagged as belonging to another kit', () => {
    const json = saved([hat('h', { type: 'drone_takeoff', id: 'tk' })]);
    const { diagnostics } = run(json, 'robot');
    expect(diagnostics).toMatchObject([{ code: 'wrongKit', blockId: 'tk', severity: 'error' }]);
  });

  it('a disabled block does not run', () => {
    const json = saved([hat('h', { type: 'robot_stop', id: 'off', enabled: false, next: { block: { type: 'control_stop_all', id: 'on' } } })]);
    expect(run(json).program.scripts[0].body.map((s) => s.blockId)).toEqual(['on']);
  });

  it('"break out of loop" outside any loop is dropped with a warning; inside a loop it breaks', () => {
    const breakIn = (id: string) => ({ type: 'controls_if', id: `if-${id}`, inputs: { IF0: { block: { type: 'logic_boolean', fields: { BOOL: 'TRUE' } } }, DO0: { block: { type: 'controls_flow_statements', id, fields: { FLOW: 'BREAK' } } } } });
    const json = saved([hat('h', { ...breakIn('out'), next: { block: { type: 'control_forever', id: 'fv', inputs: { DO: { block: breakIn('in') } } } } })]);
    const { program, diagnostics } = run(json);
    expect(diagnostics.filter((d) => d.code === 'flowOutsideLoop').map((d) => d.blockId)).toEqual(['out']);
    expect(strip(program.scripts[0].body[0])).toEqual({ kind: 'if', branches: [{ cond: { kind: 'bool', value: true }, body: [] }], else: null });
    expect(JSON.stringify(program.scripts[0].body)).toContain('"kind":"break","blockId":"in"');
  });

  it('a call to a procedure that does not exist is reported, not thrown', () => {
    const json = { blocks: { blocks: [{ type: 'event_when_started', id: 'h', next: { block: { type: 'procedures_callnoreturn', id: 'c', extraState: { name: 'ghost' } } } }] } };
    const { program, diagnostics } = run(json);
    expect(program.scripts[0].body).toEqual([]);
    expect(diagnostics).toMatchObject([{ code: 'unknownProcedure', blockId: 'c', params: { name: 'ghost' } }]);
  });
});

describe('fromBlockly: damaged project files', () => {
  it('non-workspace values give one "bad workspace" diagnostic and an empty program', () => {
    for (const bad of [null, 42, 'blocks', [], { blocks: 5 }, { blocks: { blocks: {} } }]) {
      const { program, diagnostics } = run(bad);
      expect(program.scripts).toEqual([]);
      expect(diagnostics.map((d) => d.code)).toEqual(['badWorkspace']);
    }
  });

  it('a new empty project converts to an empty program without complaints', () => {
    expect(run({})).toEqual({ program: { irVersion: 1, target: 'robot', variables: [], procedures: [], scripts: [] }, diagnostics: [] });
  });

  it('blocks nested 10 000 deep are cut off with a "too deep" diagnostic instead of overflowing the stack', () => {
    let inner: State = { type: 'logic_boolean', id: 'leaf', fields: { BOOL: 'TRUE' } };
    for (let i = 0; i < 10_000; i++) inner = { type: 'logic_negate', id: `n${i}`, inputs: { BOOL: { block: inner } } };
    const json = { blocks: { blocks: [{ type: 'event_when_started', id: 'h', next: { block: { type: 'control_wait_until', id: 'w', inputs: { CONDITION: { block: inner } } } } }] } };
    const { program, diagnostics } = run(json);
    expect(program.scripts[0].body).toHaveLength(1);
    expect(diagnostics.filter((d) => d.code === 'tooDeep')).toHaveLength(1);
  });

  it('a stack of 20 000 blocks under one hat converts (long stacks are walked without recursion)', () => {
    let chain: State | undefined;
    for (let i = 0; i < 20_000; i++) chain = { type: 'robot_stop', id: `s${i}`, ...(chain ? { next: { block: chain } } : {}) };
    const { program, diagnostics } = run({ blocks: { blocks: [{ type: 'event_when_started', id: 'h', next: { block: chain } }] } });
    expect(diagnostics).toEqual([]);
    expect(program.scripts[0].body).toHaveLength(20_000);
  });

  it('wrong field and input types become defaults with diagnostics, never exceptions', () => {
    const json = { blocks: { blocks: [{ type: 'event_when_started', id: 'h', next: { block: {
      type: 'robot_drive_cm', id: 'd', fields: { DIR: 7 }, inputs: { CM: { block: { type: 'math_number', id: 'm', fields: { NUM: 'lots' } } }, SPEED: 'fast' },
    } } }] }, variables: 'none' };
    const { program, diagnostics } = run(json);
    expect(strip(program.scripts[0].body)).toEqual([{ kind: 'command', op: 'robot.driveCm', args: [{ kind: 'num', value: 0 }, { kind: 'num', value: 0 }] }]);
    expect(diagnostics.map((d) => d.code).sort()).toEqual(['badField', 'badWorkspace', 'missingInput']);
  });

  it('never throws on arbitrary JSON (property test)', () => {
    const blockLike = fc.letrec<{ block: unknown }>((tie) => ({
      block: fc.record({
        type: fc.constantFrom('event_when_started', 'controls_if', 'robot_drive_cm', 'math_number', 'variables_get', 'procedures_callreturn', 'lists_getIndex', 'text_join', 'nope'),
        id: fc.oneof(fc.string(), fc.integer()),
        fields: fc.oneof(fc.constant(undefined), fc.dictionary(fc.constantFrom('NUM', 'VAR', 'DIR', 'MODE', 'WHERE'), fc.jsonValue())),
        inputs: fc.oneof({ depthSize: 'small' }, fc.constant(undefined), fc.dictionary(fc.constantFrom('IF0', 'DO0', 'CM', 'VALUE', 'AT', 'ADD0'), fc.record({ block: tie('block') }, { requiredKeys: [] }))),
        next: fc.oneof({ depthSize: 'small' }, fc.constant(undefined), fc.record({ block: tie('block') })),
        extraState: fc.jsonValue(),
      }, { requiredKeys: ['type'] }),
    })).block;
    fc.assert(fc.property(fc.oneof(fc.jsonValue(), fc.record({ blocks: fc.record({ blocks: fc.array(blockLike, { maxLength: 5 }) }), variables: fc.jsonValue() })), (ws) => {
      const { program } = fromBlockly(ws, 'robot');
      expect(program.irVersion).toBe(1);
    }), { numRuns: 150 });
  });
});

describe('usedBlockTypes', () => {
  it('lists the kinds of blocks a student placed (for lesson checks), without toolbox default shadows', () => {
    const json = saved([hat('h', { type: 'controls_repeat_ext', inputs: { TIMES: num(3), DO: { block: { type: 'robot_drive_cm', inputs: { CM: num(10), SPEED: { block: { type: 'math_number', fields: { NUM: 80 } } } } } } } }), { type: 'robot_stop' }]);
    expect(usedBlockTypes(json)).toEqual(['controls_repeat_ext', 'event_when_started', 'math_number', 'robot_drive_cm', 'robot_stop']);
    expect(usedBlockTypes(null)).toEqual([]);
  });
});
