import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { LANTERN_CONFIG, type LanternConfig, LOGGER } from '@lantern/platform';
import type { SourceConfig } from '@lantern/scraping';
import type { Logger } from 'pino';
import { SCRAPER_SOURCES } from '../sources/sources-file';
import { ScrapeRunner } from './scrape-runner';
import { Scheduler } from './scheduler';

/** Starts the enabled sources' schedules once the process is up, and stops them (aborting crawls) on shutdown. */
@Injectable()
export class ScrapeScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly scheduler: Scheduler;

  constructor(
    @Inject(SCRAPER_SOURCES) sources: SourceConfig[],
    @Inject(LANTERN_CONFIG) config: LanternConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    runner: ScrapeRunner,
  ) {
    this.scheduler = new Scheduler(
      sources.filter((source) => source.enabled),
      (name, signal) => runner.run(name, signal),
      {
        backoffBaseMs: config.scraper.backoffBaseMs,
        backoffMaxMs: config.scraper.backoffMaxMs,
        onRunEnd: (source, outcome) => {
          if (outcome.ok) return;
          this.logger.warn(
            { source, reason: outcome.error.message, consecutiveFailures: outcome.consecutiveFailures, retryAt: new Date(outcome.retryAt) },
            'Scraper source failed; backing off',
          );
        },
      },
    );
  }

  onApplicationBootstrap(): void {
    this.scheduler.start();
  }

  /** Runs a source now (or waits for its current run): for operators and tests. */
  runNow(name: string): Promise<void> {
    return this.scheduler.runNow(name);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.scheduler.stop();
  }
}
