import type { ExtractedEntities } from '@lantern/contracts';
import { letterOrMarkAt } from '../normalize/word-chars';

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
// an age word or a years word must occur for any of the patterns above to match
const AGE_HINT = new RegExp(`${AGE_WORD}|${YEARS}`, 'u');

export function extractAges(folded: string): ExtractedEntities['ages'] {
  const out: ExtractedEntities['ages'] = [];
  if (!/[0-9]{2}/.test(folded) || !AGE_HINT.test(folded)) return out;
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
  for (const m of folded.matchAll(AGE_RANGE)) if (free(m)) add(Number(m[1]), Number(m[2]));
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
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const HASH_BITS = 0xfff;
const GENDER_HASH_LOW = new Uint8Array(HASH_BITS + 1);
for (const word of GENDER_LOOKED_UP) {
  let h = FNV_OFFSET;
  for (let k = 0; k < word.length; k++) h = Math.imul(h ^ word.charCodeAt(k), FNV_PRIME);
  GENDER_HASH_LOW[h & HASH_BITS] = 1;
}

/**
 * Genders the ad asks for, in order of first mention. Both when it names both ("men and women").
 * A word counts only as a whole run of letters and marks, so one pass over the runs with set
 * look-ups finds what `(?<![\p{L}\p{M}])(female|...)(?![\p{L}\p{M}])` found, at a fraction of the cost.
 */
export function extractGenders(folded: string): ExtractedEntities['genders'] {
  const found = new Set<'female' | 'male'>();
  const n = folded.length;
  let i = 0;
  while (i < n && found.size < 2) {
    const start = i;
    let h = FNV_OFFSET;
    // a run of letters and marks (ASCII letters read inline), hashed as it is read
    for (;;) {
      const c = folded.charCodeAt(i);
      let width: number;
      if (c < 128) width = (c | 0x20) >= 97 && (c | 0x20) <= 122 ? 1 : 0;
      else width = letterOrMarkAt(folded, i);
      if (width === 0) break;
      h = Math.imul(h ^ c, FNV_PRIME);
      if (width === 2) h = Math.imul(h ^ folded.charCodeAt(i + 1), FNV_PRIME);
      i += width;
    }
    if (i === start) {
      i++;
      continue;
    }
    // most words cannot be one of the list: rule them out before making a string
    const length = i - start;
    if (length < GENDER_MIN_LENGTH || length > GENDER_MAX_LENGTH || GENDER_HASH_LOW[h & HASH_BITS] !== 1) continue;
    const word = folded.slice(start, i);
    if (FEMALE_SET.has(word)) found.add('female');
    else if (MALE_SET.has(word)) found.add('male');
    else if (word === 'laki' && folded.startsWith(HYPHENATED_MALE, start)) {
      const end = start + HYPHENATED_MALE.length;
      if (letterOrMarkAt(folded, end) === 0) {
        found.add('male');
        i = end;
      }
    }
  }
  return [...found];
}
