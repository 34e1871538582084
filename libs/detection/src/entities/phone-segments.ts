import { CountryCode, Metadata } from 'libphonenumber-js';
import { letterOrMarkAt } from '../normalize/word-chars';

/**
 * Where libphonenumber's `findPhoneNumbersInText` can find anything, so it runs only there: it
 * parses every digit group it meets ("900", "50"), and each rejected parse throws an error.
 *
 * Between two digits, its match pattern allows separators (space, tab, comma, dashes) without limit
 * but at most 11 other characters (leading brackets and plus signs, or an extension label such as
 * "extensión:"), and its checks look one character before a number and three after. So text cut in
 * the middle of a digit-free stretch with 30 or more such other characters yields exactly the
 * numbers the whole text yields, and a piece with fewer digits than any number can have yields none.
 * (Read from libphonenumber-js 1.13's PhoneNumberMatcher; the spec checks it on random texts.)
 */
const CUT_GAP = 30;
const MARGIN = 15;
/** The fewest national-number digits of any region in libphonenumber's metadata (a test checks it). */
export const MIN_PHONE_DIGITS = 4;

const minDigitsByRegion = new Map<CountryCode, number>();

/**
 * The fewest digits of a number found with this default region: a national number of the region,
 * or a country code (and an international prefix) before a national number of MIN_PHONE_DIGITS.
 */
export function minPhoneDigits(region: CountryCode | undefined): number {
  if (!region) return MIN_PHONE_DIGITS;
  let min = minDigitsByRegion.get(region);
  if (min === undefined) {
    const metadata = new Metadata();
    metadata.selectNumberingPlan(region);
    min = Math.min(MIN_PHONE_DIGITS + 1, ...(metadata.numberingPlan?.possibleLengths() ?? [MIN_PHONE_DIGITS]));
    minDigitsByRegion.set(region, min);
  }
  return min;
}

const SEPARATOR = 0;
const GAP = 1;
const MAYBE_DIGIT = 2;

/** What a code unit can be in a phone match: certainly no digit (GAP), a run separator, or maybe a digit. */
function kindAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) {
    if (c >= 48 && c <= 57) return MAYBE_DIGIT;
    return c === 32 || c === 9 || c === 44 || c === 45 ? SEPARATOR : GAP;
  }
  // its patterns are not Unicode-aware, so surrogates never match; letters and marks are no digits.
  // Any other character may be a digit of another script.
  return (c >= 0xd800 && c <= 0xdfff) || letterOrMarkAt(text, i) !== 0 ? GAP : MAYBE_DIGIT;
}

/** Spans [start, end) of `text` with at least `minDigits` possible digits, in order. */
export function phoneSegments(text: string, minDigits = MIN_PHONE_DIGITS): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let start = 0;
  let digits = 0;
  // gap characters since the last possible digit, and where MARGIN of them end
  let gaps = 0;
  let cutEnd = 0;
  for (let i = 0; i < text.length; i++) {
    const kind = kindAt(text, i);
    if (kind === GAP) {
      if (++gaps === MARGIN) cutEnd = i + 1;
      continue;
    }
    if (kind === SEPARATOR) continue;
    if (gaps >= CUT_GAP) {
      if (digits >= minDigits) spans.push([start, cutEnd]);
      // the next piece starts MARGIN gap characters before this digit
      let k = i;
      for (let seen = 0; seen < MARGIN;) if (kindAt(text, --k) === GAP) seen++;
      start = k;
      digits = 0;
    }
    gaps = 0;
    digits++;
  }
  if (digits >= minDigits) spans.push([start, text.length]);
  return spans;
}
