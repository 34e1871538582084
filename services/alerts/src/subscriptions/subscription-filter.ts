import { type AlertV1, riskLevel, riskLevelAtLeast, type ScoredAdV1 } from '@lantern/contracts';
import { contactLinkKeys } from '@lantern/detection';
import { z } from 'zod';

export const MAX_KEYWORDS = 20;
/** Ad text searched for keywords is cut here: bounds the work per alert whatever an ad's length. */
export const MAX_MATCHED_TEXT = 20_000;

const keyword = z
  .string()
  .trim()
  .min(2, 'keywords need at least 2 characters')
  .max(100)
  .transform((k) => k.toLowerCase());

/** The filters of a subscription or an SSE stream. Every list means "any of"; every field present must match. */
export const subscriptionFilter = z.strictObject({
  minLevel: riskLevel.optional(),
  minScore: z.coerce.number().int().min(0).max(100).optional(),
  indicators: z.array(z.string().min(1).max(100)).min(1).max(50).optional(),
  countries: z
    .array(
      z
        .string()
        .regex(/^[A-Za-z]{2}$/, 'countries are ISO 3166-1 alpha-2 codes')
        .transform((c) => c.toUpperCase()),
    )
    .min(1)
    .max(50)
    .optional(),
  languages: z
    .array(
      z
        .string()
        .regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$/, 'languages are codes such as en or pt-BR')
        .transform((l) => l.toLowerCase()),
    )
    .min(1)
    .max(20)
    .optional(),
  keywords: z.array(keyword).min(1).max(MAX_KEYWORDS).optional(),
  /** A contact link key as the API shows it (kind:hex HMAC), never a raw phone or email. */
  linkedContact: z
    .string()
    .regex(/^(?:phone|email|handle):[0-9a-f]{64}$/, 'linkedContact is a link key such as phone:<64 hex characters>')
    .optional(),
});
export type SubscriptionFilter = z.infer<typeof subscriptionFilter>;

/** What a filter is matched against: the alert plus a little of its ad. */
export interface MatchSubject {
  alert: AlertV1;
  /** Lower-cased title and description, bounded. */
  text: string;
  /** The ad's contact link keys (kind:hex). */
  linkKeys: ReadonlySet<string>;
}

export function matchesFilter(filter: SubscriptionFilter, subject: MatchSubject): boolean {
  const { alert } = subject;
  if (filter.minLevel && !riskLevelAtLeast(alert.level, filter.minLevel)) return false;
  if (filter.minScore !== undefined && alert.score < filter.minScore) return false;
  if (filter.indicators && !filter.indicators.some((id) => alert.indicatorIds.includes(id))) return false;
  if (filter.countries && !(alert.country && filter.countries.includes(alert.country.toUpperCase()))) return false;
  if (filter.languages && !(alert.language && filter.languages.includes(alert.language.toLowerCase()))) return false;
  if (filter.keywords && !filter.keywords.some((k) => subject.text.includes(k))) return false;
  if (filter.linkedContact && !subject.linkKeys.has(filter.linkedContact)) return false;
  return true;
}

/** The subject for an alert whose ad may be missing (then only alert-level filters can match). */
export function matchSubjectOf(
  alert: AlertV1,
  ad: Pick<ScoredAdV1, 'ad' | 'entities'> | undefined,
  linkKey: string | undefined,
): MatchSubject {
  if (!ad) return { alert, text: '', linkKeys: new Set() };
  const text = `${ad.ad.title ?? ''}\n${ad.ad.description ?? ''}`.slice(0, MAX_MATCHED_TEXT).toLowerCase();
  return { alert, text, linkKeys: linkKey ? new Set(contactLinkKeys(ad.entities, linkKey)) : new Set() };
}
