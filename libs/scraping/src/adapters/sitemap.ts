import { parseXml, textOf } from './feed';

export interface SitemapEntries {
  /** Nested sitemaps (a sitemap index). */
  sitemaps: string[];
  pages: { url: string; lastModified?: string }[];
}

/** Reads a sitemap (urlset) or a sitemap index; only http(s) locations are kept. */
export function parseSitemap(text: string): SitemapEntries {
  const document = parseXml(text);
  const urlset = document.urlset as Record<string, unknown> | undefined;
  const index = document.sitemapindex as Record<string, unknown> | undefined;
  if (!urlset && !index) throw new Error('not a sitemap');
  const locations = (entries: unknown) =>
    (Array.isArray(entries) ? entries : [])
      .map((entry: Record<string, unknown>) => ({ url: textOf(entry.loc), lastModified: textOf(entry.lastmod) }))
      .filter((entry): entry is { url: string; lastModified: string | undefined } => !!entry.url && /^https?:\/\//i.test(entry.url));
  return {
    sitemaps: index ? locations(index.sitemap).map((e) => e.url) : [],
    pages: urlset ? locations(urlset.url).map((e) => (e.lastModified ? { url: e.url, lastModified: e.lastModified } : { url: e.url })) : [],
  };
}
