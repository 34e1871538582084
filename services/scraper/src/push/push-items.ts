import { describeIssues, Limits, type RawAdV1, rawAdV1 } from '@lantern/contracts';
import { buildRawAd } from '@lantern/scraping';
import { z } from 'zod';

/** Most items one push may carry; more is a 413, like a body over 1 MB. */
export const MAX_PUSH_ITEMS = 500;

const text = (max: number) => z.string().max(max);

/** What a partner may send when it does not build contract messages itself: id, hash and time are ours to make. */
export const partnerItem = z.strictObject({
  url: text(Limits.url).optional(),
  externalId: text(Limits.shortText).optional(),
  title: text(Limits.title).optional(),
  /** Plain text or HTML (HTML is turned to text and kept beside it). */
  description: text(Limits.descriptionHtml),
  descriptionHtml: text(Limits.descriptionHtml).optional(),
  company: text(Limits.shortText).optional(),
  location: z.strictObject({ raw: text(Limits.shortText).optional(), country: text(100).optional() }).optional(),
  salaryText: text(Limits.shortText).optional(),
  employmentType: text(Limits.shortText).optional(),
  contacts: z
    .strictObject({
      phones: z.array(text(Limits.shortText)).max(Limits.listItems).optional(),
      emails: z.array(text(Limits.shortText)).max(Limits.listItems).optional(),
      urls: z.array(text(Limits.url)).max(Limits.listItems).optional(),
    })
    .optional(),
  postedAt: text(40).optional(),
  languageHint: text(20).optional(),
});

export class PushBodyError extends Error {
  constructor(
    message: string,
    readonly tooLarge = false,
  ) {
    super(message);
    this.name = 'PushBodyError';
  }
}

/** A pushed item before validation: parsed JSON, or the reason its NDJSON line was not JSON. */
export type PushedItem = { value: unknown } | { error: string };

/** The items of a push: one object, a JSON array, or (as text) JSON lines. Blank lines are skipped. */
export function pushedItemsOf(body: unknown, ndjson: boolean): PushedItem[] {
  let items: PushedItem[];
  if (ndjson) {
    if (typeof body !== 'string') throw new PushBodyError('an application/x-ndjson body is expected');
    items = [];
    for (const line of body.split('\n')) {
      if (!line.trim()) continue;
      if (items.length >= MAX_PUSH_ITEMS) throw new PushBodyError(`at most ${MAX_PUSH_ITEMS} items per request`, true);
      try {
        items.push({ value: JSON.parse(line) as unknown });
      } catch {
        items.push({ error: 'not a JSON line' });
      }
    }
  } else if (Array.isArray(body)) {
    items = body.map((value: unknown) => ({ value }));
  } else if (body !== null && typeof body === 'object' && Object.keys(body).length > 0) {
    items = [{ value: body }];
  } else {
    throw new PushBodyError('send a JSON object, a JSON array of objects or JSON lines (application/x-ndjson)');
  }
  if (items.length > MAX_PUSH_ITEMS) throw new PushBodyError(`at most ${MAX_PUSH_ITEMS} items per request`, true);
  if (items.length === 0) throw new PushBodyError('no items');
  return items;
}

/**
 * One pushed item to a raw-ad message. An item that declares `schemaVersion` is a full contract message
 * and is checked as it is; anything else is a partner item, built under the pusher's source name.
 */
export function rawAdOfPushed(item: PushedItem, source: string, now: Date): { ad: RawAdV1 } | { error: string } {
  if ('error' in item) return item;
  const value = item.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { error: 'an item must be a JSON object' };
  if ('schemaVersion' in value) {
    const parsed = rawAdV1.safeParse(value);
    return parsed.success ? { ad: parsed.data } : { error: `not a valid raw-ad message: ${describeIssues(parsed.error)}`.slice(0, 1000) };
  }
  const parsed = partnerItem.safeParse(value);
  if (!parsed.success) return { error: `not a valid item: ${describeIssues(parsed.error)}`.slice(0, 1000) };
  if (!parsed.data.description.trim() && !parsed.data.title?.trim()) return { error: 'an item needs a title or a description' };
  try {
    return { ad: buildRawAd(source, parsed.data, now) };
  } catch {
    return { error: 'the item does not make a valid raw-ad message' };
  }
}

/** The source name of a push key: `push:` and the key's name made safe (lower case, no spaces). */
export function pushSourceOf(keyName: string): string {
  const slug = keyName
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, Limits.source - 5);
  return `push:${slug || 'unnamed'}`;
}
