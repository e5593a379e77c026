/**
 * Dataset functions as the data panel uses them: edits never change the original, CSV survives a round trip
 * (Chinese names, commas and quotes in labels), bad files are refused with the row and column named in zh-CN and
 * en, and the warnings a teacher relies on for the ethics lesson appear exactly at their thresholds.
 */
import { describe, expect, it } from 'vitest';
import type { Dataset } from './contracts';
import { addSample, classCounts, datasetFromCsv, datasetToCsv, datasetWarnings, deleteSamples, relabelSample, renameFeature } from './datasets';
import { AiError } from './errors';

function ds(rows: [number[], string][], features = ['亮度', '距离']): Dataset {
  return { id: 'd1', name: '光线数据', features, samples: rows.map(([values, label]) => ({ values, label })) };
}
const many = (label: string, n: number): [number[], string][] => Array.from({ length: n }, (_, i) => [[i, i * 2], label]);

describe('editing samples', () => {
  it('add, delete and relabel return new datasets and leave the original alone', () => {
    const d = ds([[[1, 2], '亮']]);
    const added = addSample(d, [3, 4], ' 暗 ');
    expect(added.samples.map((s) => s.label)).toEqual(['亮', '暗']);
    expect(d.samples).toHaveLength(1);
    const relabelled = relabelSample(added, 0, '很亮');
    expect(relabelled.samples.map((s) => s.label)).toEqual(['很亮', '暗']);
    expect(added.samples[0].label).toBe('亮');
    expect(deleteSamples(relabelled, [0, 7]).samples.map((s) => s.label)).toEqual(['暗']);
    expect(renameFeature(d, 1, ' 距离cm ').features).toEqual(['亮度', '距离cm']);
  });

  it('refuses a sample with the wrong number of values or an empty label (nothing added)', () => {
    const d = ds([[[1, 2], '亮']]);
    expect(() => addSample(d, [1], 'x')).toThrow(AiError);
    expect(() => addSample(d, [1, 2], '  ')).toThrow(AiError);
    expect(() => addSample(d, [1, Number.NaN], 'x')).toThrow(AiError);
    expect(() => relabelSample(d, 0, '')).toThrow(AiError);
    expect(d.samples).toHaveLength(1);
  });

  it('counts classes in label order with their shares', () => {
    expect(classCounts(ds([[[1, 1], 'b'], [[2, 2], 'a'], [[3, 3], 'b'], [[4, 4], 'b']]))).toEqual([
      { label: 'a', count: 1, share: 0.25 },
      { label: 'b', count: 3, share: 0.75 },
    ]);
  });
});

describe('dataset warnings (zh-CN and en)', () => {
  const keys = (d: Dataset) => datasetWarnings(d).map((w) => w.key);

  it('a balanced dataset with 5 samples per class has no warning', () => {
    expect(keys(ds([...many('亮', 5), ...many('暗', 5)]))).toEqual([]);
  });

  it('4 samples in a class is too small, and the message names the class and the counts', () => {
    const w = datasetWarnings(ds([...many('亮', 5), ...many('暗', 4)]));
    expect(w.map((x) => x.key)).toEqual(['warning.tooSmall']);
    expect(w[0].message['zh-CN']).toBe('类别“暗”只有 4 个样本：每类至少要 5 个，模型才学得好。');
    expect(w[0].message.en).toContain('Class "暗" has only 4 samples');
  });

  it('unbalanced from exactly 3× (15 vs 5), not at 14 vs 5', () => {
    expect(keys(ds([...many('亮', 14), ...many('暗', 5)]))).toEqual([]);
    const w = datasetWarnings(ds([...many('亮', 15), ...many('暗', 5)]));
    expect(w.map((x) => x.key)).toEqual(['warning.unbalanced']);
    expect(w[0].params).toEqual({ largest: '亮', largestCount: 15, smallest: '暗', smallestCount: 5 });
    expect(w[0].message.en).toContain('"亮" has 15 samples but "暗" only 5');
  });

  it('one class only, and an empty dataset, are said so', () => {
    expect(keys(ds(many('亮', 6)))).toEqual(['warning.singleClass']);
    expect(keys(ds([]))).toEqual(['warning.empty']);
  });

  it('number labels (data for a line) get no per-class warnings', () => {
    expect(keys(ds(Array.from({ length: 8 }, (_, i): [number[], string] => [[i, 0], String(i * 1.5)])))).toEqual([]);
  });
});

describe('CSV', () => {
  const tricky = ds([[[1.5, -2], '红, 有点"暗"'], [[0, 1e-7], 'blue'], [[100, 3], '第三\n行']]);

  it('export: UTF-8 BOM, header of features + label, quotes where needed, CRLF', () => {
    const csv = datasetToCsv(tricky);
    expect(csv.startsWith('\ufeff亮度,距离,label\r\n')).toBe(true);
    expect(csv).toContain('1.5,-2,"红, 有点""暗"""\r\n');
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('import(export(d)) gives back the same features, values and labels', () => {
    const back = datasetFromCsv(datasetToCsv(tricky), 'd2', '导入');
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.dataset).toEqual({ ...tricky, id: 'd2', name: '导入' });
  });

  it('import accepts no BOM, LF line ends, blank lines and spaces around numbers', () => {
    const r = datasetFromCsv('温度,湿度,天气\n 20 ,50,晴\n\n25,80, 雨\n', 'd', 'w');
    expect(r.ok && r.dataset.samples).toEqual([{ values: [20, 50], label: '晴' }, { values: [25, 80], label: '雨' }]);
    expect(r.ok && r.dataset.features).toEqual(['温度', '湿度']);
  });

  it('a word where a number belongs is refused, naming row and column in both languages', () => {
    const r = datasetFromCsv('\ufeff温度,湿度,天气\n20,50,晴\n25,很湿,雨\n', 'd', 'w');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.key).toBe('csv.notNumber');
    expect(r.error.message['zh-CN']).toBe('第 3 行“湿度”列需要是一个数，但写的是“很湿”。');
    expect(r.error.message.en).toBe('Row 3, column "湿度" must be a number, but it says "很湿".');
  });

  it('refuses rows with a missing column, empty labels, an unclosed quote, a one-column header and an empty file', () => {
    const err = (text: string) => {
      const r = datasetFromCsv(text, 'd', 'w');
      return r.ok ? null : [r.error.key, r.error.params];
    };
    expect(err('a,b,label\n1,2,x\n3,y\n')).toEqual(['csv.columnCount', { row: 3, expected: 3, got: 2 }]);
    expect(err('a,label\n1,\n')).toEqual(['csv.emptyLabel', { row: 2, column: 'label' }]);
    expect(err('a,label\n1,"open\n')?.[0]).toBe('csv.badQuotes');
    expect(err('label\nx\n')?.[0]).toBe('csv.needTwoColumns');
    expect(err('\ufeff')?.[0]).toBe('csv.empty');
    expect(err('')?.[0]).toBe('csv.empty');
  });
});
