import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { type RawAdV1, Topics } from '@lantern/contracts';
import { BusContext, ConsumeTopic, Publisher } from '@lantern/messaging';
import { ScoringService } from '../scoring/scoring.service';

/** ads.raw.v1 -> score -> ads.scored.v1. Scoring is deterministic, so a redelivered ad scores the same. */
@Controller()
export class RawAdConsumer {
  constructor(
    private readonly scoring: ScoringService,
    private readonly publisher: Publisher,
  ) {}

  @ConsumeTopic(Topics.AdsRaw, { group: 'classifier' })
  async onRawAd(@Payload() ad: RawAdV1, @Ctx() _context: BusContext): Promise<void> {
    await this.publisher.publish(Topics.AdsScored, [await this.scoring.score(ad)]);
  }
}
