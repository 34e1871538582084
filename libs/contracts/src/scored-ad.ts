import { z } from 'zod';
import { adId, isoDateTime, riskLevel, shortText } from './common';
import { rawAdV1 } from './raw-ad';

/** Where in the original ad an indicator was seen: field, UTF-16 offsets into it, and the words. */
export const evidenceSpan = z.object({
  field: z.enum(['title', 'description', 'company', 'companyProfile', 'requirements', 'benefits', 'salaryText', 'location']),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  text: z.string().max(300),
});
export type EvidenceSpan = z.infer<typeof evidenceSpan>;

export const indicatorHit = z.object({
  id: z.string().max(100),
  title: shortText,
  /** ILO forced-labour indicator or recruitment-fraud category it maps to. */
  category: z.string().max(100),
  severity: z.enum(['low', 'medium', 'high', 'critical']),
  /** Contribution to the log-odds of the ad being a lure. */
  weight: z.number(),
  language: z.string().max(20).optional(),
  /** Short source keys (see the indicator catalogue for titles and links). */
  sources: z.array(z.string().max(100)).max(20),
  evidence: z.array(evidenceSpan).max(20),
  /** For linkage indicators: other ads sharing the contact or text. */
  linkedAdIds: z.array(adId).max(50).optional(),
});
export type IndicatorHit = z.infer<typeof indicatorHit>;

export const extractedEntities = z.object({
  /** Phones in E.164 where they could be parsed. */
  phones: z.array(z.object({ e164: z.string().max(20), country: z.string().max(2).optional() })).max(50),
  emails: z.array(z.object({ address: shortText, freeMail: z.boolean() })).max(50),
  handles: z.array(z.object({ platform: z.string().max(30), value: shortText })).max(50),
  urls: z.array(z.object({ url: z.string().max(2048), shortener: z.boolean() })).max(50),
  money: z
    .array(
      z.object({
        amount: z.number(),
        currency: z.string().max(3),
        period: z.enum(['hour', 'day', 'week', 'month', 'year', 'unknown']),
        monthlyUsd: z.number().optional(),
      }),
    )
    .max(50),
  ages: z.array(z.object({ min: z.number().optional(), max: z.number().optional() })).max(20),
  genders: z.array(z.enum(['female', 'male'])).max(5),
  places: z.array(z.object({ name: shortText, country: z.string().max(2) })).max(50),
});
export type ExtractedEntities = z.infer<typeof extractedEntities>;

/** A raw ad with its risk assessment. Topic `ads.scored.v1`, key = `ad.id`. */
export const scoredAdV1 = z.object({
  schemaVersion: z.literal(1),
  id: adId,
  ad: rawAdV1,
  risk: z.object({
    score: z.number().int().min(0).max(100),
    probability: z.number().min(0).max(1),
    level: riskLevel,
  }),
  indicators: z.array(indicatorHit).max(200),
  entities: extractedEntities,
  language: z.object({ code: z.string().max(20), script: z.string().max(20), confidence: z.number().min(0).max(1) }),
  versions: z.object({ model: shortText, ruleset: shortText, scorer: shortText }),
  scoredAt: isoDateTime,
});
export type ScoredAdV1 = z.infer<typeof scoredAdV1>;
