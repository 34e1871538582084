import type { IndicatorHit } from '@lantern/contracts';
import { extractEntities } from './entities/extract-entities';
import { indicatorHit, loadCatalogue } from './indicators/catalogue';
import { matchIndicators } from './indicators/matcher';
import { structuralHits } from './indicators/structure';
import { detectLanguage } from './language/detect-language';
import { contactLinkKeys, simhash64 } from './linkage/keys';
import { evidenceOf, prepareAd } from './prepare';
import { combine, SCORER_VERSION } from './scoring/combine';
import type { AdInput, Analysis, Detection, DetectorOptions, LinkageSnapshot, LinkKeys, ModelOutput, Versions } from './types';

export interface Detector {
  readonly versions: Versions;
  /** Everything but linkage. */
  analyse(ad: AdInput): Analysis;
  /** Folds linkage indicators in, combines, levels. */
  finalize(analysis: Analysis, linkage?: LinkageSnapshot): Detection;
  /** analyse + finalize. */
  score(ad: AdInput, linkage?: LinkageSnapshot): Detection;
}

const NO_MODEL: ModelOutput = { logit: 0, coverage: 0, topTerms: [] };
/** Ad ids that may be quoted as linked ads. */
const LINKABLE_ID = /^[A-Za-z0-9._:-]+$/;
/** A contact seen in ads for this many countries, or this many ads from at least two sources, is linked. */
export const LINKAGE_RULES = {
  contactCountries: 3,
  contactAds: 5,
  contactSources: 2,
  nearDuplicateAds: 3,
  nearDuplicateSources: 2,
} as const;

export function createDetector(options: DetectorOptions = {}): Detector {
  const catalogue = loadCatalogue(options.catalogueDir);
  const versions: Versions = { model: options.model?.version ?? 'none', ruleset: catalogue.version, scorer: SCORER_VERSION };

  const analyse = (ad: AdInput): Analysis => {
    const prepared = prepareAd(ad);
    const language = detectLanguage(prepared.text, prepared.scripts, ad.languageHint);
    const entities = extractEntities(ad, prepared.text, prepared.originals, language);

    const indicators: IndicatorHit[] = [];
    for (const match of matchIndicators(catalogue, prepared.text, prepared.scripts).values()) {
      const def = catalogue.indicators.get(match.indicatorId);
      if (!def) continue;
      const evidence = match.spans.map((s) => evidenceOf(prepared, s.start, s.end)).filter((e) => e !== undefined);
      indicators.push(indicatorHit(def, { language: match.language, evidence }));
    }
    const found = new Set(indicators.map((h) => h.id));
    indicators.push(...structuralHits(catalogue, { ad, folded: prepared.text, entities, language, found }));

    let model = NO_MODEL;
    if (options.model) {
      try {
        model = options.model.predict(ad, { language: language.code });
      } catch {
        // a failing model must not lose the ad: indicators alone still score it
        model = NO_MODEL;
      }
    }
    return { ad, language, entities, indicators, model, linkKeys: linkKeysOf(entities, prepared.text, options.linkKey) };
  };

  const finalize = (analysis: Analysis, linkage?: LinkageSnapshot): Detection => {
    const hits = [...analysis.indicators, ...linkageHits(analysis.ad.id, linkage)];
    const combined = combine(catalogue, hits, analysis.model);
    return {
      risk: combined.risk,
      indicators: combined.indicators,
      entities: analysis.entities,
      language: analysis.language,
      versions,
      model: analysis.model,
      linkKeys: analysis.linkKeys,
    };
  };

  const linkageHits = (adId: string, linkage?: LinkageSnapshot): IndicatorHit[] => {
    if (!linkage) return [];
    const hits: IndicatorHit[] = [];
    const hit = (id: string, linked: string[]): IndicatorHit | undefined => {
      const def = catalogue.indicators.get(id);
      if (!def) return undefined;
      return indicatorHit(def, {
        linkedAdIds: [...new Set(linked)].filter((x) => x !== adId && LINKABLE_ID.test(x)).slice(0, 50),
      });
    };
    const shared = linkage.contacts.filter(
      (c) =>
        c.countries.length >= LINKAGE_RULES.contactCountries ||
        (c.adIds.length >= LINKAGE_RULES.contactAds && c.sources >= LINKAGE_RULES.contactSources),
    );
    if (shared.length) {
      const h = hit(
        'linkage.shared_contact_many_countries',
        shared.flatMap((c) => c.adIds),
      );
      if (h) hits.push(h);
    }
    const others = linkage.nearDuplicates.adIds.filter((x) => x !== adId);
    if (others.length + 1 >= LINKAGE_RULES.nearDuplicateAds && linkage.nearDuplicates.sources >= LINKAGE_RULES.nearDuplicateSources) {
      const h = hit('linkage.near_duplicate_text', others);
      if (h) hits.push(h);
    }
    return hits;
  };

  return {
    versions,
    analyse,
    finalize,
    score: (ad, linkage) => finalize(analyse(ad), linkage),
  };
}

function linkKeysOf(entities: Analysis['entities'], folded: string, linkKey: string | Buffer | undefined): LinkKeys {
  const textSimhash = simhash64(folded);
  if (linkKey === undefined || linkKey.length === 0) return { contacts: [], textSimhash };
  return { contacts: contactLinkKeys(entities, linkKey).slice(0, 100), textSimhash };
}
