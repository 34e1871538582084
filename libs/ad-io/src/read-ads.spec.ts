import { Readable } from 'node:stream';
import { readAds, sniffFormat } from './read-ads';
import { readLines } from './lines';

// Invented fixtures.
const csv = [
  'job_id,title,location,department,salary_range,company_profile,description,requirements,benefits,telecommuting,has_company_logo,has_questions,employment_type,required_experience,required_education,industry,function,fraudulent',
  '11,Night Porter,"US, NY, New York",,,,"Hotel needs a porter, nights.",,,0,1,1,Full-time,,,Hospitality,,0',
  '12,Data Entry,,,,,"Earn $900 a week from home!!",,,1,0,0,,,,,,1',
  '13,,,,,,,,,0,0,0,,,,,,0',
].join('\n');

const jsonAd = (id: string, extra: object = {}) =>
  JSON.stringify({
    schemaVersion: 1,
    id,
    source: 'test',
    description: 'Cleaner wanted for an office in Leeds.',
    scrapedAt: '2025-01-01T00:00:00Z',
    contentHash: 'a'.repeat(64),
    ...extra,
  });

async function all<T>(gen: AsyncGenerator<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of gen) out.push(item);
  return out;
}

describe('sniffFormat', () => {
  it('tells JSON lines from EMSCAD CSV and refuses other text', () => {
    expect(sniffFormat('\n  {"a":1}')).toBe('jsonl');
    expect(sniffFormat(csv)).toBe('emscad-csv');
    expect(sniffFormat('name,age\nx,1')).toBeUndefined();
  });
});

describe('readAds', () => {
  it('reads an EMSCAD CSV with labels and reports rows that are no ads', async () => {
    const items = await all(readAds(Readable.from([Buffer.from(csv)])));
    expect(items).toHaveLength(3);
    expect(items[0]).toMatchObject({ ok: true, line: 2, label: 0, ad: { id: '11', location: { country: 'US' } } });
    expect(items[1]).toMatchObject({ ok: true, line: 3, label: 1, ad: { id: '12', attributes: { telecommuting: true } } });
    expect(items[2]).toMatchObject({ ok: false, line: 4 });
  });

  it('validates JSON lines and names the line of each failure', async () => {
    const text = [jsonAd('a1', { label: 1 }), '', 'not json', jsonAd('bad id!'), jsonAd('a2')].join('\n') + '\n';
    const items = await all(readAds(text));
    expect(items.map((i) => (i.ok ? `${i.line}:${i.ad.id}:${i.label ?? '-'}` : `${i.line}:error`))).toEqual([
      '1:a1:1',
      '3:error',
      '4:error',
      '5:a2:-',
    ]);
    const failure = items[2];
    expect(failure && !failure.ok && failure.reason).toMatch(/^not a raw ad: id/);
  });

  it('refuses unknown formats and accepts empty input', async () => {
    await expect(all(readAds('x,y\n1,2\n'))).rejects.toThrow(/unrecognised input/);
    await expect(all(readAds(''))).resolves.toEqual([]);
  });
});

describe('readLines', () => {
  it('skips an over-long line with an error and goes on', async () => {
    const lines = await all(readLines(Readable.from(['short\r\n', 'x'.repeat(30), 'y'.repeat(30), '\nok']), 40));
    expect(lines).toEqual([
      { ok: true, text: 'short', line: 1 },
      { ok: false, line: 2, reason: 'line longer than 40 characters' },
      { ok: true, text: 'ok', line: 3 },
    ]);
  });
});
