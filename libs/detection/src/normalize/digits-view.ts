import { isJsSpace } from './js-space';
import { letterAt, letterBefore } from './word-chars';
import { digitRuns } from './digit-runs';
import { ASCII_DIGITS, FNV_OFFSET, FNV_PRIME, fnv1a, LETTERS, wordRuns } from './word-runs';

/**
 * Number words in the languages we cover (already folded: lower case, no accents). Only runs that
 * yield seven or more digits are rewritten, so "do" (Hindi two, English verb) or "one" in a sentence
 * stay words.
 */
// no prototype: "constructor" is an English word, not a number
const NUMBER_WORDS = Object.create(null) as Record<string, string>;
const LISTS: Array<[string, string[]]> = [
  ['en', ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine']],
  ['es', ['cero', 'uno', 'dos', 'tres', 'cuatro', 'cinco', 'seis', 'siete', 'ocho', 'nueve']],
  ['fr', ['zero', 'un', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf']],
  ['pt', ['zero', 'um', 'dois', 'tres', 'quatro', 'cinco', 'seis', 'sete', 'oito', 'nove']],
  ['ro', ['zero', 'unu', 'doi', 'trei', 'patru', 'cinci', 'sase', 'sapte', 'opt', 'noua']],
  ['ru', ['ноль', 'один', 'два', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять']],
  ['id', ['nol', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan']],
  ['tl', ['sero', 'isa', 'dalawa', 'tatlo', 'apat', 'lima', 'anim', 'pito', 'walo', 'siyam']],
  ['hi-ur-latn', ['sifar', 'ek', 'do', 'teen', 'char', 'panch', 'chhe', 'saat', 'aath', 'nau']],
];
for (const [, words] of LISTS) words.forEach((w, digit) => (NUMBER_WORDS[w] ??= String(digit)));
/** The number words and their digits, for tests. */
export const SPELLED_DIGITS: Readonly<Record<string, string>> = NUMBER_WORDS;
Object.assign(NUMBER_WORDS, {
  une: '1',
  oh: '0',
  kosong: '0',
  shunya: '0',
  paanch: '5',
  chay: '6',
  chhah: '6',
  che: '6',
  sat: '7',
  ath: '8',
  nao: '9',
  tin: '3',
  teen: '3',
  chaar: '4',
  nueve: '9',
  trés: '3',
  dva: '2',
});

// FNV-1a of a word's code units: a word is looked up (sliced) only when its hash is a number word's.
const NUMBER_WORD_HASHES = new Set(Object.keys(NUMBER_WORDS).map(fnv1a));
// the low 12 bits of those hashes: one byte read rules out almost every other word
const HASH_BITS = 0xfff;
const NUMBER_WORD_HASH_LOW = new Uint8Array(HASH_BITS + 1);
for (const h of NUMBER_WORD_HASHES) NUMBER_WORD_HASH_LOW[h & HASH_BITS] = 1;

/** Two number words, or a number word beside digits, one after the other (cheap token scan). */
export function hasNumberWordRun(text: string): boolean {
  let previous = false;
  let start = -1;
  let h = FNV_OFFSET;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    const letter = (c >= 97 && c <= 122) || (c >= 0x400 && c <= 0x4ff);
    if (letter) {
      if (start < 0) {
        start = i;
        h = FNV_OFFSET;
      }
      h = Math.imul(h ^ c, FNV_PRIME);
      continue;
    }
    if (start >= 0) {
      const isNumber = NUMBER_WORD_HASHES.has(h >>> 0) && NUMBER_WORDS[text.slice(start, i)] !== undefined;
      if (isNumber && previous) return true;
      previous = isNumber;
      start = -1;
    }
    if (c >= 48 && c <= 57) {
      if (previous) return true;
      previous = true;
      while (i + 1 < text.length && text.charCodeAt(i + 1) >= 48 && text.charCodeAt(i + 1) <= 57) i++;
      continue;
    }
    // separators between the words of a run
    if (!(c === 32 || c === 10 || c === 46 || c === 44 || c === 45 || c === 47)) previous = false;
  }
  return false;
}

const isDigitCode = (c: number): boolean => c >= 48 && c <= 57;
const isDigitAt = (text: string, i: number): boolean => isDigitCode(text.charCodeAt(i));
/** `[\s.-]`: what may stand between a digit and a disguised one. */
const isDigitSeparatorAt = (text: string, i: number): boolean => {
  const c = text.charCodeAt(i);
  return c === 46 || c === 45 || isJsSpace(c);
};
/** Letters that stand for digits: o O -> 0, l I -> 1. */
const isLookalikeCode = (c: number): boolean => c === 111 || c === 79 || c === 108 || c === 73;
const lookalikeDigit = (c: number): string => (c === 111 || c === 79 ? '0' : '1');

/**
 * "97l5O23" -> "9715023": a run of o/O/l/I between digits (one separator allowed on each side), one
 * after two digits and before no letter, or one after no letter and before two digits. The same
 * replacements as `(?<=[0-9][\s.-]?)[oOlI]+(?=[\s.-]?[0-9])|(?<=[0-9]{2})[oOlI](?![\p{L}])|
 * (?<![\p{L}])[oOlI](?=[0-9]{2})`: only the first character of a run can start a match, and every
 * match has a digit beside its run, so only runs beside a run of digits are looked at.
 */
function replaceLookalikes(text: string): string {
  const n = text.length;
  let out = '';
  let copied = 0;
  let looked = -1;
  const replaceRunAt = (s: number) => {
    if (s <= looked) return;
    looked = s;
    let e = s + 1;
    while (e < n && isLookalikeCode(text.charCodeAt(e))) e++;
    const digitBefore = (s >= 1 && isDigitAt(text, s - 1)) || (s >= 2 && isDigitSeparatorAt(text, s - 1) && isDigitAt(text, s - 2));
    const digitAfter = (e < n && isDigitAt(text, e)) || (e + 1 < n && isDigitSeparatorAt(text, e) && isDigitAt(text, e + 1));
    let end = s;
    if (digitBefore && digitAfter) end = e;
    else if (s >= 2 && isDigitAt(text, s - 1) && isDigitAt(text, s - 2) && letterAt(text, s + 1) === 0) end = s + 1;
    else if (!letterBefore(text, s) && s + 2 < n && isDigitAt(text, s + 1) && isDigitAt(text, s + 2)) end = s + 1;
    if (end > s) {
      out += text.slice(copied, s);
      for (let k = s; k < end; k++) out += lookalikeDigit(text.charCodeAt(k));
      copied = end;
    }
  };
  const runs = digitRuns(text);
  for (let k = 0; k < runs.starts.length; k++) {
    const first = runs.starts[k] ?? 0;
    const after = runs.ends[k] ?? 0;
    // a run of look-alikes that ends just before the digits, or one separator before them
    let end = first;
    if (end >= 2 && !isLookalikeCode(text.charCodeAt(end - 1)) && isDigitSeparatorAt(text, end - 1)) end--;
    if (end >= 1 && isLookalikeCode(text.charCodeAt(end - 1))) {
      let s = end - 1;
      while (s > 0 && isLookalikeCode(text.charCodeAt(s - 1))) s--;
      replaceRunAt(s);
    }
    // and one that starts just after them, or one separator after
    let start = after;
    if (start + 1 < n && !isLookalikeCode(text.charCodeAt(start)) && isDigitSeparatorAt(text, start)) start++;
    if (start < n && isLookalikeCode(text.charCodeAt(start))) replaceRunAt(start);
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** Whether the characters between two tokens of a run are at most three of `[\s.,\-/]`. */
function isRunGap(text: string, from: number, to: number): boolean {
  if (to - from > 3) return false;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c !== 46 && c !== 44 && c !== 45 && c !== 47 && !isJsSpace(c)) return false;
  }
  return true;
}

/** The number word a run of letters spells, if any (hash first: most words are never sliced). */
function numberWordAt(text: string, start: number, end: number, hash: number): string | undefined {
  if (NUMBER_WORD_HASH_LOW[hash & HASH_BITS] !== 1) return undefined;
  return NUMBER_WORDS[text.slice(start, end)];
}

/**
 * Runs of number words and digit groups (tokens `\p{L}+` or `[0-9]+`, at most three of `[\s.,\-/]`
 * between them) rewritten as digits when they spell seven or more with at least one word; a lone
 * word beside a full number ("do 0300...") stays a word.
 */
class SpelledRuns {
  private out = '';
  private copied = 0;
  // the current run: first and last token, digits it spells, words and plain digits in it
  private runStart = -1;
  private runEnd = 0;
  private count = 0;
  private words = 0;
  private plain = 0;

  constructor(private readonly text: string) {}

  /** A digit group (`digit` undefined) or a number word. */
  numeric(start: number, end: number, digit: string | undefined): void {
    if (this.runStart >= 0 && !isRunGap(this.text, this.runEnd, start)) this.close();
    if (this.runStart < 0) {
      this.runStart = start;
      this.count = 0;
      this.words = 0;
      this.plain = 0;
    }
    this.runEnd = end;
    if (digit !== undefined) {
      this.words++;
      this.count += digit.length;
    } else {
      this.plain += end - start;
      this.count += end - start;
    }
  }

  /** A word that is no number word. */
  word(): void {
    if (this.runStart >= 0) this.close();
  }

  /** The text with its runs rewritten (the text itself when none is). */
  finish(): string {
    if (this.runStart >= 0) this.close();
    return this.copied === 0 ? this.text : this.out + this.text.slice(this.copied);
  }

  private close(): void {
    if (this.words > 0 && this.count >= 7 && !(this.words === 1 && this.plain >= 7)) {
      this.out += this.text.slice(this.copied, this.runStart) + runDigits(this.text, this.runStart, this.runEnd);
      this.copied = this.runEnd;
    }
    this.runStart = -1;
  }
}

function spellRunsAsDigits(text: string): string {
  const runs = new SpelledRuns(text);
  // tokens lie within words (letters, marks, numbers): a word of letters only or of digits only is one token
  const { count, starts, ends, hashes, kinds } = wordRuns(text);
  for (let w = 0; w < count; w++) {
    const start = starts[w] ?? 0;
    const end = ends[w] ?? 0;
    const kind = kinds[w];
    if (kind === ASCII_DIGITS) runs.numeric(start, end, undefined);
    else if (kind === LETTERS) {
      const digit = numberWordAt(text, start, end, hashes[w] ?? 0);
      if (digit === undefined) runs.word();
      else runs.numeric(start, end, digit);
    } else tokensWithin(text, start, end, runs);
  }
  return runs.finish();
}

/** The tokens of [from, to): runs of ASCII digits and runs of letters (code points); other characters are gaps. */
function tokensWithin(text: string, from: number, to: number, runs: SpelledRuns): void {
  for (let i = from; i < to;) {
    const start = i;
    if (isDigitCode(text.charCodeAt(i))) {
      while (i < to && isDigitCode(text.charCodeAt(i))) i++;
      runs.numeric(start, i, undefined);
      continue;
    }
    let h = FNV_OFFSET;
    for (let width = letterAt(text, i); width > 0 && i < to; width = letterAt(text, i)) {
      h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
      if (width === 2) h = Math.imul(h ^ text.charCodeAt(i + 1), FNV_PRIME);
      i += width;
    }
    if (i === start) {
      i++;
      continue;
    }
    const digit = numberWordAt(text, start, i, h);
    if (digit === undefined) runs.word();
    else runs.numeric(start, i, digit);
  }
}

/** The digits a run spells: its digit groups as they are, its number words as their digit. */
function runDigits(text: string, from: number, to: number): string {
  let digits = '';
  for (let i = from; i < to;) {
    const start = i;
    if (isDigitCode(text.charCodeAt(i))) {
      while (i < to && isDigitCode(text.charCodeAt(i))) i++;
      digits += text.slice(start, i);
      continue;
    }
    const width = letterAt(text, i);
    if (width === 0) {
      i++;
      continue;
    }
    for (let w = width; w > 0 && i < to; w = letterAt(text, i)) i += w;
    digits += NUMBER_WORDS[text.slice(start, i)] ?? '';
  }
  return digits;
}

/**
 * A copy of folded text where spelled-out and disguised digits become digits, for contact
 * extraction only: "nine 7 one five" -> "9715", "97l5O23" -> "9715023" (O and l only inside digit runs).
 */
export function digitsView(folded: string): string {
  const text = replaceLookalikes(folded);
  const spelled = spellRunsAsDigits(text);
  // the cheap scan only gates the rewrite (kept so that every text reads as before)
  return spelled === text || !hasNumberWordRun(text) ? text : spelled;
}
