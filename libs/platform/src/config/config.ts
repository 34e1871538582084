import { z } from 'zod';
import { riskLevel } from '@lantern/contracts';

/** Where each service listens when nothing says otherwise; embedded mode serves everything on PORT. */
export const DEFAULT_PORTS = { embedded: 3000, scraper: 3001, classifier: 3002, alerts: 3003 } as const;
export type ServiceName = keyof typeof DEFAULT_PORTS;

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const int = (min: number, max: number) =>
  z.coerce
    .number({ error: (issue) => (issue.code === 'invalid_type' ? 'must be a number' : undefined) })
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);
const url = (protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` },
  );
const brokerList = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((b) => b.trim())
      .filter(Boolean),
  )
  .refine((list) => list.length > 0 && list.every((b) => /^[^\s:]+:\d{1,5}$/.test(b)), {
    message: 'must be a comma-separated list of host:port',
  });

/** Every environment variable Lantern reads, in one place. Nothing else touches process.env. */
const environment = z.object({
  LANTERN_MODE: z.enum(['embedded', 'distributed']).default('embedded'),
  HOST: z.string().default('127.0.0.1'),
  PORT: int(0, 65535).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  KAFKA_BROKERS: brokerList.optional(),
  KAFKA_CLIENT_ID: z
    .string()
    .regex(/^[\w.-]+$/)
    .optional(),
  KAFKA_TOPIC_PARTITIONS: int(1, 1000).default(6),
  KAFKA_REPLICATION_FACTOR: int(1, 10).default(1),
  /** How long a silent consumer keeps its partitions before the group moves them (Kafka allows 6-300 s). */
  KAFKA_SESSION_TIMEOUT_MS: int(6_000, 300_000).default(30_000),
  /** Prepended to every topic: lets test suites or tenants share a cluster without sharing topics. */
  TOPIC_PREFIX: z
    .string()
    .regex(/^[\w.-]*$/, 'letters, digits, . _ - only')
    .default(''),
  CONSUMER_GROUP_PREFIX: z
    .string()
    .regex(/^[\w.-]*$/, 'letters, digits, . _ - only')
    .default('lantern.'),
  MESSAGE_MAX_ATTEMPTS: int(1, 20).default(3),
  MESSAGE_RETRY_BACKOFF_MS: int(0, 60_000).default(200),
  DATABASE_URL: url(['postgres:', 'postgresql:']).optional(),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, 'a lower-case SQL identifier')
    .default('public'),
  REDIS_URL: url(['redis:', 'rediss:']).optional(),
  REDIS_KEY_PREFIX: z.string().max(100).default('lantern:'),
  DATA_DIR: z.string().default('./data'),
  ALERT_LEVEL_THRESHOLD: riskLevel.default('high'),
  /** Secret for the keyed HMACs that link ads by contact; contacts are never stored or compared in clear. */
  LINK_HMAC_KEY: z.string().min(32, 'must be at least 32 characters (e.g. openssl rand -base64 48)').optional(),
  /** The first admin key on a fresh install; ignored once an admin key exists. */
  LANTERN_BOOTSTRAP_ADMIN_KEY: z
    .string()
    .min(32, 'must be at least 32 characters (e.g. lan_ + openssl rand -base64 32)')
    .max(200)
    .optional(),
  /** How long a dashboard sign-in lasts. */
  SESSION_TTL_MINUTES: int(5, 7 * 24 * 60).default(8 * 60),
  /** Send the session cookie only over HTTPS; defaults to on in distributed mode (behind TLS). */
  SESSION_COOKIE_SECURE: bool.optional(),
  /** Requests per API key (or per client address without one) per minute; over it, 429 with Retry-After. */
  RATE_LIMIT_PER_MINUTE: int(1, 1_000_000).default(600),
  SCRAPER_DEMO: bool.optional(),
  /** JSON file of the sources the scraper crawls on schedule (see services/scraper/sources.sample.json). */
  SCRAPER_SOURCES_FILE: z.string().min(1).optional(),
  /** Where site owners learn about the crawler; goes into the User-Agent. */
  SCRAPER_CONTACT_URL: url(['http:', 'https:']).optional(),
  /** Gap between two requests to one host; robots.txt Crawl-delay can only make it longer. */
  SCRAPER_REQUEST_DELAY_MS: int(0, 600_000).default(1_000),
  /** First wait after a failed run; doubles with each further failure up to the maximum. */
  SCRAPER_BACKOFF_BASE_MS: int(1, 86_400_000).default(60_000),
  SCRAPER_BACKOFF_MAX_MS: int(1, 7 * 86_400_000).default(6 * 3_600_000),
  /** AES-256-GCM key (32 bytes, base64) that encrypts webhook signing secrets at rest. */
  SUBSCRIPTION_SECRET_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes in base64 (openssl rand -base64 32)')
    .optional(),
  /** Lets webhooks reach loopback and private addresses. For tests and closed networks only. */
  WEBHOOK_ALLOW_PRIVATE: bool.default(false),
  WEBHOOK_TIMEOUT_MS: int(100, 60_000).default(10_000),
  WEBHOOK_MAX_ATTEMPTS: int(1, 20).default(8),
  /** A delivery not sent within this long after the alert is given up. */
  WEBHOOK_MAX_AGE_S: int(1, 7 * 24 * 3600).default(24 * 3600),
  WEBHOOK_BACKOFF_BASE_MS: int(1, 600_000).default(5_000),
  WEBHOOK_BACKOFF_MAX_MS: int(1, 86_400_000).default(3_600_000),
  /** Longest Retry-After a receiver may ask for; longer requests are cut to this. */
  WEBHOOK_RETRY_AFTER_MAX_S: int(0, 86_400).default(3_600),
  /** How long the previous secret still signs after a rotation. */
  WEBHOOK_SECRET_GRACE_S: int(0, 30 * 24 * 3600).default(24 * 3600),
  WEBHOOK_POLL_MS: int(10, 60_000).default(1_000),
  /** Base of the alert links in webhook payloads, e.g. https://lantern.example.org; relative links when unset. */
  PUBLIC_BASE_URL: url(['http:', 'https:']).optional(),
  SSE_MAX_CLIENTS: int(1, 10_000).default(200),
  SSE_HEARTBEAT_MS: int(100, 300_000).default(15_000),
  SSE_POLL_MS: int(10, 60_000).default(500),
  /** Most events replayed to a client resuming from Last-Event-ID. */
  SSE_REPLAY_LIMIT: int(1, 100_000).default(1_000),
  SHUTDOWN_TIMEOUT_MS: int(1_000, 120_000).default(15_000),
});

export interface LanternConfig {
  service: ServiceName;
  mode: 'embedded' | 'distributed';
  http: { host: string; port: number };
  logLevel: z.infer<typeof environment>['LOG_LEVEL'];
  kafka: { brokers: string[]; clientId: string; partitions: number; replicationFactor: number; sessionTimeoutMs: number } | undefined;
  messaging: { topicPrefix: string; groupPrefix: string; maxAttempts: number; retryBackoffMs: number };
  database: { kind: 'postgres'; url: string; schema: string } | { kind: 'sqlite'; file: string };
  redis: { url: string; keyPrefix: string } | undefined;
  dataDir: string;
  alertLevelThreshold: z.infer<typeof riskLevel>;
  /** Undefined in embedded mode: a random key is then kept in DATA_DIR. */
  linkHmacKey: string | undefined;
  bootstrapAdminKey: string | undefined;
  session: { ttlSeconds: number; secureCookie: boolean };
  rateLimitPerMinute: number;
  scraperDemo: boolean;
  scraper: {
    sourcesFile: string | undefined;
    contactUrl: string | undefined;
    requestDelayMs: number;
    backoffBaseMs: number;
    backoffMaxMs: number;
  };
  shutdownTimeoutMs: number;
  /** Undefined in embedded mode: a random key is then kept in DATA_DIR. */
  subscriptionSecretKey: string | undefined;
  webhooks: {
    allowPrivate: boolean;
    timeoutMs: number;
    maxAttempts: number;
    maxAgeMs: number;
    backoffBaseMs: number;
    backoffMaxMs: number;
    retryAfterMaxMs: number;
    secretGraceMs: number;
    pollMs: number;
  };
  publicBaseUrl: string | undefined;
  sse: { maxClients: number; heartbeatMs: number; pollMs: number; replayLimit: number };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and checks the environment once, at start-up. Every problem is reported at once, each
 * naming its variable, so a bad deployment fails fast with one clear message.
 */
export function loadConfig(service: ServiceName, env: Record<string, string | undefined>): LanternConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = environment.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  const distributed = e.LANTERN_MODE === 'distributed';
  if (distributed && !e.KAFKA_BROKERS) problems.push('KAFKA_BROKERS: required in distributed mode (host:port,...)');
  if (distributed && !e.REDIS_URL) problems.push('REDIS_URL: required in distributed mode (redis://host:6379)');
  if (distributed && service === 'classifier' && !e.LINK_HMAC_KEY) {
    problems.push('LINK_HMAC_KEY: required by the classifier in distributed mode (a shared secret of 32+ characters)');
  }
  if (distributed && service === 'alerts' && !e.DATABASE_URL) {
    problems.push('DATABASE_URL: required by the alerts service in distributed mode (postgres://user@host/db)');
  }
  if (e.SCRAPER_SOURCES_FILE && !e.SCRAPER_CONTACT_URL && (service === 'scraper' || service === 'embedded')) {
    problems.push(
      'SCRAPER_CONTACT_URL: required with SCRAPER_SOURCES_FILE, so site owners can reach whoever runs the crawler (https://...)',
    );
  }
  if (distributed && service === 'scraper' && !e.DATABASE_URL) {
    problems.push('DATABASE_URL: required by the scraper in distributed mode, for the API keys of the push API (postgres://user@host/db)');
  }
  if (distributed && service === 'alerts' && !e.SUBSCRIPTION_SECRET_KEY) {
    problems.push('SUBSCRIPTION_SECRET_KEY: required by the alerts service in distributed mode (openssl rand -base64 32)');
  }
  if (problems.length) throw new ConfigError(problems);

  return {
    service,
    mode: e.LANTERN_MODE,
    http: { host: e.HOST, port: e.PORT ?? DEFAULT_PORTS[service] },
    logLevel: e.LOG_LEVEL,
    kafka:
      distributed && e.KAFKA_BROKERS
        ? {
            brokers: e.KAFKA_BROKERS,
            clientId: e.KAFKA_CLIENT_ID ?? `lantern-${service}`,
            partitions: e.KAFKA_TOPIC_PARTITIONS,
            replicationFactor: e.KAFKA_REPLICATION_FACTOR,
            sessionTimeoutMs: e.KAFKA_SESSION_TIMEOUT_MS,
          }
        : undefined,
    messaging: {
      topicPrefix: e.TOPIC_PREFIX,
      groupPrefix: e.CONSUMER_GROUP_PREFIX,
      maxAttempts: e.MESSAGE_MAX_ATTEMPTS,
      retryBackoffMs: e.MESSAGE_RETRY_BACKOFF_MS,
    },
    database:
      distributed && e.DATABASE_URL
        ? { kind: 'postgres', url: e.DATABASE_URL, schema: e.DATABASE_SCHEMA }
        : { kind: 'sqlite', file: `${e.DATA_DIR.replace(/\/+$/, '')}/lantern.sqlite` },
    redis: distributed && e.REDIS_URL ? { url: e.REDIS_URL, keyPrefix: e.REDIS_KEY_PREFIX } : undefined,
    dataDir: e.DATA_DIR,
    alertLevelThreshold: e.ALERT_LEVEL_THRESHOLD,
    linkHmacKey: e.LINK_HMAC_KEY,
    bootstrapAdminKey: e.LANTERN_BOOTSTRAP_ADMIN_KEY,
    session: { ttlSeconds: e.SESSION_TTL_MINUTES * 60, secureCookie: e.SESSION_COOKIE_SECURE ?? distributed },
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    scraperDemo: e.SCRAPER_DEMO ?? !distributed,
    scraper: {
      sourcesFile: e.SCRAPER_SOURCES_FILE,
      contactUrl: e.SCRAPER_CONTACT_URL,
      requestDelayMs: e.SCRAPER_REQUEST_DELAY_MS,
      backoffBaseMs: e.SCRAPER_BACKOFF_BASE_MS,
      backoffMaxMs: e.SCRAPER_BACKOFF_MAX_MS,
    },
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    subscriptionSecretKey: e.SUBSCRIPTION_SECRET_KEY,
    webhooks: {
      allowPrivate: e.WEBHOOK_ALLOW_PRIVATE,
      timeoutMs: e.WEBHOOK_TIMEOUT_MS,
      maxAttempts: e.WEBHOOK_MAX_ATTEMPTS,
      maxAgeMs: e.WEBHOOK_MAX_AGE_S * 1000,
      backoffBaseMs: e.WEBHOOK_BACKOFF_BASE_MS,
      backoffMaxMs: e.WEBHOOK_BACKOFF_MAX_MS,
      retryAfterMaxMs: e.WEBHOOK_RETRY_AFTER_MAX_S * 1000,
      secretGraceMs: e.WEBHOOK_SECRET_GRACE_S * 1000,
      pollMs: e.WEBHOOK_POLL_MS,
    },
    publicBaseUrl: e.PUBLIC_BASE_URL?.replace(/\/+$/, ''),
    sse: { maxClients: e.SSE_MAX_CLIENTS, heartbeatMs: e.SSE_HEARTBEAT_MS, pollMs: e.SSE_POLL_MS, replayLimit: e.SSE_REPLAY_LIMIT },
  };
}

/** Injection token for the validated configuration. */
export const LANTERN_CONFIG = Symbol('LANTERN_CONFIG');
