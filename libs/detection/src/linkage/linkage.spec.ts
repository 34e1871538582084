import { createDetector } from '../detector';
import type { AdInput, LinkKeys } from '../types';
import { contactKey, hammingDistance, simhash64 } from './keys';
import { MemoryLinkageStore } from './memory-linkage-store';

const DAY = 86_400_000;
const t0 = new Date('2026-03-01T00:00:00Z');
const at = (days: number) => new Date(t0.getTime() + days * DAY);

describe('contactKey', () => {
  it('is a keyed HMAC over kind and value', () => {
    const a = contactKey('secret', 'phone', '+971501234567');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(contactKey('secret', 'phone', '+971501234567')).toBe(a);
    expect(contactKey('other', 'phone', '+971501234567')).not.toBe(a);
    expect(contactKey('secret', 'email', '+971501234567')).not.toBe(a);
  });
});

describe('simhash64', () => {
  const text =
    'we are hiring warehouse staff for our site in the north, shifts of eight hours, free uniform, ' +
    'weekly pay and paid holidays, apply with your cv at the front desk or through the website';
  it('gives near-identical texts a small distance and different texts a large one', () => {
    const a = simhash64(text);
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(hammingDistance(a, simhash64(text))).toBe(0);
    expect(hammingDistance(a, simhash64(text.replace('north', 'south')))).toBeLessThanOrEqual(12);
    const other = simhash64(
      'teachers wanted for a language school, two years of experience, degree required, contract of one year with holidays',
    );
    expect(hammingDistance(a, other)).toBeGreaterThan(12);
  });

  it('handles empty and short texts', () => {
    expect(simhash64('')).toBe('0000000000000000');
    expect(simhash64('hello')).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('MemoryLinkageStore', () => {
  const keys = (contacts: string[], textSimhash = '0123456789abcdef'): LinkKeys => ({ contacts, textSimhash });

  it('counts ads, sources and countries per contact within the window', async () => {
    const store = new MemoryLinkageStore();
    await store.record('a1', keys(['phone:x']), { source: 's1', country: 'AE' }, at(0));
    await store.record('a2', keys(['phone:x']), { source: 's2', country: 'QA' }, at(1));
    await store.record('a3', keys(['phone:x']), { source: 's2', country: 'MY', city: 'KL' }, at(2));
    await store.record('old', keys(['phone:x']), { source: 's3', country: 'TH' }, at(-40));
    const snap = await store.lookup('a3', keys(['phone:x', 'phone:unseen']), at(2));
    expect(snap.contacts).toEqual([{ key: 'phone:x', adIds: ['a1', 'a2', 'a3'], sources: 2, countries: ['AE', 'MY', 'QA'], cities: 1 }]);
  });

  it('finds near-duplicates by SimHash distance <= 3 across sources', async () => {
    const store = new MemoryLinkageStore();
    await store.record('d1', keys([], 'ffffffffffffffff'), { source: 's1' }, at(0));
    await store.record('d2', keys([], 'fffffffffffffff8'), { source: 's2' }, at(0)); // 1 bit
    await store.record('d3', keys([], 'ffff0000ffffffff'), { source: 's3' }, at(0)); // 16 bits
    const snap = await store.lookup('new', keys([], 'fffffffffffffff1'), at(1));
    expect(snap.nearDuplicates.adIds.sort()).toEqual(['d1', 'd2']);
    expect(snap.nearDuplicates.sources).toBe(2);
  });

  it('re-records an ad without double counting and prunes old entries', async () => {
    const store = new MemoryLinkageStore({ windowMs: 10 * DAY });
    await store.record('a', keys(['email:y']), { source: 's' }, at(0));
    await store.record('a', keys(['email:y']), { source: 's' }, at(1));
    expect((await store.lookup('b', keys(['email:y']), at(2))).contacts[0]?.adIds).toEqual(['a']);
    expect((await store.lookup('b', keys(['email:y']), at(20))).contacts).toEqual([]);
    expect(store.prune(at(20))).toBe(1);
    expect(store.size).toBe(0);
  });

  it('lists a re-recorded ad last and keeps the recent ads of a list it prunes', async () => {
    const store = new MemoryLinkageStore({ windowMs: 10 * DAY });
    const hash = 'ffffffffffffffff';
    await store.record('old', keys(['phone:z'], hash), { source: 's1' }, at(0));
    await store.record('a', keys(['phone:z'], hash), { source: 's2' }, at(8));
    await store.record('b', keys(['phone:z'], hash), { source: 's3' }, at(9));
    await store.record('a', keys(['phone:z'], hash), { source: 's2' }, at(9));
    expect((await store.lookup('c', keys(['phone:z'], hash), at(9))).contacts[0]?.adIds).toEqual(['old', 'b', 'a']);
    expect(store.prune(at(15))).toBe(1);
    const snap = await store.lookup('c', keys(['phone:z'], hash), at(15));
    expect(snap.contacts[0]?.adIds).toEqual(['b', 'a']);
    expect(snap.nearDuplicates).toEqual({ adIds: ['b', 'a'], sources: 2 });
  });
});

describe('linkage indicators', () => {
  const detector = createDetector({ linkKey: 'k' });
  const base = { schemaVersion: 1 as const, scrapedAt: '2026-03-01T00:00:00Z', contentHash: 'a'.repeat(64) };
  const ad = (id: string, source: string): AdInput => ({
    ...base,
    id,
    source,
    title: 'Drivers wanted',
    description: 'Drivers wanted for delivery work, good pay. Call +971 50 123 4567 for details about the job and the shifts.',
  });

  it('flags a contact shared across three countries and three near-duplicates', async () => {
    const store = new MemoryLinkageStore();
    const countries = ['AE', 'QA', 'SA'];
    for (const [i, country] of countries.entries()) {
      const a = detector.analyse(ad(`ad-${i}`, `src-${i}`));
      await store.record(a.ad.id, a.linkKeys, { source: a.ad.source, country }, at(i));
    }
    const analysis = detector.analyse(ad('ad-new', 'src-9'));
    const snapshot = await store.lookup('ad-new', analysis.linkKeys, at(3));
    const d = detector.finalize(analysis, snapshot);
    const shared = d.indicators.find((h) => h.id === 'linkage.shared_contact_many_countries');
    expect(shared?.linkedAdIds?.sort()).toEqual(['ad-0', 'ad-1', 'ad-2']);
    expect(d.indicators.find((h) => h.id === 'linkage.near_duplicate_text')?.linkedAdIds?.length).toBe(3);
    expect(detector.finalize(analysis).indicators.some((h) => h.id.startsWith('linkage.'))).toBe(false);
  });

  it('does not flag a contact seen in two ads of one country', async () => {
    const d = detector.finalize(detector.analyse(ad('x', 's')), {
      contacts: [{ key: 'phone:k', adIds: ['x', 'y'], sources: 1, countries: ['AE'], cities: 1 }],
      nearDuplicates: { adIds: ['y'], sources: 1 },
    });
    expect(d.indicators.some((h) => h.id.startsWith('linkage.'))).toBe(false);
  });
});
