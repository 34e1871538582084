import { rawAdV1, RawAdV1 } from '@lantern/contracts';
import { modelFromArtifact, serialiseArtifact, toArtifact } from './artifact';
import { Featurizer, DEFAULT_FEATURE_CONFIG } from './features';
import { stratifiedFolds } from './folds';
import { averagePrecision, bestF1Threshold, classMetrics, cohensKappa, rocAuc } from './metrics';
import { hashString } from './hashing';
import { scanTokens } from './scan';
import { tokenize } from './tokenize';
import { fitPlatt, fitStacking, LabelledExample, trainModel } from './train';

// Invented ads, written for these tests.
const LURES = [
  'Earn 900 USD weekly typing from home, no experience needed, pay registration fee to start',
  'Urgent hiring, easy data entry job, contact us on whatsapp only, processing fee required',
  'Work from home, guaranteed income, send your bank account details to get started today',
  'No interview needed, start today, earn big money daily, small training fee via money transfer',
];
const ORDINARY = [
  'Senior accountant for our audit team in Leeds, five years of experience and a degree required',
  'Nurse for the night ward of the city hospital, registration with the nursing council required',
  'Junior software engineer to build web services in TypeScript, mentoring and pension scheme',
  'Warehouse supervisor for day shifts, forklift licence preferred, apply through our careers site',
];

function ad(id: string, description: string, extra: Partial<RawAdV1> = {}): RawAdV1 {
  return rawAdV1.parse({
    schemaVersion: 1,
    id,
    source: 'test',
    description,
    scrapedAt: '2025-01-01T00:00:00Z',
    contentHash: 'b'.repeat(64),
    ...extra,
  });
}

function examples(): LabelledExample[] {
  const out: LabelledExample[] = [];
  for (let copy = 0; copy < 6; copy++) {
    LURES.forEach((text, i) =>
      out.push({ ad: ad(`f${copy}-${i}`, `${text} (${copy})`, { attributes: { hasCompanyLogo: false } }), label: 1 }),
    );
    ORDINARY.forEach((text, i) =>
      out.push({
        ad: ad(`l${copy}-${i}`, `${text} (${copy})`, { attributes: { hasCompanyLogo: true }, companyProfile: 'An established employer.' }),
        label: 0,
      }),
    );
  }
  return out;
}

describe('tokenize', () => {
  it('keeps words of any script, folds digits and masks contacts', () => {
    expect(tokenize('Salário 1200€, call +44 7700 900123 or mail x.y@mail.com')).toEqual([
      'salário',
      '0000',
      'call',
      '_phone_',
      'or',
      'mail',
      '_email_',
    ]);
    expect(tokenize('Работа в Польше — وظيفة #URL_0a1b#')).toEqual(['работа', 'в', 'польше', 'وظيفة', '_url_']);
  });
});

describe('scanTokens', () => {
  const hashesOf = (text: string): number[] => {
    const out: number[] = [];
    scanTokens(text.toLowerCase(), { token: (hash) => out.push(hash) }, 1000);
    return out;
  };

  it('yields the same tokens as tokenize, as hashes, without building strings', () => {
    for (const text of [
      'Salário 1200€, call +44 7700 900123 or mail x.y@mail.com',
      'Работа в Польше — وظيفة #URL_0a1b#',
      'Apply at https://example.test/jobs?id=7 or www.example.test today',
      'नौकरी विदेश में, वीज़ा मुफ्त; Trabajo en España 2025',
    ]) {
      expect(hashesOf(text)).toEqual(tokenize(text).map((token) => hashString(token)));
    }
  });

  it('stops at the token budget and survives hostile input', () => {
    expect(hashesOf('a '.repeat(5000)).length).toBe(1000);
    expect(hashesOf('#url_#phone_abc#email_'.repeat(100)).length).toBeGreaterThan(0);
    expect(hashesOf('\ud800 x \udfff')).toEqual([hashString('x')]);
  });
});

describe('Featurizer', () => {
  it('hashes into bounded buckets with L2-normalised fields and remembers the ad own words', () => {
    const f = new Featurizer(DEFAULT_FEATURE_CONFIG);
    const vector = f.vectorize(ad('a', 'free visa free ticket'));
    expect(vector.indices.length).toBeGreaterThan(4);
    for (const index of vector.indices) expect(index).toBeLessThan(1 << DEFAULT_FEATURE_CONFIG.bits);
    f.extract(ad('a', 'free visa free ticket'));
    const terms = Array.from({ length: f.touched }, (_, i) => f.termAt(i));
    expect(terms).toEqual(expect.arrayContaining(['free', 'visa', 'free visa', 'ticket']));
    f.reset();
    expect(f.touched).toBe(0);
  });

  it('gives the same vector after a huge ad grew and cleared its bucket table', () => {
    const small = ad('a', 'free visa free ticket, contact on whatsapp');
    const fresh = new Featurizer(DEFAULT_FEATURE_CONFIG).vectorize(small);
    const reused = new Featurizer(DEFAULT_FEATURE_CONFIG);
    // 8,000 distinct words and their pairs: far more buckets than the table starts with
    reused.vectorize(ad('b', Array.from({ length: 8_000 }, (_, i) => `w${i.toString(36)}`).join(' ')));
    for (let k = 0; k < 3; k++) {
      const again = reused.vectorize(small);
      expect(Array.from(again.indices)).toEqual(Array.from(fresh.indices));
      expect(Array.from(again.values)).toEqual(Array.from(fresh.values));
    }
  });

  it('reads missing board attributes as a signal only on ads from boards that publish them', () => {
    const f = new Featurizer(DEFAULT_FEATURE_CONFIG);
    const termsOf = (input: RawAdV1) => {
      f.extract(input);
      const terms = Array.from({ length: f.touched }, (_, i) => f.termAt(i));
      f.reset();
      return terms;
    };
    expect(termsOf(ad('a', 'free visa free ticket')).filter((t) => /^\[(logo|company profile|requirements)/.test(t))).toEqual([]);
    expect(termsOf(ad('b', 'free visa free ticket', { attributes: { hasCompanyLogo: false } }))).toEqual(
      expect.arrayContaining(['[logo:no]', '[company profile:0]', '[requirements:none]']),
    );
  });

  it('adds layout features only for fields the ad has, and title character n-grams', () => {
    const f = new Featurizer({ ...DEFAULT_FEATURE_CONFIG, layout: true, titleChars: true });
    f.extract(ad('a', 'Call +44 7700 900123 now', { title: 'Driver' }));
    const terms = Array.from({ length: f.touched }, (_, i) => f.termAt(i));
    f.reset();
    expect(terms).toEqual(
      expect.arrayContaining(['[title length:2]', '[description length:4]', '[phones:1]', '[links:0]', 'dri', 'river']),
    );
    expect(terms.filter((t) => /^\[(benefits|requirements|companyProfile|company) length/.test(t))).toEqual([]);
    expect(terms).not.toContain('[salary:none]');
  });
});

describe('character n-gram features', () => {
  const characterFeatures = (input: RawAdV1, config = DEFAULT_FEATURE_CONFIG): Map<number, number> => {
    const { characters } = new Featurizer(config).vectorizeAll(input);
    return new Map(Array.from(characters!.indices, (bucket, i) => [bucket, characters!.values[i]!]));
  };

  it('cuts every word but company names and contacts into 5-grams of <word>, in their own L2-normalised table', () => {
    const f = new Featurizer(DEFAULT_FEATURE_CONFIG);
    // '<visa' and 'visa>' (the whole '<visa>' is the word model's), nothing from 'job' or the phone.
    const short = f.vectorizeAll(ad('a', 'visa job +44 7700 900123'));
    expect(short.characters!.indices.length).toBe(2);
    expect(short.characters!.values.reduce((sum, v) => sum + v * v, 0)).toBeCloseTo(1, 5);
    for (const bucket of short.characters!.indices) expect(bucket).toBeLessThan(1 << DEFAULT_FEATURE_CONFIG.characters!.bits);
    // Same n-grams whichever text field holds the word; none from the company name.
    expect(characterFeatures(ad('b', 'visa'))).toEqual(characterFeatures(ad('c', 'x', { title: 'visa' })));
    expect(characterFeatures(ad('d', 'x', { company: 'Visaworks' })).size).toBe(0);
    expect(new Featurizer({ ...DEFAULT_FEATURE_CONFIG, characters: undefined }).vectorizeAll(ad('e', 'visa')).characters).toBeUndefined();
  });

  it('counts a repeated word as often as it occurs', () => {
    const once = characterFeatures(ad('a', 'passport'));
    const thrice = characterFeatures(ad('b', 'passport passports passport passport'));
    const withPlural = characterFeatures(ad('c', 'passport passports'));
    // 'passport' three times: sublinear tf 1 + ln 3 on its own n-grams, against 1 for the plural's.
    const ownBucket = [...once.keys()].find((bucket) => !characterFeatures(ad('d', 'passports')).has(bucket))!;
    const shared = [...once.keys()].find((bucket) => characterFeatures(ad('d', 'passports')).has(bucket))!;
    expect(Math.abs(thrice.get(ownBucket)! / withPlural.get(ownBucket)!)).toBeGreaterThan(1);
    expect(Math.abs(thrice.get(ownBucket)! / thrice.get(shared)!)).toBeCloseTo((1 + Math.log(3)) / (1 + Math.log(4)), 5);
  });
});

describe('fitStacking', () => {
  it('weights the informative score and ignores noise', () => {
    const labels: Array<0 | 1> = [];
    const informative: number[] = [];
    const noise: number[] = [];
    for (let i = 0; i < 200; i++) {
      const y = i % 2 === 0 ? 1 : 0;
      labels.push(y);
      informative.push((y === 1 ? 1 : -1) + Math.sin(i * 1.7) * 1.5);
      noise.push(Math.cos(i * 2.3));
    }
    const stacked = fitStacking(informative, noise, labels);
    expect(stacked.a).toBeGreaterThan(0.5);
    expect(Math.abs(stacked.characters!)).toBeLessThan(0.3 * stacked.a);
    // Swapped columns: the weight follows the information.
    const swapped = fitStacking(noise, informative, labels);
    expect(swapped.characters!).toBeCloseTo(stacked.a, 3);
  });

  it('stays finite on separable scores', () => {
    const stacked = fitStacking([-2, -1, 1, 2], [0, 0, 1, 1], [0, 0, 1, 1]);
    for (const value of [stacked.a, stacked.b, stacked.characters!]) expect(Number.isFinite(value)).toBe(true);
  });
});

describe('trainModel', () => {
  const result = trainModel(examples(), { calibrationFolds: 3, seed: 1 });

  it('separates invented lures from ordinary ads and explains with the ad own words', () => {
    const lure = result.model.predict(
      ad('x', 'Easy typing job from home, pay a small registration fee, contact on whatsapp', { attributes: { hasCompanyLogo: false } }),
    );
    const ordinary = result.model.predict(
      ad('y', 'Accountant for an audit team, degree and experience required, pension scheme', {
        attributes: { hasCompanyLogo: true },
        companyProfile: 'An established employer.',
      }),
    );
    expect(lure.logit).toBeGreaterThan(ordinary.logit);
    expect(lure.logit).toBeGreaterThan(0);
    expect(ordinary.logit).toBeLessThan(0);
    expect(lure.topTerms.length).toBeGreaterThan(0);
    expect(lure.topTerms[0]!.weight).toBeGreaterThan(0);
    expect(lure.coverage).toBeGreaterThan(0.5);
    expect(result.oof.rocAuc).toBeGreaterThan(0.9);
    // Without board attributes the model reads only part of what it learned from, and says so.
    const sameWithoutAttributes = result.model.predict(
      ad('x', 'Easy typing job from home, pay a small registration fee, contact on whatsapp'),
    );
    expect(sameWithoutAttributes.coverage).toBeCloseTo(lure.coverage / 2, 5);
  });

  it('reads an ad without board attributes as an average board ad on those features', () => {
    const text = 'Warehouse supervisor for day shifts';
    const bare = result.model.rawScore(ad('b', text));
    const lureLike = result.model.rawScore(ad('c', text, { attributes: { hasCompanyLogo: false } }));
    const ordinaryLike = result.model.rawScore(
      ad('d', text, { attributes: { hasCompanyLogo: true }, companyProfile: 'An established employer.' }),
    );
    expect(result.model.params.attributesMean).not.toBe(0);
    expect(bare).toBeLessThan(lureLike);
    expect(bare).toBeGreaterThan(ordinaryLike);
  });

  it('reports low coverage for a language it never saw', () => {
    const out = result.model.predict(ad('z', 'Szukamy pracowników do zbioru truskawek w Holandii, zakwaterowanie zapewnione'));
    expect(out.coverage).toBeLessThan(0.2);
  });

  const artifactInfo = () => ({
    date: '20250101',
    dataSha256: 'c'.repeat(64),
    seed: 1,
    l2: 1e-4,
    iterations: result.iterations,
    documents: result.documents,
    positives: result.positives,
    outOfFold: { folds: 3, ...result.oof },
  });

  it('round-trips through the artifact, which holds no text, and is reproducible', () => {
    const info = artifactInfo();
    const text = serialiseArtifact(toArtifact(result.model, info));
    expect(text).not.toMatch(/typing|accountant|whatsapp/i);
    const again = trainModel(examples(), { calibrationFolds: 3, seed: 1 });
    expect(serialiseArtifact(toArtifact(again.model, info))).toBe(text);
    const loaded = modelFromArtifact(JSON.parse(text));
    const probe = ad('p', 'Earn money typing from home, registration fee');
    expect(loaded.predict(probe).logit).toBeCloseTo(result.model.predict(probe).logit, 2);
    expect(() => modelFromArtifact({ ...JSON.parse(text), formatVersion: 1 })).toThrow();
  });

  it('stacks a character model in format 3 and still reads word-only artifacts of format 2', () => {
    const info = artifactInfo();
    const stacked = toArtifact(result.model, info);
    expect(stacked.formatVersion).toBe(3);
    expect(stacked.calibration.method).toBe('stacked');
    expect(stacked.characterWeights!.values.length).toBeGreaterThan(0);
    expect(() => modelFromArtifact({ ...stacked, formatVersion: 2 })).toThrow(/character model/);
    const { characterWeights: _dropped, ...withoutCharacterWeights } = stacked;
    expect(() => modelFromArtifact(withoutCharacterWeights)).toThrow(/character model/);

    const { charactersMean: _mean, ...withoutMean } = stacked;
    expect(() => modelFromArtifact(withoutMean)).toThrow(/character model/);

    // the character model reads only the languages it was trained on; elsewhere it counts as its mean
    const params = result.model.params;
    const { a, b, characters } = params.calibration;
    const probe = ad('p', 'Earn money typing from home, registration fee');
    const english = result.model.predict(probe, { language: 'en' });
    const russian = result.model.predict(probe, { language: 'ru' });
    expect(result.model.predict(probe).logit).toBe(english.logit);
    expect(russian.logit).toBeCloseTo(a * result.model.rawScore(probe) + characters! * params.charactersMean! + b, 6);
    expect(russian.logit).not.toBeCloseTo(english.logit, 3);

    const wordsOnly = trainModel(examples(), {
      calibrationFolds: 3,
      seed: 1,
      features: { ...DEFAULT_FEATURE_CONFIG, characters: undefined },
    });
    const formatTwo = { ...toArtifact(wordsOnly.model, info), formatVersion: 2 };
    expect(formatTwo.calibration.method).toBe('platt');
    expect(modelFromArtifact(formatTwo).predict(probe).logit).toBeCloseTo(wordsOnly.model.predict(probe).logit, 2);
  });
});

describe('metrics', () => {
  it('computes ROC-AUC, average precision and best F1 threshold', () => {
    const labels: Array<0 | 1> = [1, 1, 0, 1, 0, 0];
    const scores = [0.9, 0.8, 0.7, 0.6, 0.2, 0.1];
    expect(rocAuc(scores, labels)).toBeCloseTo(8 / 9, 6);
    expect(averagePrecision(scores, labels)).toBeCloseTo((1 + 1 + 3 / 4) / 3, 6);
    expect(bestF1Threshold(scores, labels).threshold).toBe(0.6);
    expect(rocAuc([0.5, 0.5], [1, 0])).toBe(0.5);
  });

  it('re-weights precision to a prior and computes kappa', () => {
    const m = classMetrics({ tp: 80, fn: 20, fp: 10, tn: 90 }, 0.05);
    expect(m.precision).toBeCloseTo(80 / 90, 6);
    expect(m.precisionAtPrior).toBeCloseTo((0.8 * 0.05) / (0.8 * 0.05 + 0.1 * 0.95), 6);
    expect(cohensKappa([true, false, true, false], [true, false, true, false])).toBe(1);
    expect(cohensKappa([true, true, false, false], [true, false, true, false])).toBe(0);
  });

  it('fits Platt scaling and stratifies folds deterministically', () => {
    const scores = [-3, -2, -1, 1, 2, 3, -0.5, 0.5];
    const labels: Array<0 | 1> = [0, 0, 0, 1, 1, 1, 1, 0];
    expect(fitPlatt(scores, labels).a).toBeGreaterThan(0);
    const folds = stratifiedFolds(labels, 2, 9);
    expect(folds).toEqual(stratifiedFolds(labels, 2, 9));
    expect(labels.filter((y, i) => y === 1 && folds[i] === 0).length).toBe(2);
  });
});
