import type { IncomingMessage } from '@lantern/messaging';
import { Consumer, Kafka, logLevel } from 'kafkajs';
import { uniqueName } from './isolation';

/**
 * Reads whole topics from the beginning in a throw-away consumer group, for assertions on what
 * reached Kafka (dead letters, alerts). `read` returns the messages seen so far; poll it.
 */
export class KafkaTopicReader {
  private readonly kafka: Kafka;
  private readonly seen = new Map<string, IncomingMessage[]>();
  private readonly consumers: Consumer[] = [];

  constructor(
    brokers: string[],
    private readonly topicPrefix = '',
  ) {
    this.kafka = new Kafka({ brokers, clientId: 'test-topic-reader', logLevel: logLevel.NOTHING });
  }

  async read(topic: string): Promise<IncomingMessage[]> {
    let messages = this.seen.get(topic);
    if (!messages) {
      const received: IncomingMessage[] = [];
      messages = received;
      this.seen.set(topic, received);
      const consumer = this.kafka.consumer({ groupId: uniqueName('reader'), maxWaitTimeInMs: 200 });
      this.consumers.push(consumer);
      await consumer.connect();
      await consumer.subscribe({ topic: this.topicPrefix + topic, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message, partition }) => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(message.headers ?? {})) headers[name] = String(value);
          received.push({ topic, partition, offset: message.offset, key: message.key?.toString() ?? null, value: message.value, headers });
        },
      });
    }
    return messages;
  }

  async close(): Promise<void> {
    await Promise.all(this.consumers.map((c) => c.disconnect()));
  }
}
