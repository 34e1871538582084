import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { type ScoredAdV1, Topics } from '@lantern/contracts';
import { ConsumeTopic } from '@lantern/messaging';
import { OutboxRelay } from '../outbox/outbox.relay';
import { ScoredAdStore } from './scored-ad.store';

/** ads.scored.v1 -> database (ad, version, alert, outbox) -> alerts.v1 via the outbox relay. */
@Controller()
export class ScoredAdConsumer {
  constructor(
    private readonly store: ScoredAdStore,
    private readonly relay: OutboxRelay,
  ) {}

  @ConsumeTopic(Topics.AdsScored, { group: 'alerts' })
  async onScoredAd(@Payload() scored: ScoredAdV1): Promise<void> {
    const outcome = await this.store.store(scored);
    if (outcome.alert === 'raised' || outcome.alert === 'updated') this.relay.poke();
  }
}
