import { Module } from '@nestjs/common';
import { loadDefaultModel } from '@lantern/detection';
import { LANTERN_CONFIG, type LanternConfig } from '@lantern/platform';
import { RawAdConsumer } from './consumers/raw-ad.consumer';
import { linkageStoreProvider, linkKeyOf } from './linkage/linkage.providers';
import { LINK_KEY, ScoringService, TEXT_MODEL } from './scoring/scoring.service';

/** The classifier: consumes ads.raw.v1, scores with libs/detection, publishes ads.scored.v1. */
@Module({
  controllers: [RawAdConsumer],
  providers: [
    ScoringService,
    linkageStoreProvider,
    { provide: LINK_KEY, inject: [LANTERN_CONFIG], useFactory: (config: LanternConfig) => linkKeyOf(config) },
    // The committed model artifact (weights only); `npx lantern train` rebuilds it.
    { provide: TEXT_MODEL, useFactory: () => loadDefaultModel() },
  ],
})
export class ClassifierModule {}
