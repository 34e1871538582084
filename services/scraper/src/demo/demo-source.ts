import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { LANTERN_CONFIG, type LanternConfig, LOGGER } from '@lantern/platform';
import type { Logger } from 'pino';
import { z } from 'zod';
import { buildRawAd } from '@lantern/scraping';
import { type IngestResult, IngestService } from '../ingest/ingest.service';

const demoFile = z.object({
  source: z.string(),
  ads: z.array(
    z.object({
      url: z.string(),
      title: z.string().optional(),
      company: z.string().optional(),
      location: z.object({ raw: z.string().optional(), country: z.string().optional() }).optional(),
      salaryText: z.string().optional(),
      description: z.string(),
    }),
  ),
});

export const DEMO_ADS_FILE = join(__dirname, '..', '..', 'demo', 'demo-ads.json');

/** Feeds the bundled, invented demo ads into the pipeline once at start-up (embedded mode by default). */
@Injectable()
export class DemoSource implements OnApplicationBootstrap {
  constructor(
    private readonly ingest: IngestService,
    @Inject(LANTERN_CONFIG) private readonly config: LanternConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.scraperDemo) return;
    const result = await this.run();
    this.logger.info({ source: 'demo', ...result }, 'Demo source ingested');
  }

  async run(now: Date = new Date()): Promise<Omit<IngestResult, 'outcomes'>> {
    const file = demoFile.parse(JSON.parse(readFileSync(DEMO_ADS_FILE, 'utf8')));
    const { outcomes: _outcomes, ...counts } = await this.ingest.ingest(file.ads.map((ad) => buildRawAd(file.source, ad, now)));
    return counts;
  }
}
