import type { AdInput } from '../types';
import { hashString, mixHash } from './hashing';
import { PLACEHOLDER_EMAIL, PLACEHOLDER_PHONE, PLACEHOLDER_URL, scanTokens, TokenSink } from './scan';
import { tokenize } from './tokenize';

/** How ads become hashed feature vectors; stored in the artifact so training and prediction agree. */
export interface FeatureConfig {
  /** log2 of the number of buckets. */
  bits: number;
  seed: number;
  /** Word bigrams within each field. */
  bigrams: boolean;
  /** Unigrams of all text fields in one shared namespace too. */
  shared: boolean;
  /** Board metadata (logo, screening questions, employment type, industry, ...). */
  metadata: boolean;
  /** Character n-grams of words (fastText-style, within `<word>`), lengths min..max; 0 = none. */
  charMin: number;
  charMax: number;
  /** Character 3-5-grams of the title in their own namespace (titles are short; their spelling varies). */
  titleChars: boolean;
  /**
   * Layout of the ad: length band of every text field that is present, and how many contact
   * placeholders (links, e-mails, phones) the text holds. Absent fields add nothing.
   */
  layout: boolean;
  /**
   * Character n-grams of words (within `<word>`, lengths min..max) in their own table of 2^bits
   * buckets, for the ensemble's second model (`LinearModelParams.characters`); absent = none.
   */
  characters?: CharacterFeatures;
}

export interface CharacterFeatures {
  bits: number;
  min: number;
  max: number;
}

/**
 * Chosen by 5-fold CV on EMSCAD dev (README, "The model"): 2^20 buckets collide less than 2^18 (ROC-AUC
 * .961 to .965); title character n-grams and layout features did not help and stay off. Character
 * 5-grams in a second model, stacked with the word model, raised ROC-AUC to .970 (3-5, 3-6 and 4-6 did less).
 */
export const DEFAULT_FEATURE_CONFIG: FeatureConfig = {
  bits: 20,
  seed: 1,
  bigrams: true,
  shared: true,
  metadata: true,
  charMin: 0,
  charMax: 0,
  titleChars: false,
  layout: false,
  characters: { bits: 18, min: 5, max: 5 },
};

type TextField = 'title' | 'company' | 'companyProfile' | 'description' | 'requirements' | 'benefits';
const TEXT_FIELDS: ReadonlyArray<[TextField, string]> = [
  ['title', 't'],
  ['company', 'co'],
  ['companyProfile', 'c'],
  ['description', 'd'],
  ['requirements', 'r'],
  ['benefits', 'b'],
];

const COMPANY_FIELD = TEXT_FIELDS.findIndex(([field]) => field === 'company');
const TITLE_FIELD = TEXT_FIELDS.findIndex(([field]) => field === 'title');
// Feature names built once, so extraction allocates no strings for them.
const LAYOUT_NAMES = TEXT_FIELDS.map(([field]) => Array.from({ length: 15 }, (_, band) => `${field} length:${band}`));
const CONTACT_NAMES = {
  url: ['links:0', 'links:1', 'links:2', 'links:3+'],
  email: ['e-mails:0', 'e-mails:1', 'e-mails:2', 'e-mails:3+'],
  phone: ['phones:0', 'phones:1', 'phones:2', 'phones:3+'],
};

function lengthBandIndex(length: number): number {
  return length === 0 ? 0 : Math.min(14, Math.floor(Math.log2(length)));
}
/** Tokens and touched buckets kept per ad; a hostile ad cannot grow them. */
const MAX_WORDS = 65_536;
const MAX_TOUCHED = 65_536;
/** Entries of the bucket-to-slot table to begin with (it doubles when half full). */
const INITIAL_TABLE = 4096;
/** What a touched bucket came from, for explanations. */
const SLOT_TOKEN = 0;
const SLOT_BIGRAM = 1;
const SLOT_META = 2;
const SLOT_TITLE_SPAN = 3;

export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

function words(value: string | undefined): string[] {
  return value ? tokenize(value).slice(0, 6) : [];
}

function lengthBand(length: number): string {
  return length === 0 ? '0' : String(Math.min(14, Math.floor(Math.log2(length))));
}

/** Longest word (in code units) whose character n-grams are read; longer ones are cut. */
const MAX_CHARACTER_WORD = 64;

/** Slots of the per-ad table of distinct words (at most half are filled; further words are added one by one). */
const WORD_TABLE_SIZE = 4096;

/**
 * Which slot holds each touched bucket of the ad being read: a small open-addressing table (bucket
 * + 1 per entry, 0 free, linear probing) kept at most half full. An ad touches about a thousand of
 * the 2^20 buckets; dense per-bucket arrays made every feature a cache miss once the other stages
 * had run.
 */
class SlotIndex {
  private keys = new Int32Array(INITIAL_TABLE);
  private slots = new Int32Array(INITIAL_TABLE);
  private mask = INITIAL_TABLE - 1;

  /** The entry that holds `bucket`, or the free entry where it would go. */
  entryOf(bucket: number): number {
    const key = bucket + 1;
    let e = bucket & this.mask;
    for (;;) {
      const k = this.keys[e]!;
      if (k === key || k === 0) return e;
      e = (e + 1) & this.mask;
    }
  }

  isFree(entry: number): boolean {
    return this.keys[entry] === 0;
  }

  slotAt(entry: number): number {
    return this.slots[entry]!;
  }

  /** Puts `bucket` in the free `entry` as `slot`; `buckets[0..used)` are all the buckets held, to grow by. */
  put(entry: number, bucket: number, slot: number, buckets: Int32Array, used: number): void {
    this.keys[entry] = bucket + 1;
    this.slots[entry] = slot;
    if (used * 2 <= this.mask) return;
    const size = (this.mask + 1) * 2;
    this.keys = new Int32Array(size);
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    for (let k = 0; k < used; k++) {
      const e = this.entryOf(buckets[k]!);
      this.keys[e] = buckets[k]! + 1;
      this.slots[e] = k;
    }
  }

  /**
   * Forgets `buckets[0..used)`, newest first: with linear probing an entry's chain holds only
   * older entries, so each look-up still finds its own entry.
   */
  clear(buckets: Int32Array, used: number): void {
    for (let k = used - 1; k >= 0; k--) this.keys[this.entryOf(buckets[k]!)] = 0;
  }
}

/**
 * Signed-hash buckets of one namespace, kept sparse: touched buckets map to slots through a small
 * open-addressing table (bucket + 1 per entry, 0 free), so an ad costs only what it touches and
 * stays in cache. Values are float32, as the model's weights are.
 */
class BucketAccumulator {
  readonly size: number;
  private readonly mask: number;
  private readonly index = new SlotIndex();
  private readonly list = new Int32Array(MAX_TOUCHED);
  private readonly values = new Float32Array(MAX_TOUCHED);
  count = 0;

  constructor(bits: number) {
    this.size = 1 << bits;
    this.mask = this.size - 1;
  }

  bucketAt(i: number): number {
    return this.list[i]!;
  }

  valueAt(i: number): number {
    return this.values[i]!;
  }

  add(hash: number, count: number): void {
    const bucket = hash & this.mask;
    const entry = this.index.entryOf(bucket);
    let slot: number;
    if (this.index.isFree(entry)) {
      if (this.count >= MAX_TOUCHED) return;
      slot = this.count++;
      this.list[slot] = bucket;
      this.values[slot] = 0;
      this.index.put(entry, bucket, slot, this.list, this.count);
    } else slot = this.index.slotAt(entry);
    this.values[slot] = this.values[slot]! + (hash >>> 31 === 1 ? -count : count);
  }

  /** Sublinear tf and L2 normalisation, as for the word fields. */
  normalise(): void {
    let sumSquares = 0;
    for (let i = 0; i < this.count; i++) {
      const v = this.values[i]!;
      const w = v === 1 || v === -1 || v === 0 ? v : v > 0 ? 1 + Math.log(v) : -1 - Math.log(-v);
      this.values[i] = w;
      sumSquares += w * w;
    }
    if (sumSquares === 0) return;
    const scale = 1 / Math.sqrt(sumSquares);
    for (let i = 0; i < this.count; i++) this.values[i] = this.values[i]! * scale;
  }

  toSparse(): SparseVector {
    return { indices: this.list.slice(0, this.count), values: this.values.slice(0, this.count) };
  }

  reset(): void {
    this.index.clear(this.list, this.count);
    this.count = 0;
  }
}

/**
 * Signed feature hashing (Weinberger et al. 2009) into a fixed number of buckets, so a model keeps
 * weights only, never a vocabulary. Per text field: sublinear term frequency (1 + ln tf), then L2
 * normalisation, so long ads do not dominate. Metadata features are binary.
 *
 * Each field is lower-cased once and scanned once (`scanTokens`): tokens arrive as hashes and
 * offsets, and the ad's own words are cut out only for the few terms an explanation shows.
 * Not reentrant: one instance keeps scratch arrays and is reset after each ad (JS runs one ad at a time).
 */
export class Featurizer implements TokenSink {
  readonly size: number;
  private readonly mask: number;
  /** Touched buckets to slots (see SlotIndex). */
  private readonly slotIndex = new SlotIndex();
  /** Per slot: its bucket and its accumulated value. */
  private readonly touchedList: Int32Array;
  private readonly slotValue: Float64Array;
  /** Per touched slot, what it came from (kind and token index or offsets), to quote the words in explanations. */
  private readonly slotKind: Uint8Array;
  private readonly slotA: Int32Array;
  private readonly slotB: Int32Array;
  /** Metadata feature names of the current ad, for explanations. */
  private readonly metaLabels: string[] = [];
  private readonly fieldSeeds: number[];
  private readonly sharedSeed: number;
  private readonly bigramSalt: number;
  private readonly metaSeed: number;
  private readonly charSeed: number;
  private readonly titleSeed: number;
  /** Character n-grams for the second model (`config.characters`), in their own buckets. */
  readonly characters: BucketAccumulator | undefined;
  private readonly wordCodes = new Int32Array(MAX_CHARACTER_WORD + 2);
  /** Open-addressing table of the ad's distinct words (token index + 1, 0 = empty) and their counts. */
  private readonly wordTable = new Int32Array(WORD_TABLE_SIZE);
  private readonly wordTableCount = new Int32Array(WORD_TABLE_SIZE);
  private readonly wordTableUsed = new Int32Array(WORD_TABLE_SIZE);
  private count = 0;
  /** Buckets of each word occurrence in the text fields, for coverage. */
  private readonly wordList = new Int32Array(MAX_WORDS);
  private words = 0;
  /** Every token of the ad (hash, field, offsets) for the shared and character passes. */
  private readonly tokenHash = new Int32Array(MAX_WORDS);
  private readonly tokenStart = new Int32Array(MAX_WORDS);
  private readonly tokenEnd = new Int32Array(MAX_WORDS);
  private readonly tokenField = new Int8Array(MAX_WORDS);
  private readonly tokenPlaceholder: Array<string | undefined> = new Array<string | undefined>(MAX_WORDS);
  private tokens = 0;
  private readonly fieldText: string[] = new Array<string>(TEXT_FIELDS.length).fill('');
  /** The field being scanned. */
  private field = 0;
  private fieldSeed = 0;
  private previousHash = 0;
  private fieldTokens = 0;
  /** Touched buckets from text fields are `touched[0..textCount)`; metadata follows. */
  textCount = 0;
  /** Slots `[attributesFrom, attributesTo)` hold the board-attribute features (only ads with `attributes` have them). */
  attributesFrom = 0;
  attributesTo = 0;

  constructor(readonly config: FeatureConfig) {
    this.size = 1 << config.bits;
    this.mask = this.size - 1;
    this.touchedList = new Int32Array(MAX_TOUCHED);
    this.slotValue = new Float64Array(MAX_TOUCHED);
    this.slotKind = new Uint8Array(MAX_TOUCHED);
    this.slotA = new Int32Array(MAX_TOUCHED);
    this.slotB = new Int32Array(MAX_TOUCHED);
    this.fieldSeeds = TEXT_FIELDS.map(([, prefix]) => hashString(prefix, config.seed));
    this.sharedSeed = hashString('*', config.seed);
    this.bigramSalt = hashString('bigram', config.seed);
    this.metaSeed = hashString('meta', config.seed);
    this.charSeed = hashString('chars', config.seed);
    this.titleSeed = hashString('title chars', config.seed);
    this.characters = config.characters ? new BucketAccumulator(config.characters.bits) : undefined;
  }

  get touched(): number {
    return this.count;
  }

  bucketAt(i: number): number {
    return this.touchedList[i]!;
  }

  valueAt(i: number): number {
    return this.slotValue[i]!;
  }

  get wordCount(): number {
    return this.words;
  }

  wordBucketAt(i: number): number {
    return this.wordList[i]!;
  }

  /** The ad's own words behind a slot (for explanations). */
  termAt(i: number): string {
    const a = this.slotA[i]!;
    const kind = this.slotKind[i];
    if (kind === SLOT_TOKEN) return this.tokenText(a);
    if (kind === SLOT_BIGRAM) return `${this.tokenText(a - 1)} ${this.tokenText(a)}`;
    if (kind === SLOT_META) return this.metaLabels[a] ?? '';
    return this.fieldText[TITLE_FIELD]!.slice(a, this.slotB[i]!);
  }

  private tokenText(t: number): string {
    return this.tokenPlaceholder[t] ?? this.fieldText[this.tokenField[t]!]!.slice(this.tokenStart[t]!, this.tokenEnd[t]!);
  }

  /** Fills the scratch state with the ad's features (the character n-grams only `withCharacters`); call `reset()` when done with them. */
  extract(ad: AdInput, withCharacters = true): void {
    this.reset();
    const bigramSeedSalt = this.bigramSalt;
    for (let f = 0; f < TEXT_FIELDS.length; f++) {
      const [field] = TEXT_FIELDS[f]!;
      const text = ad[field];
      if (!text) continue;
      const lowered = text.toLowerCase();
      this.fieldText[f] = lowered;
      this.field = f;
      this.fieldSeed = this.fieldSeeds[f]!;
      this.bigramSeed = this.fieldSeed ^ bigramSeedSalt;
      this.fieldTokens = 0;
      const start = this.count;
      // Every token is kept (explanations point at it), so the budget is shared by all fields.
      scanTokens(lowered, this, MAX_WORDS - this.tokens);
      if (this.fieldTokens > 0) this.normalise(start);
    }
    if (this.config.shared && this.tokens > 0) {
      const start = this.count;
      for (let t = 0; t < this.tokens; t++) {
        if (this.tokenField[t] === COMPANY_FIELD) continue;
        this.add(mixHash(this.sharedSeed, this.tokenHash[t]! >>> 0), SLOT_TOKEN, t, 0);
      }
      this.normalise(start);
    }
    if (this.config.charMin > 0 && this.tokens > 0) {
      const start = this.count;
      for (let t = 0; t < this.tokens; t++) {
        if (this.tokenField[t] === COMPANY_FIELD || this.tokenPlaceholder[t] !== undefined) continue;
        this.addCharNgrams(this.fieldText[this.tokenField[t]!]!, t);
      }
      this.normalise(start);
    }
    if (this.config.titleChars && this.fieldText[TITLE_FIELD] !== '') {
      const start = this.count;
      this.addTitleChars(this.fieldText[TITLE_FIELD]!);
      this.normalise(start);
    }
    if (withCharacters && this.characters && this.tokens > 0) {
      this.addCharacterNgrams(this.characters, this.config.characters!);
      this.characters.normalise();
    }
    this.textCount = this.count;
    if (this.config.metadata) this.addMetadata(ad);
    if (this.config.layout) this.addLayout();
  }

  /** Character 3-5-grams over the whole lower-cased title (white space runs count as one space). */
  private addTitleChars(title: string): void {
    const n = Math.min(title.length, 200);
    for (let i = 0; i < n; i++) {
      let h = this.titleSeed;
      for (let j = i; j < n && j - i < 5; j++) {
        h = Math.imul(h ^ title.charCodeAt(j), 0x01000193);
        if (j - i >= 2) this.add(mixHash(h >>> 0, 5), SLOT_TITLE_SPAN, i, j + 1);
      }
    }
  }

  private addLayout(): void {
    for (let f = 0; f < TEXT_FIELDS.length; f++) {
      const text = this.fieldText[f]!;
      if (text !== '') this.meta(LAYOUT_NAMES[f]![lengthBandIndex(text.length)]!);
    }
    let urls = 0;
    let emails = 0;
    let phones = 0;
    for (let t = 0; t < this.tokens; t++) {
      const placeholder = this.tokenPlaceholder[t];
      if (placeholder === PLACEHOLDER_URL) urls++;
      else if (placeholder === PLACEHOLDER_EMAIL) emails++;
      else if (placeholder === PLACEHOLDER_PHONE) phones++;
    }
    this.meta(CONTACT_NAMES.url[Math.min(3, urls)]!);
    this.meta(CONTACT_NAMES.email[Math.min(3, emails)]!);
    this.meta(CONTACT_NAMES.phone[Math.min(3, phones)]!);
  }

  private bigramSeed = 0;

  /** One token of the field being scanned (called by `scanTokens`). */
  token(hash: number, start: number, end: number, placeholder: string | undefined): void {
    const t = this.tokens++;
    this.tokenHash[t] = hash;
    this.tokenStart[t] = start;
    this.tokenEnd[t] = end;
    this.tokenField[t] = this.field;
    this.tokenPlaceholder[t] = placeholder;
    const bucketHash = mixHash(this.fieldSeed, hash);
    this.add(bucketHash, SLOT_TOKEN, t, 0);
    this.wordList[this.words++] = bucketHash & this.mask;
    if (this.config.bigrams && this.fieldTokens > 0)
      this.add(mixHash(mixHash(this.bigramSeed, this.previousHash), hash), SLOT_BIGRAM, t, 0);
    this.previousHash = hash;
    this.fieldTokens++;
  }

  /** The current ad's features as a sparse vector (for training). */
  toSparse(): SparseVector {
    const indices = new Int32Array(this.count);
    const values = new Float32Array(this.count);
    for (let i = 0; i < this.count; i++) {
      indices[i] = this.touchedList[i]!;
      values[i] = this.slotValue[i]!;
    }
    return { indices, values };
  }

  vectorize(ad: AdInput): SparseVector {
    this.extract(ad);
    const vector = this.toSparse();
    this.reset();
    return vector;
  }

  /** The word features and, with `config.characters`, the character features of an ad (for training). */
  vectorizeAll(ad: AdInput): { words: SparseVector; characters: SparseVector | undefined } {
    this.extract(ad);
    const words = this.toSparse();
    const characters = this.characters?.toSparse();
    this.reset();
    return { words, characters };
  }

  reset(): void {
    // Clear only the entries this ad used, newest first: with linear probing an entry's chain holds
    // only older entries, so each look-up still finds its own entry (slot values are reset on reuse).
    this.slotIndex.clear(this.touchedList, this.count);
    for (let t = 0; t < this.tokens; t++) this.tokenPlaceholder[t] = undefined;
    this.fieldText.fill('');
    this.characters?.reset();
    this.count = 0;
    this.textCount = 0;
    this.attributesFrom = 0;
    this.attributesTo = 0;
    this.words = 0;
    this.tokens = 0;
    this.metaLabels.length = 0;
  }

  private add(hash: number, kind: number, a: number, b: number, value = 1): void {
    const bucket = hash & this.mask;
    const entry = this.slotIndex.entryOf(bucket);
    let slot: number;
    if (this.slotIndex.isFree(entry)) {
      // Bounded: a hostile ad cannot grow the scratch list; later features still update known buckets.
      if (this.count >= MAX_TOUCHED) return;
      slot = this.count++;
      this.touchedList[slot] = bucket;
      this.slotKind[slot] = kind;
      this.slotA[slot] = a;
      this.slotB[slot] = b;
      this.slotValue[slot] = 0;
      this.slotIndex.put(entry, bucket, slot, this.touchedList, this.count);
    } else slot = this.slotIndex.slotAt(entry);
    this.slotValue[slot] = this.slotValue[slot]! + (hash >>> 31 === 1 ? -value : value);
  }

  private normalise(start: number): void {
    let sumSquares = 0;
    for (let i = start; i < this.count; i++) {
      const v = this.slotValue[i]!;
      // Most buckets hold a single occurrence: skip the logarithm for them.
      const w = v === 1 || v === -1 || v === 0 ? v : v > 0 ? 1 + Math.log(v) : -1 - Math.log(-v);
      this.slotValue[i] = w;
      sumSquares += w * w;
    }
    if (sumSquares === 0) return;
    const scale = 1 / Math.sqrt(sumSquares);
    for (let i = start; i < this.count; i++) this.slotValue[i] = this.slotValue[i]! * scale;
  }

  /** fastText-style character n-grams of `<word>` (the word being `text[start..end)`). */
  private addCharNgrams(text: string, t: number): void {
    const start = this.tokenStart[t]!;
    const end = this.tokenEnd[t]!;
    const { charMin, charMax } = this.config;
    const n = end - start + 2;
    const at = (j: number): number => (j === 0 ? 60 : j === n - 1 ? 62 : text.charCodeAt(start + j - 1));
    for (let i = 0; i + charMin <= n; i++) {
      let h = this.charSeed;
      for (let j = i; j < n && j - i < charMax; j++) {
        h ^= at(j);
        h = Math.imul(h, 0x01000193);
        if (j - i + 1 >= charMin && !(i === 0 && j === n - 1)) this.add(mixHash(h >>> 0, charMax), SLOT_TOKEN, t, 0);
      }
    }
  }

  /**
   * Character n-grams of every `<word>` (company names and contacts excepted) whose length is in
   * the config; the whole `<word>` is left out (the word model has it). Words longer than
   * MAX_CHARACTER_WORD code units are cut. This runs on every ad, so a repeated word is cut into
   * n-grams once and added with its count (the same sums as one by one).
   */
  private addCharacterNgrams(into: BucketAccumulator, lengths: CharacterFeatures): void {
    const table = this.wordTable;
    const counts = this.wordTableCount;
    const used = this.wordTableUsed;
    const mask = WORD_TABLE_SIZE - 1;
    let distinct = 0;
    for (let t = 0; t < this.tokens; t++) {
      if (this.tokenField[t] === COMPANY_FIELD || this.tokenPlaceholder[t] !== undefined) continue;
      if (this.tokenEnd[t]! - this.tokenStart[t]! + 2 < lengths.min) continue;
      let slot = this.tokenHash[t]! & mask;
      let found = false;
      while (table[slot] !== 0) {
        if (this.sameWord(table[slot]! - 1, t)) {
          counts[slot] = counts[slot]! + 1;
          found = true;
          break;
        }
        slot = (slot + 1) & mask;
      }
      if (found) continue;
      if (distinct < WORD_TABLE_SIZE / 2) {
        table[slot] = t + 1;
        counts[slot] = 1;
        used[distinct++] = slot;
      } else this.addWordNgrams(into, lengths, t, 1);
    }
    for (let k = 0; k < distinct; k++) {
      const slot = used[k]!;
      this.addWordNgrams(into, lengths, table[slot]! - 1, counts[slot]!);
      table[slot] = 0;
    }
  }

  /** Whether tokens `a` and `b` have the same text, as far as character n-grams read it. */
  private sameWord(a: number, b: number): boolean {
    const length = Math.min(this.tokenEnd[a]! - this.tokenStart[a]!, MAX_CHARACTER_WORD);
    if (length !== Math.min(this.tokenEnd[b]! - this.tokenStart[b]!, MAX_CHARACTER_WORD)) return false;
    const textA = this.fieldText[this.tokenField[a]!]!;
    const textB = this.fieldText[this.tokenField[b]!]!;
    const startA = this.tokenStart[a]!;
    const startB = this.tokenStart[b]!;
    for (let k = 0; k < length; k++) if (textA.charCodeAt(startA + k) !== textB.charCodeAt(startB + k)) return false;
    return true;
  }

  private addWordNgrams(into: BucketAccumulator, lengths: CharacterFeatures, t: number, count: number): void {
    const { min, max } = lengths;
    const codes = this.wordCodes;
    const text = this.fieldText[this.tokenField[t]!]!;
    const start = this.tokenStart[t]!;
    const length = Math.min(this.tokenEnd[t]! - start, MAX_CHARACTER_WORD);
    const n = length + 2;
    codes[0] = 60; // '<'
    for (let k = 0; k < length; k++) codes[k + 1] = text.charCodeAt(start + k);
    codes[n - 1] = 62; // '>'
    for (let i = 0; i + min <= n; i++) {
      let h = this.charSeed;
      const last = Math.min(n, i + max);
      for (let j = i; j < last; j++) {
        h = Math.imul(h ^ codes[j]!, 0x01000193);
        if (j - i + 1 >= min && !(i === 0 && j === n - 1)) into.add(mixHash(h >>> 0, max), count);
      }
    }
  }

  private meta(name: string, value = 1): void {
    this.metaLabels.push(`[${name}]`);
    this.add(mixHash(this.metaSeed, hashString(name)), SLOT_META, this.metaLabels.length - 1, 0, value);
  }

  private addMetadata(ad: AdInput): void {
    const attributes = ad.attributes;
    const yesNo = (value: boolean | undefined) => (value === undefined ? 'unknown' : value ? 'yes' : 'no');
    this.meta(`description:${lengthBand(ad.description.length)}`);
    if (ad.salaryText) this.meta('salary:given');
    // A missing field says something only where the board has that field (EMSCAD-style boards publish
    // these attributes). Ads from feeds, pages or tips lack them by format, not by the author's choice.
    this.attributesFrom = this.count;
    if (attributes) {
      if (!ad.salaryText) this.meta('salary:none');
      this.meta(`logo:${yesNo(attributes.hasCompanyLogo)}`);
      this.meta(`questions:${yesNo(attributes.hasScreeningQuestions)}`);
      this.meta(`telecommuting:${yesNo(attributes.telecommuting)}`);
      this.meta(`company profile:${lengthBand(ad.companyProfile?.length ?? 0)}`);
      this.meta(`requirements:${ad.requirements ? 'given' : 'none'}`);
      this.meta(`benefits:${ad.benefits ? 'given' : 'none'}`);
      this.meta(`department:${attributes.department ? 'given' : 'none'}`);
      this.meta(`employment:${words(ad.employmentType).join(' ') || 'none'}`);
      this.meta(`experience:${words(attributes.requiredExperience).join(' ') || 'none'}`);
      this.meta(`education:${words(attributes.requiredEducation).join(' ') || 'none'}`);
    }
    this.attributesTo = this.count;
    for (const word of words(attributes?.industry)) this.meta(`industry:${word}`);
    for (const word of words(attributes?.jobFunction)) this.meta(`function:${word}`);
    // Location emptiness is deliberately not a feature: in the training data it carries no label information.
    const parts = ad.location?.raw?.split(',').map((part) => part.trim().toLowerCase()) ?? [];
    if (ad.location?.country) this.meta(`country:${ad.location.country}`);
    if (parts.length > 1 && parts[1]) this.meta(`region:${parts[0]}-${parts[1]}`);
  }
}
