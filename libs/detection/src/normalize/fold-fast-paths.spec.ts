import { randomTexts } from '../testing/random-texts';
import { foldCodePoint, scriptOf, ScriptName } from './fold';
import { htmlToMapped } from './html';
import { Mapped } from './mapped';
import { foldChars, hasInWordSymbol, MAYBE_BRAND, MAYBE_SPELLED, maybeSpelledOut } from './normalize';

// foldChars has fast paths (an inlined ASCII loop, a typed table instead of foldCodePoint, script counts
// and symbol candidates gathered while folding, native decoding). This is the plain loop it replaces.
function referenceFold(text: string, input?: Mapped): Mapped & { scripts: Partial<Record<ScriptName, number>> } {
  const codes: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let lastSpace = true;
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i) ?? 0;
    const start = input ? (input.starts[i] ?? 0) : i;
    i += cp > 0xffff ? 2 : 1;
    const end = input ? (input.ends[i - 1] ?? 0) : i;
    const out = foldCodePoint(cp);
    if (out === '') continue;
    if (out === ' ' || out === '\n') {
      if (!lastSpace) {
        codes.push(out.charCodeAt(0));
        starts.push(start);
        ends.push(end);
        lastSpace = true;
      } else if (codes.length > 0) {
        if (out === '\n') codes[codes.length - 1] = 10;
        ends[ends.length - 1] = end;
      }
      continue;
    }
    for (let k = 0; k < out.length; k++) {
      codes.push(out.charCodeAt(k));
      starts.push(start);
      ends.push(end);
    }
    lastSpace = false;
  }
  while (codes.length > 0 && (codes[codes.length - 1] === 32 || codes[codes.length - 1] === 10)) {
    codes.pop();
    starts.pop();
    ends.pop();
  }
  const folded = codes.map((c) => String.fromCharCode(c)).join('');
  const scripts: Partial<Record<ScriptName, number>> = {};
  for (let i = 0; i < folded.length; i++) {
    const c = folded.charCodeAt(i);
    const script = c >= 97 && c <= 122 ? 'Latn' : scriptOf(c);
    if (script) scripts[script] = (scripts[script] ?? 0) + 1;
  }
  return { text: folded, starts: Int32Array.from(starts), ends: Int32Array.from(ends), scripts };
}

// ASCII of every kind, Latin with accents and ligatures, Cyrillic and Greek look-alikes, Arabic with marks,
// Devanagari, CJK, combining marks, astral letters and emoji, lone surrogates, invisible and space-like characters
const ALPHABET = [
  'a',
  'Z',
  'q',
  '0',
  '7',
  '@',
  '$',
  '.',
  '-',
  "'",
  ' ',
  '  ',
  '\t',
  '\r\n',
  '\n',
  '\u0001',
  '\u007f',
  '~',
  'é',
  'Ä',
  'ß',
  'ﬁ',
  'Ł',
  '×',
  'а',
  'Р',
  'ё',
  'ω',
  'Σ',
  'ς',
  'أ',
  '\u064e',
  'ک',
  '٣',
  'क',
  '\u093f',
  '।',
  '中',
  'ア',
  '\u0301',
  '𝐀',
  '𝟗',
  '😀',
  '🏻',
  '\ud800',
  '\udc00',
  '\u200b',
  '\u00a0',
  '\u2028',
  '•',
  '①',
  '㎏',
  'Ｗ',
  '\ufeff',
  '\u00ad',
];

const plain = (m: Mapped & { scripts?: object }) => ({
  text: m.text,
  starts: [...m.starts],
  ends: [...m.ends],
  scripts: m.scripts,
  order: Object.keys(m.scripts ?? {}),
});

describe('foldChars fast paths', () => {
  it('agree with the plain per-code-point loop, with and without a map into HTML', () => {
    for (const text of randomTexts(ALPHABET, 20_000, 7, 16)) {
      const fast = foldChars(text);
      expect([text, plain(fast)]).toEqual([text, plain(referenceFold(text))]);
      // a candidate is noted wherever the exact scan finds a symbol inside a word
      if (hasInWordSymbol(fast.text)) expect([text, fast.maybeInWordSymbol]).toEqual([text, true]);
    }
    for (const text of randomTexts([...ALPHABET, '<b>', '</p>', '&amp;', '&#x1F600;', '&nbsp;'], 5_000, 8, 16)) {
      const html = htmlToMapped(text);
      expect([text, plain(foldChars(html.text, html))]).toEqual([text, plain(referenceFold(html.text, html))]);
    }
  });

  it('keep one-byte and two-byte text as it is', () => {
    expect(foldChars('Café  AU\tlait').text).toBe('cafe au lait');
    // a lone surrogate is space-like
    expect(foldChars('Работа 𝐀 \ud800x').text).toBe('работа a x');
  });
});

describe('cheap gates', () => {
  const SPELL_PIECES = [
    'a',
    'B',
    'я',
    'क',
    '\u093f',
    '\u0301',
    '𝐀',
    'é',
    'ä',
    '\u0483',
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
    '7',
    '!',
    '\ud800',
  ];

  it('MAYBE_SPELLED finds every text the exact spelled-out scan finds', () => {
    let found = 0;
    for (const text of randomTexts(SPELL_PIECES, 40_000, 9, 16)) {
      if (!maybeSpelledOut(text)) continue;
      found++;
      expect([text, MAYBE_SPELLED.test(text)]).toEqual([text, true]);
    }
    expect(found).toBeGreaterThan(500);
  });

  it('MAYBE_SPELLED treats as sure letters only units that are letters or marks', () => {
    const source = MAYBE_SPELLED.source;
    const ranges = source.slice(source.lastIndexOf('(?![') + 4, source.lastIndexOf('])'));
    const sure = new RegExp(`[${ranges}]`);
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      if (sure.test(ch)) expect([c, /[\p{L}\p{M}]/u.test(ch)]).toEqual([c, true]);
    }
  });

  it('MAYBE_BRAND finds every text a brand expression would rewrite', () => {
    const BRANDS = [
      /(?<![\p{L}\p{N}])(?:wh?at'?s+ ?-? ?ap{1,2}|whts ?app|watts ?app|whatsaap)(?![\p{L}\p{N}])/u,
      /(?<![\p{L}\p{N}])(?:tele ?-? ?gram|telegarm|telgram)(?![\p{L}\p{N}])/u,
      /(?<![\p{L}\p{N}])(?:vi ?-? ?ber)(?![\p{L}\p{N}])/u,
    ];
    const pieces = [
      'wh',
      'w',
      'at',
      "'",
      's',
      'ss',
      ' ',
      '-',
      'a',
      'ap',
      'p',
      'app',
      'whts',
      'watts',
      'tele',
      'tel',
      'gram',
      'garm',
      'vi',
      'ber',
      'x',
      '1',
    ];
    let found = 0;
    for (const text of randomTexts(pieces, 40_000, 10, 16)) {
      if (!BRANDS.some((re) => re.test(text))) continue;
      found++;
      expect([text, MAYBE_BRAND.test(text)]).toEqual([text, true]);
    }
    expect(found).toBeGreaterThan(100);
  });
});
