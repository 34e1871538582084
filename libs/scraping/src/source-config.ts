import { z } from 'zod';
import { describeIssues } from '@lantern/contracts';
import { parseCron } from './cron';

export const SOURCE_TYPES = ['rss', 'atom', 'jsonld', 'html', 'json-api', 'sitemap', 'bulk'] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

const httpUrl = z
  .string()
  .max(2000)
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'must be an http(s) URL');
const selector = z.string().min(1).max(300);
/** A dotted path into a JSON document: `data.jobs`, `company.name`. */
const fieldPath = z
  .string()
  .max(200)
  .regex(/^[\w$@-]+(\.[\w$@-]+)*$/, 'a dotted field path like data.items');
const regexSource = z
  .string()
  .max(300)
  .refine((value) => {
    try {
      new RegExp(value);
      return true;
    } catch {
      return false;
    }
  }, 'must be a valid regular expression');

/** "30s", "15m", "6h", "1d". */
export const duration = z
  .string()
  .regex(/^\d+(s|m|h|d)$/, 'a duration like 30s, 15m, 6h or 1d')
  .transform(
    (value) => Number(value.slice(0, -1)) * { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[value.slice(-1) as 's' | 'm' | 'h' | 'd'],
  )
  .refine((ms) => ms >= 10_000 && ms <= 30 * 86_400_000, 'between 10s and 30d');

const schedule = z.union([
  z.strictObject({ every: duration }),
  z.strictObject({
    cron: z
      .string()
      .max(200)
      .refine((value) => {
        try {
          parseCron(value);
          return true;
        } catch {
          return false;
        }
      }, 'a five-field cron expression (minute hour day-of-month month day-of-week)'),
  }),
]);

/** How a listing page leads to detail pages and to its next page. */
const listing = z.strictObject({
  /** Links to detail pages; without it, same-site links (filtered by detailUrlPattern) are followed. */
  detailLinkSelector: selector.optional(),
  detailUrlPattern: regexSource.optional(),
  /** The next page's link, beside the rel=next and "next" links found anyway. */
  nextSelector: selector.optional(),
  /** A page number parameter (`?page=2`) to count up when the page has no next link. */
  pageParam: z
    .string()
    .regex(/^[\w.-]{1,40}$/)
    .optional(),
});

const selectors = z.strictObject({
  /** Each match is one ad on a listing page; without it, each fetched page is one ad. */
  item: selector.optional(),
  title: selector,
  description: selector,
  company: selector.optional(),
  location: selector.optional(),
  salary: selector.optional(),
  employmentType: selector.optional(),
  postedAt: selector.optional(),
  /** Within an item: the link to the ad's own page. */
  link: selector.optional(),
  email: selector.optional(),
  phone: selector.optional(),
});

const apiFields = z.strictObject({
  title: fieldPath,
  description: fieldPath,
  url: fieldPath.optional(),
  externalId: fieldPath.optional(),
  company: fieldPath.optional(),
  location: fieldPath.optional(),
  country: fieldPath.optional(),
  salary: fieldPath.optional(),
  employmentType: fieldPath.optional(),
  postedAt: fieldPath.optional(),
  email: fieldPath.optional(),
  phone: fieldPath.optional(),
  language: fieldPath.optional(),
});

const apiPagination = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('none') }),
  z.strictObject({ type: z.literal('page'), param: z.string().regex(/^[\w.-]{1,40}$/), start: z.number().int().min(0).default(1) }),
  z.strictObject({ type: z.literal('offset'), param: z.string().regex(/^[\w.-]{1,40}$/), pageSize: z.number().int().min(1).max(10_000) }),
  /** The response names the next page's URL. */
  z.strictObject({ type: z.literal('next-url'), path: fieldPath }),
]);

const limits = z
  .strictObject({
    /** Pages fetched per run, listing and detail pages together. */
    maxPages: z.number().int().min(1).max(10_000).default(50),
    maxAds: z.number().int().min(1).max(100_000).default(1000),
  })
  .default({ maxPages: 50, maxAds: 1000 });

export const sourceConfig = z
  .strictObject({
    name: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'lower-case letters, digits, . _ - (up to 63)'),
    type: z.enum(SOURCE_TYPES),
    urls: z.array(httpUrl).min(1).max(100),
    enabled: z.boolean().default(true),
    schedule: schedule.default({ every: 3_600_000 }),
    limits,
    /** Lets this source reach private or loopback addresses (an intranet board, test fixtures). */
    allowPrivate: z.boolean().default(false),
    languageHint: z.string().max(20).optional(),
    listing: listing.optional(),
    selectors: selectors.optional(),
    api: z
      .strictObject({ itemsPath: fieldPath.optional(), fields: apiFields, pagination: apiPagination.default({ type: 'none' }) })
      .optional(),
  })
  .superRefine((source, context) => {
    if (source.type === 'html' && !source.selectors)
      context.addIssue({ code: 'custom', path: ['selectors'], message: 'an html source needs selectors' });
    if (source.type === 'json-api' && !source.api)
      context.addIssue({ code: 'custom', path: ['api'], message: 'a json-api source needs an api mapping' });
  });

export type SourceConfig = z.infer<typeof sourceConfig>;

export const sourcesFile = z.strictObject({ sources: z.array(sourceConfig).max(500) }).superRefine((file, context) => {
  const seen = new Set<string>();
  file.sources.forEach((source, index) => {
    if (seen.has(source.name))
      context.addIssue({ code: 'custom', path: ['sources', index, 'name'], message: `"${source.name}" is used twice` });
    seen.add(source.name);
  });
});

export type SourcesFile = z.infer<typeof sourcesFile>;

export class SourcesFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string,
  ) {
    super(`Invalid sources file ${file}: ${problems}`);
    this.name = 'SourcesFileError';
  }
}

/** Parses and validates a sources file's text; every problem is named with its path (sources.2.urls.0: ...). */
export function parseSourcesFile(text: string, file = 'sources file'): SourcesFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SourcesFileError(file, `not JSON (${(error as Error).message})`);
  }
  const parsed = sourcesFile.safeParse(json);
  if (!parsed.success) throw new SourcesFileError(file, describeIssues(parsed.error));
  return parsed.data;
}
