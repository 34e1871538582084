import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { RawAdV1 } from '@lantern/contracts';
import { LANTERN_CONFIG, type LanternConfig, LOGGER } from '@lantern/platform';
import { crawl, type CrawlEvent, PoliteFetcher, SafeFetcher, type SourceConfig } from '@lantern/scraping';
import type { Logger } from 'pino';
import { IngestService } from '../ingest/ingest.service';
import { countFor } from '../sources/scraper-metrics';
import { SourceStatusBoard } from '../sources/source-status';
import { SCRAPER_SOURCES } from '../sources/sources-file';

/** Ads handed to ingest at a time: small enough to publish as a crawl goes, large enough to batch. */
const INGEST_BATCH = 50;

/**
 * Runs one source once: crawls it through its own polite fetcher (kept between runs, so robots.txt,
 * spacing and conditional-GET validators carry over), ingests its ads in batches and counts everything.
 */
@Injectable()
export class ScrapeRunner implements OnApplicationShutdown {
  private readonly fetchers = new Map<string, { safe: SafeFetcher; polite: PoliteFetcher }>();
  private readonly sources: Map<string, SourceConfig>;

  constructor(
    @Inject(SCRAPER_SOURCES) sources: SourceConfig[],
    @Inject(LANTERN_CONFIG) private readonly config: LanternConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly ingest: IngestService,
    private readonly status: SourceStatusBoard,
  ) {
    this.sources = new Map(sources.map((source) => [source.name, source]));
  }

  async run(name: string, signal: AbortSignal): Promise<void> {
    const source = this.sources.get(name);
    if (!source) throw new Error(`unknown source ${name}`);
    const counts = this.status.of(name).counts;
    const count = (key: Parameters<typeof countFor>[2], by = 1) => countFor(name, counts, key, by);
    this.status.started(name, new Date());
    let batch: RawAdV1[] = [];
    const flush = async () => {
      if (!batch.length) return;
      const result = await this.ingest.ingest(batch);
      batch = [];
      count('new', result.new);
      count('changed', result.changed);
      count('unchanged', result.unchanged);
    };
    try {
      for await (const ad of crawl(source, { fetcher: this.fetcherFor(source), signal, onEvent: (event) => this.onEvent(event, count) })) {
        batch.push(ad);
        if (batch.length >= INGEST_BATCH) await flush();
      }
      await flush();
    } catch (error) {
      count('errors');
      // Ads found before the failure still go out; only then is the run reported failed.
      await flush().catch(() => undefined);
      const message = error instanceof Error ? error.message : String(error);
      this.status.failed(name, message);
      throw error;
    }
    // A crawl cut short by shutdown is neither a success nor a failure.
    if (signal.aborted) this.status.stopped(name);
    else this.status.succeeded(name, new Date());
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.fetchers.values()].map((fetcher) => fetcher.safe.close()));
    this.fetchers.clear();
  }

  private onEvent(event: CrawlEvent, count: (key: Parameters<typeof countFor>[2]) => void): void {
    if (event.kind === 'page') count('pages');
    else if (event.kind === 'ad') count('ads');
    else if (event.kind === 'error') {
      count('errors');
      // URL and reason only: error messages from the library never carry page text.
      this.logger.debug({ url: event.url, reason: event.message }, 'Scraper page failed');
    } else if (event.kind === 'robots-refused') count('robotsRefused');
    else if (event.kind === 'ssrf-refused') count('ssrfRefused');
  }

  private fetcherFor(source: SourceConfig): PoliteFetcher {
    let fetcher = this.fetchers.get(source.name);
    if (!fetcher) {
      const contact = this.config.scraper.contactUrl;
      const safe = new SafeFetcher({
        userAgent: contact ? `Lantern/0.1 (+${contact})` : 'Lantern/0.1',
        allowPrivate: source.allowPrivate,
      });
      fetcher = { safe, polite: new PoliteFetcher(safe, { robotsAgent: 'Lantern', minDelayMs: this.config.scraper.requestDelayMs }) };
      this.fetchers.set(source.name, fetcher);
    }
    return fetcher.polite;
  }
}
