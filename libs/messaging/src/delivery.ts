import { DeadLetterErrorClass, deadLetterHeadersOf, deadLetterTopicOf, isKnownTopic, parseMessage } from '@lantern/contracts';
import { Counter, Histogram, register } from 'prom-client';
import { IncomingMessage, MessageContext, OutgoingMessage, PermanentFailure, RetryPolicy, Subscription } from './message-bus';

export type DeliveryOutcome = 'processed' | 'invalid' | 'dead-lettered';

export interface DeliveryHooks {
  /** Publishes a dead letter; must throw if it could not, so the message is not committed. */
  deadLetter(topic: string, message: OutgoingMessage): Promise<void>;
  /** Keeps a Kafka session alive during back-off. */
  heartbeat?(): Promise<void>;
  sleep?(ms: number): Promise<void>;
  now?(): Date;
  random?(): number;
}

const consumed = metric(
  'lantern_messages_consumed_total',
  () =>
    new Counter({
      name: 'lantern_messages_consumed_total',
      help: 'Messages consumed, by outcome',
      labelNames: ['topic', 'group', 'outcome'],
    }),
);
const retried = metric(
  'lantern_message_retries_total',
  () => new Counter({ name: 'lantern_message_retries_total', help: 'Handler retries after a failure', labelNames: ['topic', 'group'] }),
);
const handling = metric(
  'lantern_message_handling_seconds',
  () =>
    new Histogram({
      name: 'lantern_message_handling_seconds',
      help: 'Time from delivery to commit-ready, including retries',
      labelNames: ['topic', 'group'],
      buckets: [0.001, 0.005, 0.02, 0.1, 0.5, 2, 10],
    }),
);

/**
 * The delivery contract, the same for every transport: parse and validate with the topic's
 * contract; an invalid message goes straight to the dead-letter topic; a failing handler is retried
 * up to `maxAttempts` with exponential back-off and jitter, then dead-lettered. When this returns, the
 * message may be committed. It throws only when a dead letter could not be written, so the
 * transport must not commit and the message is delivered again.
 */
export async function deliver(
  message: IncomingMessage,
  subscription: Subscription,
  policy: RetryPolicy,
  hooks: DeliveryHooks,
): Promise<DeliveryOutcome> {
  const now = hooks.now ?? (() => new Date());
  const labels = { topic: message.topic, group: subscription.groupId };
  const stopTimer = handling.startTimer(labels);
  const parsed = isKnownTopic(message.topic)
    ? parseMessage(message.topic, message.value)
    : { ok: false as const, reason: `no contract for topic ${message.topic}` };

  if (!parsed.ok) {
    const at = now();
    await sendDeadLetter(message, subscription, hooks, {
      reason: parsed.reason,
      errorClass: 'invalid-message',
      attempts: 1,
      firstFailureAt: at,
      failedAt: at,
    });
    consumed.inc({ ...labels, outcome: 'invalid' });
    stopTimer();
    return 'invalid';
  }

  let firstFailureAt: Date | undefined;
  for (let attempt = 1; ; attempt++) {
    const context: MessageContext = {
      topic: message.topic,
      partition: message.partition,
      offset: message.offset,
      key: message.key,
      headers: message.headers,
      attempt,
    };
    try {
      await subscription.handler(parsed.value, context);
      consumed.inc({ ...labels, outcome: 'processed' });
      stopTimer();
      return 'processed';
    } catch (error) {
      firstFailureAt ??= now();
      const permanent = error instanceof PermanentFailure;
      if (permanent || attempt >= policy.maxAttempts) {
        await sendDeadLetter(message, subscription, hooks, {
          reason: `handler failed${permanent ? ' permanently' : ` after ${attempt} attempts`}: ${describe(error)}`,
          errorClass: 'handler-failed',
          attempts: attempt,
          firstFailureAt,
          failedAt: now(),
        });
        consumed.inc({ ...labels, outcome: 'dead-lettered' });
        stopTimer();
        return 'dead-lettered';
      }
      retried.inc(labels);
      await backOff(attempt, policy, hooks);
    }
  }
}

export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const exponential = Math.min(policy.maxBackoffMs, policy.backoffMs * 2 ** (attempt - 1));
  // "Full jitter" halves the worst case of retry storms when many consumers fail together.
  return Math.round(exponential / 2 + (random() * exponential) / 2);
}

async function backOff(attempt: number, policy: RetryPolicy, hooks: DeliveryHooks): Promise<void> {
  let remaining = backoffDelay(attempt, policy, hooks.random);
  const sleep = hooks.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  while (remaining > 0) {
    const step = Math.min(remaining, 1_000);
    await sleep(step);
    remaining -= step;
    await hooks.heartbeat?.();
  }
}

async function sendDeadLetter(
  message: IncomingMessage,
  subscription: Subscription,
  hooks: DeliveryHooks,
  failure: { reason: string; errorClass: DeadLetterErrorClass; attempts: number; firstFailureAt: Date; failedAt: Date },
): Promise<void> {
  const headers = {
    ...message.headers,
    ...deadLetterHeadersOf({
      reason: failure.reason.slice(0, 2_000),
      errorClass: failure.errorClass,
      originalTopic: message.topic,
      originalPartition: message.partition,
      originalOffset: message.offset,
      consumerGroup: subscription.groupId,
      attempts: failure.attempts,
      firstFailureAt: failure.firstFailureAt.toISOString(),
      failedAt: failure.failedAt.toISOString(),
    }),
  };
  await hooks.deadLetter(deadLetterTopicOf(message.topic), {
    key: message.key ?? '',
    value: message.value ?? Buffer.alloc(0),
    headers,
    partition: message.partition,
  });
}

/** Error text for a dead-letter header: our own messages only, bounded, on one line. */
function describe(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.replace(/\s+/g, ' ').slice(0, 500);
}

/** prom-client refuses a second registration under one name (tests create many buses). */
function metric<T>(name: string, create: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}
