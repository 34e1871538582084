import { APP_GUARD, Reflector } from '@nestjs/core';
import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Topics } from '@lantern/contracts';
import { KafkaBus, MESSAGE_BUS, MemoryBus, type MessageBus, Publisher } from '@lantern/messaging';
import type { Logger } from 'pino';
import { AuthGuard } from '../auth/auth.guard';
import { CACHE, type Cache, MemoryCache, RedisCache } from '../cache/cache';
import { LANTERN_CONFIG, LanternConfig } from '../config/config';
import { HealthController, HealthRegistry } from '../health/health';
import { RateLimitGuard } from '../http/rate-limit.guard';
import { LOGGER } from '../logging/logger';
import { collectProcessMetrics, MetricsController } from '../metrics/metrics';

export function createBus(config: LanternConfig, logger: Logger): MessageBus {
  const retry = { maxAttempts: config.messaging.maxAttempts, backoffMs: config.messaging.retryBackoffMs, maxBackoffMs: 30_000 };
  if (!config.kafka) return new MemoryBus({ partitions: 3, retry });
  return new KafkaBus({
    ...config.kafka,
    topicPrefix: config.messaging.topicPrefix,
    retry,
    logger,
    onFatal: (error) => {
      logger.fatal({ err: { message: error.message, name: error.name } }, 'Kafka consumer crashed and will not restart; exiting');
      // The supervisor (compose, systemd, Kubernetes) restarts us; offsets are committed only after success.
      process.exit(70);
    },
  });
}

export function createCache(config: LanternConfig): Cache {
  return config.redis ? RedisCache.connect(config.redis.url, config.redis.keyPrefix) : new MemoryCache();
}

/**
 * The outside world every service shares, created once per process from validated config: the
 * message bus (Kafka or in-process), the cache (Redis or memory), logging, health and metrics.
 */
@Global()
@Module({})
export class PlatformModule implements OnApplicationShutdown {
  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(CACHE) private readonly cache: Cache,
  ) {}

  static forRoot(options: { config: LanternConfig; logger: Logger; bus?: MessageBus; cache?: Cache }): DynamicModule {
    collectProcessMetrics();
    const bus = options.bus ?? createBus(options.config, options.logger);
    const cache = options.cache ?? createCache(options.config);
    return {
      module: PlatformModule,
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: LANTERN_CONFIG, useValue: options.config },
        { provide: LOGGER, useValue: options.logger },
        { provide: MESSAGE_BUS, useValue: bus },
        { provide: CACHE, useValue: cache },
        {
          provide: HealthRegistry,
          useFactory: () => {
            const registry = new HealthRegistry();
            if (options.config.redis) registry.register('redis', () => cache.ping());
            return registry;
          },
        },
        Publisher,
        // Global guards run in this order: the rate limit first (so refused keys count), then auth.
        {
          provide: APP_GUARD,
          inject: [Reflector, CACHE, LANTERN_CONFIG, LOGGER],
          useFactory: (reflector: Reflector, cacheAdapter: Cache, config: LanternConfig, logger: Logger) =>
            new RateLimitGuard(reflector, cacheAdapter, config, logger),
        },
        // Global and always present: a route is closed unless it declares its roles or @Public().
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [LANTERN_CONFIG, LOGGER, MESSAGE_BUS, CACHE, HealthRegistry, Publisher],
    };
  }

  /** Creates every topic Lantern uses (and its dead-letter topic) before anything publishes or consumes. */
  static async prepareTopics(bus: MessageBus): Promise<void> {
    await bus.ensureTopics(Object.values(Topics));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.bus.close();
    await this.cache.close();
  }
}
