import { hammingDistance, type LinkageMeta, type LinkageSnapshot, type LinkageStore, type LinkKeys } from '@lantern/detection';
import type Redis from 'ioredis';

const DAY_MS = 86_400_000;
const MAX_LINKED = 200;
/** Two 64-bit SimHashes within distance 3 share at least one of four 16-bit bands exactly. */
const BANDS = 4;

/**
 * Linkage across ads in Redis, shared by every classifier replica: which ads share a contact (by
 * keyed HMAC, never the raw value) or a near-duplicate text within the window. Sorted sets scored
 * by time keep the window cheap to query and to trim.
 */
export class RedisLinkageStore implements LinkageStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly windowMs: number = 30 * DAY_MS,
    private readonly maxDistance = 3,
  ) {}

  async record(adId: string, keys: LinkKeys, meta: LinkageMeta, at: Date): Promise<void> {
    const adKey = this.key('ad', adId);
    const previous = await this.redis.hmget(adKey, 'contacts', 'simhash');
    const now = at.getTime();
    const ttlSeconds = Math.ceil((2 * this.windowMs) / 1000);
    const multi = this.redis.multi();
    // A changed ad may have dropped a contact: unlink what it had before.
    for (const contact of parseList(previous[0])) multi.zrem(this.key('c', contact), adId);
    for (const band of bandsOf(previous[1] ?? '')) multi.zrem(this.key('b', band), adId);
    multi.hset(adKey, {
      source: meta.source,
      country: meta.country ?? '',
      city: meta.city?.toLowerCase() ?? '',
      simhash: keys.textSimhash,
      contacts: JSON.stringify([...new Set(keys.contacts)]),
    });
    multi.pexpire(adKey, 2 * this.windowMs);
    for (const index of [...new Set(keys.contacts)]
      .map((c) => this.key('c', c))
      .concat(bandsOf(keys.textSimhash).map((b) => this.key('b', b)))) {
      multi.zadd(index, now, adId);
      multi.zremrangebyscore(index, '-inf', now - this.windowMs);
      multi.expire(index, ttlSeconds);
    }
    await multi.exec();
  }

  async lookup(adId: string, keys: LinkKeys, at: Date): Promise<LinkageSnapshot> {
    const now = at.getTime();
    const [from, to] = [now - this.windowMs, now + this.windowMs];
    const contactKeys = [...new Set(keys.contacts)];
    const bands = bandsOf(keys.textSimhash);
    const query = this.redis.pipeline();
    for (const c of contactKeys) query.zrangebyscore(this.key('c', c), from, to, 'LIMIT', 0, MAX_LINKED);
    for (const b of bands) query.zrangebyscore(this.key('b', b), from, to, 'LIMIT', 0, MAX_LINKED);
    const results = ((await query.exec()) ?? []).map(([error, ids]) => {
      if (error) throw error;
      return ids as string[];
    });
    const byContact = results.slice(0, contactKeys.length);
    const candidates = [...new Set(results.slice(contactKeys.length).flat())].filter((id) => id !== adId);
    const meta = await this.metaOf([...new Set([...byContact.flat(), ...candidates, adId])]);

    const contacts = contactKeys
      .map((key, i) => ({ key, ids: (byContact[i] ?? []).filter((id) => meta.has(id)) }))
      .filter(({ ids }) => ids.length > 0)
      .map(({ key, ids }) => {
        const linked = ids.map((id) => meta.get(id)!);
        return {
          key,
          adIds: ids,
          sources: new Set(linked.map((m) => m.source)).size,
          countries: [...new Set(linked.map((m) => m.country).filter(Boolean))].sort(),
          cities: new Set(linked.map((m) => m.city).filter(Boolean)).size,
        };
      });
    const near = candidates.filter((id) => {
      const other = meta.get(id);
      return other?.simhash && hammingDistance(other.simhash, keys.textSimhash) <= this.maxDistance;
    });
    const sources = new Set(near.map((id) => meta.get(id)!.source));
    const self = meta.get(adId);
    if (self) sources.add(self.source);
    return { contacts, nearDuplicates: { adIds: near.slice(0, MAX_LINKED), sources: near.length ? sources.size : 0 } };
  }

  private async metaOf(ids: string[]): Promise<Map<string, { source: string; country: string; city: string; simhash: string }>> {
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hmget(this.key('ad', id), 'source', 'country', 'city', 'simhash');
    const rows = (await pipeline.exec()) ?? [];
    const out = new Map<string, { source: string; country: string; city: string; simhash: string }>();
    rows.forEach(([error, values], i) => {
      const [source, country, city, simhash] = (values ?? []) as Array<string | null>;
      if (!error && source) out.set(ids[i]!, { source, country: country ?? '', city: city ?? '', simhash: simhash ?? '' });
    });
    return out;
  }

  private key(kind: 'ad' | 'c' | 'b', id: string): string {
    return `${this.prefix}link:${kind}:${id}`;
  }
}

function bandsOf(simhash: string): string[] {
  if (!/^[0-9a-f]{16}$/.test(simhash)) return [];
  return Array.from({ length: BANDS }, (_, i) => `${i}:${simhash.slice(i * 4, i * 4 + 4)}`);
}

function parseList(value: string | null | undefined): string[] {
  if (!value) return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}
