import type { AlertV1 } from '@lantern/contracts';
import { contactKey } from '@lantern/detection';
import { matchesFilter, matchSubjectOf, subscriptionFilter } from './subscription-filter';

// Fixture written for this test (not real ad text).
const alert: AlertV1 = {
  schemaVersion: 1,
  alertId: 'al_1',
  adId: 'ad_1',
  revision: 1,
  status: 'new',
  level: 'high',
  score: 74,
  indicatorIds: ['debt-bondage', 'passport-retention'],
  reasons: ['level high reached the high threshold'],
  source: 'fixture',
  country: 'RO',
  language: 'en',
  raisedAt: '2026-11-29T10:00:00.000Z',
  updatedAt: '2026-11-29T10:00:00.000Z',
};
const linkKey = 'fixture-link-key-fixture-link-key-0000';
const ad = {
  ad: { title: 'Fixture: Warehouse WORK abroad', description: 'Fixture text. Housing provided.' },
  entities: { phones: [{ e164: '+40700000001' }], emails: [], handles: [] },
} as unknown as Parameters<typeof matchSubjectOf>[1];
const subject = matchSubjectOf(alert, ad, linkKey);
const matches = (filter: unknown) => matchesFilter(subscriptionFilter.parse(filter), subject);

describe('subscription filters', () => {
  it('matches when every given field matches, with lists meaning any of', () => {
    expect(matches({})).toBe(true);
    expect(
      matches({ minLevel: 'high', minScore: 70, indicators: ['nope', 'debt-bondage'], countries: ['ro', 'BG'], languages: ['EN'] }),
    ).toBe(true);
    expect(matches({ keywords: ['warehouse work', 'zzz'] })).toBe(true);
    expect(matches({ linkedContact: `phone:${contactKey(linkKey, 'phone', '+40700000001')}` })).toBe(true);
  });

  it.each([
    [{ minLevel: 'critical' }],
    [{ minScore: 75 }],
    [{ indicators: ['other'] }],
    [{ countries: ['BG'] }],
    [{ languages: ['ro'] }],
    [{ keywords: ['nanny'] }],
    [{ linkedContact: `phone:${contactKey(linkKey, 'phone', '+40700000002')}` }],
    [{ minLevel: 'high', countries: ['BG'] }],
  ])('does not match %j', (filter) => {
    expect(matches(filter)).toBe(false);
  });

  it.each([
    [{ minLevel: 'severe' }],
    [{ minScore: 101 }],
    [{ countries: ['ROU'] }],
    [{ keywords: Array.from({ length: 21 }, (_, i) => `word${i}`) }],
    [{ keywords: ['x'.repeat(101)] }],
    [{ linkedContact: '+40700000001' }],
    [{ unknownField: 1 }],
  ])('refuses %j', (filter) => {
    expect(subscriptionFilter.safeParse(filter).success).toBe(false);
  });
});
