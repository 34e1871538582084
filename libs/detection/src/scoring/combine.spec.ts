import type { IndicatorHit } from '@lantern/contracts';
import { loadCatalogue } from '../indicators/catalogue';
import { combine } from './combine';

const catalogue = loadCatalogue();
const NO_MODEL = { logit: 0, coverage: 0, topTerms: [] };

function hits(...ids: string[]): IndicatorHit[] {
  return ids.map((id) => {
    const def = catalogue.indicators.get(id);
    if (!def) throw new Error(`unknown indicator ${id}`);
    return { id, title: def.title, category: def.category, severity: def.severity, weight: def.weight, sources: def.sources, evidence: [] };
  });
}

describe('combine', () => {
  it('scores an ad without indicators or model at the prior', () => {
    const r = combine(catalogue, [], NO_MODEL);
    expect(r.risk.level).toBe('low');
    expect(r.logit).toBeCloseTo(catalogue.scoring.base + catalogue.scoring.priorLogit);
  });

  it('never lets a single weak cue reach high, even with a stronger prior', () => {
    for (const def of catalogue.indicators.values()) {
      if (def.severity !== 'low' && def.severity !== 'medium') continue;
      const r = combine(catalogue, hits(def.id), NO_MODEL);
      expect({ id: def.id, level: r.risk.level }).toEqual({ id: def.id, level: expect.stringMatching(/^(low|medium)$/) });
      const boosted = combine(catalogue, hits(def.id), { logit: 0.2, coverage: 0.5, topTerms: [] });
      expect({ id: def.id, level: boosted.risk.level }).toEqual({ id: def.id, level: expect.stringMatching(/^(low|medium)$/) });
    }
    expect(combine(catalogue, hits('living.housing_provided'), NO_MODEL).risk.level).toBe('low');
    expect(combine(catalogue, hits('channel.urgency'), NO_MODEL).risk.level).toBe('low');
  });

  it('lets the model alone decide when it covers the ad', () => {
    const r = combine(catalogue, hits('channel.urgency'), { logit: 4, coverage: 1, topTerms: [] });
    expect(r.risk.level).toBe('critical');
  });

  it('counts what the model also reads (company identity) only for the part it does not cover', () => {
    const id = 'structure.no_company_identity';
    const weight = catalogue.indicators.get(id)?.weight ?? 0;
    expect(catalogue.scoring.modelOverlap).toContain(id);
    const model = (coverage: number) => ({ logit: -1, coverage, topTerms: [] });
    const gainAt = (coverage: number) =>
      combine(catalogue, hits(id), model(coverage)).logit - combine(catalogue, [], model(coverage)).logit;
    expect(gainAt(0)).toBeCloseTo(weight, 6);
    expect(gainAt(0.5)).toBeCloseTo(weight / 2, 6);
    expect(gainAt(1)).toBeCloseTo(0, 6);
    // the hit is still reported, so combinations and explanations keep it
    expect(combine(catalogue, hits(id), model(1)).indicators.map((h) => h.id)).toContain(id);
  });

  it('gives diminishing returns inside a category', () => {
    const one = combine(catalogue, hits('deception.contract_on_arrival'), NO_MODEL);
    const two = combine(catalogue, hits('deception.contract_on_arrival', 'deception.tourist_visa_work'), NO_MODEL);
    const gain = two.logit - one.logit;
    expect(gain).toBeGreaterThan(0);
    expect(gain).toBeLessThan(catalogue.indicators.get('deception.tourist_visa_work')?.weight ?? 0);
  });

  it('takes strong combinations to high or critical', () => {
    const fee = combine(catalogue, hits('debt.upfront_fee', 'travel.free_visa_ticket', 'documents.upfront_copy'), NO_MODEL);
    expect(['high', 'critical']).toContain(fee.risk.level);
    expect(fee.indicators.map((h) => h.id)).toContain('combination.fee_and_free_travel');

    const compound = combine(
      catalogue,
      hits(
        'deception.overseas_it_job',
        'travel.free_visa_ticket',
        'living.housing_provided',
        'deception.no_experience',
        'channel.messaging_only',
        'structure.no_company_identity',
      ),
      NO_MODEL,
    );
    expect(['high', 'critical']).toContain(compound.risk.level);

    const trafficking = combine(
      catalogue,
      hits('documents.retention', 'wages.withheld', 'debt.costs_deducted', 'conditions.isolation', 'travel.free_visa_ticket'),
      NO_MODEL,
    );
    expect(trafficking.risk.level).toBe('critical');
  });

  it('sorts the explanation by contribution and reports contributions as weights', () => {
    const r = combine(catalogue, hits('channel.urgency', 'debt.upfront_fee', 'deception.no_experience'), NO_MODEL);
    const weights = r.indicators.map((h) => h.weight);
    expect([...weights].sort((a, b) => b - a)).toEqual(weights);
    expect(r.indicators[0]?.id).toBe('debt.upfront_fee');
    expect(r.risk.score).toBe(Math.round(r.risk.probability * 100));
  });

  it('blends the model with the prior by coverage', () => {
    const half = combine(catalogue, [], { logit: 2, coverage: 0.5, topTerms: [] });
    expect(half.modelTerm).toBeCloseTo(0.5 * 2 + 0.5 * catalogue.scoring.priorLogit);
  });
});
