import { z } from 'zod';
import { adId, isoDateTime, sha256Hex, shortText } from './common';
import { Limits } from './limits';

/** A job ad as found at its source, before any scoring. Topic `ads.raw.v1`, key = `id`. */
export const rawAdV1 = z
  .object({
    schemaVersion: z.literal(1),
    id: adId,
    /** The configured source it came from (a feed, a board, "push:partner-x", "import"). */
    source: z.string().min(1).max(Limits.source),
    url: z.string().max(Limits.url).optional(),
    externalId: z.string().max(Limits.shortText).optional(),
    title: z.string().max(Limits.title).optional(),
    /** Plain text; may be empty when the title says everything. */
    description: z.string().max(Limits.description),
    descriptionHtml: z.string().max(Limits.descriptionHtml).optional(),
    company: shortText.optional(),
    companyProfile: z.string().max(Limits.longText).optional(),
    location: z
      .object({
        raw: shortText.optional(),
        /** ISO 3166-1 alpha-2, when known. */
        country: z
          .string()
          .regex(/^[A-Z]{2}$/)
          .optional(),
      })
      .optional(),
    salaryText: shortText.optional(),
    employmentType: shortText.optional(),
    requirements: z.string().max(Limits.longText).optional(),
    benefits: z.string().max(Limits.longText).optional(),
    /** Contacts found in structured data (JSON-LD, API fields); contacts in the text are found later. */
    contacts: z
      .object({
        phones: z.array(shortText).max(Limits.listItems).optional(),
        emails: z.array(shortText).max(Limits.listItems).optional(),
        urls: z.array(z.string().max(Limits.url)).max(Limits.listItems).optional(),
      })
      .optional(),
    /** Facts some boards publish (EMSCAD has them): their absence is itself a signal. */
    attributes: z
      .object({
        department: shortText.optional(),
        industry: shortText.optional(),
        jobFunction: shortText.optional(),
        requiredExperience: shortText.optional(),
        requiredEducation: shortText.optional(),
        telecommuting: z.boolean().optional(),
        hasCompanyLogo: z.boolean().optional(),
        hasScreeningQuestions: z.boolean().optional(),
      })
      .optional(),
    languageHint: z.string().max(20).optional(),
    postedAt: isoDateTime.optional(),
    scrapedAt: isoDateTime,
    /** sha256 of the content fields; a new hash for the same id is a new version of the ad. */
    contentHash: sha256Hex,
  })
  .refine((ad) => (ad.title ?? '').trim() !== '' || ad.description.trim() !== '', {
    message: 'an ad needs a title or a description',
    path: ['description'],
  });

export type RawAdV1 = z.infer<typeof rawAdV1>;
