import robotsParser from 'robots-parser';

export type RobotsVerdict =
  | { kind: 'rules'; isAllowed: (url: string) => boolean; crawlDelaySeconds: number | undefined; sitemaps: string[] }
  | { kind: 'allow-all' }
  | { kind: 'disallow-all' };

/**
 * What RFC 9309 says a robots.txt response means: 2xx is parsed, 4xx ("unavailable") allows
 * everything, 5xx or no answer ("unreachable") disallows everything until it can be read.
 */
export function robotsVerdict(robotsUrl: string, status: number | undefined, body: string, userAgent: string): RobotsVerdict {
  if (status === undefined || status >= 500) return { kind: 'disallow-all' };
  if (status >= 400) return { kind: 'allow-all' };
  if (status < 200 || status >= 300) return { kind: 'disallow-all' };
  // RFC 9309 2.5: parse at least 500 KiB; more is ignored.
  const robots = robotsParser(robotsUrl, body.slice(0, 500 * 1024));
  return {
    kind: 'rules',
    // robots-parser answers undefined for URLs of another origin; those are never asked here.
    isAllowed: (url) => robots.isAllowed(url, userAgent) !== false,
    crawlDelaySeconds: robots.getCrawlDelay(userAgent),
    sitemaps: robots.getSitemaps(),
  };
}

export function isAllowedBy(verdict: RobotsVerdict, url: string): boolean {
  if (verdict.kind === 'allow-all') return true;
  if (verdict.kind === 'disallow-all') return false;
  return verdict.isAllowed(url);
}
