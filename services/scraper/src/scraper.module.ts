import { Module } from '@nestjs/common';
import { DemoSource } from './demo/demo-source';
import { IngestService } from './ingest/ingest.service';

/** The scraper: turns sources into raw-ad messages on ads.raw.v1. */
@Module({
  providers: [IngestService, DemoSource],
  exports: [IngestService],
})
export class ScraperModule {}
