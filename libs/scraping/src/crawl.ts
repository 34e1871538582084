import { readAds } from '@lantern/ad-io';
import type { RawAdV1 } from '@lantern/contracts';
import { load } from 'cheerio';
import { parseFeed } from './adapters/feed';
import { parseWithSelectors } from './adapters/html-selectors';
import { nextApiPage, parseApiPage } from './adapters/json-api';
import { parseJsonLdPage } from './adapters/jsonld';
import { detailLinksOf, nextPageByParam, nextPageOf } from './adapters/links';
import { parseSitemap } from './adapters/sitemap';
import { detectType } from './adapters/detect';
import { FetchError, RobotsRefusedError, SsrfRefusedError } from './net/errors';
import type { PoliteFetcher, PoliteResponse } from './net/polite-fetcher';
import { buildRawAd, type FoundAd } from './normalise';
import type { SourceConfig, SourceType } from './source-config';

/** What happened during a crawl, for counters and progress. Never carries ad text. */
export type CrawlEvent =
  | { kind: 'page'; url: string; notModified: boolean }
  | { kind: 'ad' }
  | { kind: 'error'; url: string; message: string }
  | { kind: 'robots-refused'; url: string }
  | { kind: 'ssrf-refused'; url: string }
  | { kind: 'detected'; type: SourceType };

export interface CrawlOptions {
  fetcher: PoliteFetcher;
  now?: () => Date;
  onEvent?: (event: CrawlEvent) => void;
  signal?: AbortSignal;
}

/** A crawl of one source: its type ('auto' is detected from the first URL), start URLs, limits and rules. */
export type CrawlSource = Omit<SourceConfig, 'type' | 'enabled' | 'schedule'> & { type: SourceType | 'auto' };

interface Job {
  url: string;
  role: 'list' | 'detail' | 'sitemap';
  /** Page number within the listing, for page-parameter pagination. */
  page: number;
}

/**
 * Runs one source once and yields its ads as raw-ad messages. Pages are fetched through the polite
 * fetcher (robots, spacing, back-off, SSRF checks), at most `limits.maxPages` of them. A page that
 * fails is reported and skipped; only a failure of every start URL makes the crawl itself fail.
 */
export async function* crawl(source: CrawlSource, options: CrawlOptions): AsyncGenerator<RawAdV1> {
  const now = options.now ?? (() => new Date());
  const emit = options.onEvent ?? (() => undefined);
  const queue: Job[] = source.urls.map((url) => ({ url, role: source.type === 'sitemap' ? 'sitemap' : 'list', page: 1 }));
  const seen = new Set<string>(source.urls);
  let type = source.type;
  let pages = 0;
  let ads = 0;
  let startFailures = 0;
  let lastStartError: Error | undefined;
  const enqueue = (job: Job) => {
    if (seen.has(job.url) || seen.size > source.limits.maxPages * 20) return;
    seen.add(job.url);
    // Detail pages go first: a listing's ads are worth more than its tenth next page.
    if (job.role === 'detail') queue.unshift(job);
    else queue.push(job);
  };

  while (queue.length && pages < source.limits.maxPages && ads < source.limits.maxAds) {
    if (options.signal?.aborted) return;
    const job = queue.shift()!;
    let response: PoliteResponse;
    try {
      pages++;
      // Detail pages and feeds are fetched conditionally: a 304 means their ads did not change.
      // Listings are not, because an unchanged listing can still point at edited detail pages.
      response = await options.fetcher.get(job.url, {
        conditional: job.role === 'detail' || type === 'rss' || type === 'atom',
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (error) {
      if (error instanceof RobotsRefusedError) emit({ kind: 'robots-refused', url: job.url });
      else if (error instanceof SsrfRefusedError) emit({ kind: 'ssrf-refused', url: job.url });
      else emit({ kind: 'error', url: job.url, message: (error as Error).message });
      if (source.urls.includes(job.url)) {
        startFailures++;
        lastStartError = error as Error;
      }
      continue;
    }
    emit({ kind: 'page', url: job.url, notModified: response.notModified });
    if (response.notModified) continue;
    if (type === 'auto') {
      type = detectType(response.body, response.headers['content-type']);
      if (type === 'sitemap') job.role = 'sitemap';
      emit({ kind: 'detected', type });
    }
    let found: FoundAd[] = [];
    try {
      found = await extract(type, job, response, source, enqueue);
    } catch (error) {
      emit({ kind: 'error', url: job.url, message: (error as Error).message });
      continue;
    }
    for (const ad of found) {
      if (ads >= source.limits.maxAds) break;
      let raw: RawAdV1;
      try {
        raw = buildRawAd(
          source.name,
          { ...ad, ...(ad.languageHint || !source.languageHint ? {} : { languageHint: source.languageHint }) },
          now(),
        );
      } catch {
        emit({ kind: 'error', url: job.url, message: 'an ad on the page is not a valid raw ad' });
        continue;
      }
      ads++;
      emit({ kind: 'ad' });
      yield raw;
    }
    if (type === 'bulk') {
      for await (const item of readAds(response.body, { source: source.name, now: now(), maxLineChars: 1_000_000 })) {
        if (ads >= source.limits.maxAds) break;
        if (!item.ok) {
          emit({ kind: 'error', url: job.url, message: `line ${item.line}: ${item.reason}` });
          continue;
        }
        ads++;
        emit({ kind: 'ad' });
        yield item.ad;
      }
    }
  }
  if (startFailures === source.urls.length && lastStartError) throw lastStartError;
}

async function extract(
  type: SourceType,
  job: Job,
  response: PoliteResponse,
  source: CrawlSource,
  enqueue: (job: Job) => void,
): Promise<FoundAd[]> {
  const url = response.url;
  switch (type) {
    case 'rss':
    case 'atom':
      return parseFeed(response.body, url);
    case 'bulk':
      return []; // streamed by the caller: a bulk file can hold many ads
    case 'sitemap': {
      if (job.role === 'sitemap') {
        const entries = parseSitemap(response.body);
        for (const child of entries.sitemaps) enqueue({ url: child, role: 'sitemap', page: 1 });
        const pattern = source.listing?.detailUrlPattern ? new RegExp(source.listing.detailUrlPattern) : undefined;
        for (const page of entries.pages) if (!pattern || pattern.test(page.url)) enqueue({ url: page.url, role: 'detail', page: 1 });
        return [];
      }
      return pageAds(response.body, url, source);
    }
    case 'json-api': {
      const mapping = source.api!;
      let document: unknown;
      try {
        document = JSON.parse(response.body);
      } catch {
        throw new FetchError('decoding', `${url} is not JSON`);
      }
      const { ads, itemCount } = parseApiPage(document, url, mapping);
      const next = nextApiPage(document, url, mapping, itemCount, job.page - 1);
      if (next) enqueue({ url: next, role: 'list', page: job.page + 1 });
      return ads;
    }
    case 'jsonld':
    case 'html': {
      const $ = load(response.body);
      const ads = pageAds(response.body, url, source, $);
      if (job.role === 'list') {
        const detailsFromItems = source.selectors?.item && !source.selectors.link;
        if (!detailsFromItems && !(type === 'jsonld' && ads.length > 0 && !source.listing?.detailLinkSelector)) {
          for (const link of detailLinksOf($, url, source.listing)) enqueue({ url: link, role: 'detail', page: 1 });
        }
        const next =
          nextPageOf($, url, source.listing) ?? (source.listing?.pageParam ? nextPageByParam(url, source.listing.pageParam) : undefined);
        if (next) enqueue({ url: next, role: 'list', page: job.page + 1 });
      }
      return ads;
    }
  }
}

function pageAds(html: string, url: string, source: CrawlSource, $ = load(html)): FoundAd[] {
  const fromJsonLd = parseJsonLdPage(html, url);
  if (fromJsonLd.length || !source.selectors) return fromJsonLd;
  return parseWithSelectors($, url, source.selectors);
}
