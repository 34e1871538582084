import { createDetector } from './detector';
import type { AdInput } from './types';

const detector = createDetector({ linkKey: 'k' });
const base = { schemaVersion: 1 as const, id: 'r-1', source: 'test', scrapedAt: '2026-01-01T00:00:00Z', contentHash: 'a'.repeat(64) };

function timed(ad: AdInput): { ms: number; level: string } {
  const start = process.hrtime.bigint();
  const d = detector.score(ad);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  expect(d.risk.score).toBeGreaterThanOrEqual(0);
  expect(d.risk.score).toBeLessThanOrEqual(100);
  for (const hit of d.indicators) expect(hit.evidence.length).toBeLessThanOrEqual(5);
  return { ms, level: d.risk.level };
}

const random = (n: number, seed: number, alphabet: string) => {
  let x = seed;
  let s = '';
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    s += alphabet[x % alphabet.length];
  }
  return s;
};

describe('robustness', () => {
  beforeAll(() => detector.score({ ...base, description: 'warm up the caches and compiled patterns' }));

  const cases: Array<[string, Partial<AdInput> & { description: string }]> = [
    ['an empty description with a title', { title: 'Job', description: '' }],
    ['white space only', { title: ' ', description: ' '.repeat(10_000) }],
    ['ten thousand spaces between words', { description: `free${' '.repeat(10_000)}visa` }],
    ['one character repeated', { description: 'a'.repeat(50_000) }],
    ['single letters separated by spaces', { description: 'a '.repeat(25_000) }],
    ['dots and letters', { description: 'w.'.repeat(25_000) }],
    ['digits and separators', { description: '1 '.repeat(25_000) }],
    ['a long run of digits', { description: '9'.repeat(50_000) }],
    ['binary-looking text', { description: random(20_000, 7, '\u0000\u0001\u0002\ufffd\u0007\u001b\u00ffabc') }],
    ['combining marks flood', { description: `e${'\u0301'.repeat(20_000)}` }],
    ['zero-width flood', { description: `visa${'\u200b'.repeat(20_000)}free` }],
    ['emoji flood', { description: '🔥✈️💰'.repeat(5_000) }],
    ['mixed scripts garbage', { description: random(30_000, 11, 'aбءअ১ 0.@$-/\n') }],
    ['repeated indicator phrases', { description: 'No experience needed. Free visa and ticket. Contact only via WhatsApp. '.repeat(600) }],
    ['unclosed HTML', { description: '', descriptionHtml: '<div><p>Free visa<script>' + 'x'.repeat(50_000) }],
    ['many tags', { description: '', descriptionHtml: '<b>w</b>'.repeat(20_000) }],
    ['money-like runs', { description: '$1,000,000,000,000 '.repeat(2_000) }],
    ['lone surrogates', { description: '\ud800abc\udc00'.repeat(5_000) }],
  ];

  it.each(cases)('scores %s quickly without throwing', (_name, fields) => {
    const { ms } = timed({ ...base, ...fields });
    expect(ms).toBeLessThan(1_500);
  });

  it('scores a 50 KB realistic description within bounds', () => {
    const paragraph =
      'We are a logistics company looking for warehouse operatives for day and night shifts. Duties include picking, ' +
      'packing and loading vehicles. Full training is provided and overtime is paid at premium rates. ';
    const { ms, level } = timed({ ...base, title: 'Warehouse operative', description: paragraph.repeat(250).slice(0, 50_000) });
    expect(ms).toBeLessThan(1_500);
    expect(level).toBe('low');
  });
});
