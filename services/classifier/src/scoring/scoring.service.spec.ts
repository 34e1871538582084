import { Limits, scoredAdV1 } from '@lantern/contracts';
import { loadDefaultModel, MemoryLinkageStore } from '@lantern/detection';
import { makeRawAd } from '@lantern/testing';
import { ScoringService } from './scoring.service';

const KEY = 'test-link-key-test-link-key-test-link-key';
// INVENTED TEST FIXTURE: one recruiter's number in ads for three countries.
const RECRUITER = 'Hotel jobs, free visa and ticket, no experience. WhatsApp +971 55 555 0142 only.';

describe('ScoringService', () => {
  it('gives the same result for the same content, whenever it is scored', async () => {
    const scoring = new ScoringService(new MemoryLinkageStore(), loadDefaultModel(), KEY);
    const ad = makeRawAd(1, { description: RECRUITER });
    const first = await scoring.score(ad, new Date('2026-01-01T00:00:00Z'));
    const again = await scoring.score(ad, new Date('2026-02-01T00:00:00Z'));
    expect({ ...again, scoredAt: first.scoredAt }).toEqual(first);
  });

  it('raises a linkage indicator when one contact recruits for several countries', async () => {
    const scoring = new ScoringService(new MemoryLinkageStore(), loadDefaultModel(), KEY);
    const countries = ['AE', 'QA', 'SA'];
    const scored = [];
    for (const [i, country] of countries.entries()) {
      scored.push(await scoring.score(makeRawAd(10 + i, { description: `${RECRUITER} Ref ${i}.`, location: { country } })));
    }
    const linked = scored[2]!.indicators.find((hit) => hit.id === 'linkage.shared_contact_many_countries');
    expect(linked?.linkedAdIds).toEqual(expect.arrayContaining(scored.slice(0, 2).map((s) => s.id)));
    expect(scored[0]!.indicators.some((hit) => hit.id.startsWith('linkage.'))).toBe(false);
    // The contact itself never leaves as text: only its keyed hash links the ads.
    expect(JSON.stringify(linked)).not.toContain('555');
  });

  it('scores hostile input without throwing, within the contract', async () => {
    const scoring = new ScoringService(new MemoryLinkageStore(), loadDefaultModel(), KEY);
    const hostile = [
      'x'.repeat(Limits.description),
      ' '.repeat(10_000) + 'visa',
      '\u0000\u0001\u0002\ufffd'.repeat(2_000),
      '<script>alert(1)</script><img src=x onerror=alert(1)>'.repeat(200),
      '\u202e\u200b'.repeat(5_000) + 'free visa',
      '🙂'.repeat(10_000),
    ];
    for (const [i, description] of hostile.entries()) {
      const result = await scoring.score(makeRawAd(100 + i, { description }));
      expect(result.risk.score).toBeGreaterThanOrEqual(0);
      expect(result.risk.score).toBeLessThanOrEqual(100);
      // What the classifier publishes must pass the ads.scored.v1 contract, or it would be dead-lettered.
      expect(scoredAdV1.safeParse(result).success).toBe(true);
    }
  });
});
