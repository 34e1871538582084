import type { LinkageSnapshot, LinkKeys } from '../types';

export interface LinkageMeta {
  source: string;
  country?: string;
  city?: string;
}

/** Where ads' contact keys and text hashes are recorded and looked up (Redis in services). */
export interface LinkageStore {
  record(adId: string, keys: LinkKeys, meta: LinkageMeta, at: Date): Promise<void>;
  lookup(adId: string, keys: LinkKeys, at: Date): Promise<LinkageSnapshot>;
}

export interface MemoryLinkageStoreOptions {
  /** Ads further apart than this are not linked. Default 30 days. */
  windowMs?: number;
  /** Largest SimHash Hamming distance that counts as a near-duplicate. Default 3. */
  maxDistance?: number;
}

interface Entry {
  adId: string;
  keys: LinkKeys;
  meta: LinkageMeta;
  at: number;
  /** The SimHash as two 32-bit halves, when it is one: parsed once, not at every comparison. */
  high: number;
  low: number;
  hashed: boolean;
}

const DAY_MS = 86_400_000;
const BANDS = 4;

/**
 * In-memory LinkageStore for tests, the CLI and single-process use. Near-duplicates are found via
 * four 16-bit bands of the SimHash: two hashes within distance 3 share at least one band exactly.
 */
export class MemoryLinkageStore implements LinkageStore {
  private readonly windowMs: number;
  private readonly maxDistance: number;
  private readonly ads = new Map<string, Entry>();
  // Ad ids per contact key and per SimHash band, in the order recorded. Arrays, not sets: most hold one ad,
  // an ad is listed once per key (its keys are distinct), and a set per key is most of the store's garbage.
  private readonly byContact = new Map<string, string[]>();
  /** The key is band index * 65,536 + the band's 16 bits (numbers hash faster than strings). */
  private readonly byBand = new Map<number, string[]>();

  constructor(options: MemoryLinkageStoreOptions = {}) {
    this.windowMs = options.windowMs ?? 30 * DAY_MS;
    this.maxDistance = options.maxDistance ?? 3;
    if (this.maxDistance >= BANDS) throw new Error(`MemoryLinkageStore finds distances below ${BANDS} only`);
  }

  async record(adId: string, keys: LinkKeys, meta: LinkageMeta, at: Date): Promise<void> {
    const previous = this.ads.get(adId);
    if (previous) this.unindex(previous);
    const hashed = isHash(keys.textSimhash);
    const entry: Entry = {
      adId,
      keys: { contacts: keys.contacts.length > 1 ? [...new Set(keys.contacts)] : keys.contacts.slice(), textSimhash: keys.textSimhash },
      meta: { ...meta },
      at: at.getTime(),
      high: hashed ? parseInt(keys.textSimhash.slice(0, 8), 16) : 0,
      low: hashed ? parseInt(keys.textSimhash.slice(8, 16), 16) : 0,
      hashed,
    };
    this.ads.set(adId, entry);
    for (const k of entry.keys.contacts) listAdd(this.byContact, k, adId);
    if (hashed) for (let b = 0; b < BANDS; b++) listAdd(this.byBand, bandKey(entry.high, entry.low, b), adId);
  }

  async lookup(adId: string, keys: LinkKeys, at: Date): Promise<LinkageSnapshot> {
    const now = at.getTime();
    const windowMs = this.windowMs;
    const inWindow = (e: Entry | undefined): e is Entry => e !== undefined && Math.abs(now - e.at) <= windowMs;
    const self = this.ads.get(adId);
    const contacts: LinkageSnapshot['contacts'] = [];
    for (const key of keys.contacts.length > 1 ? new Set(keys.contacts) : keys.contacts) {
      const entries: Entry[] = [];
      const ids = this.byContact.get(key);
      if (ids) {
        for (const id of ids) {
          const e = this.ads.get(id);
          if (inWindow(e)) entries.push(e);
        }
      }
      if (self && !entries.includes(self) && self.keys.contacts.includes(key)) entries.push(self);
      if (entries.length === 0) continue;
      contacts.push({
        key,
        adIds: entries.map((e) => e.adId).slice(0, 200),
        sources: new Set(entries.map((e) => e.meta.source)).size,
        countries: [...new Set(entries.map((e) => e.meta.country).filter((c): c is string => !!c))].sort(),
        cities: new Set(entries.map((e) => e.meta.city?.toLowerCase()).filter(Boolean)).size,
      });
    }
    // near-duplicates in the order the bands list them (band 0 first), each once
    const dupes: Entry[] = [];
    if (isHash(keys.textSimhash)) {
      const high = parseInt(keys.textSimhash.slice(0, 8), 16);
      const low = parseInt(keys.textSimhash.slice(8, 16), 16);
      let near: Set<string> | undefined; // made at the first near-duplicate: most lookups find none
      for (let b = 0; b < BANDS; b++) {
        const ids = this.byBand.get(bandKey(high, low, b));
        if (!ids) continue;
        for (const id of ids) {
          if (id === adId || near?.has(id)) continue;
          const e = this.ads.get(id);
          if (inWindow(e) && popcount32(e.high ^ high) + popcount32(e.low ^ low) <= this.maxDistance) {
            (near ??= new Set()).add(id);
            dupes.push(e);
          }
        }
      }
    }
    if (dupes.length === 0) return { contacts, nearDuplicates: { adIds: [], sources: 0 } };
    const sources = new Set(dupes.map((e) => e.meta.source));
    if (self) sources.add(self.meta.source);
    return { contacts, nearDuplicates: { adIds: dupes.map((e) => e.adId).slice(0, 200), sources: sources.size } };
  }

  /** Drops entries older than the window before `at` (call now and then in long-running use). */
  prune(at: Date): number {
    const removed = [...this.ads.values()].filter((e) => at.getTime() - e.at > this.windowMs);
    for (const e of removed) this.ads.delete(e.adId);
    // each list that held a removed ad is filtered once
    const contacts = new Set(removed.flatMap((e) => e.keys.contacts));
    const bands = new Set(removed.flatMap((e) => (e.hashed ? [0, 1, 2, 3].map((b) => bandKey(e.high, e.low, b)) : [])));
    for (const k of contacts) this.keepRecorded(this.byContact, k);
    for (const k of bands) this.keepRecorded(this.byBand, k);
    return removed.length;
  }

  get size(): number {
    return this.ads.size;
  }

  private keepRecorded<K>(map: Map<K, string[]>, key: K): void {
    const kept = map.get(key)?.filter((id) => this.ads.has(id)) ?? [];
    if (kept.length) map.set(key, kept);
    else map.delete(key);
  }

  private unindex(e: Entry): void {
    for (const k of e.keys.contacts) listRemove(this.byContact, k, e.adId);
    if (e.hashed) for (let b = 0; b < BANDS; b++) listRemove(this.byBand, bandKey(e.high, e.low, b), e.adId);
  }
}

function listAdd<K>(map: Map<K, string[]>, key: K, id: string): void {
  const ids = map.get(key);
  if (ids) ids.push(id);
  else map.set(key, [id]);
}

function listRemove<K>(map: Map<K, string[]>, key: K, id: string): void {
  const ids = map.get(key);
  const at = ids ? ids.indexOf(id) : -1;
  if (!ids || at < 0) return;
  if (ids.length === 1) map.delete(key);
  else ids.splice(at, 1);
}

function isHash(h: string): boolean {
  return /^[0-9a-f]{16}$/.test(h) && h !== '0000000000000000';
}

/** Band `b` (0: the first four hex digits) of a SimHash given as two halves, with its index. */
function bandKey(high: number, low: number, b: number): number {
  const half = b < 2 ? high : low;
  return b * 65_536 + ((b % 2 === 0 ? half >>> 16 : half) & 0xffff);
}

function popcount32(x: number): number {
  let n = x >>> 0;
  n = n - ((n >>> 1) & 0x55555555);
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (Math.imul((n + (n >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}
