import { Inject, Injectable } from '@nestjs/common';
import { MessageOf, TopicKeys, TopicName, validateMessage } from '@lantern/contracts';
import { MESSAGE_BUS, type MessageBus } from '../message-bus';

/** Typed publishing: every message is checked against its contract before it leaves, and keyed by ad id. */
@Injectable()
export class Publisher {
  constructor(@Inject(MESSAGE_BUS) private readonly bus: MessageBus) {}

  async publish<T extends TopicName>(topic: T, messages: ReadonlyArray<MessageOf<T>>, headers?: Record<string, string>): Promise<void> {
    const keyOf = TopicKeys[topic] as (message: MessageOf<T>) => string;
    const outgoing = messages.map((message) => {
      const checked = validateMessage(topic, message);
      if (!checked.ok) throw new Error(`Refusing to publish: ${checked.reason}`);
      return { key: keyOf(message), value: Buffer.from(JSON.stringify(message)), ...(headers ? { headers } : {}) };
    });
    await this.bus.publish(topic, outgoing);
  }
}
