/**
 * One pass over a lower-cased field that yields the model's word tokens as hashes and offsets, with
 * no per-token strings: the same words as `tokenize` (letters, marks and digits of any script; digits
 * folded to `0`; at most MAX_TOKEN_CHARS code units hashed) and contacts as placeholder tokens. Built
 * for `model.predict`, which must cost a few tens of microseconds per ad.
 */
import { hashString } from './hashing';
import { MAX_TOKEN_CHARS as MAX_TOKEN_UNITS } from './tokenize';

// A local copy: imported bindings compile to property reads on the module object.
const MAX_TOKEN_CHARS = MAX_TOKEN_UNITS;

const SEPARATOR = 0;
const WORD = 1;
const DIGIT = 2;

/** Character class of every BMP code unit; surrogate halves are looked up per code point. */
const CLASS = buildClassTable();

function buildClassTable(): Uint8Array {
  const table = new Uint8Array(0x10000);
  const word = /[\p{L}\p{M}\p{N}_]/u;
  const digit = /\p{Nd}/u;
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const s = String.fromCharCode(c);
    table[c] = digit.test(s) ? DIGIT : word.test(s) ? WORD : SEPARATOR;
  }
  return table;
}

const ASTRAL_WORD = /^[\p{L}\p{M}\p{N}]$/u;

export const PLACEHOLDER_URL = '_url_';
export const PLACEHOLDER_EMAIL = '_email_';
export const PLACEHOLDER_PHONE = '_phone_';
const URL_HASH = hashString(PLACEHOLDER_URL);
const EMAIL_HASH = hashString(PLACEHOLDER_EMAIL);
const PHONE_HASH = hashString(PLACEHOLDER_PHONE);

/** A token: FNV-1a hash of its (folded) text; `start..end` in the scanned string, or a placeholder. */
export interface TokenSink {
  token(hash: number, start: number, end: number, placeholder: string | undefined): void;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function isAsciiWord(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || c === 95;
}

function isPhoneChar(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 32 || c === 40 || c === 41 || c === 46 || c === 45 || c === 9 || c === 10 || c === 13;
}

/** `#url_<hex>#`, `#email_<hex>#`, `#phone_<hex>#` (EMSCAD's masks) at `i`: end offset, or -1. */
function emscadMaskEnd(s: string, i: number, n: number): [number, number] {
  let j = i + 1;
  let hash: number;
  if (s.startsWith('url_', j)) {
    j += 4;
    hash = URL_HASH;
  } else if (s.startsWith('email_', j)) {
    j += 6;
    hash = EMAIL_HASH;
  } else if (s.startsWith('phone_', j)) {
    j += 6;
    hash = PHONE_HASH;
  } else return [-1, 0];
  const hexStart = j;
  while (j < n) {
    const c = s.charCodeAt(j);
    if ((c >= 48 && c <= 57) || (c >= 97 && c <= 102)) j++;
    else break;
  }
  if (j === hexStart || j >= n || s.charCodeAt(j) !== 35) return [-1, 0];
  return [j + 1, hash];
}

/** An e-mail address starting at `i` (ASCII local part, dotted domain): its end, or -1. */
function emailEnd(s: string, i: number, n: number): number {
  let j = i;
  while (j < n) {
    const c = s.charCodeAt(j);
    if (isAsciiWord(c) || c === 46 || c === 43 || c === 45) j++;
    else break;
  }
  if (j === i || j >= n || s.charCodeAt(j) !== 64) return -1;
  j++;
  let dots = 0;
  let labelChars = 0;
  let end = -1;
  while (j < n) {
    const c = s.charCodeAt(j);
    if (isAsciiWord(c) || c === 45) {
      labelChars++;
      if (dots > 0) end = j + 1;
    } else if (c === 46 && labelChars > 0) {
      dots++;
      labelChars = 0;
    } else break;
    j++;
  }
  return end;
}

/** A phone-like run (`+?digit[digits, spaces, ().-]{7,}digit`) from `i`: its end, or -1. */
function phoneEnd(s: string, i: number, n: number): number {
  let j = s.charCodeAt(i) === 43 ? i + 1 : i;
  const first = j;
  let lastDigit = -1;
  while (j < n && isPhoneChar(s.charCodeAt(j))) {
    const c = s.charCodeAt(j);
    if (c >= 48 && c <= 57) lastDigit = j;
    j++;
  }
  return lastDigit - first >= 8 ? lastDigit + 1 : -1;
}

/** Calls `sink.token` for every token of `s` (already lower-cased), in order. Returns the token count. */
export function scanTokens(s: string, sink: TokenSink, maxTokens: number): number {
  const n = s.length;
  // A hand loop: `s.indexOf('@')` here made the whole scan about 25 times slower on two-byte
  // (non-Latin-1) text in Node 20, measured, not understood.
  let mayHaveAt = false;
  for (let k = 0; k < n; k++) {
    if (s.charCodeAt(k) === 64) {
      mayHaveAt = true;
      break;
    }
  }
  let count = 0;
  let previousIsWord = false;
  let i = 0;
  while (i < n && count < maxTokens) {
    const c = s.charCodeAt(i);
    if (c === 35) {
      const [end, hash] = emscadMaskEnd(s, i, n);
      if (end > 0) {
        sink.token(hash, i, end, hash === URL_HASH ? PLACEHOLDER_URL : hash === EMAIL_HASH ? PLACEHOLDER_EMAIL : PLACEHOLDER_PHONE);
        count++;
        i = end;
        previousIsWord = false;
        continue;
      }
    }
    if (!previousIsWord) {
      if ((c === 104 && (s.startsWith('http://', i) || s.startsWith('https://', i))) || (c === 119 && s.startsWith('www.', i))) {
        let j = i;
        while (j < n && s.charCodeAt(j) > 32) j++;
        sink.token(URL_HASH, i, j, PLACEHOLDER_URL);
        count++;
        i = j;
        previousIsWord = false;
        continue;
      }
      if (mayHaveAt && (isAsciiWord(c) || c === 46 || c === 43 || c === 45)) {
        const end = emailEnd(s, i, n);
        if (end > 0) {
          sink.token(EMAIL_HASH, i, end, PLACEHOLDER_EMAIL);
          count++;
          i = end;
          previousIsWord = false;
          continue;
        }
      }
      if ((c >= 48 && c <= 57) || (c === 43 && i + 1 < n && s.charCodeAt(i + 1) >= 48 && s.charCodeAt(i + 1) <= 57)) {
        const end = phoneEnd(s, i, n);
        if (end > 0) {
          sink.token(PHONE_HASH, i, end, PLACEHOLDER_PHONE);
          count++;
          i = end;
          previousIsWord = false;
          continue;
        }
      }
    }
    const kind = c >= 0xd800 && c <= 0xdbff ? astralClass(s, i) : CLASS[c]!;
    if (kind === SEPARATOR) {
      previousIsWord = false;
      i += c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1;
      continue;
    }
    // A word: hash its first MAX_TOKEN_CHARS code units, digits as '0'.
    const start = i;
    let h = FNV_OFFSET;
    let hashed = 0;
    while (i < n) {
      const d = s.charCodeAt(i);
      if (d >= 0xd800 && d <= 0xdbff) {
        if (astralClass(s, i) === SEPARATOR) break;
        const pair = i + 1 < n ? 2 : 1;
        for (let u = 0; u < pair && hashed < MAX_TOKEN_CHARS; u++, hashed++) h = Math.imul(h ^ s.charCodeAt(i + u), FNV_PRIME);
        i += pair;
        continue;
      }
      const k = CLASS[d]!;
      if (k === SEPARATOR) break;
      if (hashed < MAX_TOKEN_CHARS) {
        h = Math.imul(h ^ (k === DIGIT ? 48 : d), FNV_PRIME);
        hashed++;
      }
      i++;
    }
    sink.token(h >>> 0, start, i, undefined);
    count++;
    previousIsWord = true;
  }
  return count;
}

function astralClass(s: string, i: number): number {
  const cp = s.codePointAt(i)!;
  if (cp < 0x10000) return SEPARATOR; // a lone surrogate
  return ASTRAL_WORD.test(String.fromCodePoint(cp)) ? WORD : SEPARATOR;
}
