import { type CheerioAPI, load } from 'cheerio';
import type { FoundAd } from '../normalise';

/** A JSON-LD block larger than this is skipped: real JobPostings are a few KB. */
const MAX_BLOCK_CHARS = 1_000_000;
/** How deep the walk goes into @graph, arrays and nested objects looking for JobPostings. */
const MAX_DEPTH = 8;

type Json = Record<string, unknown>;

const str = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return str(value[0]);
  if (value && typeof value === 'object') return str((value as Json)['@value'] ?? (value as Json).name);
  return undefined;
};
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]);
const isType = (node: Json, type: string) => list(node['@type']).some((t) => typeof t === 'string' && t.replace(/^.*[/#:]/, '') === type);

/** Every JobPosting object in a page's JSON-LD blocks, wherever it sits (@graph, ItemList, arrays). */
export function jobPostingsIn($: CheerioAPI): Json[] {
  const found: Json[] = [];
  const walk = (node: unknown, depth: number) => {
    if (depth > MAX_DEPTH || found.length >= 500 || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const item of node) walk(item, depth + 1);
      return;
    }
    const object = node as Json;
    if (isType(object, 'JobPosting')) {
      found.push(object);
      return;
    }
    for (const key of ['@graph', 'itemListElement', 'item', 'mainEntity']) walk(object[key], depth + 1);
  };
  $('script[type="application/ld+json"]').each((_, element) => {
    const text = $(element).text();
    if (text.length > MAX_BLOCK_CHARS) return;
    try {
      walk(JSON.parse(text), 0);
    } catch {
      // Broken JSON-LD is common; the page's other blocks still count.
    }
  });
  return found;
}

function place(location: unknown): { raw?: string; country?: string } | undefined {
  const first = list(location)[0] as Json | string | undefined;
  if (!first) return undefined;
  if (typeof first === 'string') return { raw: first };
  const address = (first.address ?? first) as Json | string;
  if (typeof address === 'string') return { raw: address };
  const country = str(address.addressCountry);
  const raw = [str(address.streetAddress), str(address.addressLocality), str(address.addressRegion), country].filter(Boolean).join(', ');
  return { ...(raw ? { raw } : {}), ...(country ? { country } : {}) };
}

function salary(value: unknown): string | undefined {
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  const amount = value as Json | undefined;
  if (!amount || typeof amount !== 'object') return undefined;
  const currency = str(amount.currency) ?? '';
  const inner = (amount.value ?? amount) as Json | number | string;
  if (typeof inner !== 'object') return `${inner} ${currency}`.trim();
  const range =
    inner.minValue !== undefined && inner.maxValue !== undefined
      ? `${str(inner.minValue)}-${str(inner.maxValue)}`
      : (str(inner.value) ?? str(inner.minValue) ?? str(inner.maxValue));
  const unit = str(inner.unitText) ?? str(amount.unitText);
  return range ? [range, currency, unit ? `per ${unit.toLowerCase()}` : ''].filter(Boolean).join(' ') : undefined;
}

function contactsOf(posting: Json): FoundAd['contacts'] {
  const phones: string[] = [];
  const emails: string[] = [];
  const urls: string[] = [];
  for (const holder of [posting, posting.hiringOrganization, posting.applicationContact, ...list(posting.contactPoint)]) {
    if (!holder || typeof holder !== 'object') continue;
    for (const node of [holder as Json, ...list((holder as Json).contactPoint)] as Json[]) {
      const phone = str(node.telephone);
      const email = str(node.email)?.replace(/^mailto:/i, '');
      if (phone) phones.push(phone);
      if (email) emails.push(email);
    }
  }
  const apply =
    str((posting.applicationContact as Json | undefined)?.url) ?? str(posting.directApply === true ? undefined : posting.applyUrl);
  if (apply) urls.push(apply);
  for (const same of list((posting.hiringOrganization as Json | undefined)?.sameAs)) if (typeof same === 'string') urls.push(same);
  return phones.length || emails.length || urls.length ? { phones, emails, urls } : undefined;
}

/** Maps one schema.org JobPosting to what Lantern keeps. `pageUrl` stands in when the posting names no URL. */
export function jobPostingToAd(posting: Json, pageUrl: string): FoundAd {
  const organization = posting.hiringOrganization as Json | string | undefined;
  const identifier = posting.identifier as Json | string | undefined;
  const url = str(posting.url);
  const location = place(posting.jobLocation) ?? place(posting.applicantLocationRequirements);
  const employment = list(posting.employmentType).filter((t): t is string => typeof t === 'string');
  const found: FoundAd = {
    url: url ? safeResolve(url, pageUrl) : pageUrl,
    description: str(posting.description) ?? '',
  };
  const externalId = typeof identifier === 'object' ? str(identifier.value) : str(identifier);
  if (externalId) found.externalId = externalId;
  const title = str(posting.title);
  if (title) found.title = title;
  const company = typeof organization === 'object' ? str(organization.name) : str(organization);
  if (company) found.company = company;
  if (location) found.location = location;
  const pay = salary(posting.baseSalary) ?? salary(posting.estimatedSalary);
  if (pay) found.salaryText = pay;
  if (employment.length) found.employmentType = employment.join(', ');
  const posted = str(posting.datePosted);
  if (posted) found.postedAt = posted;
  const contacts = contactsOf(posting);
  if (contacts) found.contacts = contacts;
  const language = str(posting.inLanguage);
  if (language) found.languageHint = language;
  return found;
}

/** The ads a page carries in JSON-LD. */
export function parseJsonLdPage(html: string, pageUrl: string): FoundAd[] {
  return jobPostingsIn(load(html)).map((posting) => jobPostingToAd(posting, pageUrl));
}

function safeResolve(link: string, base: string): string {
  try {
    return new URL(link, base).href;
  } catch {
    return base;
  }
}
