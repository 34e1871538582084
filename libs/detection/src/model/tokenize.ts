/**
 * Our own tokenizer rather than natural's WordTokenizer: natural's splits on anything outside
 * A-Z, a-z, Cyrillic and digits, so Arabic, Devanagari or accented Latin words fall apart; this
 * one keeps letters and marks of any script and is faster (measured in tokenize.spec.ts).
 */
const WORD = /[\p{L}\p{M}\p{N}_]+/gu;
const DIGIT = /\p{Nd}/gu;

/** Contacts and links become placeholder tokens; EMSCAD already masks them as `#URL_<hex>#` etc. */
const PLACEHOLDERS: Array<[RegExp, string]> = [
  [/#(url|email|phone)_[0-9a-f]+#/gi, ' _$1_ '],
  [/\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g, ' _email_ '],
  [/\bhttps?:\/\/\S+|\bwww\.\S+/gi, ' _url_ '],
  [/\+?\d[\d\s().-]{7,}\d/g, ' _phone_ '],
];

export const MAX_TOKEN_CHARS = 30;

/** Lower-cased word tokens with digits folded to `0`, contacts as placeholders. */
export function tokenize(text: string): string[] {
  if (text === '') return [];
  let t = text;
  if (t.includes('#') || t.includes('@') || t.includes('http') || t.includes('www')) {
    for (const [pattern, replacement] of PLACEHOLDERS.slice(0, 3)) t = t.replace(pattern, replacement);
  }
  t = t.replace(PLACEHOLDERS[3]![0], PLACEHOLDERS[3]![1]).toLowerCase();
  const tokens = t.match(WORD);
  if (!tokens) return [];
  for (let i = 0; i < tokens.length; i++) {
    let token = tokens[i]!;
    if (token.length > MAX_TOKEN_CHARS) token = token.slice(0, MAX_TOKEN_CHARS);
    if (/\d/.test(token)) token = token.replace(DIGIT, '0');
    tokens[i] = token;
  }
  return tokens;
}
