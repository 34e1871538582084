import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { emscadRowToRawAd, readCsvRows } from '@lantern/ad-io';
import { cohensKappa, type ScoringDetector } from '@lantern/detection';

export const DEFAULT_FLAGS_DIR = '/work/shared/data/emscad/redflags-manual50';

/**
 * The nearest of our indicators for each of the eight human-labelled EMSCAD red flags
 * (flag_definitions_agent.json). An ad counts as flagged by us when any mapped indicator fires.
 * Flags 6-8 (internal conflict, vague information, promotional template) have no counterpart:
 * they judge the whole ad's coherence, which no pattern of ours claims to measure.
 */
export const FLAG_MAPPING: ReadonlyArray<{ column: string; flag: string; indicators: string[] }> = [
  {
    column: 'manual_flag1_sensitive_info',
    flag: 'sensitive information request',
    indicators: ['scam.personal_financial_data', 'documents.upfront_copy', 'debt.upfront_fee'],
  },
  {
    column: 'manual_flag2_unrealistic_comp',
    flag: 'unrealistic compensation',
    indicators: ['structure.pay_above_market', 'deception.easy_high_pay'],
  },
  { column: 'manual_flag3_pressure_tactics', flag: 'pressure tactics', indicators: ['channel.urgency'] },
  {
    column: 'manual_flag4_anon_employer',
    flag: 'unidentifiable employer',
    indicators: ['structure.no_company_identity', 'structure.contact_messaging_or_freemail'],
  },
  { column: 'manual_flag5_req_role_mismatch', flag: 'requirements/role mismatch', indicators: ['deception.no_experience'] },
  { column: 'manual_flag6_info_conflict', flag: 'internal information conflict', indicators: [] },
  { column: 'manual_flag7_vague_info', flag: 'vague information', indicators: [] },
  { column: 'manual_flag8_promo_template', flag: 'promotional template', indicators: [] },
];

export interface FlagAgreement {
  flag: string;
  indicators: string[];
  humanYes: number;
  oursYes: number;
  bothYes: number;
  precision: number;
  recall: number;
  kappa: number;
}

export async function flagAgreement(
  detector: ScoringDetector,
  dir = DEFAULT_FLAGS_DIR,
): Promise<{ ads: number; skipped: number; flags: FlagAgreement[] }> {
  // The file was saved as Windows-1252 upstream (non-ASCII already damaged to "??").
  const text = new TextDecoder('windows-1252').decode(readFileSync(join(dir, 'sample_for_review.csv')));
  const human: boolean[][] = FLAG_MAPPING.map(() => []);
  const ours: boolean[][] = FLAG_MAPPING.map(() => []);
  let ads = 0;
  let skipped = 0;
  for await (const row of readCsvRows(text)) {
    if (!row.ok) {
      skipped++;
      continue;
    }
    const mapped = emscadRowToRawAd(row.values, { now: new Date(0) });
    if (!mapped.ok) {
      skipped++;
      continue;
    }
    const fired = new Set(detector.score(mapped.ad).indicators.map((hit) => hit.id));
    ads++;
    FLAG_MAPPING.forEach((entry, f) => {
      human[f]!.push(row.values[entry.column]?.trim() === '1');
      ours[f]!.push(entry.indicators.some((id) => fired.has(id)));
    });
  }
  const flags = FLAG_MAPPING.map((entry, f) => {
    const h = human[f]!;
    const o = ours[f]!;
    const bothYes = h.filter((yes, i) => yes && o[i]).length;
    const humanYes = h.filter(Boolean).length;
    const oursYes = o.filter(Boolean).length;
    return {
      flag: entry.flag,
      indicators: entry.indicators,
      humanYes,
      oursYes,
      bothYes,
      precision: oursYes === 0 ? NaN : bothYes / oursYes,
      recall: humanYes === 0 ? NaN : bothYes / humanYes,
      kappa: entry.indicators.length === 0 ? NaN : cohensKappa(o, h),
    };
  });
  return { ads, skipped, flags };
}
