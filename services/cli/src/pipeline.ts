import { Topics, type RawAdV1 } from '@lantern/contracts';
import { KafkaBus, Publisher } from '@lantern/messaging';
import { createLogger, RedisCache, type Cache } from '@lantern/platform';
import type { Writable } from 'node:stream';
import { UsageError } from './io';

/** Same key and lifetime as the scraper service's ingest, so the CLI and the service agree on what is new. */
const SEEN_TTL_SECONDS = 30 * 24 * 3600;
const seenKey = (ad: RawAdV1) => `scraper:seen:${ad.id}`;

export const NO_PIPELINE_MESSAGE =
  'publishing needs a distributed pipeline: set KAFKA_BROKERS (and TOPIC_PREFIX if the pipeline uses one). ' +
  'The embedded pipeline (npm start) runs inside its own process and cannot be reached from here: ' +
  'write the ads with --out FILE and load them with "lantern import FILE" against a distributed pipeline, ' +
  "or send them to the running service's push API.";

/** Publishes raw ads to ads.raw.v1 of the distributed pipeline named by the environment. */
export class PipelinePublisher {
  private constructor(
    private readonly bus: KafkaBus,
    private readonly publisher: Publisher,
    private readonly seen: Cache | undefined,
  ) {}

  static async connect(
    env: Record<string, string | undefined>,
    options: { onlyNew: boolean; stderr: Writable },
  ): Promise<PipelinePublisher> {
    const brokers = (env['KAFKA_BROKERS'] ?? '')
      .split(',')
      .map((b) => b.trim())
      .filter(Boolean);
    if (brokers.length === 0) throw new UsageError(NO_PIPELINE_MESSAGE);
    if (options.onlyNew && !env['REDIS_URL'])
      throw new UsageError('--publish-only-new needs REDIS_URL: the scraper remembers which ads it has published in Redis');
    const bus = new KafkaBus({
      brokers,
      clientId: 'lantern-cli',
      partitions: positiveInt(env['KAFKA_TOPIC_PARTITIONS'], 6),
      replicationFactor: positiveInt(env['KAFKA_REPLICATION_FACTOR'], 1),
      topicPrefix: env['TOPIC_PREFIX'] ?? '',
      retry: { maxAttempts: 1, backoffMs: 0, maxBackoffMs: 0 },
      // Logs go to stderr: stdout stays for data.
      logger: createLogger({ service: 'cli', level: 'error', destination: options.stderr }),
      onFatal: () => undefined,
    });
    // Topics are created exactly as the platform does at start-up, so publishing before any service ran works.
    await bus.ensureTopics(Object.values(Topics));
    const seen = options.onlyNew ? RedisCache.connect(env['REDIS_URL']!, env['REDIS_KEY_PREFIX'] ?? 'lantern:') : undefined;
    return new PipelinePublisher(bus, new Publisher(bus), seen);
  }

  /** Publishes the ads (skipping unchanged ones with --publish-only-new); returns how many were sent. */
  async publish(ads: RawAdV1[]): Promise<number> {
    const fresh: RawAdV1[] = [];
    for (const ad of ads) if (!this.seen || (await this.seen.get(seenKey(ad))) !== ad.contentHash) fresh.push(ad);
    if (fresh.length) await this.publisher.publish(Topics.AdsRaw, fresh);
    if (this.seen) for (const ad of fresh) await this.seen.set(seenKey(ad), ad.contentHash, SEEN_TTL_SECONDS);
    return fresh.length;
  }

  async close(): Promise<void> {
    await this.bus.close();
    await this.seen?.close();
  }
}

function positiveInt(text: string | undefined, fallback: number): number {
  const value = Number(text);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}
