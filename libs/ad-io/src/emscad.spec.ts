import { rawAdV1 } from '@lantern/contracts';
import { decodeHtmlEntities } from './html-entities';
import { emscadRowToRawAd, isEmscadHeader } from './emscad';

// Invented fixture rows in EMSCAD's column layout; no text from the dataset.
const row = {
  job_id: '4711',
  title: 'Warehouse Assistant',
  location: 'GB, LND, London',
  department: 'Logistics',
  salary_range: '20000-24000',
  company_profile: 'We run a family &amp; friends courier firm.',
  description: 'Pick &amp; pack orders &ndash; day shifts &#8226; no weekends&#x21;',
  requirements: '',
  benefits: 'Free lunch',
  telecommuting: '0',
  has_company_logo: '1',
  has_questions: '0',
  employment_type: 'Full-time',
  required_experience: 'Entry level',
  required_education: '',
  industry: 'Logistics and Supply Chain',
  function: 'Other',
  fraudulent: '1',
};

describe('emscadRowToRawAd', () => {
  const now = new Date('2025-01-02T03:04:05.000Z');

  it('maps every column, decodes entities and keeps the job id as the ad id', () => {
    const result = emscadRowToRawAd(row, { now });
    if (!result.ok) throw new Error(result.reason);
    const { ad, label } = result;
    expect(label).toBe(1);
    expect(rawAdV1.parse(ad)).toEqual(ad);
    expect(ad.id).toBe('4711');
    expect(ad.source).toBe('emscad');
    expect(ad.title).toBe('Warehouse Assistant');
    expect(ad.description).toBe('Pick & pack orders \u2013 day shifts \u2022 no weekends!');
    expect(ad.companyProfile).toBe('We run a family & friends courier firm.');
    expect(ad.requirements).toBeUndefined();
    expect(ad.benefits).toBe('Free lunch');
    expect(ad.salaryText).toBe('20000-24000');
    expect(ad.location).toEqual({ raw: 'GB, LND, London', country: 'GB' });
    expect(ad.employmentType).toBe('Full-time');
    expect(ad.attributes).toEqual({
      department: 'Logistics',
      industry: 'Logistics and Supply Chain',
      jobFunction: 'Other',
      requiredExperience: 'Entry level',
      telecommuting: false,
      hasCompanyLogo: true,
      hasScreeningQuestions: false,
    });
    expect(ad.scrapedAt).toBe(now.toISOString());
    expect(ad.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives ads without a job id a content-based id and no country for odd locations', () => {
    const result = emscadRowToRawAd({ ...row, job_id: '', location: 'Remote', fraudulent: '' }, { now });
    if (!result.ok) throw new Error(result.reason);
    expect(result.ad.id).toMatch(/^[0-9a-f]{32}$/);
    expect(result.ad.location).toEqual({ raw: 'Remote' });
    expect(result.label).toBeUndefined();
  });

  it('reports a row with neither title nor description', () => {
    const result = emscadRowToRawAd({ ...row, title: '', description: ' ' });
    expect(result.ok).toBe(false);
  });
});

describe('helpers', () => {
  it('recognises an EMSCAD header', () => {
    expect(isEmscadHeader(Object.keys(row))).toBe(true);
    expect(isEmscadHeader(['id', 'title', 'description'])).toBe(false);
  });

  it('decodes named and numeric entities and leaves unknown ones', () => {
    expect(decodeHtmlEntities('a &lt;b&gt; &quot;c&quot; &#233;&#xE9; &bogus; &#0;')).toBe('a <b> "c" éé &bogus; &#0;');
  });
});
