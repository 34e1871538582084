import 'reflect-metadata';
import { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { BusTransport, MessageBus } from '@lantern/messaging';
import type { Logger } from 'pino';
import { Cache } from '../cache/cache';
import { ConfigError, LanternConfig, loadConfig, ServiceName } from '../config/config';
import { HealthRegistry } from '../health/health';
import { createLogger, PinoNestLogger } from '../logging/logger';
import { createBus, createCache, PlatformModule } from './platform.module';

export interface LanternApp {
  app: INestApplication;
  config: LanternConfig;
  logger: Logger;
  bus: MessageBus;
  url: string;
  close(): Promise<void>;
}

export interface StartOptions {
  service: ServiceName;
  /** The feature modules to run: one service's, or all three in embedded mode. */
  modules: Array<Type<unknown>>;
  env?: Record<string, string | undefined>;
  /** Overrides for tests: a pre-built config, bus or cache. */
  config?: LanternConfig;
  bus?: MessageBus;
  cache?: Cache;
  logger?: Logger;
  /** Runs after consumers start, before the process reports ready (demo ingestion, say). */
  afterStart?(app: INestApplication): Promise<void>;
}

/**
 * Starts a Lantern process: HTTP first (health and metrics answer while consumers join their
 * groups), then the bus consumers, then `/health` turns ready.
 */
export async function startLantern(options: StartOptions): Promise<LanternApp> {
  const config = options.config ?? loadConfig(options.service, options.env ?? process.env);
  const logger = options.logger ?? createLogger({ service: config.service, level: config.logLevel });
  const bus = options.bus ?? createBus(config, logger);
  const cache = options.cache ?? createCache(config);
  await PlatformModule.prepareTopics(bus);

  const app = await NestFactory.create<NestExpressApplication>(
    { module: class LanternRootModule {}, imports: [PlatformModule.forRoot({ config, logger, bus, cache }), ...options.modules] },
    { logger: new PinoNestLogger(logger), abortOnError: false, bodyParser: false },
  );
  // Bounded bodies: oversize input gets a 413, not a process full of attacker-sized strings.
  app.useBodyParser('json', { limit: '1mb' });
  app.disable('x-powered-by');
  app.connectMicroservice({ strategy: new BusTransport(bus, config.messaging.groupPrefix) });

  await app.listen(config.http.port, config.http.host);
  await app.startAllMicroservices();
  await options.afterStart?.(app);
  const health = app.get(HealthRegistry);
  health.markReady();

  const address = app.getHttpServer().address() as { port: number } | string | null;
  const port = typeof address === 'object' && address ? address.port : config.http.port;
  const url = `http://${config.http.host}:${port}`;
  logger.info({ mode: config.mode, url, bus: bus.kind }, 'Lantern is ready');
  return {
    app,
    config,
    logger,
    bus,
    url,
    close: async () => {
      health.markStopping();
      await app.close();
    },
  };
}

/** Entry point for a process: start, stop gracefully on SIGTERM/SIGINT, explain bad config plainly. */
export async function runLantern(options: StartOptions): Promise<LanternApp | undefined> {
  try {
    const lantern = await startLantern(options);
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      lantern.logger.info({ signal }, 'Stopping: finishing in-flight messages and committing');
      const timer = setTimeout(() => {
        lantern.logger.error('Shutdown took too long; exiting');
        process.exit(1);
      }, lantern.config.shutdownTimeoutMs);
      timer.unref();
      lantern.close().then(
        () => {
          lantern.logger.flush();
          process.exit(0);
        },
        (error: unknown) => {
          lantern.logger.error({ err: error }, 'Shutdown failed');
          process.exit(1);
        },
      );
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
    return lantern;
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    process.stderr.write(`Lantern failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  }
}
