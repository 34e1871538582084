import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { AuthModule, LANTERN_CONFIG, type LanternConfig } from '@lantern/platform';
import { DemoSource } from './demo/demo-source';
import { IngestService } from './ingest/ingest.service';
import { ndjsonBody } from './push/ndjson-body';
import { PushController } from './push/push.controller';
import { ScrapeRunner } from './schedule/scrape-runner';
import { ScrapeScheduler } from './schedule/scrape-scheduler';
import { SourceStatusBoard } from './sources/source-status';
import { loadSourcesFile, SCRAPER_SOURCES } from './sources/sources-file';
import { SourcesController } from './sources/sources.controller';

/** The scraper: turns scheduled sources, partner pushes and the demo file into raw-ad messages on ads.raw.v1. */
@Module({
  imports: [AuthModule],
  controllers: [SourcesController, PushController],
  providers: [
    {
      provide: SCRAPER_SOURCES,
      inject: [LANTERN_CONFIG],
      useFactory: (config: LanternConfig) => loadSourcesFile(config.scraper.sourcesFile),
    },
    IngestService,
    SourceStatusBoard,
    ScrapeRunner,
    ScrapeScheduler,
    DemoSource,
  ],
  exports: [IngestService, ScrapeScheduler],
})
export class ScraperModule implements NestModule {
  /** JSON lines arrive as text (bounded like the global JSON parser) and are split per item by the push controller. */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(ndjsonBody).forRoutes({ path: 'api/ingest', method: RequestMethod.POST });
  }
}
