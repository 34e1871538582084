import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { type ScoredAdV1, Topics } from '@lantern/contracts';
import { ConsumeTopic } from '@lantern/messaging';
import { OutboxRelay } from '../outbox/outbox.relay';
import { ScoredAdBatcher } from './scored-ad.batcher';

/** ads.scored.v1 -> database (ad, version, alert, outbox; concurrent messages batched) -> alerts.v1 via the outbox relay. */
@Controller()
export class ScoredAdConsumer {
  constructor(
    private readonly batcher: ScoredAdBatcher,
    private readonly relay: OutboxRelay,
  ) {}

  @ConsumeTopic(Topics.AdsScored, { group: 'alerts' })
  async onScoredAd(@Payload() scored: ScoredAdV1): Promise<void> {
    const outcome = await this.batcher.submit(scored);
    if (outcome === 'raised' || outcome === 'updated') this.relay.poke();
  }
}
