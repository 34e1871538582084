// FIXTURE: every ad, site and address below is invented for these tests.
import { load } from 'cheerio';
import { detectType } from './detect';
import { parseWithSelectors } from './html-selectors';
import { nextApiPage, parseApiPage, valueAt, type ApiMapping } from './json-api';
import { parseSitemap } from './sitemap';

const PAGE = 'https://jobs.fixture.invalid/api/jobs';

describe('JSON API adapter', () => {
  const mapping: ApiMapping = {
    itemsPath: 'data.results',
    fields: {
      title: 'name',
      description: 'body.text',
      url: 'links.self',
      externalId: 'id',
      company: 'employer.name',
      location: 'place.city',
      country: 'place.country',
      salary: 'pay',
      employmentType: 'kind',
      postedAt: 'created',
      email: 'contact.email',
      phone: 'contact.phone',
      language: 'lang',
    },
    pagination: { type: 'none' },
  };
  const document = {
    data: {
      results: [
        {
          id: 41,
          name: 'Fixture farm hand',
          body: { text: 'Invented ad: harvest work, housing provided' },
          links: { self: '/jobs/41' },
          employer: { name: 'Fixture Farms' },
          place: { city: 'Almeria', country: 'ES' },
          pay: 900,
          kind: ['seasonal', 'full-time'],
          created: '2026-11-01',
          contact: { email: 'hr@fixture.invalid', phone: '+34 600 000 000' },
          lang: 'es',
        },
        { id: 42, name: '   ', body: { text: '' } },
        { id: 43, name: 'Fixture title only', links: { self: 'http://[bad' } },
      ],
    },
  };

  it('maps every configured field by dotted path and resolves relative URLs', () => {
    const { ads, itemCount } = parseApiPage(document, PAGE, mapping);
    expect(itemCount).toBe(3);
    expect(ads[0]).toEqual({
      description: 'Invented ad: harvest work, housing provided',
      url: 'https://jobs.fixture.invalid/jobs/41',
      externalId: '41',
      title: 'Fixture farm hand',
      company: 'Fixture Farms',
      location: { raw: 'Almeria', country: 'ES' },
      salaryText: '900',
      employmentType: 'seasonal, full-time',
      postedAt: '2026-11-01',
      contacts: { emails: ['hr@fixture.invalid'], phones: ['+34 600 000 000'] },
      languageHint: 'es',
    });
  });

  it('skips items with neither title nor description and drops unusable URLs', () => {
    const { ads } = parseApiPage(document, PAGE, mapping);
    expect(ads.map((ad) => ad.externalId)).toEqual(['41', '43']);
    expect(ads[1]).toEqual({ description: '', externalId: '43', title: 'Fixture title only' });
  });

  it('fails clearly when the items path holds no array', () => {
    expect(() => parseApiPage({ data: {} }, PAGE, mapping)).toThrow('no array at data.results');
    expect(() => parseApiPage({ data: { results: 'x' } }, PAGE, { ...mapping, itemsPath: undefined })).toThrow('the top level');
  });

  it('follows own properties only: __proto__, constructor and prototype paths lead nowhere', () => {
    const hostile = JSON.parse('{"__proto__": {"polluted": "yes"}, "a": {"b": "deep"}}') as unknown;
    expect(valueAt(hostile, 'a.b')).toBe('deep');
    expect(valueAt({}, '__proto__')).toBeUndefined();
    expect(valueAt({}, 'constructor.name')).toBeUndefined();
    expect(valueAt({ x: 'text' }, 'x.length')).toBeUndefined();
    expect(valueAt([], 'constructor.prototype')).toBeUndefined();
    const mapped = parseApiPage({ items: [{ name: 'T', body: 'D' }] }, PAGE, {
      itemsPath: 'items',
      fields: { title: 'name', description: 'body', company: 'constructor.name', location: '__proto__.toString' },
      pagination: { type: 'none' },
    });
    expect(mapped.ads).toEqual([{ description: 'D', title: 'T' }]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  describe('pagination', () => {
    it('page parameter counts up from its start', () => {
      const rule: ApiMapping = { ...mapping, pagination: { type: 'page', param: 'p', start: 1 } };
      expect(nextApiPage({}, `${PAGE}?q=farm`, rule, 20, 0)).toBe(`${PAGE}?q=farm&p=2`);
      expect(nextApiPage({}, `${PAGE}?q=farm&p=2`, rule, 20, 1)).toBe(`${PAGE}?q=farm&p=3`);
    });

    it('offset parameter moves by the page size and stops on a short page', () => {
      const rule: ApiMapping = { ...mapping, pagination: { type: 'offset', param: 'offset', pageSize: 50 } };
      expect(nextApiPage({}, PAGE, rule, 50, 0)).toBe(`${PAGE}?offset=50`);
      expect(nextApiPage({}, `${PAGE}?offset=50`, rule, 50, 1)).toBe(`${PAGE}?offset=100`);
      expect(nextApiPage({}, PAGE, rule, 49, 0)).toBeUndefined();
    });

    it('next-url follows the link in the document, resolved against the page', () => {
      const rule: ApiMapping = { ...mapping, pagination: { type: 'next-url', path: 'paging.next' } };
      expect(nextApiPage({ paging: { next: '/api/jobs?cursor=abc' } }, PAGE, rule, 10, 0)).toBe(
        'https://jobs.fixture.invalid/api/jobs?cursor=abc',
      );
      expect(nextApiPage({ paging: {} }, PAGE, rule, 10, 0)).toBeUndefined();
      expect(nextApiPage({ paging: { next: 'http://[bad' } }, PAGE, rule, 10, 0)).toBeUndefined();
    });

    it('stops on an empty page and when there is no pagination', () => {
      expect(nextApiPage({}, PAGE, { ...mapping, pagination: { type: 'page', param: 'p', start: 1 } }, 0, 3)).toBeUndefined();
      expect(nextApiPage({}, PAGE, mapping, 20, 0)).toBeUndefined();
    });
  });
});

describe('HTML CSS-selector adapter', () => {
  const listing = `<html><body><ul>
    <li class="job"><h2>Fixture cleaner</h2><div class="desc"><p>Invented ad. <b>Cash</b> daily.</p></div>
      <span class="co">Fixture Clean Ltd</span><span class="loc"> Leeds,
      UK </span><span class="pay">£500</span><time datetime="2026-11-02">2 Nov</time>
      <a class="more" href="/job/7">more</a><a class="mail" href="mailto:jobs@fixture.invalid">mail</a><a class="tel" href="tel:+440000">call</a></li>
    <li class="job"><h2>Fixture porter</h2><div class="desc">Plain invented text</div><a class="more" href="javascript:alert(1)">x</a></li>
    <li class="job"><h2></h2><div class="desc"></div></li>
  </ul></body></html>`;
  const rules = {
    item: 'li.job',
    title: 'h2',
    description: '.desc',
    company: '.co',
    location: '.loc',
    salary: '.pay',
    postedAt: 'time',
    link: 'a.more',
    email: 'a.mail',
    phone: 'a.tel',
  };

  it('reads one ad per item with every selector', () => {
    const ads = parseWithSelectors(load(listing), 'https://board.fixture.invalid/list', rules);
    expect(ads).toHaveLength(2);
    expect(ads[0]).toEqual({
      description: 'Invented ad. Cash daily.',
      descriptionHtml: '<p>Invented ad. <b>Cash</b> daily.</p>',
      url: 'https://board.fixture.invalid/job/7',
      title: 'Fixture cleaner',
      company: 'Fixture Clean Ltd',
      location: { raw: 'Leeds, UK' },
      salaryText: '£500',
      postedAt: '2026-11-02',
      contacts: { emails: ['jobs@fixture.invalid'], phones: ['+440000'] },
    });
  });

  it('keeps plain descriptions as text and drops non-http links', () => {
    const ads = parseWithSelectors(load(listing), 'https://board.fixture.invalid/list', rules);
    expect(ads[1]).toEqual({ description: 'Plain invented text', title: 'Fixture porter' });
  });

  it('treats the whole page as one ad at its own URL without an item selector', () => {
    const page = '<html><body><h1>Fixture nanny</h1><article>Invented live-in job</article></body></html>';
    const ads = parseWithSelectors(load(page), 'https://board.fixture.invalid/job/9', { title: 'h1', description: 'article' });
    expect(ads).toEqual([{ description: 'Invented live-in job', url: 'https://board.fixture.invalid/job/9', title: 'Fixture nanny' }]);
  });
});

describe('sitemap adapter', () => {
  it('reads a urlset with last-modified dates, keeping only http(s) locations', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>https://board.fixture.invalid/job/1</loc><lastmod>2026-11-01</lastmod></url>
  <url><loc> https://board.fixture.invalid/job/2 </loc></url>
  <url><loc>file:///etc/passwd</loc></url>
  <url><loc>javascript:alert(1)</loc></url>
</urlset>`;
    expect(parseSitemap(xml)).toEqual({
      sitemaps: [],
      pages: [{ url: 'https://board.fixture.invalid/job/1', lastModified: '2026-11-01' }, { url: 'https://board.fixture.invalid/job/2' }],
    });
  });

  it('reads a sitemap index, a single-entry one included', () => {
    const index = `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://board.fixture.invalid/sitemap-1.xml</loc></sitemap>
  <sitemap><loc>https://board.fixture.invalid/sitemap-2.xml</loc><lastmod>2026-11-01</lastmod></sitemap>
</sitemapindex>`;
    expect(parseSitemap(index)).toEqual({
      sitemaps: ['https://board.fixture.invalid/sitemap-1.xml', 'https://board.fixture.invalid/sitemap-2.xml'],
      pages: [],
    });
    const single = '<sitemapindex><sitemap><loc>https://board.fixture.invalid/only.xml</loc></sitemap></sitemapindex>';
    expect(parseSitemap(single).sitemaps).toEqual(['https://board.fixture.invalid/only.xml']);
    const oneUrl = '<urlset><url><loc>https://board.fixture.invalid/job/1</loc></url></urlset>';
    expect(parseSitemap(oneUrl).pages).toEqual([{ url: 'https://board.fixture.invalid/job/1' }]);
  });

  it('refuses a document that is not a sitemap', () => {
    expect(() => parseSitemap('<rss><channel></channel></rss>')).toThrow('not a sitemap');
  });
});

describe('type auto-detection', () => {
  const emscadHeader =
    'job_id,title,location,department,salary_range,company_profile,description,requirements,benefits,telecommuting,has_company_logo,has_questions,employment_type,required_experience,required_education,industry,function,fraudulent';

  it.each([
    ['rss', '<?xml version="1.0"?>\n<!-- fixture -->\n<rss version="2.0"><channel/></rss>', ''],
    ['rss', '<rdf:RDF xmlns:rdf="x"></rdf:RDF>', ''],
    ['atom', '\uFEFF<feed xmlns="http://www.w3.org/2005/Atom"></feed>', ''],
    ['sitemap', '<?xml version="1.0"?><urlset></urlset>', ''],
    ['sitemap', '<sitemapindex></sitemapindex>', ''],
    ['bulk', '{"schemaVersion":1}\n{"schemaVersion":1}\n', 'application/x-ndjson'],
    ['bulk', `${emscadHeader}\n1,Fixture,,,,,,,,0,0,0,,,,,,0\n`, 'text/csv'],
    ['bulk', `${emscadHeader}\n`, 'application/octet-stream'],
    ['jsonld', '<!doctype html><html><head></head><body>Fixture</body></html>', 'text/html'],
    ['jsonld', 'a,b,c\n1,2,3\n', 'text/csv'],
    ['jsonld', '<feedback>not a feed</feedback>', ''],
  ])('%s for %j', (expected, body, contentType) => {
    expect(detectType(body, contentType)).toBe(expected);
  });
});
