import { createHmac } from 'node:crypto';
import { wordRuns } from '../normalize/word-runs';

export type ContactKind = 'phone' | 'email' | 'handle';

/** HMAC-SHA256 of `${kind}:${normalisedValue}` as hex: links ads by contact without storing the contact. */
export function contactKey(hmacKey: string | Buffer, kind: ContactKind, normalisedValue: string): string {
  return createHmac('sha256', hmacKey).update(`${kind}:${normalisedValue}`).digest('hex');
}

const MAX_SHINGLES = 5_000;

// MurmurHash3's finaliser on int32 bit patterns: `| 0` rather than `>>> 0` keeps values small integers in V8
// (an unsigned value above 2^31 is a heap number), and only the bits are ever read.
function fmix32(h0: number): number {
  let h = h0 | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

/** The contacts an ad can be linked by, as the entity extractor reports them (or the scored-ad contract carries them). */
export interface LinkableContacts {
  phones: ReadonlyArray<{ e164: string }>;
  emails: ReadonlyArray<{ address: string }>;
  handles: ReadonlyArray<{ platform: string; value: string }>;
}

/**
 * Every keyed contact link of an ad ("phone:<hmac>", "email:<hmac>", "handle:<hmac>"). The classifier
 * links ads by these and subscriptions filter on them, so both must derive them here, the same way.
 */
export function contactLinkKeys(contacts: LinkableContacts, hmacKey: string | Buffer): string[] {
  const keys = new Set<string>();
  for (const p of contacts.phones) keys.add(`phone:${contactKey(hmacKey, 'phone', p.e164)}`);
  for (const e of contacts.emails) keys.add(`email:${contactKey(hmacKey, 'email', e.address.toLowerCase())}`);
  for (const h of contacts.handles) {
    // an app handle that is a phone number links as that phone too
    if (/^\+[0-9]{7,15}$/.test(h.value)) keys.add(`phone:${contactKey(hmacKey, 'phone', h.value)}`);
    keys.add(`handle:${contactKey(hmacKey, 'handle', `${h.platform}:${h.value.toLowerCase()}`)}`);
  }
  return [...keys];
}

// Per call, reused: ones per bit position, and the two 32-bit halves of every feature.
const onesScratch = new Int32Array(64);
const highScratch = new Int32Array(MAX_SHINGLES + 3);
const lowScratch = new Int32Array(MAX_SHINGLES + 3);

/** 64-bit SimHash (hex) over word 3-shingles of normalised text (Charikar 2002; used for near-duplicate ads). */
export function simhash64(normalised: string): string {
  // Words are FNV-1a hashes of letters, marks and digits; a shingle's feature is made from three in a row.
  // Int32 arithmetic throughout (`| 0`-style): only bit patterns matter, and V8 keeps int32 unboxed.
  const highs = highScratch;
  const lows = lowScratch;
  let features = 0;
  let words = 0;
  let first = 0; // the word two back
  let second = 0; // the word before
  // the words (runs of letters, marks and digits, FNV-1a) as the entity extractors already read them
  const runs = wordRuns(normalised);
  for (let w = 0; w < runs.count; w++) {
    const word = runs.hashes[w]!;
    words++;
    if (words >= 3) {
      const mixed = fmix32(first ^ Math.imul(second, 0x9e3779b1) ^ Math.imul(word, 0x85ebca77));
      highs[features] = mixed;
      lows[features] = fmix32(mixed ^ Math.imul(word, 0xc2b2ae3d) ^ first);
      features++;
    }
    first = second;
    second = word;
    if (words > MAX_SHINGLES + 2) break;
  }
  if (words === 0) return '0'.repeat(16);
  if (words < 3) {
    // too short for shingles: the words themselves are the features
    for (const word of words === 1 ? [second] : [first, second]) {
      highs[features] = fmix32(word);
      lows[features] = fmix32(word ^ 0x9e3779b9);
      features++;
    }
  }
  const ones = onesScratch;
  ones.fill(0);
  countBits(highs, features, ones, 0);
  countBits(lows, features, ones, 32);
  let hi = 0;
  let lo = 0;
  for (let b = 0; b < 32; b++) {
    if (2 * (ones[b] as number) - features > 0) hi |= 1 << b;
    if (2 * (ones[32 + b] as number) - features > 0) lo |= 1 << b;
  }
  return (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');
}

/**
 * Adds to ones[at + b] how many of values[0, count) have bit b set. Counts go in 4-bit lanes (lane r holds
 * bits r, r + 4, ...), emptied every 15 values before one can overflow: four additions per value, not 32.
 */
function countBits(values: Int32Array, count: number, ones: Int32Array, at: number): void {
  for (let from = 0; from < count; from += 15) {
    const to = Math.min(count, from + 15);
    let lane0 = 0;
    let lane1 = 0;
    let lane2 = 0;
    let lane3 = 0;
    for (let k = from; k < to; k++) {
      const x = values[k] as number;
      lane0 = (lane0 + (x & 0x11111111)) | 0;
      lane1 = (lane1 + ((x >>> 1) & 0x11111111)) | 0;
      lane2 = (lane2 + ((x >>> 2) & 0x11111111)) | 0;
      lane3 = (lane3 + ((x >>> 3) & 0x11111111)) | 0;
    }
    for (let k = 0; k < 8; k++) {
      const shift = 4 * k;
      const bit = at + shift;
      ones[bit] = (ones[bit] as number) + ((lane0 >>> shift) & 15);
      ones[bit + 1] = (ones[bit + 1] as number) + ((lane1 >>> shift) & 15);
      ones[bit + 2] = (ones[bit + 2] as number) + ((lane2 >>> shift) & 15);
      ones[bit + 3] = (ones[bit + 3] as number) + ((lane3 >>> shift) & 15);
    }
  }
}

function popcount32(x: number): number {
  let n = x >>> 0;
  n = n - ((n >>> 1) & 0x55555555);
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (Math.imul((n + (n >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/** Bits that differ between two 64-bit hex SimHashes. */
export function hammingDistance(a: string, b: string): number {
  const ah = parseInt(a.slice(0, 8), 16) >>> 0;
  const al = parseInt(a.slice(8, 16), 16) >>> 0;
  const bh = parseInt(b.slice(0, 8), 16) >>> 0;
  const bl = parseInt(b.slice(8, 16), 16) >>> 0;
  return popcount32(ah ^ bh) + popcount32(al ^ bl);
}
