// @vitest-environment jsdom
/**
 * The Q-table view and the tokenizer panel rendered in jsdom with the real strings: the Q-table view draws a model
 * really trained by core/ai/qlearning.ts (seeded), the tokenizer panel the real tokenizer. A failure here is a heat
 * map whose arrows disagree with what the robot will drive, a path that is not drawn, a damaged model crashing the
 * panel, or token chips/counts that disagree with the token blocks.
 */
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SavedModel } from '../../../core/ai/contracts';
import { gridWorldForArena } from '../../../core/ai/grid-world';
import { greedyPath, toModelState, trainQLearning } from '../../../core/ai/qlearning';
import { createRandom } from '../../../core/runtime/random';
import { QTableView } from './QTableView';
import { click, render, type Rendered } from './test-render';
import { TokenizerPanel } from './TokenizerPanel';

let view: Rendered | null = null;
afterEach(() => {
  view?.unmount();
  view = null;
});

function qModel(name: string, episodes: number, id = 'model-1'): SavedModel {
  const grid = gridWorldForArena('grid-5x5')!;
  const training = trainQLearning(grid, { episodes, alpha: 0.5, gamma: 0.9, epsilon: 0.2 }, createRandom(7));
  return {
    id, name, kind: 'qlearning', datasetId: null, features: ['row', 'col'],
    params: { arena: 'grid-5x5', episodes }, state: toModelState(grid, training), metrics: { trainSize: episodes, testSize: 0 },
  };
}

/** Sets a textarea's value the way React sees typing. */
function typeText(el: HTMLTextAreaElement, text: string): void {
  act(() => {
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(el, text);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('Q-table view', () => {
  it('draws every cell with the best action the robot will take, walls, goal, trap and the learned path', () => {
    const model = qModel('寻路', 300);
    view = render(<QTableView models={[model]} defaultOpen />, 'en');
    const grid = gridWorldForArena('grid-5x5')!;
    const { q } = { q: Float64Array.from((model.state as { q: number[][] }).q.flat()) };
    const path = greedyPath(grid, q);
    // 25 cells; the goal and the trap are labelled.
    expect(view.container.querySelectorAll('[data-testid^="qcell-"]')).toHaveLength(25);
    expect(view.one('qcell-0-3').dataset.kind).toBe('goal');
    expect(view.one('qcell-0-3').textContent).toContain('Goal');
    expect(view.one('qcell-1-3').dataset.kind).toBe('trap');
    // Every cell on the learned path shows, as its arrow, the move the path makes from it.
    path.actions.forEach((a, i) => {
      const c = path.cells[i];
      expect(view!.one(`qcell-${c.row}-${c.col}`).dataset.best, `cell ${c.row},${c.col}`).toBe(a);
    });
    // Border walls (20 sides) plus the inner ones of the arena, drawn once each.
    expect(view.all('qtable-wall').length).toBe(20 + 6);
    // The path polyline goes through start … goal: 10 points.
    expect(view.one('qtable-path').getAttribute('points')!.split(' ')).toHaveLength(path.cells.length);
    expect(view.one('qtable-path-summary').textContent).toContain('Learned path: 9 moves');
    expect(view.one('qtable-path-summary').textContent).toContain('reaches the goal');
    expect(view.one('qtable-summary').textContent).toMatch(/Trained for 300 episodes; \d+ reached the goal/);
    expect(view.one('qtable-curve').querySelector('polyline')!.getAttribute('points')!.split(' ')).toHaveLength(300);
  });

  it('colours better cells greener: the cell next to the goal is greener than the start cell', () => {
    view = render(<QTableView models={[qModel('Q', 300)]} defaultOpen />, 'en');
    const hue = (id: string) => Number(/hsl\((\d+)/.exec(view!.one(id).querySelector('rect')!.getAttribute('fill')!)![1]);
    expect(hue('qcell-0-4')).toBeGreaterThan(hue('qcell-4-0'));
    // The cell's tooltip lists the four Q-values.
    expect(view.one('qcell-0-4').querySelector('title')!.textContent).toMatch(/^Row 0, column 4: north -?[\d.]+, east -?[\d.]+, south -?[\d.]+, west [\d.]+$/);
  });

  it('hides and shows the learned path with its checkbox', () => {
    view = render(<QTableView models={[qModel('Q', 300)]} defaultOpen />, 'en');
    click(view.one('qtable-show-path'));
    expect(view.all('qtable-path')).toHaveLength(0);
    click(view.one('qtable-show-path'));
    expect(view.all('qtable-path')).toHaveLength(1);
  });

  it('shows an untrained-looking model honestly: too few episodes and the path does not reach the goal', () => {
    view = render(<QTableView models={[qModel('Q', 2)]} defaultOpen />, 'en');
    expect(view.one('qtable-path-summary').textContent).not.toContain('reaches the goal');
  });

  it('lets the student pick among several Q models and ignores other kinds of model', () => {
    const knn: SavedModel = { id: 'model-9', name: 'K', kind: 'knn', datasetId: 'd', features: ['x'], params: {}, state: {}, metrics: { trainSize: 1, testSize: 0 } };
    view = render(<QTableView models={[knn, qModel('A', 300, 'model-1'), qModel('B', 2, 'model-2')]} defaultOpen />, 'en');
    const select = view.one('qtable-model') as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual(['A', 'B']);
    expect(view.one('qtable-path-summary').textContent).toContain('reaches the goal');
    act(() => {
      select.value = 'model-2';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(view.one('qtable-summary').textContent).toContain('Trained for 2 episodes');
  });

  it('says so when there is no Q model yet, and when a saved one is damaged (no crash), in Chinese too', () => {
    view = render(<QTableView models={[]} defaultOpen />, 'zh-CN');
    expect(view.one('qtable-empty').textContent).toContain('还没有 Q 学习模型');
    view.unmount();
    const damaged = { ...qModel('Q', 10), state: { version: 1, grid: 'nope' } };
    view = render(<QTableView models={[damaged]} defaultOpen />, 'zh-CN');
    expect(view.one('qtable-damaged').textContent).toBe('这个 Q 学习模型保存的数据坏了，请重新训练。');
  });

  it('starts closed with the number of Q models on its button', () => {
    view = render(<QTableView models={[qModel('Q', 10)]} />, 'en');
    expect(view.one('qtable-toggle').textContent).toContain('Q-table (1)');
    expect(view.all('qtable-grid')).toHaveLength(0);
    click(view.one('qtable-toggle'));
    expect(view.all('qtable-grid')).toHaveLength(1);
  });
});

describe('tokenizer panel', () => {
  it('shows the default text as coloured token chips with ids and the count', () => {
    view = render(<TokenizerPanel defaultOpen />, 'en');
    const texts = view.all('token-text').map((e) => e.textContent);
    expect(texts).toEqual(['我', '喜欢', '人工智能', '。', 'robot', '##s', 'are', 'learning', '!']);
    expect(view.one('tokenizer-count').textContent).toBe('9 tokens');
    expect(view.one('tokenizer-chars').textContent).toBe('28 characters');
    expect(view.all('token-id').map((e) => Number(e.textContent))).toEqual(view.all('token-chip').map((e) => Number(e.dataset.id)));
  });

  it('re-tokenizes as the student types, marks unknown characters, and hides ids on request', () => {
    view = render(<TokenizerPanel defaultOpen />, 'en');
    typeText(view.one('tokenizer-input') as HTMLTextAreaElement, '我爱AI机器人！😀');
    expect(view.all('token-text').map((e) => e.textContent)).toEqual(['我', '爱', 'ai', '机器人', '！', '[UNK]']);
    expect(view.all('token-id').map((e) => e.textContent)).toEqual(['643', '788', '402', '1192', '38', '1']);
    expect(view.one('tokenizer-count').textContent).toBe('6 tokens');
    expect(view.one('tokenizer-unknown').textContent).toContain('[UNK]');
    click(view.one('tokenizer-show-ids'));
    expect(view.all('token-id')).toHaveLength(0);
    typeText(view.one('tokenizer-input') as HTMLTextAreaElement, '');
    expect(view.one('tokenizer-count').textContent).toBe('0 tokens');
    expect(view.all('token-chip')).toHaveLength(0);
  });

  it('speaks Chinese in a Chinese classroom and warns when pasted text is cut', () => {
    view = render(<TokenizerPanel defaultOpen initialText={'好'.repeat(20_010)} />, 'zh-CN');
    expect(view.one('tokenizer-count').textContent).toBe('20000 个词元');
    expect(view.one('tokenizer-too-long').textContent).toBe('文字太长了：只处理前 20000 个字符。');
    // Only the first 1,000 chips are drawn; the rest are counted and said.
    expect(view.all('token-chip')).toHaveLength(1000);
    expect(view.one('tokenizer-more').textContent).toContain('19000');
    expect(view.one('tokenizer-toggle').textContent).toContain('分词');
  });
});
