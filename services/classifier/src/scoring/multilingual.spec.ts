import { riskLevelAtLeast } from '@lantern/contracts';
import { loadDefaultModel, MemoryLinkageStore } from '@lantern/detection';
import { makeRawAd } from '@lantern/testing';
import { LANGUAGE_CASES } from './multilingual.fixtures';
import { ScoringService } from './scoring.service';

/**
 * The classifier as deployed (detector, committed model, linkage) on lures and ordinary ads written
 * in every covered language: lures must reach at least `medium`, ordinary ads must stay `low`.
 */
describe('scoring across languages', () => {
  const scoring = new ScoringService(new MemoryLinkageStore(), loadDefaultModel(), 'test-link-key-test-link-key-test-link-key');

  describe.each(LANGUAGE_CASES)('$language', ({ language, lure, ordinary }) => {
    it('flags the lure and names its red flags', async () => {
      const scored = await scoring.score(makeRawAd(1, { ...lure, url: `https://jobs.example.org/${language}/lure` }));
      expect(riskLevelAtLeast(scored.risk.level, 'medium')).toBe(true);
      expect(scored.indicators.filter((i) => !i.id.startsWith('combination.')).length).toBeGreaterThanOrEqual(3);
      expect(scored.indicators.some((i) => i.evidence.length > 0)).toBe(true);
    });

    it('leaves the ordinary ad low', async () => {
      const scored = await scoring.score(makeRawAd(2, { ...ordinary, url: `https://jobs.example.org/${language}/ordinary` }));
      expect(scored.risk.level).toBe('low');
    });
  });
});
