import { mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CatalogueError, DEFAULT_CATALOGUE_DIR, loadCatalogue } from './catalogue';
import { normalize } from '../normalize/normalize';
import { literalPrefixes, requiredAlternativeSets, requiredLiteralSets, requiredLiterals } from './literal-prefixes';
import { matchIndicators, matchText } from './matcher';

const catalogue = loadCatalogue();
const patternFiles = readdirSync(join(DEFAULT_CATALOGUE_DIR, 'patterns'))
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('indicator catalogue', () => {
  it('loads and validates every file', () => {
    expect(catalogue.indicators.size).toBeGreaterThanOrEqual(31);
    expect(catalogue.version).toMatch(/^r-[0-9a-f]{12}$/);
    expect(catalogue.languages.map((l) => l.file).sort()).toEqual(patternFiles.map((f) => `patterns/${f}`));
  });

  it('defines every indicator the detector relies on', () => {
    const required = [
      'deception.no_experience',
      'deception.easy_high_pay',
      'deception.contract_on_arrival',
      'deception.tourist_visa_work',
      'deception.overseas_it_job',
      'deception.entertainment_role',
      'vulnerability.gender_requirement',
      'vulnerability.age_looks_requirement',
      'vulnerability.targets_migrants',
      'debt.upfront_fee',
      'debt.costs_deducted',
      'wages.withheld',
      'travel.free_visa_ticket',
      'living.housing_provided',
      'documents.retention',
      'documents.upfront_copy',
      'conditions.excessive_hours',
      'conditions.isolation',
      'conditions.domestic_worker_transfer',
      'channel.messaging_only',
      'channel.no_interview',
      'channel.urgency',
      'scam.work_from_home_typing',
      'scam.personal_financial_data',
      'scam.money_transfer',
      'structure.pay_above_market',
      'structure.contact_messaging_or_freemail',
      'structure.no_company_identity',
      'structure.free_travel_unskilled_abroad',
      'linkage.shared_contact_many_countries',
      'linkage.near_duplicate_text',
    ];
    for (const id of required) expect(catalogue.indicators.get(id)?.id).toBe(id);
  });

  it('gives English patterns to every pattern indicator', () => {
    const en = catalogue.languages.find((l) => l.language === 'en');
    const covered = new Set(en?.entries.map((e) => e.indicatorId));
    const missing = [...catalogue.indicators.values()].filter((d) => d.kind === 'pattern' && !covered.has(d.id)).map((d) => d.id);
    expect(missing).toEqual([]);
  });
});

// Data-driven: every example of every pattern file, in that file's language only.
describe.each(catalogue.languages.map((l) => [l.file, l] as const))('%s examples', (file, lang) => {
  const cases = Object.entries(lang.definition.indicators).flatMap(([id, entry]) => [
    ...entry.examples.positive.map((text) => ({ id, text, expected: true })),
    ...entry.examples.negative.map((text) => ({ id, text, expected: false })),
  ]);
  it.each(cases)(`${file} $id ${'$expected'} example: $text`, ({ id, text, expected }) => {
    const hits = matchText(catalogue, text, { languages: [lang.language] });
    const hit = hits.find((h) => h.indicatorId === id);
    const verdict = hit ? `triggered ${id} on "${hit.evidence.map((e) => e.text).join(' | ')}"` : `did not trigger ${id}`;
    const wanted = expected ? `should trigger ${id}` : `should not trigger ${id}`;
    expect(`${file} [${id}] "${text}": ${verdict}`).toBe(`${file} [${id}] "${text}": ${expected === Boolean(hit) ? verdict : wanted}`);
  });
});

describe('pattern prefilter', () => {
  it('finds the same indicators with and without the literal-prefix prefilter on every example', () => {
    for (const lang of catalogue.languages) {
      for (const entry of Object.values(lang.definition.indicators)) {
        for (const text of [...entry.examples.positive, ...entry.examples.negative]) {
          const n = normalize(text);
          const fast = [...matchIndicators(catalogue, n.text, n.scripts).keys()].sort();
          const slow = [...matchIndicators(catalogue, n.text, n.scripts, { prefilter: false }).keys()].sort();
          expect(`${lang.file}: "${text}" -> ${fast.join(',')}`).toBe(`${lang.file}: "${text}" -> ${slow.join(',')}`);
        }
      }
    }
  });

  it('agrees with a full scan for patterns that may start with white space or an optional word', () => {
    const dir = mkdtempSync(join(tmpdir(), 'catalogue-'));
    mkdirSync(join(dir, 'patterns'));
    for (const f of ['indicators.json', 'sources.json', 'scoring.json']) copyFileSync(join(DEFAULT_CATALOGUE_DIR, f), join(dir, f));
    const examples = { positive: ['a b', 'c d'], negative: ['e f', 'g h'] };
    writeFileSync(
      join(dir, 'patterns', 'xx.json'),
      JSON.stringify({
        language: 'xx',
        name: 'Test',
        indicators: { 'channel.messaging_only': { patterns: ['(?:via|sa)?\\s*whatsapp\\s+only'], examples } },
      }),
    );
    const test = loadCatalogue(dir);
    for (const text of [
      '. whatsapp only',
      '(via whatsapp only)',
      'call us: whatsapp only',
      'sa whatsapp only',
      'xwhatsapp only',
      'whatsapp only',
    ]) {
      const n = normalize(text);
      const fast = matchIndicators(test, n.text, n.scripts).get('channel.messaging_only')?.spans ?? [];
      const slow = matchIndicators(test, n.text, n.scripts, { prefilter: false }).get('channel.messaging_only')?.spans ?? [];
      expect({ text, spans: fast }).toEqual({ text, spans: slow });
      expect(slow.length).toBe(text.startsWith('x') ? 0 : 1);
    }
  });

  it('derives words every match must contain', () => {
    expect(requiredLiterals('(?:it|typing)[^.!?\\n]{0,80}?(?:in|to)\\s+(?:thailand|phnom\\s+penh|laos)')?.sort()).toEqual([
      'laos',
      'phnom',
      'thailand',
    ]);
    expect(requiredLiterals('no\\s+experience\\s+(?:needed|required)')).toEqual(['experience']);
    expect(requiredLiterals('pay(?:ment)?s?\\s+\\d+')).toEqual(['pay']);
    expect(requiredLiterals('(?:a|b)\\s+c|d')).toBeNull();
    expect(requiredLiterals('x\\S+y')).toBeNull();
  });

  it('derives every set of words a match must contain, most selective first', () => {
    expect(requiredLiteralSets('(pagar|abonar)\\s+(una\\s+)?(cuota|tasa)\\s+de\\s+(inscripcion|registro)')).toEqual([
      ['inscripcion', 'registro'],
      ['pagar', 'abonar'],
      ['cuota', 'tasa'],
    ]);
    expect(requiredLiteralSets('no\\s+experience\\s+(?:needed|required)')).toEqual([['experience'], ['needed', 'required']]);
    expect(requiredLiteralSets('(?:a|b)\\s+c|d')).toBeNull();
  });

  it('derives the word sets of each alternative of a top-level alternation', () => {
    expect(requiredAlternativeSets('(?:bina|without)\\s+interview|interview\\s+(?:nahi|nahin)')).toEqual([
      [['interview'], ['bina', 'without']],
      [['interview'], ['nahi', 'nahin']],
    ]);
    // one alternative without any required word: nothing can be ruled out
    expect(requiredAlternativeSets('free\\s+visa|\\d+\\s?%')).toBeNull();
    expect(requiredAlternativeSets('no\\s+experience')).toBeNull();
  });

  it('finds the same spans with and without the prefilter on evasive spellings of every example', () => {
    // the normaliser folds these back, so the prefilter must see through them too
    const evasions: Array<(text: string) => string> = [
      (t) => t.toUpperCase(),
      (t) => t.replace(/a/g, '\u0430').replace(/o/g, '\u043e').replace(/e/g, '\u0435'),
      (t) => t.replace(/(\p{L})(\p{L})/gu, '$1\u200b$2'),
      (t) => t.replace(/ /g, '  \n '),
      (t) => t.normalize('NFD'),
    ];
    for (const lang of catalogue.languages) {
      for (const entry of Object.values(lang.definition.indicators)) {
        for (const example of entry.examples.positive) {
          for (const evade of evasions) {
            const n = normalize(evade(example));
            const fast = [...matchIndicators(catalogue, n.text, n.scripts).values()];
            const slow = [...matchIndicators(catalogue, n.text, n.scripts, { prefilter: false }).values()];
            expect({ text: n.text, hits: fast }).toEqual({ text: n.text, hits: slow });
          }
        }
      }
    }
  });

  it('derives literal beginnings from pattern sources', () => {
    expect(literalPrefixes('no\\s+experience')?.sort()).toEqual(['no\ne', 'no e']);
    expect(literalPrefixes('(?:free|paid)\\s+visa')?.sort()).toEqual(['free', 'paid']);
    expect(literalPrefixes('1[2-3]\\s*h')?.sort()).toEqual(['12\nh', '12 h', '12h', '13\nh', '13 h', '13h']);
    expect(literalPrefixes('(?:tourist|visit)\\s+visa')?.sort()).toEqual(['tour', 'visi']);
    expect(literalPrefixes('wh?ats')?.sort()).toEqual(['wats', 'what']);
    expect(literalPrefixes('\\S+\\s*usd')).toBeNull();
    expect(literalPrefixes('(?:a|bc)\\S')).toBeNull();
    expect(literalPrefixes('(?:a|bc)d')?.sort()).toEqual(['ad', 'bcd']);
  });
});

describe('catalogue validation errors', () => {
  function catalogueWith(patch: (dir: string) => void): string {
    const dir = mkdtempSync(join(tmpdir(), 'catalogue-'));
    mkdirSync(join(dir, 'patterns'));
    for (const f of ['indicators.json', 'sources.json', 'scoring.json']) copyFileSync(join(DEFAULT_CATALOGUE_DIR, f), join(dir, f));
    patch(dir);
    return dir;
  }
  const file = (indicators: Record<string, unknown>) => JSON.stringify({ language: 'xx', name: 'Test', indicators });
  const examples = { positive: ['a', 'b'], negative: ['c', 'd'] };

  it('names file, indicator and pattern when a pattern does not compile', () => {
    const dir = catalogueWith((d) =>
      writeFileSync(join(d, 'patterns', 'xx.json'), file({ 'debt.upfront_fee': { patterns: ['ok', 'bad(('], examples } })),
    );
    expect(() => loadCatalogue(dir)).toThrow(CatalogueError);
    expect(() => loadCatalogue(dir)).toThrow(/patterns\/xx\.json: indicator "debt\.upfront_fee", pattern #2 \/bad\(\(\/: does not compile/);
  });

  it('refuses unknown indicators, structure indicators, unbounded gaps and \\b', () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ 'debt.nope': { patterns: ['x'], examples } }, /"debt\.nope" is not in indicators\.json/],
      [{ 'structure.no_company_identity': { patterns: ['x'], examples } }, /computed in code/],
      [{ 'debt.upfront_fee': { patterns: ['pay.*fee'], examples } }, /unbounded/],
      [{ 'debt.upfront_fee': { patterns: ['pay[^.]+fee'], examples } }, /unbounded/],
      [{ 'debt.upfront_fee': { patterns: ['\\bfee\\b'], examples } }, /ASCII-only/],
      [{ 'debt.upfront_fee': { patterns: ['x'], examples: { positive: ['a'], negative: ['c', 'd'] } } }, /positive/],
    ];
    for (const [indicators, error] of cases) {
      const dir = catalogueWith((d) => writeFileSync(join(d, 'patterns', 'xx.json'), file(indicators)));
      expect(() => loadCatalogue(dir)).toThrow(error);
    }
  });

  it('names the indicator of an invalid entry in indicators.json', () => {
    const dir = catalogueWith((d) => {
      const parsed = JSON.parse(readFileSync(join(d, 'indicators.json'), 'utf8')) as { indicators: Array<Record<string, unknown>> };
      const first = parsed.indicators[0];
      if (first) first.severity = 'extreme';
      writeFileSync(join(d, 'indicators.json'), JSON.stringify(parsed));
    });
    expect(() => loadCatalogue(dir)).toThrow(/indicators\.json: indicators\[0\] \(id "deception\.no_experience"\)\.severity/);
  });
});
