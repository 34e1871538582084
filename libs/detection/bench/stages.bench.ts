import { createDetector } from '../src/detector';
import { extractEmails, extractHandles, extractPhones, extractUrls } from '../src/entities/contacts';
import { extractAges, extractGenders } from '../src/entities/demographics';
import { extractEntities } from '../src/entities/extract-entities';
import { extractMoney } from '../src/entities/money';
import { extractPlaces } from '../src/entities/places';
import { loadCatalogue } from '../src/indicators/catalogue';
import { matchIndicators } from '../src/indicators/matcher';
import { structuralHits } from '../src/indicators/structure';
import { detectLanguage, LANGUAGE_HOME } from '../src/language/detect-language';
import { simhash64 } from '../src/linkage/keys';
import { MemoryLinkageStore } from '../src/linkage/memory-linkage-store';
import { loadDefaultModel } from '../src/model';
import { digitsView } from '../src/normalize/digits-view';
import { evidenceOf, prepareAd } from '../src/prepare';
import { syntheticAds } from './synthetic-ads';

/**
 * Where the classifier's time goes: CPU microseconds per ad of each stage, run alone over the same
 * synthetic ads (best of BENCH_REPS, default 5; BENCH_N ads, default 2,000), beside the full
 * `analyse` + `finalize` in the same run. Stages run alone have warm caches, so they add up to less
 * than the whole. `npm run bench:stages`.
 */
async function main(): Promise<void> {
  const n = Number(process.env['BENCH_N'] ?? 2_000);
  const reps = Math.max(1, Number(process.env['BENCH_REPS'] ?? 5));
  const ads = syntheticAds(n).map((s) => s.ad);
  const catalogue = loadCatalogue();
  const model = loadDefaultModel();
  const detector = createDetector({ model, linkKey: 'bench-link-key' });
  const prepared = ads.map((ad) => prepareAd(ad));
  const languages = prepared.map((p, i) => detectLanguage(p.text, p.scripts, ads[i]!.languageHint));
  const entities = ads.map((ad, i) => extractEntities(ad, prepared[i]!.text, prepared[i]!.originals, languages[i]!));
  const digits = prepared.map((p) => digitsView(p.text));
  const matches = prepared.map((p) => [...matchIndicators(catalogue, p.text, p.scripts).values()]);
  const found = matches.map((m) => new Set(m.map((x) => x.indicatorId)));
  const analyses = ads.map((ad) => detector.analyse(ad));
  const country = (i: number) => ads[i]!.location?.country ?? LANGUAGE_HOME[languages[i]!.code];

  const stages: Array<[string, (i: number) => unknown]> = [
    ['full analyse + finalize', (i) => detector.finalize(detector.analyse(ads[i]!))],
    ['prepare (fold)', (i) => prepareAd(ads[i]!)],
    ['language', (i) => detectLanguage(prepared[i]!.text, prepared[i]!.scripts, ads[i]!.languageHint)],
    ['matching', (i) => matchIndicators(catalogue, prepared[i]!.text, prepared[i]!.scripts)],
    ['entities (all)', (i) => extractEntities(ads[i]!, prepared[i]!.text, prepared[i]!.originals, languages[i]!)],
    ['  digits view', (i) => digitsView(prepared[i]!.text)],
    ['  phones', (i) => extractPhones(digits[i]!, country(i), [])],
    ['  emails', (i) => extractEmails(prepared[i]!.text, [])],
    ['  handles', (i) => extractHandles(prepared[i]!.text, digits[i]!, country(i))],
    ['  urls', (i) => extractUrls(prepared[i]!.originals, [])],
    ['  money', (i) => extractMoney(prepared[i]!.text, { country: country(i), language: languages[i]!.code })],
    ['  ages', (i) => extractAges(prepared[i]!.text)],
    ['  genders', (i) => extractGenders(prepared[i]!.text)],
    ['  places', (i) => extractPlaces(prepared[i]!.text)],
    [
      'structure',
      (i) =>
        structuralHits(catalogue, {
          ad: ads[i]!,
          folded: prepared[i]!.text,
          entities: entities[i]!,
          language: languages[i]!,
          found: found[i]!,
        }),
    ],
    ['model predict', (i) => model.predict(ads[i]!)],
    ['simhash', (i) => simhash64(prepared[i]!.text)],
    ['evidence spans', (i) => matches[i]!.map((m) => m.spans.map((s) => evidenceOf(prepared[i]!, s.start, s.end)))],
    ['finalize (combine)', (i) => detector.finalize(analyses[i]!)],
  ];
  const rows: string[] = [];
  for (const [name, run] of stages) {
    let best = Infinity;
    for (let r = 0; r < reps; r++) {
      const started = process.cpuUsage();
      for (let i = 0; i < n; i++) run(i);
      const used = process.cpuUsage(started);
      best = Math.min(best, (used.user + used.system) / n);
    }
    rows.push(`${name.padEnd(26)} ${best.toFixed(1).padStart(7)} µs`);
  }
  // linkage store: record + lookup, fresh store per repetition
  let bestStore = Infinity;
  const keys = analyses.map((a) => a.linkKeys);
  for (let r = 0; r < reps; r++) {
    const store = new MemoryLinkageStore();
    const at = new Date('2026-11-01T00:00:00Z');
    const started = process.cpuUsage();
    for (let i = 0; i < n; i++) {
      await store.record(ads[i]!.id, keys[i]!, { source: ads[i]!.source }, at);
      await store.lookup(ads[i]!.id, keys[i]!, at);
    }
    const used = process.cpuUsage(started);
    bestStore = Math.min(bestStore, (used.user + used.system) / n);
  }
  rows.push(`${'linkage record + lookup'.padEnd(26)} ${bestStore.toFixed(1).padStart(7)} µs`);
  console.log(`CPU per ad, ${n} synthetic ads, best of ${reps}\n${rows.join('\n')}`);
}

void main();
