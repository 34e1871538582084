import type { AdInput } from '../types';
import { hashString, mixHash } from './hashing';
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
}

export const DEFAULT_FEATURE_CONFIG: FeatureConfig = { bits: 18, seed: 1, bigrams: true, shared: true, metadata: true, charMin: 0, charMax: 0 };

type TextField = 'title' | 'company' | 'companyProfile' | 'description' | 'requirements' | 'benefits';
const TEXT_FIELDS: ReadonlyArray<[TextField, string]> = [
  ['title', 't'],
  ['company', 'co'],
  ['companyProfile', 'c'],
  ['description', 'd'],
  ['requirements', 'r'],
  ['benefits', 'b'],
];

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

/**
 * Signed feature hashing (Weinberger et al. 2009) into a fixed number of buckets, so a model keeps
 * weights only, never a vocabulary. Per text field: sublinear term frequency (1 + ln tf), then L2
 * normalisation, so long ads do not dominate. Metadata features are binary.
 *
 * Not reentrant: one instance keeps scratch arrays and is reset after each ad (JS runs one ad at a time).
 */
export class Featurizer {
  readonly size: number;
  private readonly mask: number;
  private readonly acc: Float64Array;
  private readonly marked: Uint8Array;
  private readonly touchedList: Int32Array;
  private readonly termA: Array<string | undefined>;
  private readonly termB: Array<string | undefined>;
  private readonly fieldSeeds: number[];
  private readonly sharedSeed: number;
  private readonly bigramSalt: number;
  private readonly metaSeed: number;
  private readonly charSeed: number;
  private count = 0;
  /** Buckets of each word occurrence in the text fields, for coverage. */
  private readonly wordList = new Int32Array(65_536);
  private words = 0;
  /** Touched buckets from text fields are `touched[0..textCount)`; metadata follows. */
  textCount = 0;

  constructor(readonly config: FeatureConfig) {
    this.size = 1 << config.bits;
    this.mask = this.size - 1;
    this.acc = new Float64Array(this.size);
    this.marked = new Uint8Array(this.size);
    this.touchedList = new Int32Array(65_536);
    this.termA = new Array<string | undefined>(this.size);
    this.termB = new Array<string | undefined>(this.size);
    this.fieldSeeds = TEXT_FIELDS.map(([, prefix]) => hashString(prefix, config.seed));
    this.sharedSeed = hashString('*', config.seed);
    this.bigramSalt = hashString('bigram', config.seed);
    this.metaSeed = hashString('meta', config.seed);
    this.charSeed = hashString('chars', config.seed);
  }

  get touched(): number {
    return this.count;
  }

  bucketAt(i: number): number {
    return this.touchedList[i]!;
  }

  valueAt(i: number): number {
    return this.acc[this.touchedList[i]!]!;
  }

  get wordCount(): number {
    return this.words;
  }

  wordBucketAt(i: number): number {
    return this.wordList[i]!;
  }

  /** The ad's own words behind a bucket (for explanations). */
  termAt(i: number): string {
    const bucket = this.touchedList[i]!;
    const a = this.termA[bucket] ?? '';
    const b = this.termB[bucket];
    return b === undefined ? a : `${a} ${b}`;
  }

  /** Fills the scratch state with the ad's features; call `reset()` when done with them. */
  extract(ad: AdInput): void {
    this.reset();
    const shared: string[][] = [];
    for (let f = 0; f < TEXT_FIELDS.length; f++) {
      const [field] = TEXT_FIELDS[f]!;
      const text = ad[field];
      if (!text) continue;
      const tokens = tokenize(text);
      if (tokens.length === 0) continue;
      if (this.config.shared && field !== 'company') shared.push(tokens);
      const seed = this.fieldSeeds[f]!;
      const start = this.count;
      let previous = 0;
      for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i]!;
        const th = hashString(token);
        const hash = mixHash(seed, th);
        this.add(hash, token, undefined);
        if (this.words < this.wordList.length) this.wordList[this.words++] = hash & this.mask;
        if (this.config.bigrams && i > 0) this.add(mixHash(mixHash(seed ^ this.bigramSalt, previous), th), tokens[i - 1], token);
        previous = th;
      }
      this.normalise(start);
    }
    if (shared.length > 0) {
      const start = this.count;
      for (const tokens of shared) for (const token of tokens) this.add(mixHash(this.sharedSeed, hashString(token)), token, undefined);
      this.normalise(start);
    }
    if (this.config.charMin > 0 && shared.length > 0) {
      const start = this.count;
      for (const tokens of shared) for (const token of tokens) this.addCharNgrams(token);
      this.normalise(start);
    }
    this.textCount = this.count;
    if (this.config.metadata) this.addMetadata(ad);
  }

  /** The current ad's features as a sparse vector (for training). */
  toSparse(): SparseVector {
    const indices = new Int32Array(this.count);
    const values = new Float32Array(this.count);
    for (let i = 0; i < this.count; i++) {
      const bucket = this.touchedList[i]!;
      indices[i] = bucket;
      values[i] = this.acc[bucket]!;
    }
    return { indices, values };
  }

  vectorize(ad: AdInput): SparseVector {
    this.extract(ad);
    const vector = this.toSparse();
    this.reset();
    return vector;
  }

  reset(): void {
    for (let i = 0; i < this.count; i++) {
      const bucket = this.touchedList[i]!;
      this.acc[bucket] = 0;
      this.marked[bucket] = 0;
      this.termA[bucket] = undefined;
      this.termB[bucket] = undefined;
    }
    this.count = 0;
    this.textCount = 0;
    this.words = 0;
  }

  private add(hash: number, a: string | undefined, b: string | undefined, value = 1): void {
    const bucket = hash & this.mask;
    if (this.marked[bucket] === 0) {
      // Bounded: a hostile ad cannot grow the scratch list; later features still update known buckets.
      if (this.count >= this.touchedList.length) return;
      this.marked[bucket] = 1;
      this.touchedList[this.count++] = bucket;
      this.termA[bucket] = a;
      this.termB[bucket] = b;
    }
    this.acc[bucket] = this.acc[bucket]! + (hash >>> 31 === 1 ? -value : value);
  }

  private normalise(start: number): void {
    let sumSquares = 0;
    for (let i = start; i < this.count; i++) {
      const bucket = this.touchedList[i]!;
      const v = this.acc[bucket]!;
      const w = v === 0 ? 0 : v > 0 ? 1 + Math.log(v) : -1 - Math.log(-v);
      this.acc[bucket] = w;
      sumSquares += w * w;
    }
    if (sumSquares === 0) return;
    const scale = 1 / Math.sqrt(sumSquares);
    for (let i = start; i < this.count; i++) {
      const bucket = this.touchedList[i]!;
      this.acc[bucket] = this.acc[bucket]! * scale;
    }
  }

  private addCharNgrams(token: string): void {
    const { charMin, charMax } = this.config;
    const padded = `<${token}>`;
    const n = padded.length;
    for (let i = 0; i + charMin <= n; i++) {
      let h = this.charSeed;
      for (let j = i; j < n && j - i < charMax; j++) {
        h ^= padded.charCodeAt(j);
        h = Math.imul(h, 0x01000193);
        if (j - i + 1 >= charMin && !(i === 0 && j === n - 1)) this.add(mixHash(h >>> 0, charMax), padded, undefined);
      }
    }
  }

  private meta(name: string, value = 1): void {
    this.add(mixHash(this.metaSeed, hashString(name)), `[${name}]`, undefined, value);
  }

  private addMetadata(ad: AdInput): void {
    const attributes = ad.attributes;
    const yesNo = (value: boolean | undefined) => (value === undefined ? 'unknown' : value ? 'yes' : 'no');
    this.meta(`description:${lengthBand(ad.description.length)}`);
    this.meta(`salary:${ad.salaryText ? 'given' : 'none'}`);
    // A missing field says something only where the board has that field (EMSCAD-style boards publish
    // these attributes). Ads from feeds, pages or tips lack them by format, not by the author's choice.
    if (attributes) {
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
    for (const word of words(attributes?.industry)) this.meta(`industry:${word}`);
    for (const word of words(attributes?.jobFunction)) this.meta(`function:${word}`);
    // Location emptiness is deliberately not a feature: in the training data it carries no label information.
    const parts = ad.location?.raw?.split(',').map((part) => part.trim().toLowerCase()) ?? [];
    if (ad.location?.country) this.meta(`country:${ad.location.country}`);
    if (parts.length > 1 && parts[1]) this.meta(`region:${parts[0]}-${parts[1]}`);
  }
}
