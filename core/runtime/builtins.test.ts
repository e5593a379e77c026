import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as programBuiltins from '../program/builtins';
import type { Value } from '../program/ir';
import { BUILTINS, LIST_OPS, type BuiltinContext } from './builtins';
import { createRandom } from './random';
import { RuntimeFault } from './values';

const ctx: BuiltinContext = { blockId: 'blk', random: createRandom(7), maxListLength: 1000 };
const call = (name: string, ...args: Value[]) => BUILTINS[name](args, ctx);
const mutate = (name: string, list: Value[], ...args: Value[]) => {
  LIST_OPS[name](list, args, ctx);
  return list;
};
const faultOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof RuntimeFault) return { code: e.code, blockId: e.blockId, params: e.params };
    throw e;
  }
  return null;
};

describe('builtins the block engineer emits all exist', () => {
  it('every builtin and list op named in core/program/builtins.ts runs in the interpreter', () => {
    const missingBuiltins = Object.keys(programBuiltins.BUILTINS).filter((n) => !(n in BUILTINS));
    const missingListOps = Object.keys(programBuiltins.LIST_OPS).filter((n) => !(n in LIST_OPS));
    expect(missingBuiltins).toEqual([]);
    expect(missingListOps).toEqual([]);
  });

  it('every text./list./math. name in fromBlockly source is a builtin or list op the interpreter knows', () => {
    const file = fileURLToPath(new URL('../program/from-blockly.ts', import.meta.url));
    if (!existsSync(file)) return; // not written yet: the contract check above still holds
    const names = new Set([...readFileSync(file, 'utf8').matchAll(/['"`]((?:text|list|math)\.[A-Za-z]+)['"`]/g)].map((m) => m[1]));
    const unknown = [...names].filter((n) => !(n in BUILTINS) && !(n in LIST_OPS));
    expect(unknown).toEqual([]);
  });
});

describe('list builtins use 1-based positions and refuse positions outside the list', () => {
  it('gets items from the start, the end, first and last', () => {
    const l = [10, 20, 30];
    expect(call('list.get', l, 'FROM_START', 1)).toBe(10);
    expect(call('list.get', l, 'FROM_END', 1)).toBe(30);
    expect(call('list.get', l, 'FIRST', 1)).toBe(10);
    expect(call('list.get', l, 'LAST', 1)).toBe(30);
    expect(l).toContain(call('list.get', l, 'RANDOM', 1));
  });

  it('position 0, past the end, fractional and on an empty list are listIndex errors on the block', () => {
    expect(faultOf(() => call('list.get', [1, 2], 'FROM_START', 0))).toEqual({ code: 'listIndex', blockId: 'blk', params: { index: 0, length: 2 } });
    expect(faultOf(() => call('list.get', [1, 2], 'FROM_START', 3))?.code).toBe('listIndex');
    expect(faultOf(() => call('list.get', [1, 2], 'FROM_START', 1.5))?.code).toBe('listIndex');
    expect(faultOf(() => call('list.get', [], 'FIRST', 1))?.code).toBe('listIndex');
    expect(faultOf(() => call('list.length', 5))?.code).toBe('notAList');
  });

  it('insert, set, remove and get-and-remove change the list in place like Blockly', () => {
    expect(mutate('list.insert', [1, 2, 3], 'FROM_START', 1, 0)).toEqual([0, 1, 2, 3]);
    expect(mutate('list.insert', [1, 2, 3], 'FROM_START', 4, 4)).toEqual([1, 2, 3, 4]);
    expect(mutate('list.insert', [1, 2, 3], 'FROM_END', 1, 9)).toEqual([1, 2, 9, 3]);
    expect(mutate('list.insert', [1, 2, 3], 'LAST', 1, 9)).toEqual([1, 2, 3, 9]);
    expect(mutate('list.set', [1, 2, 3], 'FROM_END', 1, 9)).toEqual([1, 2, 9]);
    expect(mutate('list.remove', [1, 2, 3], 'FIRST', 1)).toEqual([2, 3]);
    const l = [1, 2, 3];
    expect(call('list.getRemove', l, 'LAST', 1)).toBe(3);
    expect(l).toEqual([1, 2]);
    expect(faultOf(() => mutate('list.remove', [1], 'FROM_START', 2))?.code).toBe('listIndex');
  });

  it('sublist, index of, sort, split and join', () => {
    expect(call('list.sublist', [1, 2, 3, 4], 'FROM_START', 2, 'FROM_END', 1)).toEqual([2, 3, 4]);
    expect(call('list.indexOf', [5, 6, 5], 5, 'LAST')).toBe(3);
    expect(call('list.indexOf', [5, 6, 5], 7, 'FIRST')).toBe(0);
    expect(call('list.sort', [3, 10, 2], 'NUMERIC', 1)).toEqual([2, 3, 10]);
    expect(call('list.sort', ['b', 'A', 'c'], 'IGNORE_CASE', -1)).toEqual(['c', 'b', 'A']);
    expect(call('list.split', 'a,b', ',')).toEqual(['a', 'b']);
    expect(call('list.join', [1, 2], '-')).toBe('1-2');
    expect(call('list.repeat', 'x', 3)).toEqual(['x', 'x', 'x']);
  });
});

describe('text and math builtins', () => {
  it('text blocks behave like Blockly', () => {
    expect(call('text.join', 'a', 1, true, [1, 2])).toBe('a1true1,2');
    expect(call('text.indexOf', 'banana', 'an', 'LAST')).toBe(4);
    expect(call('text.charAt', 'abc', 'FROM_END', 1)).toBe('c');
    expect(call('text.substring', 'hello', 'FROM_START', 2, 'FROM_START', 4)).toBe('ell');
    expect(call('text.changeCase', 'hello world', 'TITLECASE')).toBe('Hello World');
    expect(call('text.trim', '  x  ', 'LEFT')).toBe('x  ');
    expect(call('text.count', 'banana', 'a')).toBe(3);
    expect(call('text.replace', 'a-b-c', '-', '+')).toBe('a+b+c');
    expect(call('text.reverse', 'abc')).toBe('cba');
    expect(faultOf(() => call('text.toNumber', 'abc'))?.code).toBe('notANumber');
  });

  it('math blocks behave like Blockly', () => {
    expect(call('math.constrain', 15, 0, 10)).toBe(10);
    expect([call('math.isEven', 4), call('math.isOdd', -3), call('math.isPrime', 97), call('math.isPrime', 1)]).toEqual([true, true, true, false]);
    expect(call('math.isDivisibleBy', 9, 0)).toBe(false);
    expect(call('math.average', [1, 2, 3, 6])).toBe(3);
    expect(call('math.median', [5, 1, 3, 2])).toBe(2.5);
    expect(call('math.stdDev', [2, 4, 4, 4, 5, 5, 7, 9])).toBe(2);
    expect(call('math.atan2', 1, 1)).toBeCloseTo(45);
    expect(call('math.infinity')).toBe(Infinity);
    expect(faultOf(() => call('math.sum', [1, 'x']))?.code).toBe('notANumber');
  });
});
