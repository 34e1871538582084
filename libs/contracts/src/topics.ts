/**
 * Every topic Lantern uses. Names carry a version suffix: a breaking change to a message gets a new
 * topic (ads.raw.v2) so old and new consumers can run side by side during a migration.
 */
export const Topics = {
  /** Raw job ads from the scraper, push API and imports. Key: ad id. */
  AdsRaw: 'ads.raw.v1',
  /** Ads with risk score, indicators and entities, from the classifier. Key: ad id. */
  AdsScored: 'ads.scored.v1',
  /** Alerts raised or updated by the alerts service, for in-house consumers. Key: ad id. */
  Alerts: 'alerts.v1',
} as const;

export type TopicName = (typeof Topics)[keyof typeof Topics];

/** Spring Kafka's convention: failed records of `t` go to `t.DLT`, same partition where possible. */
export const DEAD_LETTER_SUFFIX = '.DLT';

export function deadLetterTopicOf(topic: string): string {
  return `${topic}${DEAD_LETTER_SUFFIX}`;
}

export function isDeadLetterTopic(topic: string): boolean {
  return topic.endsWith(DEAD_LETTER_SUFFIX);
}
