import type { LinkageSnapshot, LinkKeys } from '../types';
import { hammingDistance } from './keys';

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
  private readonly byContact = new Map<string, Set<string>>();
  private readonly byBand = new Map<string, Set<string>>();

  constructor(options: MemoryLinkageStoreOptions = {}) {
    this.windowMs = options.windowMs ?? 30 * DAY_MS;
    this.maxDistance = options.maxDistance ?? 3;
    if (this.maxDistance >= BANDS) throw new Error(`MemoryLinkageStore finds distances below ${BANDS} only`);
  }

  async record(adId: string, keys: LinkKeys, meta: LinkageMeta, at: Date): Promise<void> {
    const previous = this.ads.get(adId);
    if (previous) this.unindex(previous);
    const entry: Entry = {
      adId,
      keys: { contacts: [...new Set(keys.contacts)], textSimhash: keys.textSimhash },
      meta: { ...meta },
      at: at.getTime(),
    };
    this.ads.set(adId, entry);
    for (const k of entry.keys.contacts) this.indexed(this.byContact, k).add(adId);
    if (isHash(keys.textSimhash)) for (const band of bands(keys.textSimhash)) this.indexed(this.byBand, band).add(adId);
  }

  async lookup(adId: string, keys: LinkKeys, at: Date): Promise<LinkageSnapshot> {
    const now = at.getTime();
    const inWindow = (e: Entry | undefined): e is Entry => !!e && Math.abs(now - e.at) <= this.windowMs;
    const self = this.ads.get(adId);
    const contacts: LinkageSnapshot['contacts'] = [];
    for (const key of new Set(keys.contacts)) {
      const entries = [...(this.byContact.get(key) ?? [])].map((id) => this.ads.get(id)).filter(inWindow);
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
    const near = new Set<string>();
    if (isHash(keys.textSimhash)) {
      for (const band of bands(keys.textSimhash)) {
        for (const id of this.byBand.get(band) ?? []) {
          if (id === adId || near.has(id)) continue;
          const e = this.ads.get(id);
          if (inWindow(e) && hammingDistance(e.keys.textSimhash, keys.textSimhash) <= this.maxDistance) near.add(id);
        }
      }
    }
    const dupes = [...near].map((id) => this.ads.get(id)).filter(inWindow);
    const sources = new Set(dupes.map((e) => e.meta.source));
    if (self) sources.add(self.meta.source);
    return { contacts, nearDuplicates: { adIds: dupes.map((e) => e.adId).slice(0, 200), sources: dupes.length ? sources.size : 0 } };
  }

  /** Drops entries older than the window before `at` (call now and then in long-running use). */
  prune(at: Date): number {
    let removed = 0;
    for (const e of [...this.ads.values()]) {
      if (at.getTime() - e.at > this.windowMs) {
        this.unindex(e);
        this.ads.delete(e.adId);
        removed++;
      }
    }
    return removed;
  }

  get size(): number {
    return this.ads.size;
  }

  private indexed(map: Map<string, Set<string>>, key: string): Set<string> {
    let set = map.get(key);
    if (!set) map.set(key, (set = new Set()));
    return set;
  }

  private unindex(e: Entry): void {
    for (const k of e.keys.contacts) this.byContact.get(k)?.delete(e.adId);
    if (isHash(e.keys.textSimhash)) for (const band of bands(e.keys.textSimhash)) this.byBand.get(band)?.delete(e.adId);
  }
}

function isHash(h: string): boolean {
  return /^[0-9a-f]{16}$/.test(h) && h !== '0000000000000000';
}

function bands(hash: string): string[] {
  return [0, 1, 2, 3].map((i) => `${i}:${hash.slice(i * 4, i * 4 + 4)}`);
}
