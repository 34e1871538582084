import { Controller, Get, Inject } from '@nestjs/common';
import { Roles } from '@lantern/platform';
import type { SourceConfig } from '@lantern/scraping';
import { ScrapeScheduler } from '../schedule/scrape-scheduler';
import type { SourceCounts } from './scraper-metrics';
import { SourceStatusBoard } from './source-status';
import { SCRAPER_SOURCES } from './sources-file';

export interface SourceView {
  id: string;
  name: string;
  /** The source type (rss, jsonld, ...); `kind` is what the dashboard reads. */
  kind: string;
  type: string;
  urls: string[];
  schedule: { everySeconds: number } | { cron: string };
  enabled: boolean;
  status: 'ok' | 'failing' | 'idle' | 'disabled';
  running: boolean;
  lastRunAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  nextRunAt: string | null;
  consecutiveFailures: number;
  counters: SourceCounts;
}

/** The configured sources with how their runs went since this process started. */
@Controller('api/sources')
export class SourcesController {
  constructor(
    @Inject(SCRAPER_SOURCES) private readonly sources: SourceConfig[],
    private readonly status: SourceStatusBoard,
    private readonly scheduler: ScrapeScheduler,
  ) {}

  @Get()
  @Roles('admin', 'analyst')
  list(): { items: SourceView[] } {
    return { items: this.sources.map((source) => this.view(source)) };
  }

  private view(source: SourceConfig): SourceView {
    const state = this.status.of(source.name);
    const nextRunAt = source.enabled ? this.scheduler.scheduler.nextRunAt(source.name) : undefined;
    const status = !source.enabled ? 'disabled' : state.consecutiveFailures > 0 ? 'failing' : state.lastSuccessAt === null ? 'idle' : 'ok';
    return {
      id: source.name,
      name: source.name,
      kind: source.type,
      type: source.type,
      urls: source.urls,
      schedule: 'every' in source.schedule ? { everySeconds: source.schedule.every / 1000 } : { cron: source.schedule.cron },
      enabled: source.enabled,
      status,
      running: state.running,
      lastRunAt: state.lastRunAt,
      lastSuccessAt: state.lastSuccessAt,
      lastError: state.lastError,
      nextRunAt: nextRunAt === undefined ? null : new Date(nextRunAt).toISOString(),
      consecutiveFailures: state.consecutiveFailures,
      counters: { ...state.counts },
    };
  }
}
