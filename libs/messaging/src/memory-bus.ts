import { createHash } from 'node:crypto';
import { deadLetterTopicOf, isDeadLetterTopic } from '@lantern/contracts';
import { deliver } from './delivery';
import { IncomingMessage, MessageBus, OutgoingMessage, RetryPolicy, RunningConsumer, Subscription } from './message-bus';

interface StoredMessage extends IncomingMessage {
  timestamp: number;
}

/** One partition's log: offsets are positions; entries below `base` were trimmed once every group passed them. */
class PartitionLog {
  base = 0;
  entries: StoredMessage[] = [];
  private waiters: Array<() => void> = [];

  get end(): number {
    return this.base + this.entries.length;
  }

  at(offset: number): StoredMessage | undefined {
    return this.entries[offset - this.base];
  }

  append(message: StoredMessage): void {
    this.entries.push(message);
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  /** Resolves when a message is appended or `wakeAll` is called. */
  next(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  wakeAll(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }

  trimTo(offset: number): void {
    if (offset <= this.base) return;
    this.entries.splice(0, offset - this.base);
    this.base = offset;
  }
}

export interface MemoryBusOptions {
  partitions: number;
  retry: RetryPolicy;
  /** Messages kept per partition of a topic nobody consumes (dead letters, alerts.v1 in embedded mode). */
  retainUnconsumed?: number;
}

/**
 * The in-process bus of embedded mode: Kafka's model in miniature, so code and tests behave the same.
 * Keyed messages land in a partition by hash; each consumer group has its own committed offset per
 * partition; partitions are consumed concurrently, messages within one partition in order.
 */
export class MemoryBus implements MessageBus {
  readonly kind = 'memory' as const;
  private readonly topics = new Map<string, PartitionLog[]>();
  private readonly groups = new Map<string, MemoryConsumer>();
  /** Committed offsets per group, kept when a group's consumer stops, as Kafka keeps them. */
  private readonly committedOffsets = new Map<string, Map<string, number>>();
  private readonly retainUnconsumed: number;

  constructor(private readonly options: MemoryBusOptions) {
    this.retainUnconsumed = options.retainUnconsumed ?? 10_000;
  }

  async ensureTopics(topics: string[]): Promise<void> {
    for (const topic of topics) {
      for (const name of isDeadLetterTopic(topic) ? [topic] : [topic, deadLetterTopicOf(topic)]) {
        if (!this.topics.has(name)) {
          this.topics.set(
            name,
            Array.from({ length: this.options.partitions }, () => new PartitionLog()),
          );
        }
      }
    }
  }

  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    const partitions = this.topics.get(topic);
    if (!partitions) throw new Error(`Topic ${topic} does not exist: create it with ensureTopics first`);
    for (const message of messages) {
      const partition = message.partition ?? partitionOf(message.key, partitions.length);
      const log = partitions[partition % partitions.length];
      if (!log) throw new Error(`Topic ${topic} has no partition ${partition}`);
      log.append({
        topic,
        partition,
        offset: String(log.end),
        key: message.key,
        value: message.value,
        headers: { ...message.headers },
        timestamp: Date.now(),
      });
      this.trim(topic, log);
    }
  }

  async subscribe(subscription: Subscription): Promise<RunningConsumer> {
    if (this.groups.has(subscription.groupId)) {
      throw new Error(`Group ${subscription.groupId} already has a consumer in this process`);
    }
    await this.ensureTopics(subscription.topics);
    let offsets = this.committedOffsets.get(subscription.groupId);
    if (!offsets) this.committedOffsets.set(subscription.groupId, (offsets = new Map()));
    const consumer = new MemoryConsumer(this, subscription, this.options.retry, offsets);
    this.groups.set(subscription.groupId, consumer);
    consumer.start();
    return {
      groupId: subscription.groupId,
      stop: async () => {
        await consumer.stop();
        this.groups.delete(subscription.groupId);
      },
    };
  }

  async close(): Promise<void> {
    await Promise.all([...this.groups.values()].map((consumer) => consumer.stop()));
    this.groups.clear();
  }

  /** Everything a topic holds now (tests and the embedded dead-letter view read this). */
  messages(topic: string): IncomingMessage[] {
    return (this.topics.get(topic) ?? []).flatMap((log) => log.entries);
  }

  log(topic: string, partition: number): PartitionLog {
    const log = this.topics.get(topic)?.[partition];
    if (!log) throw new Error(`Topic ${topic} has no partition ${partition}`);
    return log;
  }

  partitionCount(topic: string): number {
    return this.topics.get(topic)?.length ?? 0;
  }

  /** Drops what every group has committed; keeps a bounded tail of topics nobody consumes. */
  trim(topic: string, log: PartitionLog): void {
    const consumers = [...this.groups.values()].filter((c) => c.topics.includes(topic));
    const partition = this.topics.get(topic)?.indexOf(log) ?? -1;
    if (consumers.length === 0) {
      if (log.entries.length > this.retainUnconsumed) log.trimTo(log.end - this.retainUnconsumed);
      return;
    }
    if (log.entries.length < 1_000) return;
    log.trimTo(Math.min(...consumers.map((c) => c.committed(topic, partition))));
  }
}

class MemoryConsumer {
  readonly topics: string[];
  private running = false;
  private loops: Array<Promise<void>> = [];

  constructor(
    private readonly bus: MemoryBus,
    private readonly subscription: Subscription,
    private readonly retry: RetryPolicy,
    private readonly offsets: Map<string, number>,
  ) {
    this.topics = subscription.topics;
  }

  committed(topic: string, partition: number): number {
    return this.offsets.get(`${topic}/${partition}`) ?? 0;
  }

  start(): void {
    this.running = true;
    for (const topic of this.topics) {
      for (let partition = 0; partition < this.bus.partitionCount(topic); partition++) {
        this.loops.push(this.consume(topic, partition));
      }
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const topic of this.topics) {
      for (let partition = 0; partition < this.bus.partitionCount(topic); partition++) this.bus.log(topic, partition).wakeAll();
    }
    await Promise.all(this.loops);
    this.loops = [];
  }

  private async consume(topic: string, partition: number): Promise<void> {
    const log = this.bus.log(topic, partition);
    const key = `${topic}/${partition}`;
    // A new group starts from the oldest message still held, like Kafka's fromBeginning.
    let offset = this.offsets.get(key) ?? log.base;
    while (this.running) {
      const message = log.at(offset);
      if (!message) {
        await log.next();
        continue;
      }
      try {
        await deliver(message, this.subscription, this.retry, {
          deadLetter: (dlt, letter) => this.bus.publish(dlt, [letter]),
        });
      } catch {
        // The dead letter could not be written: keep the offset and try the message again shortly.
        await new Promise((resolve) => setTimeout(resolve, this.retry.backoffMs));
        continue;
      }
      offset += 1;
      this.offsets.set(key, offset);
    }
  }
}

/** Stable partition for a key (the same key always lands in the same partition). */
export function partitionOf(key: string, partitions: number): number {
  return createHash('md5').update(key).digest().readUInt32BE(0) % partitions;
}
