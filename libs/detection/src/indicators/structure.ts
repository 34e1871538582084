import type { ExtractedEntities, IndicatorHit } from '@lantern/contracts';
import { LANGUAGE_HOME } from '../language/detect-language';
import { DEFAULT_MARKET_MONTHLY_USD, MARKET_MONTHLY_USD, MARKET_MULTIPLE } from '../scoring/market-pay';
import { toMonthlyUsd } from '../entities/fx-rates';
import type { AdInput, LanguageGuess } from '../types';
import { type Catalogue, indicatorHit } from './catalogue';

// "abroad" in the languages we cover (folded)
const ABROAD_SOURCE = String.raw`(?<![\p{L}])(?:abroad|overseas|work\s+outside|extranjero|exterior|etranger|l'etranger|strainatate|за\s+границ\p{L}*|за\s+рубеж\p{L}*|за\s+кордон\p{L}*|luar\s+negeri|ibang\s+bansa|abroad|videsh|bahar\s+ke\s+mulk|bairon\s+e\s+mulk|بيرون\s+ملك|بيرون\s+ممالك|خارج\s+البلاد|بالخارج|विदेश\p{M}*|वैदेशिक)(?![\p{L}])`;
const ABROAD_AT = new RegExp(ABROAD_SOURCE, 'uy');
// Where an ABROAD match can start: every alternative begins with one of these (`l'etranger` also matches as
// `etranger` two units on). A plain regex finds them several times faster than ABROAD scans the text.
const ABROAD_START =
  /abroad|overseas|work\s+outside|extranjero|exterior|etranger|strainatate|за\s|luar\s|ibang\s|videsh|bahar\s|bairon\s|بيرون|خارج|بالخارج|विदेश|वैदेशिक/g;
const MESSAGING_OR_SOCIAL = /(?:wa\.me|t\.me|telegram\.me|whatsapp\.com|facebook\.com|fb\.com|instagram\.com|line\.me|linktr\.ee|viber)/i;

/** Whether folded text says "abroad" (ABROAD anywhere), trying ABROAD only where it can start. */
export function mentionsAbroad(folded: string): boolean {
  ABROAD_START.lastIndex = 0;
  for (let m = ABROAD_START.exec(folded); m; m = ABROAD_START.exec(folded)) {
    ABROAD_AT.lastIndex = m.index;
    if (ABROAD_AT.test(folded)) return true;
    // alternatives overlap (`بالخارج` holds `خارج`): look again from the next unit
    ABROAD_START.lastIndex = m.index + 1;
  }
  return false;
}

export interface StructureInput {
  ad: AdInput;
  folded: string;
  entities: ExtractedEntities;
  language: LanguageGuess;
  /** Ids of indicators already found by patterns. */
  found: ReadonlySet<string>;
}

export interface StructureFacts {
  foreignCountries: string[];
  abroad: boolean;
  maxMonthlyUsd: number | undefined;
  companyIdentity: boolean;
}

/** Facts about an ad's structure that the structural indicators test. */
export function structureFacts(input: StructureInput): StructureFacts {
  const { ad, entities, language, folded, found } = input;
  const home = ad.location?.country ?? LANGUAGE_HOME[language.code];
  const placeCountries = [...new Set(entities.places.map((p) => p.country))];
  const foreignCountries = home ? placeCountries.filter((c) => c !== home) : [];
  const abroad =
    foreignCountries.length > 0 ||
    mentionsAbroad(folded) ||
    (!home && placeCountries.length > 0 && (found.has('travel.free_visa_ticket') || found.has('deception.tourist_visa_work')));
  let maxMonthlyUsd: number | undefined;
  for (const m of entities.money) {
    let usd = m.monthlyUsd;
    // no period given: read plausible amounts as monthly pay
    if (usd === undefined && m.period === 'unknown') {
      const asMonth = toMonthlyUsd(m.amount, m.currency, 'month');
      if (asMonth !== undefined && asMonth >= 150 && asMonth <= 20_000) usd = asMonth;
    }
    if (usd !== undefined && usd <= 200_000 && (maxMonthlyUsd === undefined || usd > maxMonthlyUsd)) maxMonthlyUsd = usd;
  }
  const corporateEmail = entities.emails.some((e) => !e.freeMail);
  const companyUrl = entities.urls.some((u) => !u.shortener && !MESSAGING_OR_SOCIAL.test(u.url));
  const companyIdentity =
    (ad.company?.trim().length ?? 0) >= 2 ||
    (ad.companyProfile?.trim().length ?? 0) >= 40 ||
    ad.attributes?.hasCompanyLogo === true ||
    corporateEmail ||
    companyUrl;
  return { foreignCountries, abroad, maxMonthlyUsd, companyIdentity };
}

export function structuralHits(catalogue: Catalogue, input: StructureInput): IndicatorHit[] {
  const { entities, found, ad } = input;
  const facts = structureFacts(input);
  const hits: IndicatorHit[] = [];
  const add = (id: string) => {
    const def = catalogue.indicators.get(id);
    if (!def) return;
    hits.push(indicatorHit(def));
  };

  const unskilled =
    found.has('deception.no_experience') ||
    found.has('scam.work_from_home_typing') ||
    found.has('deception.overseas_it_job') ||
    found.has('deception.easy_high_pay');
  if (unskilled && facts.maxMonthlyUsd !== undefined) {
    const destination = facts.foreignCountries[0] ?? ad.location?.country;
    const market = (destination && MARKET_MONTHLY_USD[destination]) || DEFAULT_MARKET_MONTHLY_USD;
    if (facts.maxMonthlyUsd >= MARKET_MULTIPLE * market) add('structure.pay_above_market');
  }

  const contacts = entities.phones.length + entities.emails.length + entities.handles.length;
  const onlyPersonal = contacts > 0 && !entities.emails.some((e) => !e.freeMail);
  if (!facts.companyIdentity && onlyPersonal) add('structure.contact_messaging_or_freemail');
  if (!facts.companyIdentity && ad.description.length + (ad.title?.length ?? 0) >= 40) add('structure.no_company_identity');

  const freeTravel = found.has('travel.free_visa_ticket') || found.has('living.housing_provided');
  if (freeTravel && found.has('deception.no_experience') && facts.abroad) add('structure.free_travel_unskilled_abroad');
  return hits;
}
