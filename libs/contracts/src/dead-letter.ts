import { z } from 'zod';
import { isoDateTime } from './common';

/**
 * A dead letter keeps the original message bytes as its value and says what went wrong in headers
 * (Spring Kafka's convention), so it can be replayed unchanged once the cause is fixed. The reason
 * never repeats the message's content: ad text may carry personal data.
 */
export const DeadLetterHeaders = {
  reason: 'lantern-dlt-reason',
  errorClass: 'lantern-dlt-error-class',
  originalTopic: 'lantern-dlt-original-topic',
  originalPartition: 'lantern-dlt-original-partition',
  originalOffset: 'lantern-dlt-original-offset',
  consumerGroup: 'lantern-dlt-consumer-group',
  attempts: 'lantern-dlt-attempts',
  firstFailureAt: 'lantern-dlt-first-failure-at',
  failedAt: 'lantern-dlt-failed-at',
} as const;

export const deadLetterErrorClass = z.enum(['invalid-message', 'handler-failed']);
export type DeadLetterErrorClass = z.infer<typeof deadLetterErrorClass>;

/** The headers of a dead letter, parsed. */
export const deadLetterInfo = z.object({
  reason: z.string().min(1).max(2_000),
  errorClass: deadLetterErrorClass,
  originalTopic: z.string().min(1),
  originalPartition: z.coerce.number().int().nonnegative(),
  originalOffset: z.string().regex(/^\d+$/),
  consumerGroup: z.string().min(1),
  attempts: z.coerce.number().int().positive(),
  firstFailureAt: isoDateTime,
  failedAt: isoDateTime,
});
export type DeadLetterInfo = z.infer<typeof deadLetterInfo>;

export function deadLetterHeadersOf(info: DeadLetterInfo): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [field, header] of Object.entries(DeadLetterHeaders)) {
    headers[header] = String(info[field as keyof DeadLetterInfo]);
  }
  return headers;
}

export function readDeadLetterHeaders(headers: Record<string, string | undefined>): DeadLetterInfo {
  const fields: Record<string, string | undefined> = {};
  for (const [field, header] of Object.entries(DeadLetterHeaders)) fields[field] = headers[header];
  return deadLetterInfo.parse(fields);
}
