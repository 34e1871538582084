import { createDetector } from './index';
import type { AdInput } from './types';

const base = { schemaVersion: 1 as const, source: 'test', scrapedAt: '2026-01-01T00:00:00Z', contentHash: 'a'.repeat(64) };
function ad(id: string, fields: Partial<AdInput> & { description: string }): AdInput {
  return { ...base, id, ...fields };
}

const detector = createDetector({ linkKey: 'test-secret' });

describe('detector (English)', () => {
  it('scores a realistic lure at medium or above, with evidence in the original words', () => {
    const lure = ad('lure-1', {
      title: 'URGENT: Customer service staff for Bangkok – $3,000/month',
      description:
        'Hiring now! Customer service staff needed in Bangkok, basic computer skills only. No experience needed. ' +
        'Salary $3,000/month, free visa and air ticket, free accommodation. Contract will be signed on arrival. ' +
        'Contact only via WhatsApp +971 50 123 4567. Send a copy of your passport to apply.',
    });
    const d = detector.score(lure);
    const ids = d.indicators.map((h) => h.id);
    expect(['medium', 'high', 'critical']).toContain(d.risk.level);
    expect(ids).toEqual(expect.arrayContaining(['deception.overseas_it_job', 'deception.contract_on_arrival', 'travel.free_visa_ticket']));
    const hit = d.indicators.find((h) => h.id === 'deception.contract_on_arrival');
    const span = hit?.evidence[0];
    expect(span && lure.description.slice(span.start, span.end)).toBe(span?.text);
    expect(d.entities.phones).toEqual([{ e164: '+971501234567', country: 'AE' }]);
    expect(d.language.code).toBe('en');
    expect(d.linkKeys.contacts.length).toBeGreaterThan(0);
  });

  it('scores an ordinary ad low', () => {
    const ordinary = ad('ok-1', {
      title: 'Accounts Payable Specialist',
      company: 'Northwind Traders Ltd',
      companyProfile: 'Northwind Traders is a wholesale distributor of food products with offices in Leeds and York.',
      description:
        'We are looking for an accounts payable specialist to join our finance team in Leeds. You will process supplier ' +
        'invoices, reconcile statements and support the month-end close. At least 2 years of experience in a similar role ' +
        'is required. Salary £28,000-£32,000 a year plus pension. Apply through our careers page with your CV.',
      location: { raw: 'Leeds, UK', country: 'GB' },
    });
    const d = detector.score(ordinary);
    expect(d.risk.level).toBe('low');
  });

  it('reports versions: ruleset hash, scorer, model', () => {
    expect(detector.versions.ruleset).toMatch(/^r-[0-9a-f]{12}$/);
    expect(detector.versions.model).toBe('none');
    const withModel = createDetector({
      model: { version: 'm-test', predict: () => ({ logit: 3, coverage: 1, topTerms: [{ term: 'visa', weight: 1 }] }) },
    });
    expect(withModel.versions.model).toBe('m-test');
    const d = withModel.score(ad('m-1', { description: 'Hotel receptionist, day shifts.' }));
    expect(d.model.topTerms).toEqual([{ term: 'visa', weight: 1 }]);
    expect(d.risk.level).toBe('critical');
  });

  it('still scores when the model throws', () => {
    const broken = createDetector({
      model: {
        version: 'm-bad',
        predict: () => {
          throw new Error('boom');
        },
      },
    });
    expect(broken.score(ad('m-2', { description: 'Free visa and air ticket provided by the company.' })).model.coverage).toBe(0);
  });

  it('reads the HTML when the plain description is empty, with evidence into the HTML', () => {
    const html = '<div><p>Your <b>passport</b> will be kept by the employer for safekeeping.</p></div>';
    const d = detector.score(ad('h-1', { description: '', descriptionHtml: html, title: 'Farm work' }));
    const hit = d.indicators.find((h) => h.id === 'documents.retention');
    expect(hit?.evidence[0]?.field).toBe('description');
    expect(hit?.evidence[0] && html.slice(hit.evidence[0].start, hit.evidence[0].end)).toBe(hit?.evidence[0]?.text);
  });
});

describe('detector (mixed languages and scripts)', () => {
  it('runs every language whose script appears and extracts obfuscated contacts', () => {
    const mixed = ad('mix-1', {
      title: 'Работа в Дубае / Jobs in Dubai',
      description:
        'Требуются девушки 18-25 лет. Free visa and ticket, no experience needed. ' +
        'W h a t s A p p: nine seven one five zero one two three four five six seven. Passport will be kept by the agency.',
    });
    const d = detector.score(mixed);
    const ids = d.indicators.map((h) => h.id);
    expect(ids).toEqual(expect.arrayContaining(['travel.free_visa_ticket', 'documents.retention', 'deception.no_experience']));
    expect(d.entities.handles).toContainEqual({ platform: 'whatsapp', value: '+971501234567' });
    expect(d.entities.genders).toContain('female');
    expect(d.entities.ages).toContainEqual({ min: 18, max: 25 });
    expect(d.entities.places.map((p) => p.country)).toContain('AE');
    expect(['high', 'critical']).toContain(d.risk.level);
  });
});
