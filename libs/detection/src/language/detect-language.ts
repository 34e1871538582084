import type { LanguageGuess } from '../types';
import type { ScriptName } from '../normalize/fold';
import { isWordCode } from '../normalize/word-chars';

/**
 * Very common function words per language (folded: lower case, no accents, Arabic letters unified).
 * Words every Latin-script language shares ("de", "a") count for all and so decide nothing.
 */
const LATIN_LEXICON: Record<string, string[]> = {
  en: [
    'the',
    'and',
    'to',
    'of',
    'for',
    'with',
    'you',
    'your',
    'we',
    'is',
    'are',
    'this',
    'will',
    'our',
    'be',
    'have',
    'work',
    'job',
    'salary',
    'apply',
    'from',
    'or',
    'all',
    'must',
    'experience',
  ],
  es: [
    'el',
    'los',
    'las',
    'del',
    'que',
    'y',
    'con',
    'para',
    'por',
    'una',
    'es',
    'se',
    'su',
    'trabajo',
    'sin',
    'al',
    'muy',
    'usted',
    'empleo',
    'sueldo',
    'salario',
    'experiencia',
    'mes',
    'somos',
    'estamos',
  ],
  fr: [
    'le',
    'les',
    'des',
    'du',
    'et',
    'pour',
    'avec',
    'vous',
    'votre',
    'nous',
    'est',
    'une',
    'sur',
    'pas',
    'travail',
    'aux',
    'au',
    'emploi',
    'salaire',
    'mois',
    'sans',
    'dans',
    'poste',
    'nos',
    'ou',
  ],
  pt: [
    'os',
    'do',
    'da',
    'dos',
    'das',
    'em',
    'com',
    'uma',
    'um',
    'voce',
    'trabalho',
    'nao',
    'sem',
    'seu',
    'sua',
    'vaga',
    'salario',
    'mes',
    'empresa',
    'no',
    'na',
    'ao',
    'experiencia',
    'somos',
    'para',
  ],
  ro: [
    'si',
    'cu',
    'pentru',
    'este',
    'sunt',
    'care',
    'nu',
    'va',
    'mai',
    'din',
    'pe',
    'lucru',
    'salariu',
    'fara',
    'locuri',
    'munca',
    'oferim',
    'luna',
    'in',
    'la',
    'o',
    'un',
    'sau',
    'cazare',
    'experienta',
  ],
  tl: [
    'ang',
    'ng',
    'mga',
    'sa',
    'na',
    'at',
    'ay',
    'kayo',
    'po',
    'ikaw',
    'ka',
    'trabaho',
    'hindi',
    'may',
    'walang',
    'lang',
    'din',
    'kami',
    'namin',
    'natin',
    'kung',
    'para',
    'sahod',
    'kailangan',
    'libre',
  ],
  id: [
    'yang',
    'dan',
    'di',
    'untuk',
    'dengan',
    'ini',
    'itu',
    'ke',
    'dari',
    'tidak',
    'kami',
    'anda',
    'kerja',
    'gaji',
    'bisa',
    'akan',
    'ada',
    'tanpa',
    'lowongan',
    'bulan',
    'pengalaman',
    'dibutuhkan',
    'segera',
    'atau',
    'juga',
  ],
  'ur-Latn': [
    'hai',
    'hain',
    'ke',
    'ki',
    'ka',
    'aur',
    'se',
    'mein',
    'nahi',
    'nahin',
    'liye',
    'kaam',
    'karein',
    'apna',
    'chahiye',
    'tankhwah',
    'aap',
    'ko',
    'bhi',
    'wala',
    'wali',
    'hy',
    'krna',
    'karna',
    'tankhwa',
  ],
};
const CYRILLIC_LEXICON: Record<string, string[]> = {
  ru: [
    'и',
    'в',
    'на',
    'с',
    'для',
    'не',
    'по',
    'работа',
    'работы',
    'мы',
    'вы',
    'что',
    'это',
    'от',
    'до',
    'зарплата',
    'без',
    'опыта',
    'или',
    'как',
  ],
  uk: [
    'і',
    'та',
    'в',
    'на',
    'з',
    'для',
    'не',
    'робота',
    'роботи',
    'ми',
    'ви',
    'що',
    'це',
    'від',
    'до',
    'зарплата',
    'без',
    'досвіду',
    'або',
    'як',
  ],
};
const ARABIC_LEXICON: Record<string, string[]> = {
  ar: ['في', 'من', 'علي', 'الي', 'التي', 'الذي', 'هذا', 'مع', 'عن', 'او', 'ان', 'لا', 'عمل', 'راتب', 'مطلوب', 'شهريا', 'وظيفة', 'نحن'],
  ur: ['هے', 'هيں', 'كے', 'كي', 'كا', 'اور', 'سے', 'ميں', 'نهيں', 'ليے', 'لئے', 'كام', 'آپ', 'اپ', 'كو', 'بھي', 'تنخواه', 'چاهيے', 'ضرورت'],
};
const DEVANAGARI_LEXICON: Record<string, string[]> = {
  hi: ['है', 'हैं', 'के', 'की', 'में', 'और', 'से', 'लिए', 'आप', 'नहीं', 'करें', 'का', 'को', 'भी', 'नौकरी', 'वेतन', 'चाहिए'],
  ne: ['छ', 'हो', 'र', 'को', 'मा', 'गर्न', 'हुने', 'छन्', 'लागि', 'पनि', 'तपाईं', 'तपाई', 'गर्नुहोस्', 'छैन', 'जागिर', 'तलब', 'चाहिन्छ'],
};
// Letters only Urdu (not Arabic) uses; letters only Ukrainian (not Russian) uses.
const URDU_LETTERS = /[\u0679\u0688\u0691\u06ba\u06be\u06d2\u06d3]/gu;
const UKRAINIAN_LETTERS = /[іїєґ]/gu;

/**
 * A script's lexicon as an open-addressing table keyed by hashSpan of each word, so the
 * scan hashes words in place instead of slicing them into strings for a Map.
 */
interface LexiconTable {
  languages: string[];
  words: string[];
  /** Language ids (into `languages`) of each word, as many times as the word is listed for one. */
  languagesOf: number[][];
  hashes: Uint32Array;
  /** Word id + 1 per slot (0: empty); the size is a power of two. */
  slots: Int32Array;
}

/**
 * Hash of text[start, end) from its length and its first, second and last units: made once a word ends, so the
 * scan carries no per-character hash. Words that share it are told apart by comparing them.
 */
function hashSpan(text: string, start: number, end: number): number {
  const length = end - start;
  const second = length > 1 ? text.charCodeAt(start + 1) : 0;
  const h =
    Math.imul(length, 0x9e3779b1) ^
    Math.imul(text.charCodeAt(start), 0x85ebca77) ^
    Math.imul(second, 0xc2b2ae3d) ^
    text.charCodeAt(end - 1);
  return (h ^ (h >>> 15)) >>> 0;
}

function hashWord(word: string): number {
  return hashSpan(word, 0, word.length);
}

function indexLexicon(lex: Record<string, string[]>): LexiconTable {
  const languages = Object.keys(lex);
  const words: string[] = [];
  const languagesOf: number[][] = [];
  const ids = new Map<string, number>();
  languages.forEach((lang, l) => {
    for (const w of lex[lang] ?? []) {
      let id = ids.get(w);
      if (id === undefined) {
        id = words.length;
        ids.set(w, id);
        words.push(w);
        languagesOf.push([]);
      }
      languagesOf[id]?.push(l);
    }
  });
  const hashes = Uint32Array.from(words, hashWord);
  let size = 16;
  while (size < words.length * 4) size *= 2;
  const slots = new Int32Array(size);
  words.forEach((_, id) => {
    let slot = (hashes[id] as number) & (size - 1);
    while (slots[slot] !== 0) slot = (slot + 1) & (size - 1);
    slots[slot] = id + 1;
  });
  return { languages, words, languagesOf, hashes, slots };
}

/** Id of the lexicon word equal to text[start, end) whose hash is `hash`, or -1. */
function lookupWord(table: LexiconTable, text: string, start: number, end: number, hash: number): number {
  const mask = table.slots.length - 1;
  for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
    const entry = table.slots[slot] as number;
    if (entry === 0) return -1;
    const id = entry - 1;
    if (table.hashes[id] !== hash) continue;
    const word = table.words[id] as string;
    if (word.length !== end - start) continue;
    let same = true;
    for (let k = 0; k < word.length && same; k++) same = word.charCodeAt(k) === text.charCodeAt(start + k);
    if (same) return id;
  }
}

const LEXICONS: Partial<Record<ScriptName, LexiconTable>> = {
  Latn: indexLexicon(LATIN_LEXICON),
  Cyrl: indexLexicon(CYRILLIC_LEXICON),
  Arab: indexLexicon(ARABIC_LEXICON),
  Deva: indexLexicon(DEVANAGARI_LEXICON),
};
const SINGLE: Partial<Record<ScriptName, string>> = {
  Beng: 'bn',
  Thai: 'th',
  Mymr: 'my',
  Khmr: 'km',
  Laoo: 'lo',
  Hang: 'ko',
  Hani: 'zh',
  Kana: 'ja',
  Grek: 'el',
  Hebr: 'he',
};
const MAX_TOKENS = 400;

/**
 * Script first, then function-word counts within the script. Hints (the source's own language
 * field) break near-ties only. Roman Urdu and Hindi written in Latin are reported as "ur-Latn".
 */
export function detectLanguage(folded: string, scripts: Partial<Record<ScriptName, number>>, hint?: string): LanguageGuess {
  let script: ScriptName | undefined;
  let letters = 0;
  let total = 0;
  for (const key in scripts) {
    const s = key as ScriptName;
    const n = scripts[s] as number;
    total += n;
    if (n > letters) {
      script = s;
      letters = n;
    }
  }
  if (!script || letters < 2) return { code: 'und', script: script ?? 'Zyyy', confidence: 0 };
  const share = letters / Math.max(1, total);
  const single = SINGLE[script];
  if (single) return { code: single, script, confidence: round(0.8 * share) };
  const lexicon = LEXICONS[script];
  if (!lexicon) return { code: 'und', script, confidence: 0 };

  const scores = functionWordScores(lexicon, folded, MAX_TOKENS);
  if (script === 'Arab') scores.set('ur', (scores.get('ur') ?? 0) + 0.5 * (folded.match(URDU_LETTERS)?.length ?? 0));
  if (script === 'Cyrl') scores.set('uk', (scores.get('uk') ?? 0) + 0.7 * (folded.match(UKRAINIAN_LETTERS)?.length ?? 0));
  const hintCode = hint?.toLowerCase().replace(/_/g, '-');
  if (hintCode) {
    const key = [...scores.keys()].find((k) => k.toLowerCase() === hintCode || k.toLowerCase().split('-')[0] === hintCode);
    if (key) scores.set(key, (scores.get(key) ?? 0) + 0.75);
  }
  const ranked = [...scores].sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  if (!best || best[1] < 1) {
    const fallback: Partial<Record<ScriptName, string>> = { Cyrl: 'ru', Arab: 'ar', Deva: 'hi' };
    const code = fallback[script] ?? 'und';
    return { code, script, confidence: code === 'und' ? 0 : round(0.3 * share) };
  }
  const margin = best[1] / (best[1] + (second?.[1] ?? 0));
  const evidence = Math.min(1, best[1] / 4);
  return { code: best[0], script, confidence: round(share * margin * (0.5 + 0.5 * evidence)) };
}

// per-language sums and the order languages first scored in (ties keep that order when ranked)
let languageScores = new Float64Array(16);

/**
 * Weighted counts of lexicon words among the first `max` words of folded text, keyed in the order the
 * languages first score. Words are letter-and-mark runs (digits split words, as punctuation does).
 */
function functionWordScores(lexicon: LexiconTable, text: string, max: number): Map<string, number> {
  if (languageScores.length < lexicon.languages.length) languageScores = new Float64Array(lexicon.languages.length);
  const sums = languageScores;
  sums.fill(0);
  const order: number[] = [];
  let words = 0;
  const len = text.length;
  for (let i = 0; i < len && words < max;) {
    if (!isLetterUnit(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    for (i++; i < len && isLetterUnit(text.charCodeAt(i)); i++);
    words++;
    const id = lookupWord(lexicon, text, start, i, hashSpan(text, start, i));
    if (id < 0) continue;
    const langs = lexicon.languagesOf[id] as number[];
    const w = 1 / langs.length;
    for (const l of langs) {
      if (!order.includes(l)) order.push(l);
      sums[l] = (sums[l] as number) + w;
    }
  }
  const scores = new Map<string, number>();
  for (const l of order) scores.set(lexicon.languages[l] as string, sums[l] as number);
  return scores;
}

// isLetterUnit by code unit, filled lazily: 0 unknown, 1 yes, 2 no (one load in the scan's inner loop)
const LETTER_UNITS = new Uint8Array(0x10000);

/** A word character but an ASCII digit. */
function isLetterUnit(c: number): boolean {
  let v = LETTER_UNITS[c] as number;
  if (v === 0) LETTER_UNITS[c] = v = (c < 48 || c > 57) && isWordCode(c) ? 1 : 2;
  return v === 1;
}

function round(x: number): number {
  return Math.round(Math.max(0, Math.min(1, x)) * 100) / 100;
}

/** Where an ad in this language most likely comes from, for phone regions and "abroad" tests. */
export const LANGUAGE_HOME: Readonly<Record<string, string>> = {
  ur: 'PK',
  'ur-Latn': 'PK',
  hi: 'IN',
  ne: 'NP',
  tl: 'PH',
  id: 'ID',
  ro: 'RO',
  uk: 'UA',
  bn: 'BD',
  ru: 'RU',
};
