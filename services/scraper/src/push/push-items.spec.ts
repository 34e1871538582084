// FIXTURE: every item below is invented for this test.
import { rawAdV1 } from '@lantern/contracts';
import { buildRawAd } from '@lantern/scraping';
import { MAX_PUSH_ITEMS, PushBodyError, pushedItemsOf, pushSourceOf, rawAdOfPushed } from './push-items';

const now = new Date('2026-11-29T04:00:00Z');
const item = { url: 'https://partner.example.org/ad/7', title: 'Fixture kitchen porter', description: 'Invented ad text.' };

describe('pushed items', () => {
  it('reads one object, an array, or JSON lines (skipping blank lines, reporting bad ones)', () => {
    expect(pushedItemsOf(item, false)).toEqual([{ value: item }]);
    expect(pushedItemsOf([item, 3], false)).toEqual([{ value: item }, { value: 3 }]);
    expect(pushedItemsOf(`${JSON.stringify(item)}\n\n{broken\n`, true)).toEqual([{ value: item }, { error: 'not a JSON line' }]);
  });

  it('refuses empty bodies and more than the item limit', () => {
    expect(() => pushedItemsOf({}, false)).toThrow(PushBodyError);
    expect(() => pushedItemsOf([], false)).toThrow(/no items/);
    expect(() => pushedItemsOf('', true)).toThrow(/no items/);
    expect(() => pushedItemsOf(item, true)).toThrow(/x-ndjson/);
    const tooMany = Array.from({ length: MAX_PUSH_ITEMS + 1 }, () => item);
    expect(() => pushedItemsOf(tooMany, false)).toThrow(expect.objectContaining({ tooLarge: true }));
    expect(() => pushedItemsOf(tooMany.map((i) => JSON.stringify(i)).join('\n'), true)).toThrow(
      expect.objectContaining({ tooLarge: true }),
    );
    expect(pushedItemsOf(tooMany.slice(1), false)).toHaveLength(MAX_PUSH_ITEMS);
  });

  it('builds a partner item under the push source, with a stable id', () => {
    const built = rawAdOfPushed({ value: item }, 'push:partner-a', now);
    if (!('ad' in built)) throw new Error(built.error);
    expect(built.ad).toMatchObject({ source: 'push:partner-a', title: 'Fixture kitchen porter', scrapedAt: now.toISOString() });
    expect(rawAdV1.parse(built.ad)).toEqual(built.ad);
    const again = rawAdOfPushed({ value: item }, 'push:partner-a', new Date('2026-11-30T00:00:00Z'));
    expect('ad' in again && again.ad.id).toBe(built.ad.id);
    expect('ad' in again && again.ad.contentHash).toBe(built.ad.contentHash);
  });

  it('takes a full raw-ad message as it is, and refuses an invalid one', () => {
    const message = buildRawAd('partner-feed', item, now);
    expect(rawAdOfPushed({ value: message }, 'push:partner-a', now)).toEqual({ ad: message });
    const bad = rawAdOfPushed({ value: { ...message, contentHash: 'nope' } }, 'push:partner-a', now);
    expect('error' in bad && bad.error).toMatch(/contentHash/);
  });

  it.each<[string, unknown, RegExp]>([
    ['a non-object', 'text', /JSON object/],
    ['an array', [item], /JSON object/],
    ['no description', { title: 'Fixture' }, /description/],
    ['an unknown field', { ...item, script: '<script>' }, /script/],
    ['a wrong type', { ...item, title: 42 }, /title/],
    ['an over-long title', { ...item, title: 'x'.repeat(1001) }, /title/],
    ['nothing to read', { description: '   ' }, /title or a description/],
  ])('rejects %s with a reason', (_what, value, reason) => {
    const result = rawAdOfPushed({ value }, 'push:partner-a', now);
    expect('error' in result && result.error).toMatch(reason);
  });

  it('passes on the reason of a line that was not JSON', () => {
    expect(rawAdOfPushed({ error: 'not a JSON line' }, 'push:p', now)).toEqual({ error: 'not a JSON line' });
  });

  it('names the push source after the key, safely', () => {
    expect(pushSourceOf('Partner NGO (Spain)')).toBe('push:partner-ngo-spain');
    expect(pushSourceOf('!!!')).toBe('push:unnamed');
    expect(pushSourceOf('a'.repeat(300)).length).toBeLessThanOrEqual(100);
  });
});
