import { z } from 'zod';
import { alertV1 } from './alert';
import { Limits } from './limits';
import { rawAdV1 } from './raw-ad';
import { scoredAdV1 } from './scored-ad';
import { Topics, TopicName } from './topics';

/** The schema of every topic: producers and consumers share it, and consumers always parse with it. */
export const TopicSchemas = {
  [Topics.AdsRaw]: rawAdV1,
  [Topics.AdsScored]: scoredAdV1,
  [Topics.Alerts]: alertV1,
} as const satisfies Record<TopicName, z.ZodType>;

export type MessageOf<T extends TopicName> = z.infer<(typeof TopicSchemas)[T]>;

/** Every message about an ad is keyed by the ad's id, so its events stay ordered in one partition. */
export const TopicKeys: { [T in TopicName]: (message: MessageOf<T>) => string } = {
  [Topics.AdsRaw]: (ad) => ad.id,
  [Topics.AdsScored]: (scored) => scored.id,
  [Topics.Alerts]: (alert) => alert.adId,
};

export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Explains what is wrong without quoting the input: ad text may carry personal data. */
export function describeIssues(error: z.ZodError): string {
  const parts = error.issues.slice(0, 10).map((issue) => {
    const path = issue.path.length ? issue.path.map(String).join('.') : '(message)';
    return `${path}: ${issue.message}`;
  });
  if (error.issues.length > 10) parts.push(`and ${error.issues.length - 10} more`);
  return parts.join('; ');
}

export function validateMessage<T extends TopicName>(topic: T, value: unknown): ParseResult<MessageOf<T>> {
  const result = TopicSchemas[topic].safeParse(value);
  if (result.success) return { ok: true, value: result.data as MessageOf<T> };
  return { ok: false, reason: `invalid ${topic} message: ${describeIssues(result.error)}` };
}

/** Bytes off the wire to a typed message, or the reason they are not one. */
export function parseMessage<T extends TopicName>(topic: T, bytes: Buffer | string | null): ParseResult<MessageOf<T>> {
  if (bytes === null || bytes.length === 0) return { ok: false, reason: `invalid ${topic} message: empty value` };
  if (bytes.length > Limits.messageBytes) {
    return { ok: false, reason: `invalid ${topic} message: ${bytes.length} bytes, over the ${Limits.messageBytes} limit` };
  }
  let value: unknown;
  try {
    value = JSON.parse(typeof bytes === 'string' ? bytes : bytes.toString('utf8'));
  } catch (error) {
    return { ok: false, reason: `invalid ${topic} message: not JSON (${(error as Error).message.slice(0, 120)})` };
  }
  return validateMessage(topic, value);
}

export function isKnownTopic(topic: string): topic is TopicName {
  return Object.prototype.hasOwnProperty.call(TopicSchemas, topic);
}

/** JSON Schemas (draft 2020-12) of every message, for consumers outside this codebase. */
export function jsonSchemas(): Record<TopicName, unknown> {
  const out = {} as Record<TopicName, unknown>;
  for (const [topic, schema] of Object.entries(TopicSchemas)) {
    out[topic as TopicName] = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' });
  }
  return out;
}
