import { deadLetterTopicOf, isDeadLetterTopic } from '@lantern/contracts';
import { Admin, Consumer, IHeaders, Kafka, logLevel, Partitioners, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { deliver } from './delivery';
import { MessageBus, OutgoingMessage, RetryPolicy, RunningConsumer, Subscription } from './message-bus';

export interface KafkaBusOptions {
  brokers: string[];
  clientId: string;
  partitions: number;
  replicationFactor: number;
  /** Prepended to every topic name on the wire (namespaces for tests and tenants). */
  topicPrefix: string;
  retry: RetryPolicy;
  logger: Logger;
  /** Called when a consumer crashes and kafkajs will not restart it (kafkajs #1513): exit and let the supervisor restart. */
  onFatal(error: Error): void;
  sessionTimeoutMs?: number;
}

/**
 * kafkajs underneath, used directly rather than through Nest's ServerKafka: its handler errors loop
 * forever and eachBatch auto-resolve skips messages. Here each message goes through `deliver`, its
 * offset is resolved only after success or dead-lettering, and offsets are committed per batch.
 */
export class KafkaBus implements MessageBus {
  readonly kind = 'kafka' as const;
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private producerReady: Promise<void> | undefined;
  private readonly consumers = new Set<Consumer>();
  private readonly knownTopics = new Set<string>();

  constructor(private readonly options: KafkaBusOptions) {
    const log = options.logger.child({ component: 'kafkajs' });
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      logLevel: logLevel.WARN,
      logCreator: () => (entry) => {
        const fields = { namespace: entry.namespace, broker: entry.log['broker'], error: entry.log['error'] };
        if (entry.level <= logLevel.ERROR) log.error(fields, String(entry.log.message));
        else log.warn(fields, String(entry.log.message));
      },
      retry: { initialRetryTime: 300, retries: 8 },
    });
    // Idempotent producer: broker-side dedup of our own retries within a session (acks=all implied).
    this.producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  private wire(topic: string): string {
    return this.options.topicPrefix + topic;
  }

  private logical(topic: string): string {
    return topic.startsWith(this.options.topicPrefix) ? topic.slice(this.options.topicPrefix.length) : topic;
  }

  async ensureTopics(topics: string[]): Promise<void> {
    const wanted = topics
      .flatMap((t) => (isDeadLetterTopic(t) ? [t] : [t, deadLetterTopicOf(t)]))
      .map((t) => this.wire(t))
      .filter((t) => !this.knownTopics.has(t));
    if (wanted.length === 0) return;
    const admin: Admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const missing = wanted.filter((t) => !existing.has(t));
      if (missing.length) {
        await admin.createTopics({
          waitForLeaders: true,
          topics: missing.map((topic) => ({
            topic,
            numPartitions: this.options.partitions,
            replicationFactor: this.options.replicationFactor,
          })),
        });
      }
      wanted.forEach((t) => this.knownTopics.add(t));
    } finally {
      await admin.disconnect();
    }
  }

  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    this.producerReady ??= this.producer.connect();
    await this.producerReady;
    await this.producer.send({
      topic: this.wire(topic),
      messages: messages.map((m) => ({
        key: m.key,
        value: m.value,
        headers: m.headers,
        ...(m.partition === undefined ? {} : { partition: m.partition }),
      })),
    });
  }

  async subscribe(subscription: Subscription): Promise<RunningConsumer> {
    await this.ensureTopics(subscription.topics);
    const consumer = this.kafka.consumer({
      groupId: subscription.groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: this.options.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: 3_000,
      // A fetch waits at most this long for data; shutdown waits for the fetch, so keep it short.
      maxWaitTimeInMs: 1_000,
    });
    consumer.on(consumer.events.CRASH, (event) => {
      const { error, restart } = event.payload;
      if (!restart) this.options.onFatal(error);
    });
    await consumer.connect();
    await consumer.subscribe({ topics: subscription.topics.map((t) => this.wire(t)), fromBeginning: true });
    this.consumers.add(consumer);
    await consumer.run({
      autoCommit: true,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: Math.min(this.options.partitions, 4),
      eachBatch: async ({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }) => {
        const topic = this.logical(batch.topic);
        for (const message of batch.messages) {
          if (!isRunning() || isStale()) break;
          await deliver(
            {
              topic,
              partition: batch.partition,
              offset: message.offset,
              key: message.key?.toString('utf8') ?? null,
              value: message.value,
              headers: headersOf(message.headers),
            },
            subscription,
            this.options.retry,
            { deadLetter: (dlt, letter) => this.publish(dlt, [letter]), heartbeat },
          );
          resolveOffset(message.offset);
          await heartbeat();
        }
        await commitOffsetsIfNecessary();
      },
    });
    return {
      groupId: subscription.groupId,
      stop: async () => {
        this.consumers.delete(consumer);
        await consumer.disconnect();
      },
    };
  }

  async close(): Promise<void> {
    await Promise.all([...this.consumers].map((c) => c.disconnect()));
    this.consumers.clear();
    if (this.producerReady) await this.producer.disconnect();
  }
}

function headersOf(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.map(String).join(',') : value.toString();
  }
  return out;
}
