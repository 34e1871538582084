import { randomTexts } from '../testing/random-texts';
import { digitsView, hasNumberWordRun, SPELLED_DIGITS } from './digits-view';
import { digitRuns } from './digit-runs';
import { ASCII_DIGITS, fnv1a, LETTERS, MIXED, wordRuns } from './word-runs';
import { isWordCode } from './word-chars';

// The regular expressions and token scan the digits view used before its hand-written scans: they must agree.
const LOOKALIKE_NEAR_DIGIT = /[0-9][\s.-]?[oOlI]|[oOlI][\s.-]?[0-9]/;
const LOOKALIKES = /(?<=[0-9][\s.-]?)[oOlI]+(?=[\s.-]?[0-9])|(?<=[0-9]{2})[oOlI](?![\p{L}])|(?<![\p{L}])[oOlI](?=[0-9]{2})/gu;
const TOKEN = /\p{L}+|[0-9]+/gu;

function referenceDigitsView(folded: string): string {
  const text = !LOOKALIKE_NEAR_DIGIT.test(folded)
    ? folded
    : folded.replace(LOOKALIKES, (m) => m.replace(/[oO]/g, '0').replace(/[lI]/g, '1'));
  if (!hasNumberWordRun(text)) return text;
  const tokens = [...text.matchAll(TOKEN)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    plain: /^[0-9]+$/.test(m[0]),
    digits: /^[0-9]+$/.test(m[0]) ? m[0] : SPELLED_DIGITS[m[0]],
  }));
  let out = '';
  let copied = 0;
  for (let i = 0; i < tokens.length;) {
    if (tokens[i]?.digits === undefined) {
      i++;
      continue;
    }
    let j = i;
    let digits = '';
    let words = 0;
    let plain = 0;
    for (; j < tokens.length; j++) {
      const t = tokens[j];
      if (!t || t.digits === undefined) break;
      if (j > i && !/^[\s.,\-/]{0,3}$/.test(text.slice(tokens[j - 1]?.end, t.start))) break;
      digits += t.digits;
      if (t.plain) plain += t.digits.length;
      else words++;
    }
    const first = tokens[i];
    const last = tokens[j - 1];
    if (first && last && words > 0 && digits.length >= 7 && !(words === 1 && plain >= 7)) {
      out += text.slice(copied, first.start) + digits;
      copied = last.end;
    }
    i = Math.max(j, i + 1);
  }
  return copied === 0 ? text : out + text.slice(copied);
}

// number words, digits, look-alike letters, separators; Arabic, Devanagari (with a mark), Cyrillic,
// a combining mark, astral letters and symbols, surrogate halves
const PIECES = [
  'one',
  'two',
  'nine',
  'do',
  'oh',
  'один',
  'семь',
  'trés',
  'lima',
  'constructor',
  '7',
  '12',
  '0300',
  '1234567',
  'o',
  'O',
  'l',
  'I',
  'oo',
  'x',
  'é',
];
const OTHERS = [
  'ب',
  'क',
  '\u093f',
  'я',
  '\u0301',
  '𝐀',
  '😀',
  '\ud800',
  '\udc00',
  ' ',
  ' ',
  '.',
  ',',
  '-',
  '/',
  '\u00a0',
  '\u2028',
  '\n',
  ':',
];
const ALPHABET = [...PIECES, ...OTHERS, ' ', ' ', ' '];

describe('digits view', () => {
  it('agrees with the regular expressions and token scan it replaces on random texts', () => {
    const texts = randomTexts(ALPHABET, 30_000, 7, 24);
    let rewritten = 0;
    for (const text of texts) {
      const expected = referenceDigitsView(text);
      if (expected !== text) rewritten++;
      expect([text, digitsView(text)]).toEqual([text, expected]);
    }
    // the random texts do exercise the rewrites
    expect(rewritten).toBeGreaterThan(1_000);
  });

  it('rewrites spelled-out and disguised digits', () => {
    expect(digitsView('call nine seven one five zero one two three')).toBe('call 97150123');
    expect(digitsView('+97l 5O 123 4567')).toBe('+971 50 123 4567');
    expect(digitsView('do 03001234567')).toBe('do 03001234567');
    expect(digitsView('one two three')).toBe('one two three');
  });
});

describe('word runs', () => {
  it('are the runs of letters, marks, numbers and surrogates, with their hash and kind', () => {
    for (const text of randomTexts(ALPHABET, 5_000, 11, 16)) {
      const expected: Array<[string, number, number]> = [];
      let start = -1;
      for (let i = 0; i <= text.length; i++) {
        if (i < text.length && isWordCode(text.charCodeAt(i))) {
          if (start < 0) start = i;
        } else if (start >= 0) {
          const word = text.slice(start, i);
          const kind = /^\p{L}+$/u.test(word) && !/[\ud800-\udfff]/.test(word) ? LETTERS : /^[0-9]+$/.test(word) ? ASCII_DIGITS : MIXED;
          expected.push([word, fnv1a(word), kind]);
          start = -1;
        }
      }
      const runs = wordRuns(text);
      const actual = Array.from({ length: runs.count }, (_, w): [string, number, number] => [
        text.slice(runs.starts[w], runs.ends[w]),
        (runs.hashes[w] ?? 0) >>> 0,
        runs.kinds[w] ?? -1,
      ]);
      expect([text, actual]).toEqual([text, expected]);
    }
  });

  it('give the runs of ASCII digits', () => {
    for (const text of randomTexts(ALPHABET, 5_000, 17, 16)) {
      const runs = digitRuns(text);
      const expected = [...text.matchAll(/[0-9]+/g)].map((m) => [m.index, m.index + m[0].length]);
      expect([text, runs.starts.map((start, k) => [start, runs.ends[k]])]).toEqual([text, expected]);
    }
  });
});
