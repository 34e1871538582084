import { createHmac } from 'node:crypto';
import { isWordCode } from '../normalize/word-chars';

export type ContactKind = 'phone' | 'email' | 'handle';

/** HMAC-SHA256 of `${kind}:${normalisedValue}` as hex: links ads by contact without storing the contact. */
export function contactKey(hmacKey: string | Buffer, kind: ContactKind, normalisedValue: string): string {
  return createHmac('sha256', hmacKey).update(`${kind}:${normalisedValue}`).digest('hex');
}

const MAX_SHINGLES = 5_000;

function fmix32(h0: number): number {
  let h = h0 >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a hashes of the words of normalised text (letters, marks and digits). */
function wordHashes(text: string): number[] {
  const out: number[] = [];
  let h = 0x811c9dc5;
  let inWord = false;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    if (isWordCode(c)) {
      h ^= c;
      h = Math.imul(h, 0x01000193) >>> 0;
      inWord = true;
    } else if (inWord) {
      out.push(h >>> 0);
      h = 0x811c9dc5;
      inWord = false;
      if (out.length > MAX_SHINGLES + 2) break;
    }
  }
  return out;
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

/** 64-bit SimHash (hex) over word 3-shingles of normalised text (Charikar 2002; used for near-duplicate ads). */
export function simhash64(normalised: string): string {
  const words = wordHashes(normalised);
  if (words.length === 0) return '0'.repeat(16);
  // ones per bit position; a bit of the result is set when most features have it set
  const ones = new Int32Array(64);
  let n = 0;
  // Bit counts in 4-bit lanes (every fourth bit per accumulator), flushed before a lane can overflow:
  // a few additions per feature instead of 64.
  const lanes = new Int32Array(8);
  let pending = 0;
  const flush = () => {
    for (let r = 0; r < 4; r++) {
      const hiLane = lanes[r] ?? 0;
      const loLane = lanes[4 + r] ?? 0;
      for (let k = 0; k < 8; k++) {
        ones[r + 4 * k] = (ones[r + 4 * k] ?? 0) + ((hiLane >>> (4 * k)) & 15);
        ones[32 + r + 4 * k] = (ones[32 + r + 4 * k] ?? 0) + ((loLane >>> (4 * k)) & 15);
      }
    }
    lanes.fill(0);
    pending = 0;
  };
  const count = (hi: number, lo: number) => {
    n++;
    for (let r = 0; r < 4; r++) {
      lanes[r] = (lanes[r] ?? 0) + ((hi >>> r) & 0x11111111);
      lanes[4 + r] = (lanes[4 + r] ?? 0) + ((lo >>> r) & 0x11111111);
    }
    if (++pending === 15) flush();
  };
  if (words.length < 3) for (const w of words) count(fmix32(w), fmix32(w ^ 0x9e3779b9));
  else {
    for (let i = 0; i + 2 < words.length; i++) {
      const a = words[i] ?? 0;
      const b = words[i + 1] ?? 0;
      const c = words[i + 2] ?? 0;
      const mixed = fmix32(a ^ Math.imul(b, 0x9e3779b1) ^ Math.imul(c, 0x85ebca77));
      count(mixed, fmix32(mixed ^ Math.imul(c, 0xc2b2ae3d) ^ a));
    }
  }
  flush();
  const v = ones.map((k) => 2 * k - n);
  let hi = 0;
  let lo = 0;
  for (let b = 0; b < 32; b++) {
    if ((v[b] ?? 0) > 0) hi |= 1 << b;
    if ((v[32 + b] ?? 0) > 0) lo |= 1 << b;
  }
  return (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');
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
