import { sniffFormat } from '@lantern/ad-io';

export type DetectedType = 'rss' | 'atom' | 'sitemap' | 'jsonld' | 'bulk';

/**
 * Which adapter fits a fetched document: feeds and sitemaps by their root element, JSON lines or an
 * EMSCAD CSV as a bulk file, anything else as an HTML page (JSON-LD, following its links if it has none).
 */
export function detectType(body: string, contentType = ''): DetectedType {
  const head = body
    .slice(0, 4096)
    .replace(/^\uFEFF/, '')
    .trimStart();
  const withoutProlog = head.replace(/^<\?xml[^>]*\?>\s*/i, '').replace(/^(<!--[\s\S]*?-->\s*)+/, '');
  if (/^<rss[\s>]/i.test(withoutProlog) || /^<rdf:RDF[\s>]/i.test(withoutProlog)) return 'rss';
  if (/^<feed[\s>]/i.test(withoutProlog)) return 'atom';
  if (/^<(urlset|sitemapindex)[\s>]/i.test(withoutProlog)) return 'sitemap';
  if (/json|ndjson|csv/i.test(contentType) || head.startsWith('{')) {
    if (sniffFormat(head)) return 'bulk';
  }
  if (!head.startsWith('<') && sniffFormat(head)) return 'bulk';
  return 'jsonld';
}
