import { describe, expect, it } from 'vitest';
import { MAX_TOKENIZE_CHARS, tokenCount, tokenId, tokenIds, tokenize, tokenTexts, VOCAB_SIZE } from './tokenizer';
import { VOCAB } from './vocab';

describe('built-in vocabulary', () => {
  it('has between 500 and 2,000 entries, none twice (an id means one token)', () => {
    expect(VOCAB_SIZE).toBeGreaterThanOrEqual(500);
    expect(VOCAB_SIZE).toBeLessThanOrEqual(2000);
    expect(new Set(VOCAB).size).toBe(VOCAB.length);
    expect(VOCAB.every((t) => t.length > 0 && !/\s/.test(t))).toBe(true);
  });

  it('keeps the ids lessons quote: specials first, then punctuation, digits, letters', () => {
    expect(VOCAB.slice(0, 4)).toEqual(['[PAD]', '[UNK]', '[CLS]', '[SEP]']);
    expect(tokenId('.')).toBe(4);
    expect(tokenId('0')).toBe(59);
    expect(tokenId('a')).toBe(69);
    expect(tokenId('##a')).toBe(95);
    expect(tokenId('hello')).toBe(378);
    expect(tokenId('人工智能')).toBe(1188);
    expect(tokenId('机器人')).toBe(1192);
    expect(tokenId('我')).toBe(643);
  });

  it('has every character of every Chinese word as a token of its own, so Chinese text falls back to characters', () => {
    const han = /^\p{Script=Han}+$/u;
    const words = VOCAB.filter((t) => han.test(t) && Array.from(t).length > 1);
    expect(words.length).toBeGreaterThan(200);
    for (const w of words) for (const ch of Array.from(w)) expect(tokenId(ch), `${ch} of ${w}`).toBeDefined();
  });
});

describe('tokenizer', () => {
  it('splits Chinese with the longest vocabulary word first', () => {
    expect(tokenTexts('我喜欢人工智能。')).toEqual(['我', '喜欢', '人工智能', '。']);
    expect(tokenTexts('机器学习和深度学习')).toEqual(['机器学习', '和', '深度学习']);
    expect(tokenTexts('今天天气很好')).toEqual(['今天', '天气', '很', '好']);
  });

  it('splits English words into WordPiece-style pieces, lower-cased', () => {
    expect(tokenTexts('Hello, world!')).toEqual(['hello', ',', 'world', '!']);
    expect(tokenTexts('Robots are playing games')).toEqual(['robot', '##s', 'are', 'play', '##ing', 'game', '##s']);
    expect(tokenTexts('TRAINING')).toEqual(['train', '##ing']);
    // An unknown word is spelt with the longest pieces the vocabulary has.
    expect(tokenTexts('fox')).toEqual(['f', '##o', '##x']);
  });

  it('handles mixed Chinese and English text with digits and full-width punctuation', () => {
    expect(tokenTexts('我爱AI机器人！')).toEqual(['我', '爱', 'ai', '机器人', '！']);
    expect(tokenTexts('2024年我学会了Python')).toEqual(['2', '0', '2', '4', '年', '我', '学会', '了', 'p', '##y', '##th', '##on']);
  });

  it('gives ids and counts that agree with the tokens', () => {
    const text = '我爱AI机器人！';
    expect(tokenIds(text)).toEqual([643, 788, 402, 1192, 38]);
    expect(tokenCount(text)).toBe(5);
    expect(tokenIds(text).map((id) => VOCAB[id])).toEqual(tokenTexts(text));
    expect(tokenCount('')).toBe(0);
    expect(tokenCount('   \n\t ')).toBe(0);
  });

  it('marks what the vocabulary does not know as [UNK], one per unknown character', () => {
    expect(tokenTexts('😀 ok')).toEqual(['[UNK]', 'ok']);
    expect(tokenIds('😀')).toEqual([1]);
    // 龘 is a rare character, not in the vocabulary; é is not an English letter here.
    expect(tokenTexts('龘é')).toEqual(['[UNK]', '[UNK]']);
  });

  it('reports where each token came from, so the panel can colour the original text', () => {
    const text = 'Hi 😀世界playing';
    const tokens = tokenize(text);
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual(['Hi', '😀', '世界', 'play', 'ing']);
  });

  it('cannot be made to produce a flood of tokens: long letter runs are one [UNK], long text is cut', () => {
    expect(tokenTexts('x'.repeat(500))).toEqual(['[UNK]']);
    const tokens = tokenize('好'.repeat(MAX_TOKENIZE_CHARS + 5000));
    expect(tokens).toHaveLength(MAX_TOKENIZE_CHARS);
  });
});
