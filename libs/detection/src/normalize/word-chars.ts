const WORD = /[\p{L}\p{M}\p{N}]/u;
// 0 unknown, 1 word character, 2 not: filled lazily for the Basic Multilingual Plane
const table = new Uint8Array(0x10000);
for (let c = 0; c < 128; c++) table[c] = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ? 1 : 2;

/** Whether a UTF-16 code unit is a letter, mark or digit (surrogates count as word characters). */
export function isWordCode(c: number): boolean {
  let v = table[c] ?? 0;
  if (v === 0) {
    v = (c >= 0xd800 && c <= 0xdfff) || WORD.test(String.fromCharCode(c)) ? 1 : 2;
    table[c] = v;
  }
  return v === 1;
}

const LETTER = /^\p{L}$/u;
const LETTER_OR_MARK = /^[\p{L}\p{M}]$/u;
// Bit 1 letter, bit 2 letter or mark, bit 4 filled: for the Basic Multilingual Plane, filled lazily
const letterTable = new Uint8Array(0x10000);

function letterBits(cp: number): number {
  const ch = String.fromCodePoint(cp);
  return (LETTER.test(ch) ? 1 : 0) | (LETTER_OR_MARK.test(ch) ? 2 : 0);
}

/** `bit` (1 letter, 2 letter or mark) of the code point at `i`: its width in code units when set, else 0 (as `\p{L}` under the `u` flag). */
function codePointWith(text: string, i: number, bit: number): number {
  if (i < 0 || i >= text.length) return 0;
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const lo = text.charCodeAt(i + 1);
    if (lo >= 0xdc00 && lo <= 0xdfff) return letterBits((c - 0xd800) * 0x400 + (lo - 0xdc00) + 0x10000) & bit ? 2 : 0;
  }
  let v = letterTable[c] ?? 0;
  if (v === 0) {
    v = 4 | (c >= 0xd800 && c <= 0xdfff ? 0 : letterBits(c)); // a lone surrogate is no letter
    letterTable[c] = v;
  }
  return v & bit ? 1 : 0;
}

/** Width (1 or 2 code units) of the letter (`\p{L}`) starting at `i`, or 0. */
export function letterAt(text: string, i: number): number {
  return codePointWith(text, i, 1);
}

/** Width of the letter or mark (`[\p{L}\p{M}]`) starting at `i`, or 0. */
export function letterOrMarkAt(text: string, i: number): number {
  return codePointWith(text, i, 2);
}

/** Whether a letter (`\p{L}`) ends just before `i`. */
export function letterBefore(text: string, i: number): boolean {
  if (i <= 0) return false;
  const lo = text.charCodeAt(i - 1);
  if (lo >= 0xdc00 && lo <= 0xdfff && i >= 2) {
    const hi = text.charCodeAt(i - 2);
    if (hi >= 0xd800 && hi <= 0xdbff) return letterAt(text, i - 2) === 2;
  }
  return letterAt(text, i - 1) === 1;
}
