// FIXTURE: invented robots.txt files for an invented site.
import { isAllowedBy, robotsVerdict } from './robots';

const SITE = 'https://board.fixture.invalid';
const allowed = (body: string, path: string, agent = 'LanternBot') =>
  isAllowedBy(robotsVerdict(`${SITE}/robots.txt`, 200, body, agent), `${SITE}${path}`);

describe('robots.txt rules (RFC 9309)', () => {
  it('the longest matching rule wins, whichever comes first', () => {
    const body = 'User-agent: *\nDisallow: /jobs\nAllow: /jobs/public\n';
    expect(allowed(body, '/jobs/public/1')).toBe(true);
    expect(allowed(body, '/jobs/private/1')).toBe(false);
    const reversed = 'User-agent: *\nAllow: /jobs/public\nDisallow: /jobs\n';
    expect(allowed(reversed, '/jobs/public/1')).toBe(true);
    const deeper = 'User-agent: *\nAllow: /jobs\nDisallow: /jobs/admin\n';
    expect(allowed(deeper, '/jobs/admin/x')).toBe(false);
    expect(allowed(deeper, '/jobs/x')).toBe(true);
  });

  it('allow wins a tie between equally long rules', () => {
    expect(allowed('User-agent: *\nDisallow: /page\nAllow: /page\n', '/page')).toBe(true);
    expect(allowed('User-agent: *\nAllow: /page\nDisallow: /page\n', '/page')).toBe(true);
  });

  it('"*" matches any run of characters and "$" anchors the end', () => {
    const body = 'User-agent: *\nDisallow: /*.pdf$\nDisallow: /search*q=\n';
    expect(allowed(body, '/files/cv.pdf')).toBe(false);
    expect(allowed(body, '/files/cv.pdf?download=1')).toBe(true);
    expect(allowed(body, '/files/cv.pdfx')).toBe(true);
    expect(allowed(body, '/search?page=2&q=driver')).toBe(false);
    expect(allowed(body, '/search?page=2')).toBe(true);
    expect(allowed('User-agent: *\nDisallow: /$\n', '/')).toBe(false);
    expect(allowed('User-agent: *\nDisallow: /$\n', '/jobs')).toBe(true);
  });

  it('an empty Disallow allows everything; "Disallow: /" allows nothing', () => {
    expect(allowed('User-agent: *\nDisallow:\n', '/anything')).toBe(true);
    expect(allowed('User-agent: *\nDisallow: /\n', '/anything')).toBe(false);
    expect(allowed('', '/anything')).toBe(true);
  });

  it('our own group replaces the * group, matched case-insensitively', () => {
    const body = 'User-agent: *\nDisallow: /\n\nUser-agent: lanternbot\nDisallow: /private\n';
    expect(allowed(body, '/jobs')).toBe(true);
    expect(allowed(body, '/private/x')).toBe(false);
    expect(allowed(body, '/jobs', 'OtherBot')).toBe(false);
  });

  it("groups listing several agents apply to each, and other agents' groups are ignored", () => {
    const body = 'User-agent: OtherBot\nUser-agent: LanternBot\nDisallow: /shared\n\nUser-agent: ThirdBot\nDisallow: /\n';
    expect(allowed(body, '/shared/1')).toBe(false);
    expect(allowed(body, '/jobs')).toBe(true);
  });

  it('percent-encoding in rules and paths compares equal', () => {
    expect(allowed('User-agent: *\nDisallow: /caf%C3%A9\n', '/café')).toBe(false);
  });

  it('reads crawl-delay and sitemaps', () => {
    const verdict = robotsVerdict(
      `${SITE}/robots.txt`,
      200,
      'User-agent: *\nCrawl-delay: 5\nSitemap: https://board.fixture.invalid/s.xml\n',
      'LanternBot',
    );
    expect(verdict).toMatchObject({ kind: 'rules', crawlDelaySeconds: 5, sitemaps: ['https://board.fixture.invalid/s.xml'] });
  });

  it.each([
    [404, 'allow-all'],
    [403, 'allow-all'],
    [410, 'allow-all'],
    [500, 'disallow-all'],
    [503, 'disallow-all'],
    [undefined, 'disallow-all'],
  ] as const)('status %s: %s', (status, kind) => {
    const verdict = robotsVerdict(`${SITE}/robots.txt`, status, 'User-agent: *\nDisallow: /\n', 'LanternBot');
    expect(verdict.kind).toBe(kind);
    expect(isAllowedBy(verdict, `${SITE}/jobs`)).toBe(kind === 'allow-all');
  });

  it('only the first 500 KiB are parsed', () => {
    const padding = `# ${'x'.repeat(510 * 1024)}\n`;
    expect(allowed(`User-agent: *\n${padding}Disallow: /late\n`, '/late')).toBe(true);
  });
});
