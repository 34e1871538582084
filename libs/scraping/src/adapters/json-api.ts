import type { FoundAd } from '../normalise';

export interface ApiMapping {
  itemsPath?: string;
  fields: {
    title: string;
    description: string;
    url?: string;
    externalId?: string;
    company?: string;
    location?: string;
    country?: string;
    salary?: string;
    employmentType?: string;
    postedAt?: string;
    email?: string;
    phone?: string;
    language?: string;
  };
  pagination:
    | { type: 'none' }
    | { type: 'page'; param: string; start: number }
    | { type: 'offset'; param: string; pageSize: number }
    | { type: 'next-url'; path: string };
}

/** The value at a dotted path; own properties only, so `__proto__` and friends lead nowhere. */
export function valueAt(document: unknown, path: string | undefined): unknown {
  if (!path) return document;
  let current: unknown = document;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.prototype.hasOwnProperty.call(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

const text = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(text).filter(Boolean).join(', ') || undefined;
  return undefined;
};

/** The items of one API response, mapped to ads by the source's field mapping. */
export function parseApiPage(document: unknown, pageUrl: string, mapping: ApiMapping): { ads: FoundAd[]; itemCount: number } {
  const items = valueAt(document, mapping.itemsPath);
  if (!Array.isArray(items)) throw new Error(`no array at ${mapping.itemsPath ?? 'the top level'}`);
  const f = mapping.fields;
  const ads: FoundAd[] = [];
  for (const item of items.slice(0, 10_000)) {
    const get = (path: string | undefined) => (path ? text(valueAt(item, path)) : undefined);
    const title = get(f.title);
    const description = get(f.description) ?? '';
    if (!title && !description) continue;
    const found: FoundAd = { description };
    const url = get(f.url);
    if (url) {
      try {
        found.url = new URL(url, pageUrl).href;
      } catch {
        // an unusable URL: the ad keeps its external id
      }
    }
    const externalId = get(f.externalId);
    if (externalId) found.externalId = externalId;
    if (title) found.title = title;
    const company = get(f.company);
    if (company) found.company = company;
    const location = get(f.location);
    const country = get(f.country);
    if (location || country) found.location = { ...(location ? { raw: location } : {}), ...(country ? { country } : {}) };
    const salary = get(f.salary);
    if (salary) found.salaryText = salary;
    const employmentType = get(f.employmentType);
    if (employmentType) found.employmentType = employmentType;
    const postedAt = get(f.postedAt);
    if (postedAt) found.postedAt = postedAt;
    const email = get(f.email);
    const phone = get(f.phone);
    if (email || phone) found.contacts = { ...(email ? { emails: [email] } : {}), ...(phone ? { phones: [phone] } : {}) };
    const language = get(f.language);
    if (language) found.languageHint = language;
    ads.push(found);
  }
  return { ads, itemCount: items.length };
}

/** The URL of the page after `pageUrl`, or undefined when the pagination rule says there is none. */
export function nextApiPage(
  document: unknown,
  pageUrl: string,
  mapping: ApiMapping,
  itemCount: number,
  pageIndex: number,
): string | undefined {
  const rule = mapping.pagination;
  if (rule.type === 'none' || itemCount === 0) return undefined;
  if (rule.type === 'next-url') {
    const next = text(valueAt(document, rule.path));
    if (!next) return undefined;
    try {
      return new URL(next, pageUrl).href;
    } catch {
      return undefined;
    }
  }
  const url = new URL(pageUrl);
  if (rule.type === 'page') url.searchParams.set(rule.param, String(rule.start + pageIndex + 1));
  else {
    if (itemCount < rule.pageSize) return undefined;
    url.searchParams.set(rule.param, String((pageIndex + 1) * rule.pageSize));
  }
  return url.href;
}
