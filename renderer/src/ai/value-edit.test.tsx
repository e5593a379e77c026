// @vitest-environment jsdom
/**
 * Editing a recorded number in the data table (the "edit" beside delete and relabel): a student fixes a
 * reading that went wrong (the sensor was covered by a hand) without deleting the whole sample. Real strings, real
 * core/ai dataset functions, jsdom.
 *
 * What a student would notice if it failed: the corrected number does not reach the dataset (the model still learns
 * the wrong one), undo does not bring the old number back, or a typo like "1O5" is silently stored as something else
 * or loses the old number instead of being refused with a message saying which row and feature.
 */
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { AiState, Dataset } from '../../../core/ai/contracts';
import { setSampleValue } from '../../../core/ai/datasets';
import { AiError } from '../../../core/ai/errors';
import type { Language } from '../../../core/i18n';
import { AiPanel } from './AiPanel';
import { click, key, render, typeInto, type Rendered } from './test-render';

let view: Rendered | null = null;
afterEach(() => {
  view?.unmount();
  view = null;
});

const light: Dataset = {
  id: 'dataset-1',
  name: '光线数据',
  features: ['光线', '距离'],
  samples: [
    { values: [80, 12.5], label: '亮' },
    { values: [3, 40], label: '暗' },
  ],
};

function Host(props: { seen: AiState[]; language: Language }) {
  const [ai, setAi] = useState<AiState>({ datasets: [light], models: [] });
  return (
    <AiPanel
      ai={ai}
      language={props.language}
      defaultOpen
      onChange={(next) => {
        props.seen.push(next);
        setAi(next);
      }}
    />
  );
}

describe('editing a value in the data table', () => {
  it('a corrected number goes into the dataset (other values and the label untouched) and Ctrl+Z brings the old one back', () => {
    const seen: AiState[] = [];
    view = render(<Host seen={seen} language="en" />);
    const cell = view.one('value-1-0') as HTMLInputElement;
    expect(cell.value).toBe('3');
    typeInto(cell, ' 75.25 ');
    key(cell, 'Enter');
    expect(seen.at(-1)!.datasets[0]!.samples).toEqual([{ values: [80, 12.5], label: '亮' }, { values: [75.25, 40], label: '暗' }]);
    expect((view.one('value-1-0') as HTMLInputElement).value).toBe('75.25');
    key(view.one('ai-panel'), 'z', { ctrlKey: true });
    expect(seen.at(-1)!.datasets[0]!.samples[1]!.values).toEqual([3, 40]);
    expect(view.one('ai-notice').textContent).toBe('Undone: set "光线" of row 2 to 75.25');
    expect((view.one('value-1-0') as HTMLInputElement).value).toBe('3');
  });

  it('text that is not a number is refused naming the row and feature (zh-CN), the old number stays, nothing is handed up', () => {
    const seen: AiState[] = [];
    view = render(<Host seen={seen} language="zh-CN" />, 'zh-CN');
    const cell = view.one('value-0-1') as HTMLInputElement;
    typeInto(cell, '1O5');
    key(cell, 'Enter');
    expect(view.one('data-error').textContent).toBe('第 1 行“距离”需要是一个数，但写的是“1O5”。原来的数没有改。');
    expect((view.one('value-0-1') as HTMLInputElement).value).toBe('12.5');
    // Emptied and Escape: the old number comes back without a message or an edit.
    typeInto(cell, '');
    key(cell, 'Enter');
    typeInto(cell, '9');
    key(cell, 'Escape');
    expect((view.one('value-0-1') as HTMLInputElement).value).toBe('12.5');
    click(view.one('ai-tab-data'));
    expect(seen).toHaveLength(0);
  });

  it('setSampleValue refuses a value that is not finite, leaves out-of-range cells alone and never changes its argument', () => {
    expect(() => setSampleValue(light, 0, 0, Number.NaN)).toThrow(AiError);
    expect(setSampleValue(light, 5, 0, 1)).toBe(light);
    expect(setSampleValue(light, 0, 2, 1)).toBe(light);
    const next = setSampleValue(light, 0, 1, 7);
    expect(next.samples[0]!.values).toEqual([80, 7]);
    expect(light.samples[0]!.values).toEqual([80, 12.5]);
  });
});
