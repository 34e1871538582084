import type { ExtractedEntities } from '@lantern/contracts';
import { letterOrMarkAt } from '../normalize/word-chars';
import { digitRuns } from '../normalize/digit-runs';
import { ASCII_DIGITS, FNV_OFFSET, FNV_PRIME, fnv1a, LETTERS, wordRuns } from '../normalize/word-runs';

const YEARS = '(?:years?|yrs?|y\\.?o\\.?|anos|años|ans|ani|лет|года|tahun|taon|saal|sal|साल|वर्ष|سال|عاما|سنة)';
const AGE_WORD = '(?:age|aged|ages|edad|edades|idade|umur|usia|varsta|vârsta|возраст|gulang|edad|umar|umr|umra|उम्र|आयु|عمر|العمر)';
const JOIN = '(?:-|–|to|a|y|e|and|hanggang|sampai|hingga|до|se|au|à|la|pana|tak|se|से|تا|سے)';
const AGE_RANGE = new RegExp(`${AGE_WORD}\\s*(?::|de|entre|between|from|от|dari|mula|da)?\\s*(\\d{2})\\s*${JOIN}\\s*(\\d{2})`, 'gu');
const RANGE_YEARS = new RegExp(`(?<![0-9])(\\d{2})\\s*${JOIN}\\s*(\\d{2})\\s*${YEARS}`, 'gu');
const UPPER = new RegExp(
  `(?:under|below|less\\s+than|younger\\s+than|not\\s+(?:older|over)\\s+than|max(?:imum)?(?:\\s+age)?|up\\s+to|hasta|menos\\s+de|moins\\s+de|до|sub|maximo|di\\s*bawah|maksimal|max\\.)\\s*:?\\s*(\\d{2})\\s*${YEARS}`,
  'gu',
);
const LOWER = new RegExp(
  `(?:over|above|at\\s+least|minimum|min\\.?|mayor(?:es)?\\s+de|plus\\s+de|от|peste|minimal|minimo|mais\\s+de)\\s*:?\\s*(\\d{2})\\s*${YEARS}`,
  'gu',
);

const plausible = (n: number) => n >= 14 && n <= 70;
// Every pattern above holds two digits that end a run of digits, followed by a years word (all but
// AGE_RANGE) or by a join and two more digits (AGE_RANGE): tried at the ends of runs only.
const YEARS_NEXT = new RegExp(`\\s*${YEARS}`, 'uy');
const JOIN_NEXT = new RegExp(`\\s*${JOIN}\\s*\\d{2}`, 'uy');

/** The patterns, for tests: each can match only where `ageCues` says. */
export const AGE_PATTERNS = { AGE_RANGE, RANGE_YEARS, UPPER, LOWER } as const;

/** Whether two digits ending a run are followed by a years word, and by a join and two digits. */
export function ageCues(folded: string): { yearsNext: boolean; joinNext: boolean } {
  let yearsNext = false;
  let joinNext = false;
  const { starts, ends } = digitRuns(folded);
  for (let k = 0; k < starts.length && !(yearsNext && joinNext); k++) {
    const end = ends[k] ?? 0;
    if (end - (starts[k] ?? 0) < 2) continue;
    YEARS_NEXT.lastIndex = end;
    JOIN_NEXT.lastIndex = end;
    yearsNext ||= YEARS_NEXT.test(folded);
    joinNext ||= JOIN_NEXT.test(folded);
  }
  return { yearsNext, joinNext };
}

export function extractAges(folded: string): ExtractedEntities['ages'] {
  const out: ExtractedEntities['ages'] = [];
  const { yearsNext, joinNext } = ageCues(folded);
  if (!yearsNext && !joinNext) return out;
  const seen = new Set<string>();
  const add = (min?: number, max?: number) => {
    if ((min !== undefined && !plausible(min)) || (max !== undefined && !plausible(max))) return;
    if (min !== undefined && max !== undefined && min >= max) return;
    const key = `${min ?? ''}-${max ?? ''}`;
    if (seen.has(key) || out.length >= 10) return;
    seen.add(key);
    out.push(min === undefined ? { max } : max === undefined ? { min } : { min, max });
  };
  const used: Array<[number, number]> = [];
  const free = (m: RegExpMatchArray) => {
    const s = m.index ?? 0;
    const e = s + m[0].length;
    if (used.some(([a, b]) => s < b && a < e)) return false;
    used.push([s, e]);
    return true;
  };
  if (joinNext) for (const m of folded.matchAll(AGE_RANGE)) if (free(m)) add(Number(m[1]), Number(m[2]));
  if (!yearsNext) return out;
  for (const m of folded.matchAll(RANGE_YEARS)) if (free(m)) add(Number(m[1]), Number(m[2]));
  for (const m of folded.matchAll(UPPER)) if (free(m)) add(undefined, Number(m[1]));
  for (const m of folded.matchAll(LOWER)) if (free(m)) add(Number(m[1]), undefined);
  return out;
}

// Words for women and men as the people sought (folded spellings; Arabic-script letters unified).
const FEMALE = [
  'female',
  'females',
  'women',
  'woman',
  'girls',
  'ladies',
  'mujeres',
  'chicas',
  'senoritas',
  'damas',
  'femmes',
  'filles',
  'mulheres',
  'mocas',
  'garotas',
  'femei',
  'fete',
  'девушки',
  'девушек',
  'женщины',
  'женщин',
  'wanita',
  'perempuan',
  'cewek',
  'babae',
  'kababaihan',
  'dalaga',
  'महिला',
  'महिलाएं',
  'लड़कियां',
  'लड़कियाँ',
  'केटी',
  'केटीहरू',
  'لڑكياں',
  'خواتين',
  'عورتيں',
  'نساء',
  'سيدات',
  'بنات',
  'aurat',
  'auratein',
  'ladkiyan',
  'larkiyan',
  'khawateen',
  'mahila',
];
const MALE = [
  'male',
  'males',
  'men',
  'boys',
  'gentlemen',
  'hombres',
  'varones',
  'chicos',
  'hommes',
  'garcons',
  'homens',
  'rapazes',
  'barbati',
  'baieti',
  'мужчины',
  'мужчин',
  'парни',
  'парней',
  'pria',
  'laki-laki',
  'cowok',
  'lalaki',
  'kalalakihan',
  'पुरुष',
  'लड़के',
  'केटा',
  'مرد',
  'لڑكے',
  'رجال',
  'mard',
  'ladke',
  'larke',
  'purush',
];
/** The word lists, for tests. */
export const GENDER_WORDS: { readonly female: readonly string[]; readonly male: readonly string[] } = { female: FEMALE, male: MALE };
const FEMALE_SET = new Set(FEMALE);
const MALE_SET = new Set(MALE);
// the only word with a character that is no letter or mark: matched as "laki" + "-laki"
const HYPHENATED_MALE = 'laki-laki';
const GENDER_LOOKED_UP = [...FEMALE, ...MALE, 'laki'];
const GENDER_MIN_LENGTH = Math.min(...GENDER_LOOKED_UP.map((w) => w.length));
const GENDER_MAX_LENGTH = Math.max(...GENDER_LOOKED_UP.map((w) => w.length));
// FNV-1a of the words' code units, low 12 bits: a word is sliced out only when its hash may be one of them
const HASH_BITS = 0xfff;
const GENDER_HASH_LOW = new Uint8Array(HASH_BITS + 1);
for (const word of GENDER_LOOKED_UP) GENDER_HASH_LOW[fnv1a(word) & HASH_BITS] = 1;

/**
 * Genders the ad asks for, in order of first mention. Both when it names both ("men and women").
 * A word counts only as a whole run of letters and marks, so one pass over the runs with set
 * look-ups finds what `(?<![\p{L}\p{M}])(female|...)(?![\p{L}\p{M}])` found, at a fraction of the cost.
 * The runs come from the shared word pass: a word of letters only is one run; other words are
 * split into their runs here.
 */
export function extractGenders(folded: string): ExtractedEntities['genders'] {
  const found = new Set<'female' | 'male'>();
  const { count, starts, ends, hashes, kinds } = wordRuns(folded);
  for (let w = 0; w < count && found.size < 2; w++) {
    const kind = kinds[w];
    if (kind === ASCII_DIGITS) continue;
    const start = starts[w] ?? 0;
    const end = ends[w] ?? 0;
    if (kind === LETTERS) addGender(folded, start, end, hashes[w] ?? 0, found);
    else addGendersOfRuns(folded, start, end, found);
  }
  return [...found];
}

/** The runs of letters and marks within [from, to), hashed as they are read. */
function addGendersOfRuns(text: string, from: number, to: number, found: Set<'female' | 'male'>): void {
  let i = from;
  while (i < to && found.size < 2) {
    const start = i;
    let h = FNV_OFFSET;
    while (i < to) {
      const c = text.charCodeAt(i);
      const width = c < 128 ? ((c | 0x20) >= 97 && (c | 0x20) <= 122 ? 1 : 0) : letterOrMarkAt(text, i);
      if (width === 0) break;
      h = Math.imul(h ^ c, FNV_PRIME);
      if (width === 2) h = Math.imul(h ^ text.charCodeAt(i + 1), FNV_PRIME);
      i += width;
    }
    if (i === start) i++;
    else addGender(text, start, i, h, found);
  }
}

function addGender(text: string, start: number, end: number, hash: number, found: Set<'female' | 'male'>): void {
  // most words cannot be one of the list: rule them out before making a string
  const length = end - start;
  if (length < GENDER_MIN_LENGTH || length > GENDER_MAX_LENGTH || GENDER_HASH_LOW[hash & HASH_BITS] !== 1) return;
  const word = text.slice(start, end);
  if (FEMALE_SET.has(word)) found.add('female');
  else if (MALE_SET.has(word)) found.add('male');
  // "laki-laki" (its second half is read again as "laki": harmless, the set already holds 'male')
  else if (word === 'laki' && text.startsWith(HYPHENATED_MALE, start) && letterOrMarkAt(text, start + HYPHENATED_MALE.length) === 0)
    found.add('male');
}
