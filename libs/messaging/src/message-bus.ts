/**
 * One way to publish and consume, over Kafka or in process. Both transports share the delivery
 * semantics in `delivery.ts`: validate on consume, bounded retries with back-off, dead-letter with the
 * reason, commit only after the handler succeeded or the message was dead-lettered.
 */

export interface OutgoingMessage {
  key: string;
  value: Buffer;
  headers?: Record<string, string>;
  /** Only dead letters set this: they keep the partition of the message they replace. */
  partition?: number;
}

export interface IncomingMessage {
  /** Logical topic name, without the deployment's prefix. */
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

export interface MessageContext {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  headers: Record<string, string>;
  /** 1 on first delivery to the handler, 2 on the first retry, ... */
  attempt: number;
}

/** Receives a message that already passed its topic's contract validation. */
export type ValidatedHandler = (value: unknown, context: MessageContext) => Promise<void>;

export interface Subscription {
  /** Full consumer group id. Each service has its own; never share one across services. */
  groupId: string;
  /** Logical topic names with contracts (see @lantern/contracts TopicSchemas). */
  topics: string[];
  handler: ValidatedHandler;
}

export interface RunningConsumer {
  readonly groupId: string;
  stop(): Promise<void>;
}

export interface RetryPolicy {
  /** Handler attempts before a message is dead-lettered. */
  maxAttempts: number;
  /** First back-off; doubles per attempt, with jitter, up to maxBackoffMs. */
  backoffMs: number;
  maxBackoffMs: number;
}

export interface MessageBus {
  readonly kind: 'kafka' | 'memory';
  /** Creates topics and their dead-letter topics if missing, with the configured partition count. */
  ensureTopics(topics: string[]): Promise<void>;
  publish(topic: string, messages: OutgoingMessage[]): Promise<void>;
  subscribe(subscription: Subscription): Promise<RunningConsumer>;
  /** Stops consumers (finishing in-flight messages and committing) and closes connections. */
  close(): Promise<void>;
}

/** Throw from a handler when retrying cannot help: the message is dead-lettered at once. */
export class PermanentFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentFailure';
  }
}

export const MESSAGE_BUS = Symbol('MESSAGE_BUS');
