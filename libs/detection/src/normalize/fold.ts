/** Per-character folding shared by text and patterns (see catalogue/README.md). */

export type ScriptName =
  'Latn' | 'Cyrl' | 'Grek' | 'Arab' | 'Hebr' | 'Deva' | 'Beng' | 'Thai' | 'Mymr' | 'Khmr' | 'Laoo' | 'Hang' | 'Hani' | 'Kana' | 'Other';

// Decimal digit blocks: the code point of each script's zero (fullwidth and math digits go through NFKC).
const DIGIT_ZEROS = [
  0x0660, 0x06f0, 0x07c0, 0x0966, 0x09e6, 0x0a66, 0x0ae6, 0x0b66, 0x0be6, 0x0c66, 0x0ce6, 0x0d66, 0x0de6, 0x0e50, 0x0ed0, 0x0f20, 0x1040,
  0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50, 0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50,
  0xabf0, 0xff10,
];

const ARABIC_VARIANTS = new Map<string, string>([
  ['\u0623', '\u0627'],
  ['\u0625', '\u0627'],
  ['\u0622', '\u0627'],
  ['\u0671', '\u0627'],
  ['\u0649', '\u064a'],
  ['\u06cc', '\u064a'],
  ['\u06a9', '\u0643'],
  ['\u06c1', '\u0647'],
]);

const LATIN_SPECIAL = new Map<string, string>([
  ['ß', 'ss'],
  ['æ', 'ae'],
  ['œ', 'oe'],
  ['ø', 'o'],
  ['đ', 'd'],
  ['ł', 'l'],
  ['ı', 'i'],
  ['þ', 'th'],
  ['ð', 'd'],
  ['ŀ', 'l'],
  ['ħ', 'h'],
]);

/** Lower-case Cyrillic and Greek letters that look like Latin ones. */
export const HOMOGLYPHS = new Map<string, string>([
  ['а', 'a'],
  ['в', 'b'],
  ['е', 'e'],
  ['ё', 'e'],
  ['і', 'i'],
  ['ї', 'i'],
  ['ј', 'j'],
  ['к', 'k'],
  ['м', 'm'],
  ['н', 'h'],
  ['о', 'o'],
  ['р', 'p'],
  ['с', 'c'],
  ['т', 't'],
  ['у', 'y'],
  ['х', 'x'],
  ['ѕ', 's'],
  ['ԁ', 'd'],
  ['һ', 'h'],
  ['ӏ', 'l'],
  ['ԛ', 'q'],
  ['ԝ', 'w'],
  ['ү', 'y'],
  ['α', 'a'],
  ['β', 'b'],
  ['ε', 'e'],
  ['η', 'n'],
  ['ι', 'i'],
  ['κ', 'k'],
  ['ν', 'v'],
  ['ο', 'o'],
  ['ρ', 'p'],
  ['τ', 't'],
  ['υ', 'u'],
  ['χ', 'x'],
  ['ω', 'w'],
]);

const ASCII: string[] = [];
for (let c = 0; c < 128; c++) {
  if (c === 10 || c === 11 || c === 12 || c === 13) ASCII.push('\n');
  else if (c === 9 || c === 32) ASCII.push(' ');
  else if (c < 32 || c === 127) ASCII.push(' ');
  else if (c >= 65 && c <= 90) ASCII.push(String.fromCharCode(c + 32));
  else ASCII.push(String.fromCharCode(c));
}

const cache = new Map<number, string>();

/** The folded form of one code point: '' (dropped), ' ', '\n' or one or more folded characters. */
export function foldCodePoint(cp: number): string {
  if (cp < 128) return ASCII[cp] ?? ' ';
  let v = cache.get(cp);
  if (v !== undefined) return v;
  v = compute(cp, true);
  if (cache.size < 100_000) cache.set(cp, v);
  return v;
}

// foldCodePoint of the Basic Multilingual Plane as one code unit, filled lazily: 0 not yet known, 1 dropped,
// 2 space, 3 newline, 4 several units (ask foldCodePoint), else the folded unit. A typed table beats the Map.
export const FOLD_DROPPED = 1;
export const FOLD_SPACE = 2;
export const FOLD_NEWLINE = 3;
export const FOLD_SEVERAL = 4;
const foldedUnits = new Uint16Array(0x10000);

/** foldCodePoint of a BMP code point as a code unit or one of the FOLD_* markers above. */
export function foldedUnit(cp: number): number {
  const known = foldedUnits[cp] as number;
  if (known !== 0) return known;
  const out = foldCodePoint(cp);
  const unit =
    out === ''
      ? FOLD_DROPPED
      : out === ' '
        ? FOLD_SPACE
        : out === '\n'
          ? FOLD_NEWLINE
          : out.length === 1
            ? out.charCodeAt(0)
            : FOLD_SEVERAL;
  const value = unit > FOLD_SEVERAL || unit <= FOLD_NEWLINE ? unit : FOLD_SEVERAL;
  foldedUnits[cp] = value;
  return value;
}

function isRemoved(cp: number): boolean {
  return (
    cp === 0x00ad ||
    cp === 0x034f ||
    cp === 0x061c ||
    cp === 0x0640 ||
    (cp >= 0x0300 && cp <= 0x036f) ||
    (cp >= 0x0610 && cp <= 0x061a) ||
    (cp >= 0x064b && cp <= 0x065f) ||
    cp === 0x0670 ||
    (cp >= 0x06d6 && cp <= 0x06dc) ||
    (cp >= 0x06df && cp <= 0x06e4) ||
    cp === 0x06e7 ||
    cp === 0x06e8 ||
    (cp >= 0x06ea && cp <= 0x06ed) ||
    cp === 0x115f ||
    cp === 0x1160 ||
    cp === 0x17b4 ||
    cp === 0x17b5 ||
    (cp >= 0x180b && cp <= 0x180f) ||
    (cp >= 0x1ab0 && cp <= 0x1aff) ||
    (cp >= 0x1dc0 && cp <= 0x1dff) ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x206f) ||
    (cp >= 0x20d0 && cp <= 0x20ff) ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    cp === 0xfeff ||
    (cp >= 0x1f3fb && cp <= 0x1f3ff) ||
    (cp >= 0xe0000 && cp <= 0xe01ef)
  );
}

const SPACE_LIKE = /^[\s\p{Z}\p{Cc}\p{Cs}\p{Co}\p{Cn}\p{So}\p{Sm}\p{Extended_Pictographic}]$/u;
const SEPARATOR_PUNCT = new Set(['•', '‣', '◦', '⁃', '∙', '·', '※', '†', '‡', '¶', '§', '\ufffd', '、', '。', '।', '॥']);

function compute(cp: number, allowNfkc: boolean): string {
  if (isRemoved(cp)) return '';
  if (cp === 0x0085 || cp === 0x2028 || cp === 0x2029) return '\n';
  const ch = String.fromCodePoint(cp);
  if (/^\p{Nd}$/u.test(ch)) {
    for (let k = DIGIT_ZEROS.length - 1; k >= 0; k--) {
      const zero = DIGIT_ZEROS[k] ?? 0;
      if (cp >= zero && cp < zero + 10) return String(cp - zero);
    }
  }
  if (SEPARATOR_PUNCT.has(ch)) return ch === '।' || ch === '॥' || ch === '。' ? '.' : ' ';
  if (SPACE_LIKE.test(ch)) return ' ';
  if (allowNfkc) {
    const nfkc = ch.normalize('NFKC');
    if (nfkc !== ch) {
      let out = '';
      for (const c of nfkc) {
        const sub = c.codePointAt(0) ?? 0;
        out += sub < 128 ? (ASCII[sub] ?? ' ') : compute(sub, false);
      }
      return out;
    }
  }
  const lower = ch.toLowerCase();
  let out = '';
  for (const c of lower) {
    const code = c.codePointAt(0) ?? 0;
    if (code < 128) {
      out += ASCII[code] ?? ' ';
    } else if ((code >= 0xc0 && code <= 0x24f) || (code >= 0x1e00 && code <= 0x1eff)) {
      out += LATIN_SPECIAL.get(c) ?? c.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    } else if (code === 0x0451) {
      out += '\u0435';
    } else if (code === 0x03c2) {
      out += '\u03c3';
    } else if (isRemoved(code)) {
      continue;
    } else {
      out += ARABIC_VARIANTS.get(c) ?? c;
    }
  }
  return out;
}

/** The script of a (BMP) character code, for counting letters; undefined for punctuation and digits. */
export function scriptOf(c: number): ScriptName | undefined {
  if (c < 0x00c0) return undefined;
  if (c <= 0x024f) return c === 0xd7 || c === 0xf7 ? undefined : 'Latn';
  if (c >= 0x0370 && c <= 0x03ff) return 'Grek';
  if (c >= 0x0400 && c <= 0x052f) return 'Cyrl';
  if (c >= 0x0590 && c <= 0x05ff) return 'Hebr';
  if (
    (c >= 0x0620 && c <= 0x064a) ||
    (c >= 0x066e && c <= 0x06ff) ||
    (c >= 0x0750 && c <= 0x077f) ||
    (c >= 0x08a0 && c <= 0x08ff) ||
    (c >= 0xfb50 && c <= 0xfdff) ||
    (c >= 0xfe70 && c <= 0xfefe)
  )
    return 'Arab';
  if (c >= 0x0900 && c <= 0x097f) return 'Deva';
  if (c >= 0x0980 && c <= 0x09ff) return 'Beng';
  if (c >= 0x0e00 && c <= 0x0e7f) return 'Thai';
  if (c >= 0x0e80 && c <= 0x0eff) return 'Laoo';
  if (c >= 0x1000 && c <= 0x109f) return 'Mymr';
  if (c >= 0x1780 && c <= 0x17ff) return 'Khmr';
  if (c >= 0x1e00 && c <= 0x1eff) return 'Latn';
  if (c >= 0x1f00 && c <= 0x1fff) return 'Grek';
  if ((c >= 0x1100 && c <= 0x11ff) || (c >= 0xac00 && c <= 0xd7af)) return 'Hang';
  if (c >= 0x3040 && c <= 0x30ff) return 'Kana';
  if (c >= 0x4e00 && c <= 0x9fff) return 'Hani';
  if (c >= 0xd800 && c <= 0xdfff) return undefined;
  return /\p{L}/u.test(String.fromCharCode(c)) ? 'Other' : undefined;
}

/** Script names by id (SCRIPT_IDS); id 0 is "no script". */
export const SCRIPT_NAMES: readonly ScriptName[] = [
  'Latn',
  'Cyrl',
  'Grek',
  'Arab',
  'Hebr',
  'Deva',
  'Beng',
  'Thai',
  'Mymr',
  'Khmr',
  'Laoo',
  'Hang',
  'Hani',
  'Kana',
  'Other',
];
export const LATN_ID = 1;
// scriptOf by code unit as id + 1 (255: none), filled lazily: its last test is a Unicode regex
const scriptIds = new Uint8Array(0x10000);

/** scriptOf as an index into SCRIPT_NAMES plus one; 0 when the unit has no script. */
export function scriptIdOf(c: number): number {
  let v = scriptIds[c] as number;
  if (v === 0) {
    const s = scriptOf(c);
    v = s ? SCRIPT_NAMES.indexOf(s) + 1 : 255;
    scriptIds[c] = v;
  }
  return v === 255 ? 0 : v;
}

/** Scripts of the letters in a string (used to tag patterns). */
export function scriptsIn(text: string): Set<ScriptName> {
  const out = new Set<ScriptName>();
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) out.add('Latn');
    else {
      const s = scriptOf(c);
      if (s) out.add(s);
    }
  }
  return out;
}
