import { BLOCK_TAGS, htmlToMapped, NAMED_ENTITIES, SKIPPED_TAGS } from './html';
import { Mapped } from './mapped';

// htmlToMapped copies plain runs in one go and reads tag names in place; this is the character-at-a-time form.
function referenceHtmlToMapped(html: string): Mapped {
  const text: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const push = (chars: string, start: number, end: number) => {
    for (const unit of chars.split('')) {
      text.push(unit);
      starts.push(start);
      ends.push(end);
    }
  };
  const fromCode = (code: number) =>
    !Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? '\ufffd' : String.fromCodePoint(code);
  let i = 0;
  while (i < html.length) {
    const ch = html[i] ?? '';
    if (ch === '<') {
      const close = html.indexOf('>', i + 1);
      if (close < 0) break;
      if (html.startsWith('<!--', i)) {
        const end = html.indexOf('-->', i + 4);
        i = end < 0 ? html.length : end + 3;
        continue;
      }
      const name = /^<\/?\s*([a-zA-Z][a-zA-Z0-9]*)/.exec(html.slice(i, Math.min(close + 1, i + 40)))?.[1]?.toLowerCase() ?? '';
      if (html[i + 1] !== '/' && SKIPPED_TAGS.has(name)) {
        const endTag = html.toLowerCase().indexOf(`</${name}`, close);
        const after = endTag < 0 ? -1 : html.indexOf('>', endTag);
        i = after < 0 ? html.length : after + 1;
        continue;
      }
      if (BLOCK_TAGS.has(name)) push('\n', i, close + 1);
      i = close + 1;
      continue;
    }
    if (ch === '&') {
      const m = /^&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,8});?/.exec(html.slice(i, i + 12));
      const body = m?.[1] ?? '';
      const decoded = !m
        ? undefined
        : body.startsWith('#x') || body.startsWith('#X')
          ? fromCode(parseInt(body.slice(2), 16))
          : body.startsWith('#')
            ? fromCode(parseInt(body.slice(1), 10))
            : NAMED_ENTITIES[body.toLowerCase()];
      if (m && decoded !== undefined) {
        push(decoded, i, i + m[0].length);
        i += m[0].length;
        continue;
      }
    }
    push(ch, i, i + 1);
    i++;
  }
  return { text: text.join(''), starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}

const PIECES = [
  'Free visa ',
  'x',
  ' ',
  '<p>',
  '</p>',
  '<br/>',
  '< div class="a">',
  '<SCRIPT>',
  '</script>',
  '<style>',
  '</Style >',
  '<!-- note -->',
  '<!--',
  '-->',
  '<',
  '>',
  '&amp;',
  '&AMP',
  '&#x1F600;',
  '&#65;',
  '&#xD800;',
  '&nbsp;',
  '&bogus;',
  '&',
  '<abcdefghijabcdefghijabcdefghijabcdefghij>',
  '<          script>',
  `<${' '.repeat(45)}script>`,
  'İ',
  '😀',
  '\ud800',
];

describe('htmlToMapped', () => {
  it('agrees with the character-at-a-time form on random markup', () => {
    let state = 3;
    const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) >>> 8;
    for (let t = 0; t < 20_000; t++) {
      let html = '';
      const length = next() % 14;
      for (let k = 0; k < length; k++) html += PIECES[next() % PIECES.length];
      const fast = htmlToMapped(html);
      const slow = referenceHtmlToMapped(html);
      expect([html, fast.text, [...fast.starts], [...fast.ends]]).toEqual([html, slow.text, [...slow.starts], [...slow.ends]]);
    }
  });
});
