import { Inject, Injectable } from '@nestjs/common';
import { RawAdV1, Topics } from '@lantern/contracts';
import { Publisher } from '@lantern/messaging';
import { CACHE, type Cache } from '@lantern/platform';

/** How long an unchanged ad is remembered, so re-scraping it does not republish it. */
const SEEN_TTL_SECONDS = 30 * 24 * 3600;

export interface IngestResult {
  published: number;
  unchanged: number;
}

/**
 * The scraper's way out: an ad is published to ads.raw.v1 when it is new or its content changed.
 * The cache is only a shortcut; downstream consumers are idempotent on the ad id either way.
 */
@Injectable()
export class IngestService {
  constructor(
    private readonly publisher: Publisher,
    @Inject(CACHE) private readonly cache: Cache,
  ) {}

  async ingest(ads: RawAdV1[]): Promise<IngestResult> {
    const fresh: RawAdV1[] = [];
    for (const ad of ads) {
      const seen = await this.cache.get(`scraper:seen:${ad.id}`);
      if (seen !== ad.contentHash) fresh.push(ad);
    }
    if (fresh.length) await this.publisher.publish(Topics.AdsRaw, fresh);
    // Remember only after publishing: a crash in between republishes rather than loses.
    for (const ad of fresh) await this.cache.set(`scraper:seen:${ad.id}`, ad.contentHash, SEEN_TTL_SECONDS);
    return { published: fresh.length, unchanged: ads.length - fresh.length };
  }
}
