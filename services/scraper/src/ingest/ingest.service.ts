import { Inject, Injectable } from '@nestjs/common';
import { RawAdV1, Topics } from '@lantern/contracts';
import { Publisher } from '@lantern/messaging';
import { CACHE, type Cache } from '@lantern/platform';

/** How long an ad's content hash is remembered, so re-scraping it unchanged does not republish it. */
const SEEN_TTL_SECONDS = 30 * 24 * 3600;

/** new: id never seen; changed: seen with another content hash (a new version, published); unchanged: not published. */
export type IngestOutcome = 'new' | 'changed' | 'unchanged';

export interface IngestResult {
  published: number;
  new: number;
  changed: number;
  unchanged: number;
  /** One per input ad, in order. */
  outcomes: IngestOutcome[];
}

/**
 * The scraper's way out: an ad is published to ads.raw.v1 when it is new or its content changed.
 * The cache (id -> content hash) is only a shortcut; downstream consumers are idempotent on the ad id either way.
 */
@Injectable()
export class IngestService {
  constructor(
    private readonly publisher: Publisher,
    @Inject(CACHE) private readonly cache: Cache,
  ) {}

  async ingest(ads: RawAdV1[]): Promise<IngestResult> {
    const outcomes: IngestOutcome[] = [];
    const fresh = new Map<string, RawAdV1>();
    for (const ad of ads) {
      const known = fresh.get(ad.id)?.contentHash ?? (await this.cache.get(seenKey(ad.id)));
      if (known === ad.contentHash) {
        outcomes.push('unchanged');
        continue;
      }
      outcomes.push(known === undefined ? 'new' : 'changed');
      fresh.set(ad.id, ad);
    }
    if (fresh.size) await this.publisher.publish(Topics.AdsRaw, [...fresh.values()]);
    // Remember only after publishing: a crash in between republishes rather than loses.
    for (const ad of fresh.values()) await this.cache.set(seenKey(ad.id), ad.contentHash, SEEN_TTL_SECONDS);
    const count = (outcome: IngestOutcome) => outcomes.filter((o) => o === outcome).length;
    return { published: fresh.size, new: count('new'), changed: count('changed'), unchanged: count('unchanged'), outcomes };
  }
}

const seenKey = (id: string) => `scraper:seen:${id}`;
