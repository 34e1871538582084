import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('runs embedded with no environment at all', () => {
    const config = loadConfig('embedded', {});
    expect(config).toMatchObject({
      mode: 'embedded',
      http: { host: '127.0.0.1', port: 3000 },
      kafka: undefined,
      redis: undefined,
      database: { kind: 'sqlite', file: './data/lantern.sqlite' },
      scraperDemo: true,
    });
  });

  it('builds a distributed configuration from the environment', () => {
    const config = loadConfig('alerts', {
      LANTERN_MODE: 'distributed',
      KAFKA_BROKERS: 'kafka-1:9092, kafka-2:9092',
      DATABASE_URL: 'postgres://lantern@db/lantern',
      REDIS_URL: 'redis://cache:6379',
      KAFKA_TOPIC_PARTITIONS: '12',
      SUBSCRIPTION_SECRET_KEY: Buffer.alloc(32, 7).toString('base64'),
    });
    expect(config.kafka).toEqual({
      brokers: ['kafka-1:9092', 'kafka-2:9092'],
      clientId: 'lantern-alerts',
      partitions: 12,
      replicationFactor: 1,
      sessionTimeoutMs: 30_000,
    });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://lantern@db/lantern', schema: 'public' });
    expect(config.http.port).toBe(3003);
    expect(config.scraperDemo).toBe(false);
  });

  it('names every bad variable at once', () => {
    let error: unknown;
    try {
      loadConfig('alerts', { LANTERN_MODE: 'distributed', KAFKA_TOPIC_PARTITIONS: 'many', PORT: '70000', REDIS_URL: 'http://x' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/KAFKA_TOPIC_PARTITIONS: must be a number/);
    expect(message).toMatch(/PORT: .*65535/);
    expect(message).toMatch(/REDIS_URL: must be a URL starting with redis:\/\/ or rediss:\/\//);
  });

  it('says what distributed mode is missing', () => {
    expect(() => loadConfig('alerts', { LANTERN_MODE: 'distributed' })).toThrow(
      /KAFKA_BROKERS: required in distributed mode[\s\S]*REDIS_URL: required[\s\S]*DATABASE_URL: required by the alerts service[\s\S]*SUBSCRIPTION_SECRET_KEY: required/,
    );
  });

  it('asks the distributed scraper for a database (push API keys) and a contact URL beside a sources file', () => {
    const distributed = { LANTERN_MODE: 'distributed', KAFKA_BROKERS: 'k:9092', REDIS_URL: 'redis://r:6379' };
    expect(() => loadConfig('scraper', distributed)).toThrow(/DATABASE_URL: required by the scraper/);
    expect(() => loadConfig('embedded', { SCRAPER_SOURCES_FILE: './sources.json' })).toThrow(/SCRAPER_CONTACT_URL: required/);
    const config = loadConfig('scraper', {
      ...distributed,
      DATABASE_URL: 'postgres://lantern@db/lantern',
      SCRAPER_SOURCES_FILE: './sources.json',
      SCRAPER_CONTACT_URL: 'https://lantern.example.org/crawler',
    });
    expect(config.scraper).toEqual({
      sourcesFile: './sources.json',
      contactUrl: 'https://lantern.example.org/crawler',
      requestDelayMs: 1000,
      backoffBaseMs: 60_000,
      backoffMaxMs: 6 * 3_600_000,
    });
  });
});
