import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { type AlertV1, Topics } from '@lantern/contracts';
import { ConsumeTopic } from '@lantern/messaging';
import { AlertEvents } from './alert-events';
import { DeliveryWorker } from './delivery.worker';

/**
 * alerts.v1 -> alert event log + webhook deliveries. This consumes the topic rather than hooking the
 * outbox: the alert store stays unaware of subscribers, in-house consumers and we read the same
 * stream, and the consumer group hands each message to one replica (a repeat from a rebalance or an
 * outbox re-publish is dropped by the unique keys). The group is shared by all replicas; SSE fan-out
 * to every replica reads the event table instead (see AlertStream).
 */
@Controller()
export class AlertEventsConsumer {
  constructor(
    private readonly events: AlertEvents,
    private readonly worker: DeliveryWorker,
  ) {}

  @ConsumeTopic(Topics.Alerts, { group: 'alerts-delivery' })
  async onAlert(@Payload() alert: AlertV1): Promise<void> {
    if ((await this.events.record(alert)) > 0) this.worker.poke();
  }
}
