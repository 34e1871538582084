import type { CheerioAPI } from 'cheerio';
import type { FoundAd } from '../normalise';

export interface SelectorRules {
  item?: string;
  title: string;
  description: string;
  company?: string;
  location?: string;
  salary?: string;
  employmentType?: string;
  postedAt?: string;
  link?: string;
  email?: string;
  phone?: string;
}

/** Ads on a page without structured data, described by CSS selectors: each `item`, or the whole page as one ad. */
export function parseWithSelectors($: CheerioAPI, pageUrl: string, rules: SelectorRules): FoundAd[] {
  const scopes = rules.item
    ? $(rules.item)
        .toArray()
        .slice(0, 1000)
        .map((element) => $(element))
    : [$.root().children()];
  const ads: FoundAd[] = [];
  for (const scope of scopes) {
    const text = (selector: string | undefined) =>
      selector ? scope.find(selector).first().text().replace(/\s+/g, ' ').trim() || undefined : undefined;
    const descriptionNode = scope.find(rules.description).first();
    const descriptionHtml = descriptionNode.html() ?? undefined;
    const title = text(rules.title);
    const description = descriptionNode.text().trim();
    if (!title && !description) continue;
    const href = rules.link ? scope.find(rules.link).first().attr('href') : undefined;
    const url = href ? resolved(href, pageUrl) : rules.item ? undefined : pageUrl;
    const email = rules.email
      ? (scope
          .find(rules.email)
          .first()
          .attr('href')
          ?.replace(/^mailto:/i, '') ?? text(rules.email))
      : undefined;
    const phone = rules.phone ? (scope.find(rules.phone).first().attr('href')?.replace(/^tel:/i, '') ?? text(rules.phone)) : undefined;
    const found: FoundAd = { description };
    if (descriptionHtml && /<[a-z]/i.test(descriptionHtml)) found.descriptionHtml = descriptionHtml;
    if (url) found.url = url;
    if (title) found.title = title;
    const company = text(rules.company);
    if (company) found.company = company;
    const location = text(rules.location);
    if (location) found.location = { raw: location };
    const salary = text(rules.salary);
    if (salary) found.salaryText = salary;
    const employmentType = text(rules.employmentType);
    if (employmentType) found.employmentType = employmentType;
    const postedNode = rules.postedAt ? scope.find(rules.postedAt).first() : undefined;
    const posted = postedNode?.attr('datetime') ?? postedNode?.text().trim();
    if (posted) found.postedAt = posted;
    if (email || phone) found.contacts = { ...(email ? { emails: [email] } : {}), ...(phone ? { phones: [phone] } : {}) };
    ads.push(found);
  }
  return ads;
}

function resolved(href: string, base: string): string | undefined {
  try {
    const url = new URL(href, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
