import { adIdOf, contentHashOf, Limits, RawAdV1, rawAdV1 } from '@lantern/contracts';

/** What a source adapter knows about an ad before it becomes a raw-ad message. */
export interface FoundAd {
  url?: string;
  externalId?: string;
  title?: string;
  description: string;
  company?: string;
  location?: { raw?: string; country?: string };
  salaryText?: string;
  employmentType?: string;
  postedAt?: string;
}

/**
 * Builds the raw-ad message: a stable id from source and URL (or external id), a content hash over
 * the fields that matter, over-long fields cut to the contract's limits rather than refused.
 */
export function buildRawAd(source: string, found: FoundAd, now: Date): RawAdV1 {
  const title = found.title?.slice(0, Limits.title);
  const description = found.description.slice(0, Limits.description);
  const contentHash = contentHashOf([title, description, found.company, found.location?.raw, found.salaryText, found.employmentType]);
  const ad = {
    schemaVersion: 1 as const,
    id: adIdOf({ source, url: found.url, externalId: found.externalId, contentHash }),
    source,
    ...(found.url ? { url: found.url } : {}),
    ...(found.externalId ? { externalId: found.externalId } : {}),
    ...(title ? { title } : {}),
    description,
    ...(found.company ? { company: found.company.slice(0, Limits.shortText) } : {}),
    ...(found.location ? { location: found.location } : {}),
    ...(found.salaryText ? { salaryText: found.salaryText.slice(0, Limits.shortText) } : {}),
    ...(found.employmentType ? { employmentType: found.employmentType.slice(0, Limits.shortText) } : {}),
    ...(found.postedAt ? { postedAt: found.postedAt } : {}),
    scrapedAt: now.toISOString(),
    contentHash,
  };
  return rawAdV1.parse(ad);
}
