import type { ExtractedEntities } from '@lantern/contracts';
import { normalize } from '../normalize/normalize';
import { isWordCode } from '../normalize/word-chars';
import { FNV_PRIME, fnv1a, WordRuns, wordRuns } from '../normalize/word-runs';
import { GAZETTEER, Place } from './gazetteer';

export const MAX_PLACES = 30;
const MAX_WORDS = 4;

const hashOf = fnv1a;
// low bits of the hash of every name's first word: one byte read rules out most words
const FIRST_BITS = 0x3fff;

interface PlaceIndex {
  /** Names as their words joined by one space. */
  byKey: Map<string, Place>;
  keyHashes: Set<number>;
  /** Hashes of the first word of names of two words or more. */
  multiFirstHashes: Set<number>;
  firstLow: Uint8Array;
}
let placeIndex: PlaceIndex | undefined;

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

function buildIndex(): PlaceIndex {
  const byKey = new Map<string, Place>();
  for (const place of GAZETTEER) {
    for (const name of [place.name, ...place.aliases]) {
      const key = tokens(normalize(name).text).join(' ');
      if (key && !byKey.has(key)) byKey.set(key, place);
    }
  }
  const keys = [...byKey.keys()];
  const firstLow = new Uint8Array(FIRST_BITS + 1);
  for (const k of keys) firstLow[hashOf(k.split(' ')[0] ?? '') & FIRST_BITS] = 1;
  return {
    byKey,
    keyHashes: new Set(keys.map(hashOf)),
    multiFirstHashes: new Set(keys.filter((k) => k.includes(' ')).map((k) => hashOf(k.split(' ')[0] ?? ''))),
    firstLow,
  };
}

// Arabic-script prefixes glued to names: و (and), ب (in), ل (to), ف, and "ال" already in the names.
const ARABIC_PREFIX = /^[وبلف](?=\p{Script=Arabic}{3})/u;

const isArabic = (c: number) => c >= 0x0600 && c <= 0x06ff;

/** Hash of words `from`..`to` (inclusive) joined by single spaces, continuing the hash of the first. */
function joinedHash(words: WordRuns, from: number, to: number): number {
  const { text, starts, ends } = words;
  let h = words.hashes[from] ?? 0;
  for (let w = from + 1; w <= to; w++) {
    h = Math.imul(h ^ 32, FNV_PRIME);
    for (let k = starts[w] ?? 0, end = ends[w] ?? 0; k < end; k++) h = Math.imul(h ^ text.charCodeAt(k), FNV_PRIME);
  }
  return h >>> 0;
}

function joinedWords(words: WordRuns, from: number, to: number): string {
  const { text, starts, ends } = words;
  let key = text.slice(starts[from], ends[from]);
  for (let w = from + 1; w <= to; w++) key += ' ' + text.slice(starts[w], ends[w]);
  return key;
}

/**
 * Countries and cities named in folded text, longest name first (so "abu dhabi" beats nothing).
 * Words are hashed as they are read; a name is sliced out only when its hash is a name's.
 */
export function extractPlaces(folded: string): ExtractedEntities['places'] {
  const index = (placeIndex ??= buildIndex());
  const words = wordRuns(folded);
  const { count, starts, ends, hashes } = words;
  const out = new Map<string, { name: string; country: string }>();
  for (let i = 0; i < count && out.size < MAX_PLACES; i++) {
    const first = (hashes[i] ?? 0) >>> 0;
    const arabic = isArabic(folded.charCodeAt(starts[i] ?? 0));
    // words that begin no name (most of them) are only counted, so multi-word names never span them
    if (index.firstLow[first & FIRST_BITS] !== 1 && !arabic) continue;
    let n = index.multiFirstHashes.has(first) ? Math.min(MAX_WORDS, count - i) : 1;
    let place: Place | undefined;
    for (; n >= 2 && !place; n--) {
      if (index.keyHashes.has(joinedHash(words, i, i + n - 1))) place = index.byKey.get(joinedWords(words, i, i + n - 1));
    }
    if (place) n++;
    else if (index.keyHashes.has(first) || arabic) {
      const key = folded.slice(starts[i], ends[i]);
      place = index.byKey.get(key) ?? (arabic ? index.byKey.get(key.replace(ARABIC_PREFIX, '')) : undefined);
    }
    if (place) {
      out.set(place.name, { name: place.name, country: place.country });
      i += n - 1;
    }
  }
  return [...out.values()];
}

/** ISO2 codes of every country whose name or cities the text mentions. */
export function countriesOf(places: ExtractedEntities['places']): Set<string> {
  return new Set(places.map((p) => p.country));
}
