import { Counter, register } from 'prom-client';

/** What the scraper counts per source, on the process registry that /metrics serves. */
export const SCRAPER_COUNTERS = {
  pages: 'lantern_scraper_pages_fetched_total',
  ads: 'lantern_scraper_ads_found_total',
  new: 'lantern_scraper_ads_new_total',
  changed: 'lantern_scraper_ads_changed_total',
  unchanged: 'lantern_scraper_ads_unchanged_total',
  errors: 'lantern_scraper_errors_total',
  robotsRefused: 'lantern_scraper_robots_refusals_total',
  ssrfRefused: 'lantern_scraper_ssrf_refusals_total',
} as const;

export type ScraperCounter = keyof typeof SCRAPER_COUNTERS;

const HELP: Record<ScraperCounter, string> = {
  pages: 'Pages fetched, by source',
  ads: 'Ads found on fetched pages or pushed, by source',
  new: 'Ads published for the first time, by source',
  changed: 'Ads published again because their content changed, by source',
  unchanged: 'Ads seen again unchanged and not republished, by source',
  errors: 'Failed pages, failed runs and rejected pushed items, by source',
  robotsRefused: 'URLs not fetched because robots.txt disallows them, by source',
  ssrfRefused: 'URLs refused because they lead to a private or loopback address, by source',
};

// Reused when the module is built twice in one process (tests): prom-client refuses duplicate names.
const counters = Object.fromEntries(
  (Object.keys(SCRAPER_COUNTERS) as ScraperCounter[]).map((key) => [
    key,
    (register.getSingleMetric(SCRAPER_COUNTERS[key]) as Counter<'source'> | undefined) ??
      new Counter({ name: SCRAPER_COUNTERS[key], help: HELP[key], labelNames: ['source'] }),
  ]),
) as Record<ScraperCounter, Counter<'source'>>;

export type SourceCounts = Record<ScraperCounter, number>;

export const zeroCounts = (): SourceCounts => ({
  pages: 0,
  ads: 0,
  new: 0,
  changed: 0,
  unchanged: 0,
  errors: 0,
  robotsRefused: 0,
  ssrfRefused: 0,
});

/** Adds to the prom-client counter of a source and to the per-process totals that /api/sources shows. */
export function countFor(source: string, totals: SourceCounts, key: ScraperCounter, by = 1): void {
  if (by <= 0) return;
  counters[key].inc({ source }, by);
  totals[key] += by;
}
