import { Module } from '@nestjs/common';
import { RawAdConsumer } from './consumers/raw-ad.consumer';
import { ScoringService } from './scoring/scoring.service';

/** The classifier: consumes ads.raw.v1, publishes ads.scored.v1. */
@Module({
  controllers: [RawAdConsumer],
  providers: [ScoringService],
})
export class ClassifierModule {}
