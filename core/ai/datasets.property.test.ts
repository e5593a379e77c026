/**
 * CSV import and export against random input: any text either imports or is refused with a filled-in zh-CN/en
 * message (never a throw, never a half-made dataset), and every dataset a student can make survives export → import
 * unchanged (labels with commas, quotes, newlines, Chinese; negative and fractional numbers).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Dataset } from './contracts';
import { datasetFromCsv, datasetToCsv } from './datasets';

const label = fc.oneof(
  fc.constantFrom('红', 'green', 'a,b', 'say "hi"', 'two\nlines', ' spaced ', '=1+2', '-', '1e5'),
  fc.string({ minLength: 1, maxLength: 12 }),
).map((l) => l.trim()).filter((l) => l !== '');
const featureName = fc.oneof(fc.constantFrom('亮度', 'x', 'r,g', 'dist "cm"'), fc.string({ minLength: 1, maxLength: 8 }))
  .map((n) => n.trim()).filter((n) => n !== '');

const datasetArb: fc.Arbitrary<Dataset> = fc.integer({ min: 1, max: 4 }).chain((n) =>
  fc.record({
    features: fc.array(featureName, { minLength: n, maxLength: n }),
    samples: fc.array(fc.record({
      values: fc.array(fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true }).map((v) => (Object.is(v, -0) ? 0 : v)), { minLength: n, maxLength: n }),
      label,
    }), { maxLength: 20 }),
  }).map(({ features, samples }) => ({ id: 'd', name: 'n', features, samples })),
);

describe('CSV against random input', () => {
  it('export then import gives back the same dataset', () => {
    fc.assert(fc.property(datasetArb, (d) => {
      const back = datasetFromCsv(datasetToCsv(d), 'd', 'n');
      expect(back.ok ? back.dataset : back.error).toEqual(d);
    }), { numRuns: 500, seed: 7 });
  });

  it('any text imports or is refused with a message in both languages; it never throws', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.tuple(
        fc.array(fc.array(fc.oneof(fc.constantFrom('1', '-2.5', '', '"', '""', 'x', '\ufeff', ' 3 ', '红'), fc.string({ maxLength: 4 })), { maxLength: 4 }).map((r) => r.join(',')), { maxLength: 6 }),
        fc.constantFrom('\n', '\r\n'),
      ).map(([rows, newline]) => rows.join(newline)),
    );
    fc.assert(fc.property(text, (t) => {
      const r = datasetFromCsv(t, 'd', 'n');
      if (r.ok) {
        expect(r.dataset.features.length).toBeGreaterThan(0);
        for (const s of r.dataset.samples) {
          expect(s.values).toHaveLength(r.dataset.features.length);
          expect(s.values.every(Number.isFinite)).toBe(true);
          expect(s.label).not.toBe('');
        }
      } else {
        expect(r.error.message['zh-CN']).not.toMatch(/\{\{|ai:/);
        expect(r.error.message.en).not.toMatch(/\{\{|ai:/);
      }
    }), { numRuns: 2000, seed: 11 });
  });
});
