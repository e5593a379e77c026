/**
 * A small offline tokenizer for the grade-7 "language model basics" activity: it splits Chinese and English text
 * into the tokens a language model would see, with their vocabulary ids (core/ai/vocab.ts).
 *
 * The rules, simple enough to do by hand on paper:
 * 1. Spaces separate pieces and are dropped.
 * 2. Chinese characters: at each position take the longest vocabulary word that matches there (人工智能 before
 *    人工 before 人); a character not in the vocabulary becomes [UNK].
 * 3. English letters: a run of letters is one word, lower-cased (the vocabulary is uncased). The word splits
 *    WordPiece-style: the longest vocabulary entry that starts the word, then the longest `##` piece that continues
 *    it, and so on ("playing" → play ##ing). Single letters are in the vocabulary, so every word can be spelt out.
 *    A word longer than 100 letters is one [UNK] (as BERT does), so pasted junk cannot produce thousands of tokens.
 * 4. Digits one by one; punctuation one character each; anything else (emoji, other scripts) is [UNK].
 *
 * Pure and deterministic; no library: the real tokenizer packages need their own large vocabulary files and do
 * byte-level BPE, which hides the idea the lesson is about.
 */
import { UNK_TOKEN, VOCAB } from './vocab';

export interface Token {
  /** The vocabulary entry (`##ing` for a word-inner piece, `[UNK]` for unknown text). */
  readonly text: string;
  readonly id: number;
  /** Where it came from in the input, as UTF-16 offsets [start, end) (for highlighting the original text). */
  readonly start: number;
  readonly end: number;
}

/** Longest English word handled piece by piece; longer runs of letters are one [UNK]. */
export const MAX_WORD_LETTERS = 100;
/** Longest text the blocks and the panel tokenize, characters (a book chapter, far more than a lesson needs). */
export const MAX_TOKENIZE_CHARS = 20_000;

const ID = new Map<string, number>(VOCAB.map((t, i) => [t, i]));
const UNK_ID = ID.get(UNK_TOKEN)!;
/** Longest Chinese vocabulary entry, characters. */
const MAX_ZH_LEN = Math.max(...VOCAB.filter((t) => /^\p{Script=Han}+$/u.test(t)).map((t) => Array.from(t).length));

const isHan = (ch: string) => /\p{Script=Han}/u.test(ch);
const isLetter = (ch: string) => (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
const isSpace = (ch: string) => /\s/u.test(ch);

/** The id of a vocabulary entry, or undefined. */
export function tokenId(text: string): number | undefined {
  return ID.get(text);
}

/** Splits `text` into tokens (see the rules above). Text beyond MAX_TOKENIZE_CHARS is ignored. */
export function tokenize(text: string): Token[] {
  const src = text.length > MAX_TOKENIZE_CHARS ? text.slice(0, MAX_TOKENIZE_CHARS) : text;
  // Code points with their UTF-16 offsets, so an emoji (two code units) is one character.
  const chars: string[] = [];
  const offsets: number[] = [];
  for (let i = 0; i < src.length;) {
    const cp = src.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    chars.push(ch);
    offsets.push(i);
    i += ch.length;
  }
  offsets.push(src.length);
  const out: Token[] = [];
  const push = (t: string, from: number, to: number) => {
    const id = ID.get(t);
    out.push({ text: id === undefined ? UNK_TOKEN : t, id: id ?? UNK_ID, start: offsets[from], end: offsets[to] });
  };

  let i = 0;
  while (i < chars.length) {
    const ch = chars[i];
    if (isSpace(ch)) {
      i++;
    } else if (isHan(ch)) {
      let len = Math.min(MAX_ZH_LEN, chars.length - i);
      while (len > 1 && !ID.has(chars.slice(i, i + len).join(''))) len--;
      push(chars.slice(i, i + len).join(''), i, i + len);
      i += len;
    } else if (isLetter(ch)) {
      let j = i;
      while (j < chars.length && isLetter(chars[j])) j++;
      wordPieces(chars.slice(i, j).join('').toLowerCase(), i, push);
      i = j;
    } else {
      push(ch, i, i + 1);
      i++;
    }
  }
  return out;
}

/** Greedy longest-match pieces of one lower-case word starting at character index `at`. */
function wordPieces(word: string, at: number, push: (t: string, from: number, to: number) => void): void {
  if (word.length > MAX_WORD_LETTERS) {
    push(UNK_TOKEN, at, at + word.length);
    return;
  }
  let start = 0;
  while (start < word.length) {
    let end = word.length;
    let piece = '';
    for (; end > start; end--) {
      const candidate = (start === 0 ? '' : '##') + word.slice(start, end);
      if (ID.has(candidate)) { piece = candidate; break; }
    }
    // Every single letter and ##letter is in the vocabulary, so a piece is always found; [UNK] guards edits to it.
    if (!piece) { push(UNK_TOKEN, at, at + word.length); return; }
    push(piece, at + start, at + end);
    start = end;
  }
}

/** The tokens' texts. */
export const tokenTexts = (text: string): string[] => tokenize(text).map((t) => t.text);
/** The tokens' ids. */
export const tokenIds = (text: string): number[] => tokenize(text).map((t) => t.id);
/** How many tokens. */
export const tokenCount = (text: string): number => tokenize(text).length;
/** Size of the built-in vocabulary. */
export const VOCAB_SIZE = VOCAB.length;
