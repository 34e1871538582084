import { mentionsAbroad } from './structure';

// The regular expression mentionsAbroad stands for, tried at every position.
const ABROAD =
  /(?<![\p{L}])(?:abroad|overseas|work\s+outside|extranjero|exterior|etranger|l'etranger|strainatate|за\s+границ\p{L}*|за\s+рубеж\p{L}*|за\s+кордон\p{L}*|luar\s+negeri|ibang\s+bansa|abroad|videsh|bahar\s+ke\s+mulk|bairon\s+e\s+mulk|بيرون\s+ملك|بيرون\s+ممالك|خارج\s+البلاد|بالخارج|विदेश\p{M}*|वैदेशिक)(?![\p{L}])/u;

// pieces of every alternative, near misses, letters and marks that glue words, separators
const PIECES = [
  'abroad',
  'overseas',
  'work',
  'outside',
  'extranjero',
  'exterior',
  "l'etranger",
  'etranger',
  'strainatate',
  'за',
  'границей',
  'рубеж',
  'кордон',
  'luar',
  'negeri',
  'ibang',
  'bansa',
  'videsh',
  'bahar',
  'bairon',
  'ke',
  'e',
  'mulk',
  'بيرون',
  'ملك',
  'ممالك',
  'خارج',
  'البلاد',
  'بالخارج',
  'ال',
  'विदेश',
  '\u0940',
  'वैदेशिक',
  'x',
  'я',
  '𝐀',
  '1',
  ' ',
  '  ',
  '\n',
  '.',
  "'",
];

describe('mentionsAbroad', () => {
  it('agrees with the ABROAD expression on random texts', () => {
    let seed = 11;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    let found = 0;
    for (let t = 0; t < 20_000; t++) {
      let text = '';
      const length = 1 + (next() % 7);
      for (let k = 0; k < length; k++) text += PIECES[next() % PIECES.length];
      const expected = ABROAD.test(text);
      if (expected) found++;
      expect([text, mentionsAbroad(text)]).toEqual([text, expected]);
    }
    // the random texts do exercise both outcomes
    expect(found).toBeGreaterThan(1000);
  });

  it('reads whole words only', () => {
    expect(mentionsAbroad('work abroad now')).toBe(true);
    expect(mentionsAbroad('xabroad')).toBe(false);
    expect(mentionsAbroad("travail a l'etranger")).toBe(true);
    expect(mentionsAbroad('yalbakhارج')).toBe(false);
    expect(mentionsAbroad('نعمل بالخارج')).toBe(true);
    expect(mentionsAbroad('विदेशी')).toBe(true);
  });
});
