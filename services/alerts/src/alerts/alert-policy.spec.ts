import type { IndicatorHit } from '@lantern/contracts';
import { alertReasons } from './alert-policy';

// INVENTED TEST FIXTURES: indicator hits written for these tests.
const hit = (id: string, severity: IndicatorHit['severity']): IndicatorHit => ({
  id,
  title: id,
  category: 'test',
  severity,
  weight: 1,
  sources: [],
  evidence: [],
});
const risk = (level: 'low' | 'medium' | 'high' | 'critical') => ({ score: 50, probability: 0.5, level });

describe('alert policy', () => {
  it('raises at the threshold and above, not below', () => {
    expect(alertReasons({ risk: risk('high'), indicators: [] }, 'high')).toEqual(['level high reached the high threshold']);
    expect(alertReasons({ risk: risk('critical'), indicators: [] }, 'high')).toHaveLength(1);
    expect(alertReasons({ risk: risk('medium'), indicators: [hit('fee', 'high')] }, 'high')).toEqual([]);
    expect(alertReasons({ risk: risk('medium'), indicators: [] }, 'medium')).toHaveLength(1);
  });

  it('raises below the threshold for a critical indicator or a contact linked across ads', () => {
    expect(alertReasons({ risk: risk('low'), indicators: [hit('coercion.threat', 'critical')] }, 'high')).toEqual([
      'rule: critical indicator coercion.threat',
    ]);
    expect(alertReasons({ risk: risk('low'), indicators: [hit('linkage.shared_contact_many_countries', 'medium')] }, 'high')).toEqual([
      'rule: contact linked across ads (linkage.shared_contact_many_countries)',
    ]);
    // Near-duplicate text alone is a signal for the score, not a rule of its own.
    expect(alertReasons({ risk: risk('low'), indicators: [hit('linkage.near_duplicate_text', 'medium')] }, 'high')).toEqual([]);
  });

  it('keeps every reason within the contract bounds', () => {
    const many = Array.from({ length: 50 }, (_, i) => hit(`critical.indicator.with.a.long.name.${i}`, 'critical'));
    for (const reason of alertReasons({ risk: risk('critical'), indicators: many }, 'high')) expect(reason.length).toBeLessThanOrEqual(200);
  });
});
