/**
 * Every message key the AI lab core can raise has its text in the `ai` namespace, in zh-CN and en: a missing one
 * would show the student a raw key such as `ai:error.unknownModel` instead of a sentence. Keys are collected from
 * the sources (AiError keys, dataset warnings and CSV errors), so a new key without strings fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUNDLES } from '../i18n';

const dir = new URL('./', import.meta.url);
/** Files whose messages are in the `ai` namespace (the Q-learning and tokenizer ops use their own). */
const sources = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !/^(ops-rl|ops-tokens|qlearning|tokenizer|grid-)/.test(f));

function keysIn(text: string): string[] {
  const keys = new Set<string>();
  for (const m of text.matchAll(/new AiError\('([^']+)'/g)) keys.add(m[1]);
  for (const m of text.matchAll(/(?:aiMessage|fail)\('([^']+)'/g)) keys.add(m[1]);
  for (const m of text.matchAll(/'((?:error|warning|csv)\.[A-Za-z]+)'/g)) keys.add(m[1]);
  return [...keys];
}

describe('AI lab messages', () => {
  const keys = sources.flatMap((f) => keysIn(readFileSync(new URL(f, dir), 'utf8')).map((key) => ({ f, key })));

  it('finds the message keys in the sources (the scan works)', () => {
    expect(keys.length).toBeGreaterThan(30);
    expect(keys.map((k) => k.key)).toContain('error.unknownModel');
  });

  it('every key has a zh-CN and an English text', () => {
    for (const { f, key } of keys) {
      expect(BUNDLES.ai['zh-CN'][key], `${f}: ${key} zh-CN`).toBeTruthy();
      expect(BUNDLES.ai.en[key], `${f}: ${key} en`).toBeTruthy();
    }
  });
});
