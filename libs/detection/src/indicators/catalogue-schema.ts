import { z } from 'zod';

export const severity = z.enum(['low', 'medium', 'high', 'critical']);
export type Severity = z.infer<typeof severity>;

const indicatorId = z.string().regex(/^[a-z]+\.[a-z0-9_]+$/, 'ids look like "category.name" (lower case, digits, _)');

export const indicatorDefinition = z
  .object({
    id: indicatorId,
    title: z.string().min(3).max(200),
    description: z.string().min(10).max(2_000),
    category: z.string().min(3).max(100),
    severity,
    /** Log-odds contribution before diminishing returns. */
    weight: z.number().min(-5).max(5),
    sources: z.array(z.string().min(1)).min(1).max(20),
    /** pattern: found in text by patterns/<lang>.json; structure: computed in code; linkage: from linkage storage. */
    kind: z.enum(['pattern', 'structure', 'linkage']),
  })
  .strict();
export type IndicatorDefinition = z.infer<typeof indicatorDefinition>;

export const indicatorsFile = z.object({ indicators: z.array(indicatorDefinition).min(1) }).strict();

export const sourceDefinition = z
  .object({
    key: z.string().regex(/^[a-z0-9_]+$/),
    title: z.string().min(3),
    publisher: z.string().min(2),
    year: z.number().int().min(1900).max(2100).optional(),
    url: z.url().optional(),
    note: z.string().optional(),
  })
  .strict();
export type SourceDefinition = z.infer<typeof sourceDefinition>;

export const sourcesFile = z.object({ sources: z.array(sourceDefinition).min(1) }).strict();

const examples = z.object({
  positive: z.array(z.string().min(1)).min(2),
  negative: z.array(z.string().min(1)).min(2),
});

export const patternEntry = z.object({
  patterns: z.array(z.string().min(1).max(2_000)).min(1).max(50),
  unless: z.array(z.string().min(1).max(2_000)).max(50).optional(),
  examples,
});
export type PatternEntry = z.infer<typeof patternEntry>;

export const patternFile = z.object({
  language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z]{2,4})?$/),
  name: z.string().min(2),
  indicators: z.record(z.string(), patternEntry),
});
export type PatternFile = z.infer<typeof patternFile>;

export const combinationRule = z
  .object({
    id: z.string().regex(/^[a-z0-9_]+$/),
    title: z.string().min(3),
    /** Every group must be satisfied by at least one of its indicator ids. */
    requires: z.array(z.array(indicatorId).min(1)).min(2),
    bonus: z.number().min(0).max(5),
    sources: z.array(z.string()).min(1),
  })
  .strict();
export type CombinationRule = z.infer<typeof combinationRule>;

export const scoringFile = z
  .object({
    /** Offset added to every ad's log-odds. */
    base: z.number(),
    /** Log-odds used for the share of the ad the model does not cover (all of it without a model). */
    priorLogit: z.number(),
    /** Each further hit in a category counts `decay` times the previous one. */
    categoryDecay: z.number().min(0).max(1),
    combinations: z.array(combinationRule),
    /** Bonus when this many distinct ILO/fraud categories are present. */
    breadth: z.object({ categories: z.number().int().min(2), bonus: z.number().min(0) }).strict(),
    levels: z
      .object({ medium: z.number().gt(0).lt(1), high: z.number().gt(0).lt(1), critical: z.number().gt(0).lt(1) })
      .strict()
      .refine((l) => l.medium < l.high && l.high < l.critical, 'levels must increase: medium < high < critical'),
    /** Highest level one indicator of low or medium severity can reach on its own. */
    singleWeakCueMaxLevel: z.enum(['low', 'medium', 'high']),
    /**
     * Indicators the model also reads (from board metadata such as company profile and logo): their
     * weight counts only for the share of the ad the model does not cover, so they are not counted twice.
     */
    modelOverlap: z.array(indicatorId).default([]),
  })
  .strict();
export type ScoringConfig = z.infer<typeof scoringFile>;
