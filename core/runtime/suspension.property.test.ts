/**
 * Property: where a thread is cut off between ticks must never change what the program computes. Random programs
 * (nested loops with break/continue, ifs, list ops, procedures with parameters and return values called from inside
 * expressions, waits inside procedures) run once with a huge step budget and once with a budget of 1 statement per
 * tick; both must end in the same state with the same variables, the same printed lines and the same error (if
 * any). A failure is a program whose result depends on how busy the tick was: a suspension/resume bug in the
 * explicit stack (operand stack, call frames, loop counters).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Expr, Program, Stmt } from '../program/ir';
import { Interpreter } from './interpreter';
import { createRandom } from './random';
import { FakeDevices } from './testing';

const VARS = ['a', 'b', 'c'];
let ids = 0;
const id = () => `n${++ids}`;

function exprArb(depth: number): fc.Arbitrary<Expr> {
  const leaf: fc.Arbitrary<Expr> = fc.oneof(
    fc.integer({ min: -5, max: 9 }).map((value): Expr => ({ kind: 'num', value, blockId: id() })),
    fc.constantFrom(...VARS).map((name): Expr => ({ kind: 'var', name, blockId: id() })),
  );
  if (depth <= 0) return leaf;
  const sub = exprArb(depth - 1);
  return fc.oneof(
    { weight: 3, arbitrary: leaf },
    {
      weight: 3,
      arbitrary: fc
        .tuple(fc.constantFrom('+', '-', '*', '<', '==', 'and', 'or', '%') as fc.Arbitrary<'+' | '-' | '*' | '<' | '==' | 'and' | 'or' | '%'>, sub, sub)
        .map(([op, left, right]): Expr => ({ kind: 'binary', op, left, right, blockId: id() })),
    },
    { weight: 2, arbitrary: sub.map((arg): Expr => ({ kind: 'call', name: 'twice', args: [arg], blockId: id() })) },
    { weight: 1, arbitrary: sub.map((arg): Expr => ({ kind: 'call', name: 'slow', args: [arg], blockId: id() })) },
    {
      weight: 1,
      arbitrary: fc.tuple(sub, sub, sub).map(([cond, then, other]): Expr => ({ kind: 'ternary', cond, then, else: other, blockId: id() })),
    },
    { weight: 1, arbitrary: fc.constant<Expr>({ kind: 'builtin', name: 'list.length', args: [{ kind: 'var', name: 'L', blockId: id() }], blockId: id() }) },
  );
}

function stmtsArb(depth: number, inLoop: boolean): fc.Arbitrary<Stmt[]> {
  return fc.array(stmtArb(depth, inLoop), { minLength: 0, maxLength: 4 });
}

function stmtArb(depth: number, inLoop: boolean): fc.Arbitrary<Stmt> {
  const e = exprArb(2);
  const simple: fc.Arbitrary<Stmt>[] = [
    fc.tuple(fc.constantFrom(...VARS), e).map(([name, value]): Stmt => ({ kind: 'set', name, value, blockId: id() })),
    fc.tuple(fc.constantFrom(...VARS), e).map(([name, by]): Stmt => ({ kind: 'change', name, by, blockId: id() })),
    e.map((value): Stmt => ({ kind: 'log', value, blockId: id() })),
    e.map((value): Stmt => ({ kind: 'listOp', op: 'list.add', name: 'L', args: [value], blockId: id() })),
    e.map((arg): Stmt => ({ kind: 'callProc', name: 'bump', args: [arg], blockId: id() })),
  ];
  if (inLoop) {
    simple.push(
      fc.tuple(e, fc.boolean()).map(([cond, brk]): Stmt => ({
        kind: 'if',
        branches: [{ cond, body: [brk ? { kind: 'break', blockId: id() } : { kind: 'continue', blockId: id() }] }],
        else: null,
        blockId: id(),
      })),
    );
  }
  if (depth <= 0) return fc.oneof(...simple);
  const body = stmtsArb(depth - 1, true);
  return fc.oneof(
    ...simple,
    fc.tuple(e, stmtsArb(depth - 1, inLoop), stmtsArb(depth - 1, inLoop)).map(([cond, then, other]): Stmt => ({
      kind: 'if',
      branches: [{ cond, body: then }],
      else: other,
      blockId: id(),
    })),
    fc.tuple(fc.integer({ min: 0, max: 3 }), body).map(([n, b]): Stmt => ({ kind: 'repeat', times: { kind: 'num', value: n, blockId: id() }, body: b, blockId: id() })),
    fc.tuple(fc.integer({ min: -2, max: 3 }), fc.integer({ min: -2, max: 3 }), body).map(([from, to, b]): Stmt => ({
      // One loop variable per nesting depth: an inner loop reusing the outer's variable can loop forever (as in
      // Blockly), and this property needs programs that end.
      kind: 'for',
      name: `i${depth}`,
      from: { kind: 'num', value: from, blockId: id() },
      to: { kind: 'num', value: to, blockId: id() },
      by: { kind: 'num', value: 1, blockId: id() },
      body: b,
      blockId: id(),
    })),
    body.map((b): Stmt => ({ kind: 'forEach', name: `item${depth}`, list: { kind: 'builtin', name: 'list.create', args: [1, 2, 3].map((value) => ({ kind: 'num', value, blockId: id() }) as Expr), blockId: id() }, body: b, blockId: id() })),
  );
}

function program(body: Stmt[]): Program {
  const v = (name: string): Expr => ({ kind: 'var', name, blockId: id() });
  const num = (value: number): Expr => ({ kind: 'num', value, blockId: id() });
  return {
    irVersion: 1,
    target: 'robot',
    variables: [...VARS, 'L', 'i1', 'i2', 'i3', 'item1', 'item2', 'item3'],
    procedures: [
      // twice(x) = 2x, through a loop so a cut can land inside it.
      {
        name: 'twice',
        params: ['x'],
        blockId: 'twice',
        returnsValue: true,
        body: [{ kind: 'repeat', times: num(1), body: [{ kind: 'set', name: 'x', value: { kind: 'binary', op: '*', left: v('x'), right: num(2), blockId: id() }, blockId: id() }], blockId: id() }],
        result: v('x'),
      },
      // slow(x) waits a tick of device time, then returns x + 1 (early return when x is negative).
      {
        name: 'slow',
        params: ['x'],
        blockId: 'slow',
        returnsValue: true,
        body: [
          { kind: 'wait', seconds: num(0), blockId: id() },
          { kind: 'if', branches: [{ cond: { kind: 'binary', op: '<', left: v('x'), right: num(0), blockId: id() }, body: [{ kind: 'return', value: num(-1), blockId: id() }] }], else: null, blockId: id() },
        ],
        result: { kind: 'binary', op: '+', left: v('x'), right: num(1), blockId: id() },
      },
      // bump(n): a global changed by a procedure without a result.
      { name: 'bump', params: ['n'], blockId: 'bump', returnsValue: false, body: [{ kind: 'change', name: 'c', by: v('n'), blockId: id() }], result: null },
    ],
    scripts: [
      {
        trigger: { kind: 'start' },
        blockId: 'hat',
        body: [{ kind: 'set', name: 'L', value: { kind: 'builtin', name: 'list.create', args: [], blockId: id() }, blockId: id() }, ...body],
      },
    ],
  };
}

function outcome(p: Program, stepBudget: number) {
  const devices = new FakeDevices();
  const interp = new Interpreter(p, devices, { random: createRandom(1), stepBudget, maxListLength: 5_000 });
  const printed: string[] = [];
  let error: unknown = null;
  interp.onDidEmit((e) => {
    if (e.type === 'log') printed.push(e.text);
    if (e.type === 'error') error = { code: e.error.code, blockId: e.error.blockId };
  });
  interp.start();
  let t = 0;
  for (let k = 0; k < 200_000 && interp.state === 'running'; k++, t += 20) {
    devices.sample();
    interp.tick(t);
  }
  return { state: interp.state, variables: interp.variables(), printed, error };
}

describe('suspension never changes a result', () => {
  it('random programs compute the same with a budget of 1 statement per tick as with an unlimited one', () => {
    fc.assert(
      fc.property(stmtsArb(3, false), (body) => {
        const p = program(body);
        const whole = outcome(p, 1e7);
        const sliced = outcome(p, 1);
        expect(whole.state).not.toBe('running');
        expect(sliced.state).not.toBe('running');
        expect(sliced).toEqual(whole);
      }),
      { numRuns: 300, seed: 20261123 },
    );
  });
});
