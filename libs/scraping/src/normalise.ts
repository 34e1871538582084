import { adIdOf, canonicalUrl, contentHashOf, Limits, type RawAdV1, rawAdV1 } from '@lantern/contracts';
import { load } from 'cheerio';

/** What a source adapter knows about an ad before it becomes a raw-ad message. */
export interface FoundAd {
  url?: string;
  externalId?: string;
  title?: string;
  /** Plain text, or HTML when `descriptionHtml` is not given and the text looks like markup. */
  description: string;
  descriptionHtml?: string;
  company?: string;
  location?: { raw?: string; country?: string };
  salaryText?: string;
  employmentType?: string;
  contacts?: { phones?: string[]; emails?: string[]; urls?: string[] };
  postedAt?: string;
  languageHint?: string;
}

const BLOCK_TAGS = 'p,div,br,li,ul,ol,h1,h2,h3,h4,h5,h6,tr,section,article,header,footer,blockquote,pre,table';

/** HTML to readable text: block elements become line breaks, scripts and styles vanish, entities decoded. */
export function htmlToText(html: string): string {
  const $ = load(html.slice(0, Limits.descriptionHtml * 4));
  $('script,style,noscript,template,iframe,object').remove();
  $(BLOCK_TAGS).each((_, element) => {
    $(element).before('\n').after('\n');
  });
  return $.root()
    .text()
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export function looksLikeHtml(text: string): boolean {
  return /<\/?(p|div|br|li|ul|strong|b|em|span|h[1-6]|a)\b[^>]*>/i.test(text);
}

/** Country names and codes seen in job ads, to ISO 3166-1 alpha-2. Only unambiguous ones. */
const COUNTRIES: Record<string, string> = {
  'united states': 'US',
  usa: 'US',
  'united kingdom': 'GB',
  uk: 'GB',
  'great britain': 'GB',
  england: 'GB',
  germany: 'DE',
  deutschland: 'DE',
  france: 'FR',
  spain: 'ES',
  españa: 'ES',
  italy: 'IT',
  poland: 'PL',
  romania: 'RO',
  greece: 'GR',
  netherlands: 'NL',
  portugal: 'PT',
  ireland: 'IE',
  canada: 'CA',
  australia: 'AU',
  'new zealand': 'NZ',
  india: 'IN',
  nepal: 'NP',
  pakistan: 'PK',
  bangladesh: 'BD',
  philippines: 'PH',
  indonesia: 'ID',
  malaysia: 'MY',
  thailand: 'TH',
  vietnam: 'VN',
  'viet nam': 'VN',
  china: 'CN',
  japan: 'JP',
  'south korea': 'KR',
  'saudi arabia': 'SA',
  'united arab emirates': 'AE',
  uae: 'AE',
  qatar: 'QA',
  kuwait: 'KW',
  oman: 'OM',
  bahrain: 'BH',
  jordan: 'JO',
  lebanon: 'LB',
  turkey: 'TR',
  türkiye: 'TR',
  russia: 'RU',
  ukraine: 'UA',
  moldova: 'MD',
  brazil: 'BR',
  mexico: 'MX',
  colombia: 'CO',
  argentina: 'AR',
  peru: 'PE',
  nigeria: 'NG',
  kenya: 'KE',
  ghana: 'GH',
  'south africa': 'ZA',
  egypt: 'EG',
  morocco: 'MA',
  'sri lanka': 'LK',
  myanmar: 'MM',
  cambodia: 'KH',
  singapore: 'SG',
  'hong kong': 'HK',
  israel: 'IL',
};

/** The ISO country of a location, when it is given as a code or a name we know. */
export function countryOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^[A-Z]{2}$/.test(trimmed)) return trimmed === 'UK' ? 'GB' : trimmed;
  const lower = trimmed.toLowerCase();
  if (COUNTRIES[lower]) return COUNTRIES[lower];
  // "Doha, Qatar" or "Berlin, DE": the last comma-separated part usually names the country.
  const last = lower.split(',').pop()?.trim();
  if (last && last !== lower) return countryOf(last.length === 2 ? last.toUpperCase() : last);
  return undefined;
}

const clip = (value: string | undefined, max: number) => {
  const trimmed = value?.trim();
  return trimmed ? trimmed.slice(0, max) : undefined;
};
const clipList = (values: string[] | undefined, max: number) => {
  const list = [...new Set((values ?? []).map((v) => v.trim()).filter(Boolean))].slice(0, Limits.listItems).map((v) => v.slice(0, max));
  return list.length ? list : undefined;
};

function isoDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/**
 * Builds the raw-ad message: a stable id from source and canonical URL (or external id), a content
 * hash over the fields that matter (the same ad scraped twice hashes the same; an edit makes a new
 * version of the same id), over-long fields cut to the contract's limits rather than refused.
 */
export function buildRawAd(source: string, found: FoundAd, now: Date): RawAdV1 {
  const url = found.url ? canonicalUrl(found.url)?.slice(0, Limits.url) : undefined;
  const html = found.descriptionHtml ?? (looksLikeHtml(found.description) ? found.description : undefined);
  const text = html && !found.descriptionHtml ? htmlToText(html) : found.description.trim();
  const title = clip(found.title, Limits.title);
  const description = text.slice(0, Limits.description);
  const company = clip(found.company, Limits.shortText);
  const locationRaw = clip(found.location?.raw, Limits.shortText);
  const country = found.location?.country ? countryOf(found.location.country) : countryOf(locationRaw);
  const location = locationRaw || country ? { ...(locationRaw ? { raw: locationRaw } : {}), ...(country ? { country } : {}) } : undefined;
  const salaryText = clip(found.salaryText, Limits.shortText);
  const employmentType = clip(found.employmentType, Limits.shortText);
  const phones = clipList(found.contacts?.phones, Limits.shortText);
  const emails = clipList(found.contacts?.emails, Limits.shortText);
  const urls = clipList(found.contacts?.urls, Limits.url);
  const contacts =
    phones || emails || urls ? { ...(phones ? { phones } : {}), ...(emails ? { emails } : {}), ...(urls ? { urls } : {}) } : undefined;
  const contentHash = contentHashOf([
    title,
    description,
    company,
    locationRaw,
    salaryText,
    employmentType,
    phones?.join(' '),
    emails?.join(' '),
    urls?.join(' '),
  ]);
  const externalId = clip(found.externalId, Limits.shortText);
  const postedAt = isoDate(found.postedAt);
  const ad = {
    schemaVersion: 1 as const,
    id: adIdOf({ source, url, externalId, contentHash }),
    source,
    ...(url ? { url } : {}),
    ...(externalId ? { externalId } : {}),
    ...(title ? { title } : {}),
    description,
    ...(html ? { descriptionHtml: html.slice(0, Limits.descriptionHtml) } : {}),
    ...(company ? { company } : {}),
    ...(location ? { location } : {}),
    ...(salaryText ? { salaryText } : {}),
    ...(employmentType ? { employmentType } : {}),
    ...(contacts ? { contacts } : {}),
    ...(found.languageHint ? { languageHint: found.languageHint.slice(0, 20) } : {}),
    ...(postedAt ? { postedAt } : {}),
    scrapedAt: now.toISOString(),
    contentHash,
  };
  return rawAdV1.parse(ad);
}
