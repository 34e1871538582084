import { randomTexts } from '../testing/random-texts';
import { hasInWordSymbol, maybeSpelledOut } from './normalize';
import { letterAt, letterBefore, letterOrMarkAt } from './word-chars';

// The hand-written scans replace these regular expressions: they must agree on every input.
const IN_WORD_SYMBOL = /\p{L}[@0$]\p{L}/u;
const SPELLED = /\p{L}[ .\-_*|,/'+~:]{1,2}\p{L}[ .\-_*|,/'+~:]{1,2}\p{L}(?![\p{L}\p{M}])/u;

// letters (Latin, Cyrillic, Devanagari with a mark, astral), separators, symbols, digits, a lone surrogate, an emoji
const ALPHABET = [
  'a',
  'b',
  'Z',
  'я',
  'क',
  '\u093f',
  '\u0301',
  '𝐀',
  ' ',
  '.',
  '-',
  '_',
  '*',
  '|',
  ',',
  '/',
  "'",
  '+',
  '~',
  ':',
  '@',
  '0',
  '$',
  '7',
  '\n',
  '!',
  '\ud800',
  '😀',
];

describe('hand-written letter scans', () => {
  it('agree with the regular expressions they replace on random texts', () => {
    const texts = randomTexts(ALPHABET, 40_000, 42, 12);
    for (const text of texts) {
      expect([text, hasInWordSymbol(text)]).toEqual([text, IN_WORD_SYMBOL.test(text)]);
      expect([text, maybeSpelledOut(text)]).toEqual([text, SPELLED.test(text)]);
    }
    // the random texts do exercise both outcomes
    expect(texts.filter((t) => SPELLED.test(t)).length).toBeGreaterThan(100);
    expect(texts.filter((t) => IN_WORD_SYMBOL.test(t)).length).toBeGreaterThan(100);
  });

  it('find spelled-out words and symbols inside words', () => {
    expect(maybeSpelledOut('call w h a t s a p p now')).toBe(true);
    expect(maybeSpelledOut('v-i-s-a')).toBe(true);
    expect(maybeSpelledOut('a b')).toBe(false);
    expect(maybeSpelledOut('a  .  b . c')).toBe(false);
    expect(hasInWordSymbol('wh@tsapp')).toBe(true);
    expect(hasInWordSymbol('mail@ 0 $')).toBe(false);
  });

  it('read letters by code point, as \\p{L} with the u flag does', () => {
    expect(letterAt('𝐀', 0)).toBe(2);
    expect(letterAt('𝐀', 1)).toBe(0);
    expect(letterAt('\ud800x', 0)).toBe(0);
    expect(letterOrMarkAt('\u0301', 0)).toBe(1);
    expect(letterAt('\u0301', 0)).toBe(0);
    expect(letterBefore('x𝐀', 3)).toBe(true);
    expect(letterBefore('😀', 2)).toBe(false);
    expect(letterBefore('a', 0)).toBe(false);
  });
});
