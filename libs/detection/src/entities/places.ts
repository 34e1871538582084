import type { ExtractedEntities } from '@lantern/contracts';
import { normalize } from '../normalize/normalize';
import { isWordCode } from '../normalize/word-chars';
import { GAZETTEER, Place } from './gazetteer';

export const MAX_PLACES = 30;
const MAX_WORDS = 4;

let index: Map<string, Place> | undefined;
let multiFirst: Set<string> | undefined;
/** Hashes of every single-word name and of the first word of every longer one. */
let firstHashes: Set<number> | undefined;

function tokens(text: string): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const word = i < text.length && isWordCode(text.charCodeAt(i));
    if (word && start < 0) start = i;
    else if (!word && start >= 0) {
      out.push(text.slice(start, i));
      start = -1;
    }
  }
  return out;
}

const hashOf = (word: string): number => {
  let h = 0x811c9dc5;
  for (let k = 0; k < word.length; k++) h = Math.imul(h ^ word.charCodeAt(k), 0x01000193);
  return h >>> 0;
};

function buildIndex(): Map<string, Place> {
  const map = new Map<string, Place>();
  for (const place of GAZETTEER) {
    for (const name of [place.name, ...place.aliases]) {
      const key = tokens(normalize(name).text).join(' ');
      if (key && !map.has(key)) map.set(key, place);
    }
  }
  multiFirst = new Set([...map.keys()].filter((k) => k.includes(' ')).map((k) => k.split(' ')[0] ?? ''));
  firstHashes = new Set([...map.keys()].map((k) => hashOf(k.split(' ')[0] ?? '')));
  return map;
}

// Arabic-script prefixes glued to names: و (and), ب (in), ل (to), ف, and "ال" already in the names.
const ARABIC_PREFIX = /^[وبلف](?=\p{Script=Arabic}{3})/u;

const isArabic = (c: number) => c >= 0x0600 && c <= 0x06ff;

/** Countries and cities named in folded text, longest name first (so "abu dhabi" beats nothing). */
export function extractPlaces(folded: string): ExtractedEntities['places'] {
  index ??= buildIndex();
  const words = candidateWords(folded, firstHashes ?? new Set());
  const out = new Map<string, { name: string; country: string }>();
  const firsts = multiFirst ?? new Set<string>();
  for (let i = 0; i < words.length && out.size < MAX_PLACES; i++) {
    const first = words[i] ?? '';
    // words that begin no name (most of them) are kept only as gaps, so multi-word names never span them
    if (first === '') continue;
    for (let n = firsts.has(first) ? Math.min(MAX_WORDS, words.length - i) : 1; n >= 1; n--) {
      const key = n === 1 ? first : words.slice(i, i + n).join(' ');
      const place = index.get(key) ?? (n === 1 && isArabic(key.charCodeAt(0)) ? index.get(key.replace(ARABIC_PREFIX, '')) : undefined);
      if (place) {
        out.set(place.name, { name: place.name, country: place.country });
        i += n - 1;
        break;
      }
    }
  }
  return [...out.values()];
}

/**
 * The words of folded text, where only words that may begin a name (their hash says so, or they
 * are Arabic-script and may carry a prefix) and the few words after them are sliced out; the others
 * stay as empty strings (no name begins there). Cheap: most words of an ad are never allocated.
 */
function candidateWords(text: string, hashes: Set<number>): string[] {
  const out: string[] = [];
  let start = -1;
  let h = 0x811c9dc5;
  // words still to slice whole after a possible first word (the rest of a multi-word name)
  let keep = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    const word = i < text.length && isWordCode(c);
    if (word) {
      if (start < 0) {
        start = i;
        h = 0x811c9dc5;
      }
      h = Math.imul(h ^ c, 0x01000193);
    } else if (start >= 0) {
      const candidate = hashes.has(h >>> 0) || isArabic(text.charCodeAt(start));
      if (candidate) keep = MAX_WORDS;
      out.push(candidate || keep > 0 ? text.slice(start, i) : '');
      if (keep > 0) keep--;
      start = -1;
    }
  }
  return out;
}

/** ISO2 codes of every country whose name or cities the text mentions. */
export function countriesOf(places: ExtractedEntities['places']): Set<string> {
  return new Set(places.map((p) => p.country));
}
