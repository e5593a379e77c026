/**
 * Code view: the JavaScript and Python a student sees next to the blocks. Golden files (`__golden__/`) hold the
 * text for every example project; a difference fails. After an intended change, regenerate with
 * `UPDATE_GOLDEN=1 npx vitest run core/codegen` and review the diff.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromBlockly, type Expr, type Program, type Stmt } from '../program';
import { toJavaScript, toJavaScriptWithMap, toPython, toPythonWithMap } from './index';

const UPDATE = process.env.UPDATE_GOLDEN === '1';
const goldenDir = new URL('./__golden__/', import.meta.url);

function golden(name: string, actual: string) {
  const url = new URL(name, goldenDir);
  if (UPDATE) {
    mkdirSync(goldenDir, { recursive: true });
    writeFileSync(url, actual);
    return;
  }
  expect(existsSync(url), `missing golden ${name}; run with UPDATE_GOLDEN=1`).toBe(true);
  expect(actual).toBe(readFileSync(url, 'utf8'));
}

describe('code view golden files (generated from the example projects)', () => {
  for (const base of ['square', 'line-follow', 'obstacle-avoid', 'drone-rings', 'sensor-alarm', 'compute', 'colour-sort-knn']) {
    const project = JSON.parse(readFileSync(new URL(`../../examples/${base}.ailab`, import.meta.url), 'utf8'));
    const { program } = fromBlockly(project.workspace, project.target);
    it(`${base}: JavaScript matches __golden__/${base}.js`, () => golden(`${base}.js`, toJavaScript(program)));
    it(`${base}: Python matches __golden__/${base}.py`, () => golden(`${base}.py`, toPython(program)));
  }
});

const n = (value: number): Expr => ({ kind: 'num', value, blockId: '' });
const v = (name: string): Expr => ({ kind: 'var', name, blockId: '' });
const bin = (op: Extract<Expr, { kind: 'binary' }>['op'], left: Expr, right: Expr): Expr => ({ kind: 'binary', op, left, right, blockId: '' });
function prog(body: Stmt[], variables: string[] = []): Program {
  return { irVersion: 1, target: 'robot', variables, procedures: [], scripts: [{ trigger: { kind: 'start' }, body, blockId: '' }] };
}
const log = (e: Expr): Stmt => ({ kind: 'log', value: e, blockId: '' });

describe('code view details a student would notice', () => {
  it('the header comment names the kit in the language of the UI (Chinese first)', () => {
    const program: Program = { irVersion: 1, target: 'drone', variables: [], procedures: [], scripts: [] };
    expect(toJavaScript(program, 'zh-CN').split('\n')[0]).toBe('// AI 实验室 · 无人机 · 由积木生成的 JavaScript 代码（只读）');
    expect(toPython(program, 'zh-CN').split('\n')[0]).toBe('# AI 实验室 · 无人机 · 由积木生成的 Python 代码（只读）');
    expect(toPython(program, 'en').split('\n')[0]).toBe('# AI Lab Studio · drone · Python view of the blocks (read-only)');
  });

  it('keeps the meaning of nested arithmetic with the fewest brackets', () => {
    const p = prog([
      log(bin('*', bin('+', v('a'), n(1)), v('b'))),
      log(bin('-', v('a'), bin('-', v('b'), v('c')))),
      log(bin('^', { kind: 'unary', op: 'neg', arg: v('a'), blockId: '' }, n(2))),
      log(bin('and', bin('<', v('a'), v('b')), { kind: 'unary', op: 'not', arg: bin('or', v('c'), v('a')), blockId: '' })),
    ], ['a', 'b', 'c']);
    const js = toJavaScript(p);
    expect(js).toContain('console.log((a + 1) * b);');
    expect(js).toContain('console.log(a - (b - c));');
    expect(js).toContain('console.log((-a) ** 2);');
    expect(js).toContain('console.log(a < b && !(c || a));');
    const py = toPython(p);
    expect(py).toContain('print((a + 1) * b)');
    expect(py).toContain('print((-a) ** 2)');
    expect(py).toContain('print(a < b and not (c or a))');
  });

  it('shows variable names a student typed in Chinese or with spaces as valid identifiers, distinct from each other', () => {
    const p = prog([
      { kind: 'set', name: '速度', value: n(1), blockId: '' },
      { kind: 'set', name: 'my speed', value: n(2), blockId: '' },
      { kind: 'set', name: 'my_speed', value: n(3), blockId: '' },
      { kind: 'set', name: 'while', value: n(4), blockId: '' },
    ], ['速度', 'my speed', 'my_speed', 'while']);
    const js = toJavaScript(p);
    expect(js).toContain('速度 = 1;');
    expect(js).toContain('my_speed = 2;');
    expect(js).toContain('my_speed2 = 3;');
    expect(js).toContain('while_ = 4;');
    expect(toPython(p)).toContain('    global 速度, my_speed, my_speed2, while_');
  });

  it('an empty event script is still valid Python (pass) and JavaScript', () => {
    const p = prog([]);
    expect(toPython(p)).toContain('@when.started\ndef on_start():\n    pass\n');
    expect(toJavaScript(p)).toContain('when.started(async () => {\n});\n');
  });

  it('blocking device commands read as await in JavaScript, instant ones do not', () => {
    const js = toJavaScript(prog([
      { kind: 'command', op: 'robot.driveCm', args: [n(20), n(50)], blockId: '' },
      { kind: 'command', op: 'robot.setMotors', args: [n(10), n(50)], blockId: '' },
    ]));
    expect(js).toContain('  await robot.driveCm(20, 50);\n  robot.setMotors(10, 50);\n');
    expect(toPython(prog([{ kind: 'command', op: 'robot.driveCm', args: [n(20), n(50)], blockId: '' }]))).toContain('    robot.drive_cm(20, 50)\n');
  });

  it('each code line knows the block it came from, so the running block can be highlighted in the code view', () => {
    const project = JSON.parse(readFileSync(new URL('../../examples/square.ailab', import.meta.url), 'utf8'));
    const { program } = fromBlockly(project.workspace, project.target);
    const repeat = program.scripts[0].body[0] as Extract<Stmt, { kind: 'repeat' }>;
    const drive = repeat.body[1];
    for (const [{ text, lineBlockIds }, needle, hatLine] of [
      [toJavaScriptWithMap(program), 'await robot.driveCm(30, 50);', 'when.started(async () => {'],
      [toPythonWithMap(program), 'robot.drive_cm(30, 50)', 'def on_start():'],
    ] as const) {
      const lines = text.split('\n');
      expect(lineBlockIds.length).toBe(lines.length - 1);
      expect(lineBlockIds[lines.findIndex((l) => l.trim() === needle)]).toBe(drive.blockId);
      expect(lineBlockIds[lines.findIndex((l) => l.trim() === hatLine)]).toBe(program.scripts[0].blockId);
      expect(lineBlockIds[0]).toBe('');
    }
  });

  it('a variable and a block of your own with the same name get different identifiers', () => {
    const p: Program = {
      irVersion: 1, target: 'robot', variables: ['score'],
      procedures: [{ name: 'score', params: [], body: [], result: null, returnsValue: false, blockId: '' }],
      scripts: [{ trigger: { kind: 'start' }, blockId: '', body: [{ kind: 'set', name: 'score', value: n(1), blockId: '' }, { kind: 'callProc', name: 'score', args: [], blockId: '' }] }],
    };
    const js = toJavaScript(p);
    expect(js).toContain('async function score2() {');
    expect(js).toContain('  score = 1;\n  await score2();');
  });
});
