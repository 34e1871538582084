import {
  FOLD_DROPPED,
  FOLD_NEWLINE,
  FOLD_SEVERAL,
  FOLD_SPACE,
  foldCodePoint,
  foldedUnit,
  HOMOGLYPHS,
  LATN_ID,
  SCRIPT_NAMES,
  scriptIdOf,
  ScriptName,
} from './fold';
import { htmlToMapped } from './html';
import { Mapped, MappedBuilder } from './mapped';
import { letterAt, letterBefore, letterOrMarkAt } from './word-chars';

/** Characters of each field that are scanned at most: bounds time on hostile input. */
export const MAX_FIELD_CHARS = 20_000;

export interface NormalizedText {
  /** Folded text: lower case, no diacritics, one space between words, "\n" between blocks. */
  text: string;
  /** For each UTF-16 unit of `text`, the offset in the original where its source starts. */
  starts: Int32Array;
  /** For each UTF-16 unit of `text`, the offset in the original just after its source. */
  ends: Int32Array;
  /** Letters per script (ISO 15924 codes), counted after folding. */
  scripts: Partial<Record<ScriptName, number>>;
}

export interface NormalizeOptions {
  /** Treat the input as HTML: tags, scripts and styles removed, entities decoded, blocks become newlines. */
  html?: boolean;
  /** Characters of the input read; defaults to MAX_FIELD_CHARS. */
  maxLength?: number;
}

/**
 * Folds text for matching, keeping a map from every folded character back to the original, so
 * evidence can quote the original words. See catalogue/README.md for the folding rules.
 */
export function normalize(input: string, options: NormalizeOptions = {}): NormalizedText {
  const max = options.maxLength ?? MAX_FIELD_CHARS;
  const source = input.length > max ? input.slice(0, max) : input;
  let folded: FoldedChars;
  if (options.html) {
    const html = htmlToMapped(source);
    folded = foldChars(html.text, html);
  } else folded = foldChars(source);
  const { scripts } = folded;
  let current: Mapped = folded;
  if ((scripts.Latn ?? 0) > 0 && ((scripts.Cyrl ?? 0) > 0 || (scripts.Grek ?? 0) > 0)) current = foldHomoglyphs(current);
  if (folded.maybeInWordSymbol) current = foldInWordSymbols(current);
  // the cheap regex first: the exact scan is a loop in JavaScript, several times slower
  if (MAYBE_SPELLED.test(current.text) && maybeSpelledOut(current.text)) current = joinSpelledOut(current);
  if (MAYBE_BRAND.test(current.text)) current = canonicalBrands(current);
  // the steps return their input when they change nothing: then the counts already made still hold
  return {
    text: current.text,
    starts: current.starts,
    ends: current.ends,
    scripts: current.text === folded.text ? scripts : countScripts(current.text),
  };
}

/** Original [start, end) of the normalised range [start, end). */
export function originalSpan(
  n: Pick<NormalizedText, 'starts' | 'ends' | 'text'>,
  start: number,
  end: number,
): { start: number; end: number } {
  if (n.text.length === 0) return { start: 0, end: 0 };
  const s = Math.max(0, Math.min(start, n.text.length - 1));
  const e = Math.max(s + 1, Math.min(end, n.text.length));
  return { start: n.starts[s] ?? 0, end: n.ends[e - 1] ?? 0 };
}

/**
 * Folds a regular-expression source the way text is folded, except case (patterns are compiled
 * with the `i` flag) and the word-level steps, so authors can write natural spelling.
 */
export function foldPattern(source: string): string {
  let out = '';
  for (const ch of source) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 128) {
      out += ch;
      continue;
    }
    out += foldCodePoint(cp);
  }
  return out;
}

// Folded ASCII as code units: -1 space, -2 newline.
const ASCII_CODES = new Int32Array(128);
for (let c = 0; c < 128; c++) {
  const f = foldCodePoint(c);
  ASCII_CODES[c] = f === ' ' ? -1 : f === '\n' ? -2 : f.charCodeAt(0);
}

// Working buffers of foldChars, reused across calls (it returns copies): no three fresh arrays per field.
let scratchCodes = new Uint16Array(4096);
let scratchStarts = new Int32Array(4096);
let scratchEnds = new Int32Array(4096);
// letters per script id (SCRIPT_NAMES), and where each script first shows, so the counts keep text order
const scriptCounts = new Int32Array(SCRIPT_NAMES.length + 1);
const scriptFirst = new Int32Array(SCRIPT_NAMES.length + 1);
const LATN = LATN_ID;

/** Folded characters, their script counts, and whether the in-word symbol pass may change anything. */
interface FoldedChars extends Mapped {
  scripts: Partial<Record<ScriptName, number>>;
  /** `@`, `0` or `$` right after what may be a letter (ASCII letter or any non-ASCII unit). */
  maybeInWordSymbol: boolean;
}

/**
 * Character folding with white-space collapsing; `input` maps into the original (identity when absent).
 * Counts scripts and notes in-word symbol candidates on the way, so no later pass re-reads the text for them.
 */
export function foldChars(text: string, input?: Mapped): FoldedChars {
  // locals only (no closures over them): this loop runs for every character of every ad
  let cap = text.length + 64;
  if (scratchCodes.length < cap) {
    scratchCodes = new Uint16Array(cap);
    scratchStarts = new Int32Array(cap);
    scratchEnds = new Int32Array(cap);
  }
  cap = scratchCodes.length;
  let codes = scratchCodes;
  let starts = scratchStarts;
  let ends = scratchEnds;
  scriptCounts.fill(0);
  let symbolAfterLetter = false;
  let wide = false; // a unit above 0xff was written
  // Latin letters, the most common, counted in locals (merged into scriptCounts at the end)
  let latin = 0;
  let latinFirst = 0;
  let n = 0;
  let lastSpace = true; // drops leading white space
  const len = text.length;
  for (let i = 0; i < len;) {
    if (!input) {
      // Printable ASCII and BMP letters that fold to one unit (most of most text), with no map to follow:
      // the steps below, inlined. Anything else leaves for the general path.
      for (; i < len; i++) {
        const c = text.charCodeAt(i);
        let unit: number;
        if (c === 32) {
          // a space: one kept, the rest of a run folded into it
          if (!lastSpace) {
            codes[n] = 32;
            starts[n] = i;
            ends[n] = i + 1;
            n++;
            lastSpace = true;
          } else if (n > 0) ends[n - 1] = i + 1;
          continue;
        }
        if (c > 32 && c < 127) unit = c >= 65 && c <= 90 ? c + 32 : c;
        else if (c >= 0xc0 && (c < 0xd800 || c > 0xdfff)) {
          unit = foldedUnit(c);
          if (unit <= FOLD_SEVERAL) break;
        } else break;
        codes[n] = unit;
        starts[n] = i;
        ends[n] = i + 1;
        if (unit >= 97 && unit <= 122) {
          if (latin++ === 0) latinFirst = n;
        } else if (unit >= 0xc0) {
          if (unit > 0xff) wide = true;
          const id = scriptIdOf(unit);
          if (id !== 0) countLetter(id, n);
        } else if ((unit === 64 || unit === 48 || unit === 36) && n > 0 && mayBeLetterUnit(codes[n - 1] as number))
          symbolAfterLetter = true;
        n++;
        lastSpace = false;
      }
      if (i >= len) break;
    }
    const cu = text.charCodeAt(i);
    const at = i;
    // the folded unit (> 0), -1 space, -2 newline, 0 dropped, -3 several units (from foldCodePoint)
    let code: number;
    let cp = cu;
    if (cu < 128) {
      i++;
      code = ASCII_CODES[cu] as number;
    } else {
      if (cu >= 0xd800 && cu <= 0xdbff && i + 1 < len) {
        const lo = text.charCodeAt(i + 1);
        if (lo >= 0xdc00 && lo <= 0xdfff) cp = (cu - 0xd800) * 0x400 + (lo - 0xdc00) + 0x10000;
      }
      i += cp > 0xffff ? 2 : 1;
      const unit = cp > 0xffff ? FOLD_SEVERAL : foldedUnit(cp);
      code = unit > FOLD_SEVERAL ? unit : unit === FOLD_SPACE ? -1 : unit === FOLD_NEWLINE ? -2 : unit === FOLD_DROPPED ? 0 : -3;
      if (code === 0) continue;
    }
    const start = input ? (input.starts[at] as number) : at;
    const end = input ? (input.ends[i - 1] as number) : i;
    if (code > 0) {
      codes[n] = code;
      starts[n] = start;
      ends[n] = end;
      if (code >= 97 && code <= 122) {
        if (latin++ === 0) latinFirst = n;
      } else if (code >= 0xc0) {
        if (code > 0xff) wide = true;
        const id = scriptIdOf(code);
        if (id !== 0) countLetter(id, n);
      } else if ((code === 64 || code === 48 || code === 36) && n > 0 && mayBeLetterUnit(codes[n - 1] as number)) symbolAfterLetter = true;
      n++;
      lastSpace = false;
      continue;
    }
    if (code !== -3) {
      if (!lastSpace) {
        codes[n] = code === -2 ? 10 : 32;
        starts[n] = start;
        ends[n] = end;
        n++;
        lastSpace = true;
      } else if (n > 0) {
        if (code === -2) codes[n - 1] = 10;
        ends[n - 1] = end;
      }
      continue;
    }
    const out = foldCodePoint(cp);
    if (out === '') continue;
    if (out === ' ' || out === '\n') {
      if (!lastSpace) {
        codes[n] = out === '\n' ? 10 : 32;
        starts[n] = start;
        ends[n] = end;
        n++;
        lastSpace = true;
      } else if (n > 0) {
        if (out === '\n') codes[n - 1] = 10;
        ends[n - 1] = end;
      }
      continue;
    }
    // room for this expansion and one unit for each character still to come
    if (n + out.length + (len - i) + 2 > cap) {
      cap = Math.max(n + out.length + (len - i) + 64, cap * 2);
      const c2 = new Uint16Array(cap);
      c2.set(codes);
      codes = c2;
      const s2 = new Int32Array(cap);
      s2.set(starts);
      starts = s2;
      const e2 = new Int32Array(cap);
      e2.set(ends);
      ends = e2;
      scratchCodes = codes;
      scratchStarts = starts;
      scratchEnds = ends;
    }
    for (let k = 0; k < out.length; k++) {
      const unit = out.charCodeAt(k);
      codes[n] = unit;
      starts[n] = start;
      ends[n] = end;
      if (unit >= 97 && unit <= 122) {
        if (latin++ === 0) latinFirst = n;
      } else if (unit >= 0xc0) {
        if (unit > 0xff) wide = true;
        const id = scriptIdOf(unit);
        if (id !== 0) countLetter(id, n);
      } else if ((unit === 64 || unit === 48 || unit === 36) && n > 0 && mayBeLetterUnit(codes[n - 1] as number)) symbolAfterLetter = true;
      n++;
    }
    lastSpace = false;
  }
  while (n > 0 && (codes[n - 1] === 32 || codes[n - 1] === 10)) n--;
  scriptCounts[LATN] = latin;
  scriptFirst[LATN] = latinFirst;
  return {
    text: decodeUnits(codes, n, wide),
    starts: copyInts(starts, n),
    ends: copyInts(ends, n),
    scripts: scriptsInTextOrder(scriptCounts, scriptFirst),
    maybeInWordSymbol: symbolAfterLetter,
  };
}

// Results are carved out of shared chunks: one typed array (and its off-heap buffer) per field and map
// costs more than the copy itself. A chunk is freed once no result in it is referenced.
const CHUNK_INTS = 1 << 14; // 64 KB: what a long-lived result can pin
let chunk = new Int32Array(CHUNK_INTS);
let chunkUsed = 0;

/** A copy of units [0, n) of `source`. */
function copyInts(source: Int32Array, n: number): Int32Array {
  if (n > CHUNK_INTS / 4) return source.slice(0, n);
  if (chunkUsed + n > CHUNK_INTS) {
    chunk = new Int32Array(CHUNK_INTS);
    chunkUsed = 0;
  }
  const out = chunk.subarray(chunkUsed, chunkUsed + n);
  out.set(source.subarray(0, n));
  chunkUsed += n;
  return out;
}

let scratchBytes = Buffer.alloc(4096);

/**
 * The string of units [0, n): Latin-1 when every unit fits a byte (a one-byte string, as V8 would make), else UTF-16.
 * Native decoding is ten times faster than String.fromCharCode over the array.
 */
function decodeUnits(codes: Uint16Array, n: number, wide: boolean): string {
  if (wide) return Buffer.from(codes.buffer, codes.byteOffset, n * 2).toString('utf16le');
  if (scratchBytes.length < n) scratchBytes = Buffer.alloc(Math.max(n, 2 * scratchBytes.length));
  scratchBytes.set(codes.subarray(0, n));
  return scratchBytes.toString('latin1', 0, n);
}

function countLetter(id: number, at: number): void {
  const count = scriptCounts[id] as number;
  if (count === 0) scriptFirst[id] = at;
  scriptCounts[id] = count + 1;
}

/** A unit that may belong to a letter: an ASCII letter or anything beyond ASCII. */
function mayBeLetterUnit(c: number): boolean {
  return c >= 128 || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** Script counts as an object whose keys come in the order the scripts first appear (as a scan would insert them). */
function scriptsInTextOrder(counts: Int32Array, first: Int32Array): Partial<Record<ScriptName, number>> {
  const out: Partial<Record<ScriptName, number>> = {};
  let found = 0;
  for (let id = 1; id < counts.length; id++) if ((counts[id] as number) > 0) found++;
  // a handful of scripts at most: pick the earliest remaining each time
  for (let k = 0; k < found; k++) {
    let best = 0;
    for (let id = 1; id < counts.length; id++) {
      if ((counts[id] as number) > 0 && !(SCRIPT_NAMES[id - 1]! in out) && (best === 0 || (first[id] as number) < (first[best] as number)))
        best = id;
    }
    out[SCRIPT_NAMES[best - 1]!] = counts[best] as number;
  }
  return out;
}

function countScripts(text: string): Partial<Record<ScriptName, number>> {
  const counts: Partial<Record<ScriptName, number>> = {};
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 97 && c <= 122) {
      counts.Latn = (counts.Latn ?? 0) + 1;
      continue;
    }
    if (c < 0xc0) continue;
    const id = scriptIdOf(c);
    if (id === 0) continue;
    const script = SCRIPT_NAMES[id - 1]!;
    counts[script] = (counts[script] ?? 0) + 1;
  }
  return counts;
}

const WORD = /[\p{L}\p{M}]+/gu;

/** Cyrillic/Greek look-alikes inside words that also hold Latin letters become Latin (`vіsа` -> `visa`). */
function foldHomoglyphs(input: Mapped): Mapped {
  const chars = input.text.split('');
  let changed = false;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(input.text); m; m = WORD.exec(input.text)) {
    const word = m[0];
    let latin = 0;
    let foldable = 0;
    let other = 0;
    for (const ch of word) {
      if (ch >= 'a' && ch <= 'z') latin++;
      else if (HOMOGLYPHS.has(ch)) foldable++;
      else if (/\p{L}/u.test(ch)) other++;
    }
    if (latin === 0 || foldable === 0 || other > 0) continue;
    for (let k = 0; k < word.length; k++) {
      const mapped = HOMOGLYPHS.get(word[k] ?? '');
      if (mapped) {
        chars[m.index + k] = mapped;
        changed = true;
      }
    }
  }
  return changed ? { text: chars.join(''), starts: input.starts, ends: input.ends } : input;
}

// `wh@ts`, `wh0tsapp`, `vi$a`: symbols standing for letters between letters (not e-mail addresses).
const IN_WORD_SYMBOL = /(?<=\p{L})[@0$](?=\p{L})/gu;
const EMAIL_AFTER_AT = /^[\p{L}\p{N}._-]*\.[a-z]{2,}/u;

function foldInWordSymbols(input: Mapped): Mapped {
  const { text } = input;
  if (!hasInWordSymbol(text)) return input;
  let chars: string[] | undefined;
  IN_WORD_SYMBOL.lastIndex = 0;
  for (let m = IN_WORD_SYMBOL.exec(text); m; m = IN_WORD_SYMBOL.exec(text)) {
    const symbol = m[0];
    if (symbol === '@' && EMAIL_AFTER_AT.test(text.slice(m.index + 1, m.index + 80))) continue;
    // a digit inside a run of digits and letters (a code, a phone with letters) is left alone
    if (symbol === '0' && (/[0-9]/.test(text[m.index - 2] ?? '') || /[0-9]/.test(text[m.index + 2] ?? ''))) continue;
    chars ??= text.split('');
    chars[m.index] = symbol === '@' ? 'a' : symbol === '0' ? 'o' : 's';
  }
  return chars ? { text: chars.join(''), starts: input.starts, ends: input.ends } : input;
}

// Single letters separated by one or two separators: `w h a t s a p p`, `w.h.a.t.s`, `v-i-s-a`.
const SPELLED = /(?<![\p{L}\p{M}\p{N}])\p{L}\p{M}*(?:[ .\-_*|,/'+~:]{1,2}\p{L}\p{M}*){2,}(?![\p{L}\p{M}\p{N}])/gu;

function joinSpelledOut(input: Mapped): Mapped {
  const { text } = input;
  SPELLED.lastIndex = 0;
  let b: MappedBuilder | undefined;
  let copied = 0;
  for (let m = SPELLED.exec(text); m; m = SPELLED.exec(text)) {
    const run = m[0];
    const letters = run.match(/\p{L}\p{M}*/gu) ?? [];
    const onlySpaces = !/[.\-_*|,/'+~:]/.test(run);
    // Spaces alone need four letters ("a b c" may be a list); "e.g." and "i.e." stay as they are.
    if (letters.length < (onlySpaces ? 4 : 3)) continue;
    b ??= new MappedBuilder(text.length);
    b.copy(input, copied, m.index);
    for (let k = m.index; k < m.index + run.length; k++) {
      const ch = text[k] ?? '';
      if (/[\p{L}\p{M}]/u.test(ch)) b.push(ch, input.starts[k] ?? 0, input.ends[k] ?? 0);
    }
    copied = m.index + run.length;
  }
  if (!b) return input;
  b.copy(input, copied, text.length);
  return b.build();
}

// Cheap tests, so the full passes run only when they might change something.

/** Whether `text` has `\p{L}[@0$]\p{L}` (a hand-written scan: the regex costs ~10 us an ad). */
export function hasInWordSymbol(text: string): boolean {
  for (let i = text.length - 2; i > 0; i--) {
    const c = text.charCodeAt(i);
    if ((c === 64 || c === 48 || c === 36) && letterAt(text, i + 1) > 0 && letterBefore(text, i)) return true;
  }
  return false;
}

// A superset of maybeSpelledOut as one regex over code units: "letter" is an ASCII letter or any other unit
// (a high surrogate may come first), and the last letter may be followed by anything but a unit that is
// surely a letter or mark (ranges checked in the spec). Regexes scan far faster than a JavaScript loop.
export const MAYBE_SPELLED =
  /[^\0-@[-`{-\x7f][ .\-_*|,/'+~:]{1,2}[\ud800-\udbff]?[^\0-@[-`{-\x7f][ .\-_*|,/'+~:]{1,2}[\ud800-\udbff]?[^\0-@[-`{-\x7f](?![a-zA-Z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0400-\u0481\u048a-\u052f\u0620-\u065f\u0900-\u0963])/;

// ` .-_*|,/'+~:`: what may separate spelled-out letters (SPELLED)
const SPELL_SEPARATOR = new Uint8Array(128);
for (const ch of " .-_*|,/'+~:") SPELL_SEPARATOR[ch.charCodeAt(0)] = 1;
const isSpellSeparator = (text: string, i: number): boolean => {
  const c = text.charCodeAt(i);
  return c < 128 && SPELL_SEPARATOR[c] === 1;
};

/**
 * Whether `text` has `\p{L}[ .\-_*|,/'+~:]{1,2}\p{L}[ .\-_*|,/'+~:]{1,2}\p{L}(?![\p{L}\p{M}])`, scanned by hand: letters
 * and separators are disjoint, so each separator run must be one or two long and the middle letter stands alone.
 */
export function maybeSpelledOut(text: string): boolean {
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isSpellSeparator(text, i)) {
      i++;
      continue;
    }
    // a separator run [start, i)
    const start = i;
    while (i < n && isSpellSeparator(text, i)) i++;
    if (i - start > 2 || !letterBefore(text, start)) continue;
    const middle = letterAt(text, i);
    if (middle === 0) continue;
    const second = i + middle;
    let after = second;
    while (after < n && after - second < 3 && isSpellSeparator(text, after)) after++;
    const run = after - second;
    if (run === 0 || run > 2 || isSpellSeparator(text, after)) continue;
    const last = letterAt(text, after);
    if (last > 0 && letterOrMarkAt(text, after + last) === 0) return true;
  }
  return false;
}
// What every BRANDS expression needs, without the look-arounds and the Unicode mode that make those slow.
export const MAYBE_BRAND = /wh?at'?s+ ?-? ?ap|whts ?app|watts ?app|whatsaap|tele ?-? ?gram|telegarm|telgram|vi ?-? ?ber/;

// Split or misspelt app names, so patterns and extractors see one word.
const BRANDS: Array<[RegExp, string]> = [
  [/(?<![\p{L}\p{N}])(?:wh?at'?s+ ?-? ?ap{1,2}|whts ?app|watts ?app|whatsaap)(?![\p{L}\p{N}])/gu, 'whatsapp'],
  [/(?<![\p{L}\p{N}])(?:tele ?-? ?gram|telegarm|telgram)(?![\p{L}\p{N}])/gu, 'telegram'],
  [/(?<![\p{L}\p{N}])(?:vi ?-? ?ber)(?![\p{L}\p{N}])/gu, 'viber'],
];

function canonicalBrands(input: Mapped): Mapped {
  let current = input;
  for (const [re, word] of BRANDS) {
    const { text } = current;
    re.lastIndex = 0;
    let b: MappedBuilder | undefined;
    let copied = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0] === word) continue;
      b ??= new MappedBuilder(text.length);
      b.copy(current, copied, m.index);
      const start = current.starts[m.index] ?? 0;
      const end = current.ends[m.index + m[0].length - 1] ?? start;
      for (const ch of word) b.push(ch, start, end);
      copied = m.index + m[0].length;
    }
    if (b) {
      b.copy(current, copied, text.length);
      current = b.build();
    }
  }
  return current;
}
