import { describe, expect, it } from 'vitest';
import type { Program, Stmt } from '../program/ir';
import { Interpreter } from './interpreter';
import { createRandom } from './random';
import { FakeDevices, ir, runTicks } from './testing';
import type { InterpreterOptions, RuntimeEvent } from './types';

const start = { kind: 'start' } as const;

function setup(program: Program, options: Partial<InterpreterOptions> & { devices?: FakeDevices } = {}) {
  const devices = options.devices ?? new FakeDevices();
  const interp = new Interpreter(program, devices, { random: createRandom(1), ...options });
  const events: RuntimeEvent[] = [];
  interp.onDidEmit((e) => events.push(e));
  interp.start();
  const of = <T extends RuntimeEvent['type']>(type: T) => events.filter((e): e is Extract<RuntimeEvent, { type: T }> => e.type === type);
  const logs = () => of('log').map((e) => e.text);
  return { interp, devices, events, of, logs };
}

describe('green threads', () => {
  it('two scripts take turns in script order, one statement block per tick when they wait', () => {
    const loop = (name: string) => ir.repeat(ir.num(3), [ir.log(ir.str(name)), ir.wait(ir.num(0))]);
    const { interp, devices, logs } = setup(ir.program([ir.script(start, [loop('A')]), ir.script(start, [loop('B')])]));
    runTicks(interp, devices, 5);
    expect(logs()).toEqual(['A', 'B', 'A', 'B', 'A', 'B']);
  });

  it('a forever loop with no wait ends its tick at the step budget and the next script still runs', () => {
    const { interp, devices, logs } = setup(
      ir.program([
        ir.script(start, [ir.forever([ir.change('x', ir.num(1))])]),
        ir.script(start, [ir.log(ir.str('second script ran'))]),
      ]),
      { stepBudget: 100 },
    );
    runTicks(interp, devices, 1);
    // Each iteration is two statements (the loop head and the change).
    expect(interp.variables().x).toBe(50);
    expect(logs()).toEqual(['second script ran']);
    runTicks(interp, devices, 1, 20);
    expect(interp.variables().x).toBe(100);
    expect(interp.state).toBe('running');
  });

  it('an empty forever loop does not freeze the tick', () => {
    const { interp, devices, logs } = setup(
      ir.program([ir.script(start, [ir.forever([])]), ir.script(start, [ir.log(ir.str('still alive'))])]),
    );
    runTicks(interp, devices, 3);
    expect(logs()).toEqual(['still alive']);
  });

  it('a program with only start scripts finishes when they end and puts the devices in their safe state', () => {
    const { interp, devices, of } = setup(ir.program([ir.script(start, [ir.set('x', ir.num(1))])]));
    runTicks(interp, devices, 2);
    expect(interp.state).toBe('finished');
    expect(of('stopped').map((e) => e.reason)).toEqual(['finished']);
    expect(devices.safeStateCalls).toBe(1);
  });

  it('a program with an event hat keeps listening after its start scripts end', () => {
    const { interp, devices } = setup(
      ir.program([ir.script(start, [ir.set('x', ir.num(1))]), ir.script({ kind: 'button', button: 'A' }, [ir.set('x', ir.num(2))])]),
    );
    runTicks(interp, devices, 3);
    expect(interp.state).toBe('running');
    interp.pressButton('A');
    runTicks(interp, devices, 1, 100);
    expect(interp.variables().x).toBe(2);
  });
});

describe('virtual clock', () => {
  it('wait 1 second resumes at the first tick at or after 1000 ms of device time', () => {
    const { interp, devices, of } = setup(ir.program([ir.script(start, [ir.wait(ir.num(1)), ir.log(ir.str('done'))])]));
    runTicks(interp, devices, 50, 0, 20); // ticks at 0…980 ms
    expect(of('log')).toEqual([]);
    runTicks(interp, devices, 1, 1000);
    expect(of('log').map((e) => e.timeMs)).toEqual([1000]);
  });

  it('a fractional wait between ticks resumes on the next tick after it expires', () => {
    const { interp, devices, of } = setup(ir.program([ir.script(start, [ir.wait(ir.num(0.25)), ir.log(ir.str('done'))])]));
    runTicks(interp, devices, 5, 0, 100);
    expect(of('log').map((e) => e.timeMs)).toEqual([300]);
  });

  it('the timer reads seconds of device time since the run started, and reset sets it back to 0', () => {
    const { interp, devices, logs } = setup(
      ir.program([
        ir.script(start, [
          ir.wait(ir.num(2)),
          ir.log(ir.read('clock.timerS')),
          ir.command('clock.resetTimer', []),
          ir.wait(ir.num(0.5)),
          ir.log(ir.read('clock.timerS')),
        ]),
      ]),
    );
    runTicks(interp, devices, 200, 1000, 50);
    expect(logs()).toEqual(['2', '0.5']);
  });

  it('a blocking drive holds its thread until the device reports it done, while other scripts keep running', () => {
    const devices = new FakeDevices({ actionTicks: 3 });
    const { interp, of } = setup(
      ir.program([
        ir.script(start, [ir.command('robot.driveCm', [ir.num(20), ir.num(50)]), ir.log(ir.str('arrived'))]),
        ir.script(start, [ir.repeat(ir.num(4), [ir.change('n', ir.num(1)), ir.wait(ir.num(0))])]),
      ]),
      { devices },
    );
    runTicks(interp, devices, 3);
    expect(of('log')).toEqual([]);
    expect(interp.variables().n).toBe(3);
    runTicks(interp, devices, 1, 60);
    expect(of('log').map((e) => e.timeMs)).toEqual([60]);
    expect(of('command').map((e) => [e.op, e.args])).toEqual([['robot.driveCm', [20, 50]]]);
  });

  it('wait until resumes in the tick where its condition becomes true', () => {
    const devices = new FakeDevices();
    const { interp, of } = setup(
      ir.program([ir.script(start, [ir.waitUntil(ir.bin('<', ir.read('robot.distanceCm'), ir.num(10))), ir.log(ir.str('near'))])]),
      { devices },
    );
    runTicks(interp, devices, 5);
    expect(of('log')).toEqual([]);
    devices.robotReadings.distanceCm = 5;
    runTicks(interp, devices, 1, 100);
    expect(of('log').map((e) => e.timeMs)).toEqual([100]);
  });
});

describe('stop', () => {
  const busy = () =>
    ir.program([
      ir.script(start, [ir.forever([ir.command('robot.setLed', [ir.str('#ff0000')]), ir.wait(ir.num(0.1))])]),
      ir.script(start, [ir.forever([ir.command('robot.setMotors', [ir.num(50), ir.num(50)])])]),
    ]);

  it('stop halts every thread, calls safeState once and emits stopped', () => {
    const { interp, devices, of } = setup(busy());
    runTicks(interp, devices, 3);
    const before = devices.calls.length;
    interp.stop();
    runTicks(interp, devices, 10, 100);
    expect(devices.calls.length).toBe(before);
    expect(interp.state).toBe('stopped');
    expect(devices.safeStateCalls).toBe(1);
    expect(of('stopped').map((e) => e.reason)).toEqual(['user']);
    interp.stop();
    expect(devices.safeStateCalls).toBe(1);
  });

  it('stop called from an event listener in the middle of a tick wins at once: no further command that tick', () => {
    const { interp, devices, events } = setup(busy());
    let first = true;
    interp.onDidEmit((e) => {
      if (e.type === 'command' && first) {
        first = false;
        interp.stop();
      }
    });
    runTicks(interp, devices, 5);
    expect(devices.calls.map((c) => c.method)).toEqual(['setLed']);
    expect(devices.safeStateCalls).toBe(1);
    expect(events.map((e) => e.type)).toEqual(['command', 'stopped']);
  });

  it('stop still ends the run when the device set breaks its promise and safeState throws', () => {
    const devices = new FakeDevices({ safeStateThrows: true });
    const { interp, of } = setup(busy(), { devices });
    runTicks(interp, devices, 2);
    expect(() => interp.stop()).not.toThrow();
    expect(interp.state).toBe('stopped');
    expect(of('stopped')).toHaveLength(1);
  });

  it('the stop-all block halts every script and reports reason stopAll', () => {
    const { interp, devices, of, logs } = setup(
      ir.program([
        ir.script(start, [ir.wait(ir.num(0.05)), ir.stopAll(), ir.log(ir.str('never'))]),
        ir.script(start, [ir.forever([ir.log(ir.str('tick')), ir.wait(ir.num(0))])]),
      ]),
    );
    runTicks(interp, devices, 10);
    expect(interp.state).toBe('stopped');
    expect(of('stopped').map((e) => e.reason)).toEqual(['stopAll']);
    expect(logs()).not.toContain('never');
    // Ticks at 0, 20, 40 log "tick"; at 60 ms the first script stops everything before the second runs.
    expect(logs()).toEqual(['tick', 'tick', 'tick']);
    expect(devices.safeStateCalls).toBe(1);
  });
});

describe('runtime errors arrive on the block that raised them, in both languages', () => {
  function errorOf(program: Program, devices = new FakeDevices()) {
    const r = setup(program, { devices });
    runTicks(r.interp, devices, 5);
    expect(r.interp.state).toBe('error');
    expect(r.events.filter((e) => e.type === 'error' || e.type === 'stopped').map((e) => e.type)).toEqual(['error', 'stopped']);
    expect(devices.safeStateCalls).toBe(1);
    return r.of('error')[0].error;
  }

  it('division by zero', () => {
    const e = errorOf(ir.program([ir.script(start, [ir.set('x', ir.bin('/', ir.num(1), ir.num(0), 'div-block'))])]));
    expect(e).toMatchObject({ blockId: 'div-block', code: 'divisionByZero' });
    expect(e.message['zh-CN']).toContain('0');
    expect(e.message.en).toMatch(/divide by zero/);
  });

  it('list index 0 (positions start at 1)', () => {
    const e = errorOf(
      ir.program([
        ir.script(start, [
          ir.set('l', ir.builtin('list.create', [ir.num(7), ir.num(8)])),
          ir.log(ir.builtin('list.get', [ir.v('l'), ir.str('FROM_START'), ir.num(0)], 'get-block')),
        ]),
      ]),
    );
    expect(e).toMatchObject({ blockId: 'get-block', code: 'listIndex', params: { index: 0, length: 2 } });
    expect(e.message.en).toContain('item 0');
    expect(e.message['zh-CN']).toContain('第 0 项');
  });

  it('list index past the end', () => {
    const e = errorOf(
      ir.program([
        ir.script(start, [
          ir.set('l', ir.builtin('list.create', [ir.num(7), ir.num(8)])),
          ir.listOp('list.set', 'l', [ir.str('FROM_START'), ir.num(3), ir.num(1)], 'set-block'),
        ]),
      ]),
    );
    expect(e).toMatchObject({ blockId: 'set-block', code: 'listIndex', params: { index: 3, length: 2 } });
  });

  it('deep recursion stops with recursionDepth on the call block', () => {
    const e = errorOf(
      ir.program(
        [ir.script(start, [ir.callProc('down', [ir.num(0)], 'first-call')])],
        [ir.proc('down', ['n'], [ir.callProc('down', [ir.bin('+', ir.v('n'), ir.num(1))], 'self-call')])],
      ),
    );
    expect(e).toMatchObject({ blockId: 'self-call', code: 'recursionDepth', params: { max: 200 } });
    expect(e.message['zh-CN']).toContain('200');
  });

  it('a drone block in a robot project is a missingDevice error naming the drone in each language', () => {
    const e = errorOf(ir.program([ir.script(start, [ir.command('drone.takeoff', [], 'takeoff-block')])]));
    expect(e).toMatchObject({ blockId: 'takeoff-block', code: 'missingDevice', params: { device: 'drone' } });
    expect(e.message['zh-CN']).toContain('无人机');
    expect(e.message.en).toContain('drone');
  });

  it('a word where a number is needed is notANumber', () => {
    const e = errorOf(ir.program([ir.script(start, [ir.set('x', ir.bin('*', ir.str('abc'), ir.num(2), 'mul-block'))])]));
    expect(e).toMatchObject({ blockId: 'mul-block', code: 'notANumber', params: { value: 'abc' } });
  });

  it('an error inside a procedure points at the block inside the procedure', () => {
    const e = errorOf(
      ir.program(
        [ir.script(start, [ir.set('r', ir.call('inv', [ir.num(0)]))])],
        [ir.proc('inv', ['x'], [], ir.bin('/', ir.num(1), ir.v('x'), 'inv-div'))],
      ),
    );
    expect(e.blockId).toBe('inv-div');
  });

  it('a driver that fails while driving is a deviceFailed error on the drive block', () => {
    const devices = new FakeDevices();
    const robot = devices.robot!;
    let polls = 0;
    Object.assign(robot, {
      driveCm: () => ({
        isDone: () => {
          if (++polls > 2) throw new Error('serial port closed');
          return false;
        },
      }),
    });
    const e = errorOf(ir.program([ir.script(start, [ir.command('robot.driveCm', [ir.num(10), ir.num(50)], 'drive-block')])]), devices);
    expect(e).toMatchObject({ blockId: 'drive-block', code: 'deviceFailed' });
    expect(e.message.en).toContain('serial port closed');
  });

  it('an IR node the interpreter does not know fails the run on that block instead of crashing the app', () => {
    const odd = { kind: 'teleport', blockId: 'odd-block' } as unknown as Stmt;
    const e = errorOf(ir.program([ir.script(start, [ir.log(ir.str('before')), odd])]));
    expect(e).toMatchObject({ blockId: 'odd-block', code: 'internal' });
  });

  it('an error stops the other scripts too', () => {
    const devices = new FakeDevices();
    const { interp } = setup(
      ir.program([
        ir.script(start, [ir.wait(ir.num(0.05)), ir.set('x', ir.bin('/', ir.num(1), ir.num(0)))]),
        ir.script(start, [ir.forever([ir.change('n', ir.num(1)), ir.wait(ir.num(0))])]),
      ]),
      { devices },
    );
    runTicks(interp, devices, 10);
    expect(interp.variables().n).toBe(3);
  });
});

describe('pause and step', () => {
  it('step runs one statement of the next script at a time and highlights where each script is', () => {
    const prog = ir.program([
      ir.script(start, [ir.set('a', ir.num(1), 'a1'), ir.set('a', ir.num(2), 'a2')], 'hatA'),
      ir.script(start, [ir.set('b', ir.num(1), 'b1'), ir.set('b', ir.num(2), 'b2')], 'hatB'),
    ]);
    const { interp, of } = setup(prog);
    interp.pause();
    expect(interp.state).toBe('paused');
    interp.tick(0);
    expect(interp.variables()).toEqual({ a: 0, b: 0 });

    interp.stepOnce(0);
    expect(interp.variables()).toEqual({ a: 1, b: 0 });
    expect(of('highlight').at(-1)?.blockIds).toEqual(['a1', 'hatB']);
    interp.stepOnce(0);
    expect(interp.variables()).toEqual({ a: 1, b: 1 });
    expect(of('highlight').at(-1)?.blockIds).toEqual(['a1', 'b1']);
    interp.stepOnce(0);
    expect(interp.variables()).toEqual({ a: 2, b: 1 });
    // Script A has ended after its last statement, so only B is highlighted.
    expect(of('highlight').at(-1)?.blockIds).toEqual(['b1']);
    expect(of('highlight')).toHaveLength(3);

    interp.resume();
    interp.tick(20);
    expect(interp.variables()).toEqual({ a: 2, b: 2 });
  });

  it('a tick emits at most one highlight, listing the block each running script is at', () => {
    const { interp, devices, of } = setup(
      ir.program([
        ir.script(start, [ir.forever([ir.wait(ir.num(1), 'waitA')])]),
        ir.script(start, [ir.forever([ir.change('n', ir.num(1), 'chg')])]),
      ]),
      { stepBudget: 7 },
    );
    runTicks(interp, devices, 1);
    expect(of('highlight')).toHaveLength(1);
    expect(of('highlight')[0].blockIds[0]).toBe('waitA');
  });
});

describe('events', () => {
  it('broadcast restarts a running receiver from its top', () => {
    const { interp, devices, logs } = setup(
      ir.program([
        ir.script(start, [ir.broadcast('go'), ir.wait(ir.num(0.1)), ir.broadcast('go')]),
        ir.script({ kind: 'message', message: 'go' }, [ir.log(ir.str('begin')), ir.wait(ir.num(1)), ir.log(ir.str('end'))]),
      ]),
    );
    runTicks(interp, devices, 100);
    // The second broadcast restarts the receiver before its first run could reach "end".
    expect(logs()).toEqual(['begin', 'begin', 'end']);
  });

  it('a listener that broadcasts mid-tick restarts the receiver cleanly, even the script that is running', () => {
    const { interp, devices, logs } = setup(
      ir.program([ir.script({ kind: 'message', message: 'go' }, [ir.log(ir.str('one')), ir.log(ir.str('two'))]), ir.script(start, [ir.broadcast('go')])]),
    );
    let restarted = false;
    interp.onDidEmit((e) => {
      if (e.type === 'log' && e.text === 'one' && !restarted) {
        restarted = true;
        interp.broadcast('go');
      }
    });
    runTicks(interp, devices, 5);
    // "one" (restart requested here, so "two" does not run in that slice), then the restarted run: "one", "two".
    expect(logs()).toEqual(['one', 'one', 'two']);
  });

  it('broadcast from outside (the UI) starts receivers on the next tick', () => {
    const { interp, devices, logs } = setup(
      ir.program([ir.script({ kind: 'message', message: 'hello' }, [ir.log(ir.str('got it'))])]),
    );
    runTicks(interp, devices, 2);
    interp.broadcast('hello');
    interp.broadcast('other');
    runTicks(interp, devices, 2, 40);
    expect(logs()).toEqual(['got it']);
  });

  it('the obstacle hat fires once each time the distance falls below its threshold', () => {
    const devices = new FakeDevices();
    const { interp, logs } = setup(
      ir.program([ir.script({ kind: 'obstacle', cm: 20 }, [ir.log(ir.str('obstacle'))])]),
      { devices },
    );
    const distances = [100, 50, 19, 15, 10, 19, 25, 30, 18, 18, 100, 5];
    let t = 0;
    for (const d of distances) {
      devices.robotReadings.distanceCm = d;
      runTicks(interp, devices, 1, t);
      t += 20;
    }
    expect(logs()).toEqual(['obstacle', 'obstacle', 'obstacle']);
  });

  it('the obstacle hat does not fire again while a noisy reading hovers at its threshold', () => {
    const devices = new FakeDevices();
    const { interp, logs } = setup(
      ir.program([ir.script({ kind: 'obstacle', cm: 20 }, [ir.log(ir.str('obstacle'))])]),
      { devices },
    );
    // Ultrasonic noise around 20 cm: 19.8 / 20.2 alternate; only a clear retreat (≥ 22 cm) re-arms the hat.
    const distances = [50, 19.8, 20.2, 19.8, 20.2, 19.9, 21.5, 19.7, 30, 19];
    let t = 0;
    for (const d of distances) {
      devices.robotReadings.distanceCm = d;
      runTicks(interp, devices, 1, t);
      t += 20;
    }
    expect(logs()).toEqual(['obstacle', 'obstacle']);
  });

  it('the button hat runs its script when the button is pressed', () => {
    const { interp, devices, of } = setup(
      ir.program([ir.script({ kind: 'button', button: 'B' }, [ir.command('robot.setLed', [ir.str('#00ff00')])])]),
    );
    runTicks(interp, devices, 2);
    interp.pressButton('A');
    runTicks(interp, devices, 2, 40);
    expect(of('command')).toHaveLength(0);
    interp.pressButton('B');
    runTicks(interp, devices, 2, 80);
    expect(of('command').map((e) => e.args)).toEqual([['#00ff00']]);
  });
});

describe('procedures, loops and values', () => {
  it('a procedure with a parameter returns a value and keeps its parameter local', () => {
    const { interp, devices } = setup(
      ir.program(
        [ir.script(start, [ir.set('n', ir.num(5)), ir.set('r', ir.call('fact', [ir.v('n')]))])],
        [
          ir.proc(
            'fact',
            ['n'],
            [ir.if(ir.bin('<=', ir.v('n'), ir.num(1)), [ir.ret(ir.num(1))])],
            ir.bin('*', ir.v('n'), ir.call('fact', [ir.bin('-', ir.v('n'), ir.num(1))])),
          ),
        ],
        ['n', 'r'],
      ),
    );
    runTicks(interp, devices, 1);
    expect(interp.variables()).toEqual({ n: 5, r: 120 });
  });

  it('a wait inside a procedure called from an expression inside a loop suspends and resumes correctly', () => {
    const { interp, devices, of } = setup(
      ir.program(
        [
          ir.script(start, [
            ir.set('total', ir.num(0)),
            ir.for('i', ir.num(1), ir.num(3), ir.num(1), [ir.change('total', ir.call('slowDouble', [ir.v('i')]))]),
            ir.log(ir.v('total')),
          ]),
        ],
        [ir.proc('slowDouble', ['x'], [ir.wait(ir.num(0.1))], ir.bin('*', ir.v('x'), ir.num(2)))],
      ),
    );
    runTicks(interp, devices, 30, 0, 50);
    expect(of('log').map((e) => [e.text, e.timeMs])).toEqual([['12', 300]]);
  });

  it('repeat, while, repeat-until, for (down too), for-each, break and continue behave like Blockly', () => {
    const { interp, devices, logs } = setup(
      ir.program([
        ir.script(start, [
          ir.repeat(ir.num(2.5), [ir.change('reps', ir.num(1))]),
          ir.while(ir.bin('<', ir.v('w'), ir.num(4)), [ir.change('w', ir.num(1))]),
          ir.while(ir.bin('>=', ir.v('u'), ir.num(3)), [ir.change('u', ir.num(1))], true),
          ir.set('down', ir.builtin('list.create', [])),
          ir.for('i', ir.num(5), ir.num(1), ir.num(2), [ir.listOp('list.add', 'down', [ir.v('i')])]),
          ir.set('odd', ir.builtin('list.create', [])),
          ir.forEach('x', ir.builtin('list.create', [1, 2, 3, 4, 5, 6].map((n) => ir.num(n))), [
            ir.if(ir.builtin('math.isEven', [ir.v('x')]), [ir.continue()]),
            ir.if(ir.bin('>', ir.v('x'), ir.num(4)), [ir.break()]),
            ir.listOp('list.add', 'odd', [ir.v('x')]),
          ]),
          ir.log(ir.builtin('text.join', [ir.v('reps'), ir.str(' '), ir.v('w'), ir.str(' '), ir.v('u'), ir.str(' '), ir.v('down'), ir.str(' '), ir.v('odd')])),
        ]),
      ]),
    );
    runTicks(interp, devices, 1);
    expect(logs()).toEqual(['3 4 3 5,3,1 1,3']);
  });

  it('lists are shared by reference like in Blockly', () => {
    const { interp, devices } = setup(
      ir.program([
        ir.script(start, [
          ir.set('a', ir.builtin('list.create', [ir.num(1)])),
          ir.set('b', ir.v('a')),
          ir.listOp('list.add', 'b', [ir.num(2)]),
        ]),
      ]),
    );
    runTicks(interp, devices, 1);
    expect(interp.variables().a).toEqual([1, 2]);
  });

  it('a list cannot grow past maxListLength', () => {
    const { interp, devices, of } = setup(
      ir.program([
        ir.script(start, [ir.set('l', ir.builtin('list.create', [])), ir.forever([ir.listOp('list.add', 'l', [ir.num(0)], 'add-block')])]),
      ]),
      { maxListLength: 10 },
    );
    runTicks(interp, devices, 1);
    expect(of('error')[0].error).toMatchObject({ blockId: 'add-block', code: 'listTooLong' });
  });

  it('equality compares numbers numerically and text case-sensitively; math blocks coerce numeric text', () => {
    const { interp, devices, logs } = setup(
      ir.program([
        ir.script(start, [
          ir.log(ir.bin('==', ir.str('5'), ir.num(5))),
          ir.log(ir.bin('==', ir.str('Abc'), ir.str('abc'))),
          ir.log(ir.bin('+', ir.str('2'), ir.num(3))),
          ir.log(ir.builtin('text.join', [ir.str('2'), ir.num(3)])),
        ]),
      ]),
    );
    runTicks(interp, devices, 1);
    expect(logs()).toEqual(['true', 'false', '5', '23']);
  });

  it('device arguments are coerced to the types the command table declares', () => {
    const { interp, devices, of } = setup(
      ir.program([ir.script(start, [ir.command('robot.setMotors', [ir.str('30'), ir.bool(true)]), ir.command('robot.showText', [ir.num(42)])])]),
    );
    runTicks(interp, devices, 1);
    expect(of('command').map((e) => e.args)).toEqual([[30, 1], ['42']]);
    expect(devices.calls.map((c) => [c.method, c.args])).toEqual([
      ['setMotors', [30, 1]],
      ['showText', ['42']],
    ]);
  });
});

describe('determinism', () => {
  const program =
    ir.program([
      ir.script(start, [
        ir.repeat(ir.num(20), [
          ir.command('robot.turnDeg', [ir.random(ir.num(-90), ir.num(90)), ir.num(50)]),
          ir.log(ir.random(ir.num(0), ir.num(1.5))),
        ]),
      ]),
      ir.script({ kind: 'obstacle', cm: 30 }, [ir.command('robot.driveCm', [ir.random(ir.num(-10), ir.num(-5)), ir.num(40)])]),
    ]);

  function trace(seed: number) {
    const devices = new FakeDevices({ actionTicks: 2 });
    const interp = new Interpreter(program, devices, { random: createRandom(seed) });
    const out: string[] = [];
    interp.onDidEmit((e) => {
      if (e.type === 'command' || e.type === 'log') out.push(JSON.stringify(e));
    });
    interp.start();
    for (let k = 0; k < 200; k++) {
      devices.robotReadings.distanceCm = k % 37 < 5 ? 10 : 100;
      devices.sample();
      interp.tick(k * 20);
    }
    return out;
  }

  it('the same program and seed give the same commands and random values', () => {
    const a = trace(42);
    expect(a.length).toBeGreaterThan(40);
    expect(trace(42)).toEqual(a);
    expect(trace(43)).not.toEqual(a);
  });

  it('random integers stay within both bounds, whichever order they are given in', () => {
    const { interp, devices, logs } = setup(
      ir.program([ir.script(start, [ir.repeat(ir.num(200), [ir.log(ir.random(ir.num(3), ir.num(1)))])])]),
    );
    runTicks(interp, devices, 1);
    expect(new Set(logs())).toEqual(new Set(['1', '2', '3']));
  });
});
