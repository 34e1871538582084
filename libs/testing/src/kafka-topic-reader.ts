import { Consumer, Kafka, logLevel } from 'kafkajs';
import { uniqueName } from './isolation';

/** A message as read back in a test (same shape as the messaging library's ReadMessage). */
export interface ReadMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

/**
 * Reads whole topics from the beginning in a throw-away consumer group, for assertions on what
 * reached Kafka (dead letters, alerts). `read` returns the messages seen so far; poll it.
 */
export class KafkaTopicReader {
  private readonly kafka: Kafka;
  private readonly seen = new Map<string, ReadMessage[]>();
  private readonly consumers: Consumer[] = [];

  constructor(
    brokers: string[],
    private readonly topicPrefix = '',
  ) {
    this.kafka = new Kafka({ brokers, clientId: 'test-topic-reader', logLevel: logLevel.NOTHING });
  }

  async read(topic: string): Promise<ReadMessage[]> {
    let messages = this.seen.get(topic);
    if (!messages) {
      const received: ReadMessage[] = [];
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
