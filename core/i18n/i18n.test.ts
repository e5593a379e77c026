import { describe, expect, it } from 'vitest';
import { BUNDLES, translate } from './index';

describe('i18n bundles', () => {
  for (const [ns, bundle] of Object.entries(BUNDLES)) {
    it(`${ns}: every string a user sees exists in both zh-CN and English`, () => {
      const zh = Object.keys(bundle['zh-CN']).sort();
      const en = Object.keys(bundle.en).sort();
      expect(zh).toEqual(en);
      for (const key of zh) {
        expect(bundle['zh-CN'][key], `${ns}:${key} zh-CN`).not.toBe('');
        expect(bundle.en[key], `${ns}:${key} en`).not.toBe('');
        // The same placeholders in both languages, so no value is dropped in one of them.
        const holes = (s: string) => (s.match(/\{\{\s*\w+\s*\}\}/g) ?? []).map((h) => h.replace(/\s/g, '')).sort();
        expect(holes(bundle['zh-CN'][key]), `${ns}:${key} placeholders`).toEqual(holes(bundle.en[key]));
      }
    });
  }

  it('fills placeholders and falls back to the key when a string is missing', () => {
    expect(translate('en', 'app', 'no.such.key')).toBe('app:no.such.key');
  });
});
