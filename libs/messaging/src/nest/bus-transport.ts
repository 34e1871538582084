import { EventPattern } from '@nestjs/microservices';
import { BaseRpcContext, CustomTransportStrategy, Server } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import { MessageBus, MessageContext, RunningConsumer } from '../message-bus';

const GROUP = 'lanternGroup';

/**
 * Marks a Nest handler as the consumer of a topic for a service's consumer group. The handler gets
 * the message already validated against the topic's contract, and its returned promise decides
 * delivery: resolve = commit, throw = retry, then dead-letter.
 *
 *   @ConsumeTopic(Topics.AdsRaw, { group: 'classifier' })
 *   async onRawAd(@Payload() ad: RawAdV1, @Ctx() context: BusContext) { ... }
 */
export function ConsumeTopic(topic: string, options: { group: string }): MethodDecorator {
  return EventPattern(topic, { [GROUP]: options.group });
}

export class BusContext extends BaseRpcContext<[MessageContext]> {
  get message(): MessageContext {
    return this.getArgByIndex(0);
  }
}

/**
 * A Nest microservice transport over a MessageBus (Kafka or in-process). Nest discovers the
 * @ConsumeTopic handlers; this subscribes one consumer group per service group found, so embedded
 * mode (three services in one app) and distributed mode (one service per process) run the same code.
 */
export class BusTransport extends Server implements CustomTransportStrategy {
  private consumers: RunningConsumer[] = [];

  constructor(
    private readonly bus: MessageBus,
    private readonly groupPrefix: string,
  ) {
    super();
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      const topicsByGroup = new Map<string, string[]>();
      for (const [topic, handler] of this.getHandlers()) {
        const group = handler.extras?.[GROUP] as string | undefined;
        if (!handler.isEventHandler || !group) {
          throw new Error(`Handler for ${topic} must be declared with @ConsumeTopic(topic, { group })`);
        }
        topicsByGroup.set(group, [...(topicsByGroup.get(group) ?? []), topic]);
      }
      for (const [group, topics] of topicsByGroup) {
        this.consumers.push(
          await this.bus.subscribe({
            groupId: `${this.groupPrefix}${group}`,
            topics,
            handler: (value, context) => this.invoke(context.topic, value, context),
          }),
        );
      }
      callback();
    } catch (error) {
      callback(error);
    }
  }

  private async invoke(topic: string, value: unknown, context: MessageContext): Promise<void> {
    const handler = this.getHandlerByPattern(topic);
    if (!handler) throw new Error(`No handler for ${topic}`);
    const result = await handler(value, new BusContext([context]));
    // Handlers may return observables; waiting for completion keeps "commit after success" true.
    await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
  }

  async close(): Promise<void> {
    const consumers = this.consumers;
    this.consumers = [];
    await Promise.all(consumers.map((c) => c.stop()));
  }

  on(): never {
    throw new Error('BusTransport has no events to listen to');
  }

  unwrap<T>(): T {
    return this.bus as T;
  }
}
