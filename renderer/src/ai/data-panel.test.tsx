// @vitest-environment jsdom
/**
 * The data panel as a student uses it, in jsdom with the real strings and core/ai's dataset functions: the table
 * pages through 10,000 samples showing 100 rows, a relabel and a delete change the project's dataset and Ctrl+Z in
 * the panel undoes them, the class-balance bars and the fairness warnings follow the data, and CSV goes out with a
 * BOM and comes back with its Chinese labels intact, while a broken file is refused naming its row and loses nothing.
 */
import { act, useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { AiState, Dataset } from '../../../core/ai/contracts';
import type { Language } from '../../../core/i18n';
import { AiPanel } from './AiPanel';
import type { LiveReadings } from './live-readings';
import { datasetFromCsv, datasetToCsv } from '../../../core/ai/datasets';
import { click, key, render, typeInto, type Rendered } from './test-render';

let view: Rendered | null = null;
afterEach(() => {
  view?.unmount();
  view = null;
});

function colours(n: number): Dataset {
  const labels = ['红', '绿', '蓝'];
  return {
    id: 'dataset-1',
    name: '颜色数据',
    features: ['红', '绿', '蓝'],
    samples: Array.from({ length: n }, (_, i) => ({ values: [i % 3 === 0 ? 200 : 20, i % 3 === 1 ? 180 : 30, i % 3 === 2 ? 190 : 25], label: labels[i % 3]! })),
  };
}

/** The panel inside a tiny host that holds the AI state the way App does, so edits and undo round-trip. */
function Host(props: { initial: AiState; language?: Language; seen: AiState[]; readings?: () => LiveReadings }) {
  const [ai, setAi] = useState(props.initial);
  return (
    <AiPanel
      ai={ai}
      language={props.language ?? 'en'}
      defaultOpen
      readings={props.readings}
      onChange={(next) => {
        props.seen.push(next);
        setAi(next);
      }}
    />
  );
}

describe('data panel', () => {
  it('pages 10,000 samples 100 rows at a time', () => {
    view = render(<Host initial={{ datasets: [colours(10_000)], models: [] }} seen={[]} />);
    expect(view.all('data-row')).toHaveLength(100);
    expect(view.one('page-status').textContent).toBe('Page 1/100 (samples 1–100 of 10000)');
    click(view.one('page-next'));
    expect(view.one('page-status').textContent).toContain('samples 101–200');
    expect(view.all('data-row')[0]!.textContent).toContain('101');
  });

  it('relabel and delete change the dataset; Ctrl+Z in the panel undoes them one by one', () => {
    const seen: AiState[] = [];
    view = render(<Host initial={{ datasets: [colours(9)], models: [] }} seen={seen} />);
    const label0 = view.one('label-0') as HTMLInputElement;
    typeInto(label0, '紫');
    key(label0, 'Enter');
    expect(seen.at(-1)!.datasets[0]!.samples[0]!.label).toBe('紫');
    expect(view.all('balance-row').map((r) => r.dataset.label)).toContain('紫');

    click(view.one('tick-1'));
    click(view.one('tick-2'));
    click(view.one('delete-rows'));
    expect(seen.at(-1)!.datasets[0]!.samples).toHaveLength(7);
    expect(view.all('data-row')).toHaveLength(7);

    key(view.one('ai-panel'), 'z', { ctrlKey: true });
    expect(seen.at(-1)!.datasets[0]!.samples).toHaveLength(9);
    expect(view.one('ai-notice').textContent).toBe('Undone: delete rows (2)');
    click(view.one('ai-undo'));
    expect(seen.at(-1)!.datasets[0]!.samples[0]!.label).toBe('红');
    expect((view.one('ai-undo') as HTMLButtonElement).disabled).toBe(true);
  });

  it('renaming a feature in the table header renames it in the dataset (undoable)', () => {
    const seen: AiState[] = [];
    view = render(<Host initial={{ datasets: [{ ...colours(3), features: ['x1', 'x2', 'x3'] }], models: [] }} seen={seen} />);
    const header = view.one('feature-0') as HTMLInputElement;
    typeInto(header, '红色量');
    key(header, 'Enter');
    expect(seen.at(-1)!.datasets[0]!.features).toEqual(['红色量', 'x2', 'x3']);
    click(view.one('ai-undo'));
    expect(seen.at(-1)!.datasets[0]!.features).toEqual(['x1', 'x2', 'x3']);
  });

  it('a change from outside the panel (a run recorded more samples) clears the undo list, so undo cannot erase it', () => {
    const seen: AiState[] = [];
    const first = { datasets: [colours(3)], models: [] };
    view = render(<AiPanel ai={first} language="en" defaultOpen onChange={(n) => seen.push(n)} />);
    click(view.one('tick-0'));
    click(view.one('delete-rows'));
    expect((view.one('ai-undo') as HTMLButtonElement).disabled).toBe(false);
    view.rerender(<AiPanel ai={{ datasets: [colours(12)], models: [] }} language="en" defaultOpen onChange={(n) => seen.push(n)} />);
    expect((view.one('ai-undo') as HTMLButtonElement).disabled).toBe(true);
  });

  it('an empty label is not accepted: the old label comes back', () => {
    const seen: AiState[] = [];
    view = render(<Host initial={{ datasets: [colours(3)], models: [] }} seen={seen} />);
    const label0 = view.one('label-0') as HTMLInputElement;
    typeInto(label0, '   ');
    key(label0, 'Enter');
    expect(seen).toHaveLength(0);
    expect(label0.value).toBe('红');
  });

  it('shows class balance and warns (in Chinese) when a class is too small or the data is unbalanced', () => {
    const d = colours(30);
    const unbalanced: Dataset = { ...d, samples: [...d.samples.filter((s) => s.label !== '蓝'), ...d.samples.filter((s) => s.label === '蓝').slice(0, 2)] };
    view = render(<Host initial={{ datasets: [unbalanced], models: [] }} language="zh-CN" seen={[]} />, 'zh-CN');
    const bars = Object.fromEntries(view.all('balance-row').map((r) => [r.dataset.label, Number(r.dataset.count)]));
    expect(bars).toEqual({ 红: 10, 绿: 10, 蓝: 2 });
    const warnings = view.all('data-warning').map((w) => w.textContent ?? '');
    expect(warnings.some((w) => w.includes('蓝') && w.includes('2'))).toBe(true);
    expect(warnings.some((w) => w.includes('不平衡'))).toBe(true);
  });

  it('a balanced dataset of a good size gets no warning', () => {
    view = render(<Host initial={{ datasets: [colours(30)], models: [] }} seen={[]} />);
    expect(view.all('data-warning')).toHaveLength(0);
  });
});

describe('CSV', () => {
  it('export starts with a BOM and round-trips Chinese labels, feature names and numbers', () => {
    const d = colours(6);
    const text = datasetToCsv({ ...d, samples: [...d.samples, { values: [1.5, -2, 0.125], label: '带,逗号的"标签"' }] });
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const back = datasetFromCsv(text, 'dataset-9', '导入');
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.dataset.features).toEqual(['红', '绿', '蓝']);
    expect(back.dataset.samples).toEqual([...d.samples, { values: [1.5, -2, 0.125], label: '带,逗号的"标签"' }]);
    expect(back.dataset.name).toBe('导入');
  });

  it('a file with a bad number is refused naming the row, in both languages, and nothing is added', async () => {
    const seen: AiState[] = [];
    const bad = '\ufeffr,g,label\n1,2,红\n3,abc,绿\n';
    const result = datasetFromCsv(bad, 'dataset-9', 'x');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message['zh-CN']).toContain('3');
    expect(result.error.message.en).toMatch(/row 3/i);
    view = render(<Host initial={{ datasets: [colours(3)], models: [] }} seen={seen} />);
    const input = view.one('csv-file') as HTMLInputElement;
    const file = new File([bad], 'bad.csv', { type: 'text/csv' });
    Object.defineProperty(input, 'files', { value: [file] });
    await act(async () => {
      input.dispatchEvent(new Event('change', { bubbles: true }));
      await new Promise((r) => setTimeout(r, 20));
    });
    expect(view.one('data-error').textContent).toContain('bad.csv');
    expect(view.one('data-error').textContent).toMatch(/row 3/i);
    expect(seen).toHaveLength(0);
    // The dataset that was there is untouched.
    expect(view.one('data-panel').dataset.samples).toBe('3');
  });

  it('an imported file becomes a new dataset, shown and undoable', async () => {
    const seen: AiState[] = [];
    view = render(<Host initial={{ datasets: [colours(3)], models: [] }} seen={seen} />);
    const input = view.one('csv-file') as HTMLInputElement;
    const file = new File(['\ufeff亮度,标签\n10,暗\n90,亮\n'], '光线.csv', { type: 'text/csv' });
    Object.defineProperty(input, 'files', { value: [file] });
    await act(async () => {
      input.dispatchEvent(new Event('change', { bubbles: true }));
      await new Promise((r) => setTimeout(r, 20));
    });
    expect(seen.at(-1)!.datasets).toHaveLength(2);
    expect(view.one('data-panel').dataset.dataset).toBe('光线');
    expect(view.one('data-info').textContent).toContain('Imported 2 samples');
    click(view.one('ai-undo'));
    expect(seen.at(-1)!.datasets).toHaveLength(1);
  });
});

describe('panel', () => {
  it('closed, it says how many datasets and models the project has; open, it shows the data', () => {
    view = render(<AiPanel ai={{ datasets: [colours(3)], models: [] }} language="en" onChange={() => undefined} />);
    expect(view.one('ai-panel-toggle').textContent).toBe('▸ Show data & models (datasets: 1, models: 0)');
    expect(view.all('data-panel')).toHaveLength(0);
    click(view.one('ai-panel-toggle'));
    expect(view.one('data-panel').dataset.samples).toBe('3');
  });
});

describe('recording by hand', () => {
  it('ticked sensors and a label become a sample: first a new dataset named after the sensors, then more rows', () => {
    const seen: AiState[] = [];
    let light = 42;
    view = render(<Host initial={{ datasets: [], models: [] }} seen={seen} readings={() => ({ lightPercent: light, knobPercent: 10 })} />);
    expect(view.all('record-distanceCm')).toHaveLength(0);
    click(view.one('record-lightPercent'));
    typeInto(view.one('record-label') as HTMLInputElement, '亮');
    click(view.one('record-now'));
    const d = seen.at(-1)!.datasets[0]!;
    expect(d.name).toBe('Sensor data');
    expect(d.features).toEqual(['light %']);
    expect(d.samples).toEqual([{ values: [42], label: '亮' }]);
    light = 7;
    typeInto(view.one('record-label') as HTMLInputElement, '暗');
    click(view.one('record-now'));
    expect(seen.at(-1)!.datasets[0]!.samples.at(-1)).toEqual({ values: [7], label: '暗' });
    expect(view.one('data-panel').dataset.samples).toBe('2');
  });

  it('a sample that does not fit the dataset (another number of sensors, no label) is refused with a message', () => {
    const seen: AiState[] = [];
    view = render(<Host initial={{ datasets: [colours(3)], models: [] }} seen={seen} readings={() => ({ lightPercent: 50, knobPercent: 10 })} />, 'zh-CN');
    click(view.one('record-now'));
    expect(view.one('record-message').textContent).toBe('先勾选要记录的传感器。');
    click(view.one('record-lightPercent'));
    typeInto(view.one('record-label') as HTMLInputElement, '红');
    click(view.one('record-now'));
    expect(view.one('record-message').getAttribute('role')).toBe('alert');
    expect(view.one('record-message').textContent).toMatch(/3/);
    typeInto(view.one('record-label') as HTMLInputElement, '');
    expect(seen).toHaveLength(0);
  });
});
