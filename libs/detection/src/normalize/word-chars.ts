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
