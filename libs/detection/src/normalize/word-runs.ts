import { isWordCode, letterAt } from './word-chars';

export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/** FNV-1a of a string's code units (as an unsigned 32-bit number). */
export function fnv1a(word: string): number {
  let h = FNV_OFFSET;
  for (let k = 0; k < word.length; k++) h = Math.imul(h ^ word.charCodeAt(k), FNV_PRIME);
  return h >>> 0;
}

/** A word of letters only (`\p{L}`, Basic Multilingual Plane), of ASCII digits only, or anything else (marks, numbers, astral characters, mixed). */
export const LETTERS = 1;
export const ASCII_DIGITS = 2;
export const MIXED = 0;

/**
 * The words of a text: maximal runs of letters, marks and numbers (`isWordCode`), with their FNV-1a
 * hash and kind. The extractors that read words (places, genders, spelled-out digits) share one
 * pass over the text: the last text read is kept, in buffers reused from call to call, so a reader
 * must be done with them before it reads another text.
 */
export interface WordRuns {
  readonly text: string;
  readonly count: number;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** FNV-1a state of each word (`>>> 0` for the unsigned hash). */
  readonly hashes: Int32Array;
  readonly kinds: Uint8Array;
}

// bits of a word character: 1 letter, 2 ASCII digit, 4 any other (mark, number, surrogate)
const ASCII_BITS = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_BITS[c] = ((c | 0x20) >= 97 && (c | 0x20) <= 122 ? 1 : 0) | (c >= 48 && c <= 57 ? 2 : 0);

function nonAsciiBits(text: string, i: number, c: number): number {
  if (c >= 0xd800 && c <= 0xdfff) return 4;
  return letterAt(text, i) === 1 ? 1 : isWordCode(c) ? 4 : 0;
}

let last: WordRuns = {
  text: '',
  count: 0,
  starts: new Int32Array(0),
  ends: new Int32Array(0),
  hashes: new Int32Array(0),
  kinds: new Uint8Array(0),
};

export function wordRuns(text: string): WordRuns {
  if (text === last.text) return last;
  const n = text.length;
  const most = (n >> 1) + 1;
  let { starts, ends, hashes, kinds } = last;
  if (starts.length < most) {
    const size = Math.max(most, 2 * starts.length, 256);
    starts = new Int32Array(size);
    ends = new Int32Array(size);
    hashes = new Int32Array(size);
    kinds = new Uint8Array(size);
  }
  let count = 0;
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    let bits = c < 128 ? (ASCII_BITS[c] ?? 0) : nonAsciiBits(text, i, c);
    if (bits === 0) {
      i++;
      continue;
    }
    const start = i;
    let h = FNV_OFFSET;
    let kind = 0;
    do {
      kind |= bits;
      h = Math.imul(h ^ c, FNV_PRIME);
      if (++i === n) break;
      c = text.charCodeAt(i);
      bits = c < 128 ? (ASCII_BITS[c] ?? 0) : nonAsciiBits(text, i, c);
    } while (bits !== 0);
    starts[count] = start;
    ends[count] = i;
    hashes[count] = h;
    kinds[count] = kind === 1 ? LETTERS : kind === 2 ? ASCII_DIGITS : MIXED;
    count++;
  }
  last = { text, count, starts, ends, hashes, kinds };
  return last;
}
