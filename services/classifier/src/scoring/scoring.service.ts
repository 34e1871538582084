import { Inject, Injectable } from '@nestjs/common';
import type { RawAdV1, ScoredAdV1 } from '@lantern/contracts';
import { createDetector, type Detector, type LinkageStore, type TextModel } from '@lantern/detection';
import { LINKAGE_STORE } from '../linkage/linkage.providers';

export const TEXT_MODEL = Symbol('TEXT_MODEL');
export const LINK_KEY = Symbol('LINK_KEY');

/**
 * Scores one raw ad: the pure detector (libs/detection) plus linkage across ads, which needs shared
 * state. Linkage is recorded before it is read, at the ad's own scrape time, so a redelivered ad is
 * scored exactly as the first time.
 */
@Injectable()
export class ScoringService {
  private readonly detector: Detector;

  constructor(
    @Inject(LINKAGE_STORE) private readonly linkage: LinkageStore,
    @Inject(TEXT_MODEL) model: TextModel | undefined,
    @Inject(LINK_KEY) linkKey: string,
  ) {
    this.detector = createDetector({ ...(model ? { model } : {}), linkKey });
  }

  async score(ad: RawAdV1, now: Date = new Date()): Promise<ScoredAdV1> {
    const analysis = this.detector.analyse(ad);
    const at = new Date(ad.postedAt ?? ad.scrapedAt);
    const city = analysis.entities.places[0]?.name;
    await this.linkage.record(
      ad.id,
      analysis.linkKeys,
      { source: ad.source, ...(ad.location?.country ? { country: ad.location.country } : {}), ...(city ? { city } : {}) },
      at,
    );
    const detection = this.detector.finalize(analysis, await this.linkage.lookup(ad.id, analysis.linkKeys, at));
    return {
      schemaVersion: 1,
      id: ad.id,
      ad,
      risk: detection.risk,
      indicators: detection.indicators,
      entities: detection.entities,
      language: detection.language,
      versions: detection.versions,
      scoredAt: now.toISOString(),
    };
  }
}
