/**
 * Number words in the languages we cover (already folded: lower case, no accents). Only runs that
 * yield seven or more digits are rewritten, so "do" (Hindi two, English verb) or "one" in a sentence
 * stay words.
 */
// no prototype: "constructor" is an English word, not a number
const NUMBER_WORDS = Object.create(null) as Record<string, string>;
const LISTS: Array<[string, string[]]> = [
  ['en', ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine']],
  ['es', ['cero', 'uno', 'dos', 'tres', 'cuatro', 'cinco', 'seis', 'siete', 'ocho', 'nueve']],
  ['fr', ['zero', 'un', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf']],
  ['pt', ['zero', 'um', 'dois', 'tres', 'quatro', 'cinco', 'seis', 'sete', 'oito', 'nove']],
  ['ro', ['zero', 'unu', 'doi', 'trei', 'patru', 'cinci', 'sase', 'sapte', 'opt', 'noua']],
  ['ru', ['ноль', 'один', 'два', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять']],
  ['id', ['nol', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan']],
  ['tl', ['sero', 'isa', 'dalawa', 'tatlo', 'apat', 'lima', 'anim', 'pito', 'walo', 'siyam']],
  ['hi-ur-latn', ['sifar', 'ek', 'do', 'teen', 'char', 'panch', 'chhe', 'saat', 'aath', 'nau']],
];
for (const [, words] of LISTS) words.forEach((w, digit) => (NUMBER_WORDS[w] ??= String(digit)));
Object.assign(NUMBER_WORDS, {
  une: '1',
  oh: '0',
  kosong: '0',
  shunya: '0',
  paanch: '5',
  chay: '6',
  chhah: '6',
  che: '6',
  sat: '7',
  ath: '8',
  nao: '9',
  tin: '3',
  teen: '3',
  chaar: '4',
  nueve: '9',
  trés: '3',
  dva: '2',
});

const TOKEN = /\p{L}+|[0-9]+/gu;

// FNV-1a of a word's code units: a word is looked up (sliced) only when its hash is a number word's.
const wordHash = (word: string): number => {
  let h = 0x811c9dc5;
  for (let k = 0; k < word.length; k++) h = Math.imul(h ^ word.charCodeAt(k), 0x01000193);
  return h >>> 0;
};
const NUMBER_WORD_HASHES = new Set(Object.keys(NUMBER_WORDS).map(wordHash));

/** Two number words, or a number word beside digits, one after the other (cheap token scan). */
function hasNumberWordRun(text: string): boolean {
  let previous = false;
  let start = -1;
  let h = 0x811c9dc5;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    const letter = (c >= 97 && c <= 122) || (c >= 0x400 && c <= 0x4ff);
    if (letter) {
      if (start < 0) {
        start = i;
        h = 0x811c9dc5;
      }
      h = Math.imul(h ^ c, 0x01000193);
      continue;
    }
    if (start >= 0) {
      const isNumber = NUMBER_WORD_HASHES.has(h >>> 0) && NUMBER_WORDS[text.slice(start, i)] !== undefined;
      if (isNumber && previous) return true;
      previous = isNumber;
      start = -1;
    }
    if (c >= 48 && c <= 57) {
      if (previous) return true;
      previous = true;
      while (i + 1 < text.length && text.charCodeAt(i + 1) >= 48 && text.charCodeAt(i + 1) <= 57) i++;
      continue;
    }
    // separators between the words of a run
    if (!(c === 32 || c === 10 || c === 46 || c === 44 || c === 45 || c === 47)) previous = false;
  }
  return false;
}

/**
 * A copy of folded text where spelled-out and disguised digits become digits, for contact
 * extraction only: "nine 7 one five" -> "9715", "97l5O23" -> "9715023" (O and l only inside digit runs).
 */
export function digitsView(folded: string): string {
  // letters standing for digits inside digit runs
  let text = !/[0-9][\s.-]?[oOlI]|[oOlI][\s.-]?[0-9]/.test(folded)
    ? folded
    : folded.replace(/(?<=[0-9][\s.-]?)[oOlI]+(?=[\s.-]?[0-9])|(?<=[0-9]{2})[oOlI](?![\p{L}])|(?<![\p{L}])[oOlI](?=[0-9]{2})/gu, (m) =>
        m.replace(/[oO]/g, '0').replace(/[lI]/g, '1'),
      );
  if (!hasNumberWordRun(text)) return text;
  // runs of number words and digit groups separated by spaces, dots, dashes or commas
  const tokens: Array<{ start: number; end: number; digits: string | undefined }> = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    const word = m[0];
    const digits = /^[0-9]+$/.test(word) ? word : NUMBER_WORDS[word];
    tokens.push({ start: m.index, end: m.index + word.length, digits });
  }
  let out = '';
  let copied = 0;
  for (let i = 0; i < tokens.length;) {
    const first = tokens[i];
    if (!first || first.digits === undefined) {
      i++;
      continue;
    }
    let j = i;
    let digits = '';
    let words = 0;
    let plain = 0;
    while (j < tokens.length) {
      const t = tokens[j];
      if (!t || t.digits === undefined) break;
      if (j > i) {
        const gap = text.slice(tokens[j - 1]?.end ?? 0, t.start);
        if (!/^[\s.,\-/]{0,3}$/.test(gap)) break;
      }
      digits += t.digits;
      if (/^[0-9]+$/.test(text.slice(t.start, t.end))) plain += t.digits.length;
      else words++;
      j++;
    }
    const last = tokens[j - 1];
    // a lone word beside a full number ("do 0300...") is a word, not a digit
    if (words > 0 && digits.length >= 7 && !(words === 1 && plain >= 7) && last) {
      out += text.slice(copied, first.start) + digits;
      copied = last.end;
    }
    i = Math.max(j, i + 1);
  }
  if (copied === 0) return text;
  text = out + text.slice(copied);
  return text;
}
