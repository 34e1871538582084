import { createHmac } from 'node:crypto';
import { isWordCode } from '../normalize/word-chars';

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

// ones per bit position of the features seen, reused across calls
const onesScratch = new Int32Array(64);

/** 64-bit SimHash (hex) over word 3-shingles of normalised text (Charikar 2002; used for near-duplicate ads). */
export function simhash64(normalised: string): string {
  // One pass: words are FNV-1a hashes of letters, marks and digits; a shingle is counted as its third word ends.
  // Bit counts go in 4-bit lanes (every fourth bit per accumulator), flushed before a lane can overflow:
  // a few additions per feature instead of 64. `| 0` keeps the accumulators int32 (the bits are what count).
  const ones = onesScratch;
  ones.fill(0);
  let hi0 = 0, hi1 = 0, hi2 = 0, hi3 = 0, lo0 = 0, lo1 = 0, lo2 = 0, lo3 = 0; // prettier-ignore
  let pending = 0;
  let features = 0;
  let words = 0;
  let first = 0; // the word two back
  let second = 0; // the word before
  let h = 0x811c9dc5;
  let inWord = false;
  const len = normalised.length;
  for (let i = 0; i <= len; i++) {
    const c = i < len ? normalised.charCodeAt(i) : 32;
    if (c < 128 ? ASCII_WORD[c] === 1 : isWordCode(c)) {
      h = Math.imul(h ^ c, 0x01000193);
      inWord = true;
      continue;
    }
    if (!inWord) continue;
    const word = h;
    h = 0x811c9dc5;
    inWord = false;
    words++;
    if (words >= 3) {
      const mixed = fmix32(first ^ Math.imul(second, 0x9e3779b1) ^ Math.imul(word, 0x85ebca77));
      const high = mixed;
      const low = fmix32(mixed ^ Math.imul(word, 0xc2b2ae3d) ^ first);
      hi0 = (hi0 + (high & 0x11111111)) | 0;
      hi1 = (hi1 + ((high >>> 1) & 0x11111111)) | 0;
      hi2 = (hi2 + ((high >>> 2) & 0x11111111)) | 0;
      hi3 = (hi3 + ((high >>> 3) & 0x11111111)) | 0;
      lo0 = (lo0 + (low & 0x11111111)) | 0;
      lo1 = (lo1 + ((low >>> 1) & 0x11111111)) | 0;
      lo2 = (lo2 + ((low >>> 2) & 0x11111111)) | 0;
      lo3 = (lo3 + ((low >>> 3) & 0x11111111)) | 0;
      features++;
      if (++pending === 15) {
        flushLanes(ones, hi0, hi1, hi2, hi3, lo0, lo1, lo2, lo3);
        hi0 = hi1 = hi2 = hi3 = lo0 = lo1 = lo2 = lo3 = pending = 0;
      }
    }
    first = second;
    second = word;
    if (words > MAX_SHINGLES + 2) break;
  }
  if (words === 0) return '0'.repeat(16);
  flushLanes(ones, hi0, hi1, hi2, hi3, lo0, lo1, lo2, lo3);
  if (words < 3) {
    // too short for shingles: the words themselves are the features
    for (const word of words === 1 ? [second] : [first, second]) {
      flushLanes(ones, ...lanesOf(fmix32(word)), ...lanesOf(fmix32(word ^ 0x9e3779b9)));
      features++;
    }
  }
  let hi = 0;
  let lo = 0;
  for (let b = 0; b < 32; b++) {
    if (2 * (ones[b] as number) - features > 0) hi |= 1 << b;
    if (2 * (ones[32 + b] as number) - features > 0) lo |= 1 << b;
  }
  return (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');
}

// word characters among ASCII (letters and digits), as isWordCode reads them
const ASCII_WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_WORD[c] = isWordCode(c) ? 1 : 0;

/** The four lanes of one 32-bit half. */
function lanesOf(x: number): [number, number, number, number] {
  return [x & 0x11111111, (x >>> 1) & 0x11111111, (x >>> 2) & 0x11111111, (x >>> 3) & 0x11111111];
}

/** Adds lane counts to `ones`: lane r of a half holds bits r, r + 4, ... as 4-bit counters. */
function flushLanes(
  ones: Int32Array,
  hi0: number,
  hi1: number,
  hi2: number,
  hi3: number,
  lo0: number,
  lo1: number,
  lo2: number,
  lo3: number,
): void {
  for (let k = 0; k < 8; k++) {
    const shift = 4 * k;
    ones[4 * k] = (ones[4 * k] as number) + ((hi0 >>> shift) & 15);
    ones[1 + 4 * k] = (ones[1 + 4 * k] as number) + ((hi1 >>> shift) & 15);
    ones[2 + 4 * k] = (ones[2 + 4 * k] as number) + ((hi2 >>> shift) & 15);
    ones[3 + 4 * k] = (ones[3 + 4 * k] as number) + ((hi3 >>> shift) & 15);
    ones[32 + 4 * k] = (ones[32 + 4 * k] as number) + ((lo0 >>> shift) & 15);
    ones[33 + 4 * k] = (ones[33 + 4 * k] as number) + ((lo1 >>> shift) & 15);
    ones[34 + 4 * k] = (ones[34 + 4 * k] as number) + ((lo2 >>> shift) & 15);
    ones[35 + 4 * k] = (ones[35 + 4 * k] as number) + ((lo3 >>> shift) & 15);
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
