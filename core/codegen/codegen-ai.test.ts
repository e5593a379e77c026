/** Code view of AI blocks: `ai.<op>(…)` calls a student can read next to the blocks, in JavaScript and Python. */
import { describe, expect, it } from 'vitest';
import type { Expr, Program, Stmt } from '../program';
import { toJavaScript, toPython } from './index';

const s = (value: string): Expr => ({ kind: 'str', value, blockId: '' });
const n = (value: number): Expr => ({ kind: 'num', value, blockId: '' });
const v = (name: string): Expr => ({ kind: 'var', name, blockId: '' });
const ai = (op: string, args: Expr[]): Expr => ({ kind: 'ai', op, args, blockId: '' });
const aiDo = (op: string, args: Expr[]): Stmt => ({ kind: 'ai', op, args, blockId: '' });

function prog(body: Stmt[], variables: string[]): Program {
  return { irVersion: 1, target: 'robot', variables, procedures: [], scripts: [{ trigger: { kind: 'start' }, body, blockId: '' }] };
}

describe('code view of AI blocks', () => {
  const p = prog([
    aiDo('record', [ai('features', [v('r'), v('g'), v('b')]), s('红'), s('颜色数据')]),
    aiDo('trainKnn', [s('颜色分类器'), s('颜色数据'), n(3), n(20)]),
    { kind: 'if', branches: [{ cond: { kind: 'binary', op: '==', left: ai('predict', [s('颜色分类器'), ai('features', [v('r'), v('g'), v('b')])]), right: s('红'), blockId: '' }, body: [] }], else: null, blockId: '' },
    { kind: 'log', value: ai('clusterOf', [s('分组'), ai('features', [v('r')])]), blockId: '' },
  ], ['r', 'g', 'b']);

  it('JavaScript: statements end with ";", the features block is a list literal', () => {
    const js = toJavaScript(p);
    expect(js).toContain('ai.record([r, g, b], "红", "颜色数据");');
    expect(js).toContain('ai.trainKnn("颜色分类器", "颜色数据", 3, 20);');
    expect(js).toContain('if (ai.predict("颜色分类器", [r, g, b]) === "红") {');
    expect(js).toContain('console.log(ai.clusterOf("分组", [r]));');
  });

  it('Python: ops in snake_case', () => {
    const py = toPython(p);
    expect(py).toContain('ai.record([r, g, b], "红", "颜色数据")');
    expect(py).toContain('ai.train_knn("颜色分类器", "颜色数据", 3, 20)');
    expect(py).toContain('if ai.predict("颜色分类器", [r, g, b]) == "红":');
    expect(py).toContain('print(ai.cluster_of("分组", [r]))');
  });

  it('a variable called "ai" is renamed so it cannot hide the ai helper', () => {
    const js = toJavaScript(prog([{ kind: 'set', name: 'ai', value: ai('datasetSize', [s('d')]), blockId: '' }], ['ai']));
    expect(js).toContain('ai2 = ai.datasetSize("d");');
  });
});
