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
  /** Requests per API key (or per client address without one) per minute; over it, 429 with Retry-After. */
  RATE_LIMIT_PER_MINUTE: int(1, 1_000_000).default(600),
  SCRAPER_DEMO: bool.optional(),
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
  rateLimitPerMinute: number;
  scraperDemo: boolean;
  shutdownTimeoutMs: number;
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
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    scraperDemo: e.SCRAPER_DEMO ?? !distributed,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
  };
}

/** Injection token for the validated configuration. */
export const LANTERN_CONFIG = Symbol('LANTERN_CONFIG');
