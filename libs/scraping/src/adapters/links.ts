import type { CheerioAPI } from 'cheerio';

export interface ListingRules {
  detailLinkSelector?: string;
  detailUrlPattern?: string;
  nextSelector?: string;
  pageParam?: string;
}

const NEXT_TEXT = /^\s*(next|next page|older|more|suivant|siguiente|próxima|weiter|›|»|→|>)\s*[›»→>]?\s*$/i;

function absolute(href: string | undefined, base: string): string | undefined {
  if (!href) return undefined;
  try {
    const url = new URL(href, base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    url.hash = '';
    return url.href;
  } catch {
    return undefined;
  }
}

/** The next listing page: the configured selector, else rel=next (link or a), else a link reading "next". */
export function nextPageOf($: CheerioAPI, pageUrl: string, rules: ListingRules = {}): string | undefined {
  const candidates = [
    rules.nextSelector ? $(rules.nextSelector).first().attr('href') : undefined,
    $('link[rel~="next"]').first().attr('href'),
    $('a[rel~="next"]').first().attr('href'),
    $('a')
      .filter((_, a) => NEXT_TEXT.test($(a).text()) || NEXT_TEXT.test($(a).attr('aria-label') ?? ''))
      .first()
      .attr('href'),
  ];
  for (const href of candidates) {
    const url = absolute(href, pageUrl);
    if (url && url !== pageUrl) return url;
  }
  return undefined;
}

/** `?page=N+1` of a page-numbered listing. */
export function nextPageByParam(pageUrl: string, param: string): string {
  const url = new URL(pageUrl);
  const current = Number(url.searchParams.get(param) ?? '1');
  url.searchParams.set(param, String((Number.isFinite(current) ? current : 1) + 1));
  return url.href;
}

/** Links from a listing page to detail pages: the configured selector, else same-site links (filtered by pattern). */
export function detailLinksOf($: CheerioAPI, pageUrl: string, rules: ListingRules = {}): string[] {
  const origin = new URL(pageUrl).origin;
  const pattern = rules.detailUrlPattern ? new RegExp(rules.detailUrlPattern) : undefined;
  const anchors = rules.detailLinkSelector
    ? $(rules.detailLinkSelector)
    : $('a[href]').not('[rel~="next"],[rel~="prev"],nav a,header a,footer a');
  const links = new Set<string>();
  anchors.each((_, a) => {
    const url = absolute($(a).attr('href'), pageUrl);
    if (!url || url === pageUrl) return;
    if (!rules.detailLinkSelector && new URL(url).origin !== origin) return;
    if (pattern && !pattern.test(url)) return;
    if (!pattern && !rules.detailLinkSelector && NEXT_TEXT.test($(a).text())) return;
    links.add(url);
  });
  return [...links];
}
