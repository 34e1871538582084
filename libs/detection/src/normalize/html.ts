import { Mapped, MappedBuilder } from './mapped';

export const BLOCK_TAGS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'dd',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tbody',
  'td',
  'th',
  'thead',
  'tr',
  'ul',
]);
export const SKIPPED_TAGS = new Set(['script', 'style', 'noscript', 'template', 'head', 'svg']);

export const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  rsquo: '’',
  lsquo: '‘',
  rdquo: '”',
  ldquo: '“',
  euro: '€',
  pound: '£',
  yen: '¥',
  cent: '¢',
  copy: '©',
  reg: '®',
  trade: '™',
  bull: '•',
  middot: '·',
  times: '×',
  deg: '°',
  zwj: '\u200d',
  zwnj: '\u200c',
  shy: '\u00ad',
};

/** Plain text of HTML with a map back to HTML offsets: tags and scripts dropped, entities decoded. */
export function htmlToMapped(html: string): Mapped {
  const b = new MappedBuilder(html.length);
  let lower: string | undefined; // lower-cased html, made once if a skipped tag needs its end tag found
  let i = 0;
  while (i < html.length) {
    // plain text up to the next tag or entity, copied in one go
    MARKUP.lastIndex = i;
    const next = MARKUP.exec(html)?.index ?? html.length;
    if (next > i) {
      b.pushText(html, i, next);
      i = next;
      if (i >= html.length) break;
    }
    const ch = html[i] ?? '';
    if (ch === '<') {
      const close = html.indexOf('>', i + 1);
      if (close < 0) break;
      if (html.startsWith('<!--', i)) {
        const end = html.indexOf('-->', i + 4);
        i = end < 0 ? html.length : end + 3;
        continue;
      }
      const name = tagName(html, i, Math.min(close + 1, i + 40));
      const closing = html[i + 1] === '/';
      if (!closing && SKIPPED_TAGS.has(name)) {
        lower ??= html.toLowerCase();
        const endTag = lower.indexOf(`</${name}`, close);
        const after = endTag < 0 ? -1 : html.indexOf('>', endTag);
        i = after < 0 ? html.length : after + 1;
        continue;
      }
      if (BLOCK_TAGS.has(name)) b.push('\n', i, close + 1);
      i = close + 1;
      continue;
    }
    if (ch === '&') {
      const m = /^&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,8});?/.exec(html.slice(i, i + 12));
      if (m) {
        const body = m[1] ?? '';
        let decoded: string | undefined;
        if (body.startsWith('#x') || body.startsWith('#X')) decoded = fromCode(parseInt(body.slice(2), 16));
        else if (body.startsWith('#')) decoded = fromCode(parseInt(body.slice(1), 10));
        else decoded = NAMED_ENTITIES[body.toLowerCase()];
        if (decoded !== undefined) {
          b.push(decoded, i, i + m[0].length);
          i += m[0].length;
          continue;
        }
      }
    }
    b.push(ch, i, i + 1);
    i++;
  }
  return b.build();
}

const MARKUP = /[<&]/g;
const TAG_NAME = /<\/?\s*([a-zA-Z][a-zA-Z0-9]*)/y;

/** Lower-cased name of the tag opening at `at`, read within html[at, limit) ('' when none). */
function tagName(html: string, at: number, limit: number): string {
  TAG_NAME.lastIndex = at;
  const m = TAG_NAME.exec(html);
  if (m && TAG_NAME.lastIndex <= limit) return (m[1] ?? '').toLowerCase();
  // the name runs past the limit: read it the way a cut-off copy would
  return /^<\/?\s*([a-zA-Z][a-zA-Z0-9]*)/.exec(html.slice(at, limit))?.[1]?.toLowerCase() ?? '';
}

function fromCode(code: number): string {
  if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(code);
}
