import { CountryCode, findPhoneNumbersInText } from 'libphonenumber-js';
import metadata from 'libphonenumber-js/metadata.min.json';
import { APP_PATTERNS, extractEmails, extractUrls } from './contacts';
import { AGE_PATTERNS, ageCues } from './demographics';
import { matchesAt, occurrencesAfterNoLetter } from './match-at';
import { MONEY_PATTERNS, moneyMatches } from './money';
import { randomTexts } from '../testing/random-texts';
import { MIN_PHONE_DIGITS, minPhoneDigits, phoneSegments } from './phone-segments';

// Each extractor tries its patterns only where a cheap scan says they can match: on random texts,
// it must find exactly what the patterns find over the whole text.

// scripts and code units that scans get wrong: Arabic, Devanagari with a mark, Cyrillic, a combining
// mark, astral letters and symbols, surrogate halves, Unicode spaces
const TRICKY = ['ب', 'क\u093f', 'я', '\u0301', '𝐀', '😀', '\ud800', '\udc00', '\u00a0', '\u2003', '\n', 'é'];
const matched = (matches: Iterable<RegExpMatchArray>) => [...matches].map((m) => [m.index, m[0]]);

describe('phone number pieces', () => {
  it('assume no region has national numbers shorter than MIN_PHONE_DIGITS', () => {
    const plans = [...Object.values(metadata.countries), ...Object.values(metadata.nonGeographic ?? {})] as unknown[][];
    const shortest = Math.min(...plans.flatMap((plan) => plan[3] as number[]));
    expect(shortest).toBeGreaterThanOrEqual(MIN_PHONE_DIGITS);
    expect(minPhoneDigits('GB')).toBe(5);
    expect(minPhoneDigits('DE')).toBe(4);
  });

  it('hold every number the whole text holds, in order', () => {
    const alphabet = [
      ...TRICKY,
      '+971 50 123 4567',
      '(415) 555-2671',
      '020 7946 0958',
      '0300-1234567',
      'ext. 12',
      'x 123',
      '#',
      ';ext=55',
      ',,12',
      '2012-01-02 08:00',
      ':30',
      '3/10/2011',
      '4155552671',
      '123',
      '9',
      '+',
      '(',
      ')',
      '.',
      '/',
      ' - ',
      '  ',
      'extensión',
      'доб',
      '٠٣٠٠١٢٣٤٥٦٧',
      '０３０',
      '\u200b',
      'call',
      'the quick brown fox jumps over the lazy dog',
    ];
    const regions: Array<CountryCode | undefined> = [undefined, 'GB', 'US', 'DE', 'NU', 'IN', 'AE'];
    let found = 0;
    randomTexts(alphabet, 400, 3, 60).forEach((text, k) => {
      const region = regions[k % regions.length];
      const options = region ? { defaultCountry: region } : undefined;
      const whole = findPhoneNumbersInText(text, options).map((r) => `${r.number.number} ${r.number.country}`);
      const pieces = phoneSegments(text, minPhoneDigits(region)).flatMap(([start, end]) =>
        findPhoneNumbersInText(text.slice(start, end), options).map((r) => `${r.number.number} ${r.number.country}`),
      );
      found += whole.length;
      expect([text, pieces]).toEqual([text, whole]);
    });
    expect(found).toBeGreaterThan(100);
  });
});

describe('money', () => {
  it('finds the matches of its patterns over the whole text', () => {
    const alphabet = [
      ...TRICKY,
      '$',
      'us$',
      'us dollars',
      '€',
      'rs.',
      'rs',
      'sar',
      'dh',
      'juta',
      'руб.',
      'р.',
      'r$',
      '₹',
      'रु',
      'ريال',
      '1',
      '25',
      '1,500',
      '3 000',
      '12.5',
      'k',
      'lakh',
      'тыс.',
      '-',
      'to',
      'per',
      '/',
      'month',
      'p.m',
      'a',
      ' ',
      ' ',
      '.',
      ',',
    ];
    let found = 0;
    for (const text of randomTexts(alphabet, 20_000, 5, 16)) {
      const { before, after } = moneyMatches(text);
      const expected = [matched(text.matchAll(MONEY_PATTERNS.before)), matched(text.matchAll(MONEY_PATTERNS.after))];
      found += expected[0]!.length + expected[1]!.length;
      expect([text, matched(before), matched(after)]).toEqual([text, ...expected]);
    }
    expect(found).toBeGreaterThan(3_000);
  });
});

describe('ages', () => {
  it('try each pattern wherever it matches', () => {
    const alphabet = [
      ...TRICKY,
      'age ',
      'aged',
      ' years',
      'yrs',
      'y.o',
      'лет',
      'साल',
      'between ',
      ' and ',
      ' to ',
      '-',
      'under ',
      'over ',
      'max.',
      'up to ',
      ':',
      '18',
      '45',
      '18',
      '45',
      '123',
      '7',
      ' ',
      'x',
    ];
    let matching = 0;
    for (const text of randomTexts(alphabet, 60_000, 9, 9)) {
      const { yearsNext, joinNext } = ageCues(text);
      const { AGE_RANGE, ...others } = AGE_PATTERNS;
      if ([...text.matchAll(AGE_RANGE)].length > 0) {
        matching++;
        expect([text, joinNext]).toEqual([text, true]);
      }
      for (const pattern of Object.values(others)) {
        if ([...text.matchAll(pattern)].length > 0) {
          matching++;
          expect([text, yearsNext]).toEqual([text, true]);
        }
      }
    }
    expect(matching).toBeGreaterThan(300);
  });
});

describe('messaging app patterns', () => {
  it('find their matches over the whole text', () => {
    const alphabet = [
      ...TRICKY,
      'whatsapp',
      'wa',
      'telegram',
      'tg',
      'viber',
      'signal',
      'imo',
      'wechat',
      'weixin',
      'line',
      'online',
      'id',
      ':',
      '@',
      'jobs_1',
      '/',
      '+971 50 123 4567',
      '0300',
      ' ',
      ' ',
      'x',
    ];
    let found = 0;
    for (const text of randomTexts(alphabet, 20_000, 13, 12)) {
      for (const { pattern, words } of APP_PATTERNS) {
        const expected = matched(text.matchAll(new RegExp(pattern.source, 'gu')));
        found += expected.length;
        expect([text, matched(matchesAt(pattern, text, occurrencesAfterNoLetter(text, words)))]).toEqual([text, expected]);
      }
    }
    expect(found).toBeGreaterThan(1_000);
  });
});

describe('URLs', () => {
  it('are looked for when the text holds a slash or "www." in any case', () => {
    expect(extractUrls(['Visit WWW.Example.com today'])).toEqual([{ url: 'WWW.Example.com', shortener: false }]);
    expect(extractUrls(['no link here. www'])).toEqual([]);
  });
});

describe('emails', () => {
  it('are looked for from 64 characters before each "@"', () => {
    const local = 'x'.repeat(70);
    expect(extractEmails(`${local}@gmail.com and ${local.slice(0, 5)}@mail.ru`)).toEqual([
      { address: `${local.slice(0, 64)}@gmail.com`, freeMail: true },
      { address: 'xxxxx@mail.ru', freeMail: true },
    ]);
  });
});
