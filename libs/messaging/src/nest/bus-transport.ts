import { applyDecorators, UseFilters } from '@nestjs/common';
import { BaseRpcContext, CustomTransportStrategy, EventPattern, MessageHandler, Server } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import { MessageBus, MessageContext, RunningConsumer } from '../message-bus';
import { BusExceptionFilter } from './bus-exception.filter';

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
  // The filter sits on the handler itself: Nest builds hybrid-app handlers before global filters could apply.
  return applyDecorators(EventPattern(topic, { [GROUP]: options.group }), UseFilters(BusExceptionFilter));
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
      for (const [group, handlers] of this.handlersByGroup()) {
        this.consumers.push(
          await this.bus.subscribe({
            groupId: `${this.groupPrefix}${group}`,
            topics: [...handlers.keys()],
            handler: (value, context) => this.invoke(handlers.get(context.topic) ?? [], value, context),
          }),
        );
      }
      callback();
    } catch (error) {
      callback(error);
    }
  }

  /**
   * Nest chains event handlers of one pattern (`handler.next`) and calling one calls the rest. In
   * embedded mode two services may consume the same topic, each in its own group, so the chain is
   * split by group here and unlinked: each group's consumer calls only its own handlers.
   */
  private handlersByGroup(): Map<string, Map<string, MessageHandler[]>> {
    const groups = new Map<string, Map<string, MessageHandler[]>>();
    for (const [topic, head] of this.getHandlers()) {
      const chain: MessageHandler[] = [];
      for (let handler: MessageHandler | undefined = head; handler; handler = handler.next) chain.push(handler);
      for (const handler of chain) {
        handler.next = undefined;
        const group = handler.extras?.[GROUP] as string | undefined;
        if (!handler.isEventHandler || !group) {
          throw new Error(`Handler for ${topic} must be declared with @ConsumeTopic(topic, { group })`);
        }
        const topics = groups.get(group) ?? new Map<string, MessageHandler[]>();
        topics.set(topic, [...(topics.get(topic) ?? []), handler]);
        groups.set(group, topics);
      }
    }
    return groups;
  }

  private async invoke(handlers: MessageHandler[], value: unknown, context: MessageContext): Promise<void> {
    if (handlers.length === 0) throw new Error(`No handler for ${context.topic}`);
    for (const handler of handlers) {
      const result = await handler(value, new BusContext([context]));
      // Handlers may return observables; waiting for completion keeps "commit after success" true.
      await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
    }
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
