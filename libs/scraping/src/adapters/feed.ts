import { XMLParser } from 'fast-xml-parser';
import type { FoundAd } from '../normalise';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  // Entities are expanded by hand below; the parser's own expansion is where billion-laughs lives.
  processEntities: false,
  htmlEntities: false,
  isArray: (name) => ['item', 'entry', 'link', 'category', 'url', 'sitemap'].includes(name),
});

/** Parses XML with entity expansion off and DOCTYPE refused: feeds never need either. */
export function parseXml(text: string): Record<string, unknown> {
  if (/<!DOCTYPE[^>]*\[/i.test(text) || /<!ENTITY/i.test(text)) throw new Error('XML with an internal DTD is refused');
  return parser.parse(text) as Record<string, unknown>;
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return XML_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** The text of an element that may carry attributes or be a plain string. */
export function textOf(node: unknown): string | undefined {
  if (node === undefined || node === null) return undefined;
  if (typeof node === 'string' || typeof node === 'number') return decodeXml(String(node)).trim() || undefined;
  if (Array.isArray(node)) return textOf(node[0]);
  if (typeof node === 'object' && '#text' in node) return textOf((node as Record<string, unknown>)['#text']);
  return undefined;
}

const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

export type FeedKind = 'rss' | 'atom';

export function feedKindOf(document: Record<string, unknown>): FeedKind | undefined {
  if (document.rss || document['rdf:RDF']) return 'rss';
  if (document.feed) return 'atom';
  return undefined;
}

/** Ads in an RSS 2.0 (or RSS 1.0) or Atom feed: one per item or entry. */
export function parseFeed(text: string, baseUrl: string): FoundAd[] {
  const document = parseXml(text);
  const kind = feedKindOf(document);
  if (kind === 'rss') {
    const rss = (document.rss ?? document['rdf:RDF']) as Record<string, unknown>;
    const channel = (asArray(rss.channel)[0] ?? {}) as Record<string, unknown>;
    const items = asArray(channel.item ?? rss.item) as Record<string, unknown>[];
    const language = textOf(channel.language);
    return items.map((item) => {
      const link = textOf(item.link);
      const guid = textOf(item.guid);
      const html = textOf(item['content:encoded']) ?? textOf(item.description) ?? '';
      return {
        ...(link ? { url: resolve(link, baseUrl) } : {}),
        ...(guid ? { externalId: guid } : {}),
        ...(textOf(item.title) ? { title: textOf(item.title)! } : {}),
        description: html,
        ...((textOf(item['dc:creator']) ?? textOf(item.author)) ? { company: (textOf(item['dc:creator']) ?? textOf(item.author))! } : {}),
        ...((textOf(item.pubDate) ?? textOf(item['dc:date'])) ? { postedAt: (textOf(item.pubDate) ?? textOf(item['dc:date']))! } : {}),
        ...(language ? { languageHint: language } : {}),
      };
    });
  }
  if (kind === 'atom') {
    const feed = document.feed as Record<string, unknown>;
    const language = (feed['@xml:lang'] as string | undefined) ?? undefined;
    return (asArray(feed.entry) as Record<string, unknown>[]).map((entry) => {
      const links = asArray(entry.link) as Record<string, unknown>[];
      const alternate = links.find((l) => (l['@rel'] ?? 'alternate') === 'alternate') ?? links[0];
      const href = alternate?.['@href'] as string | undefined;
      const author = asArray(entry.author)[0] as Record<string, unknown> | undefined;
      const id = textOf(entry.id);
      const posted = textOf(entry.published) ?? textOf(entry.updated);
      return {
        ...(href ? { url: resolve(href, baseUrl) } : {}),
        ...(id ? { externalId: id } : {}),
        ...(textOf(entry.title) ? { title: textOf(entry.title)! } : {}),
        description: textOf(entry.content) ?? textOf(entry.summary) ?? '',
        ...(author && textOf(author.name) ? { company: textOf(author.name)! } : {}),
        ...(posted ? { postedAt: posted } : {}),
        ...(language ? { languageHint: language } : {}),
      };
    });
  }
  throw new Error('not an RSS or Atom feed');
}

function resolve(link: string, base: string): string {
  try {
    return new URL(link, base).href;
  } catch {
    return link;
  }
}
