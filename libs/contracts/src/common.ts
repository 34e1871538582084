import { z } from 'zod';
import { Limits } from './limits';

export const isoDateTime = z.iso.datetime({ offset: true });
export const adId = z
  .string()
  .min(1)
  .max(Limits.id)
  .regex(/^[A-Za-z0-9._:-]+$/, 'ad id: letters, digits, . _ : - only');
export const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a lowercase sha256 hex digest');
export const shortText = z.string().max(Limits.shortText);
export const riskLevel = z.enum(['low', 'medium', 'high', 'critical']);
export type RiskLevel = z.infer<typeof riskLevel>;

/** Ordered from least to most severe, so levels compare by index. */
export const RISK_LEVELS: readonly RiskLevel[] = riskLevel.options;

export function riskLevelAtLeast(level: RiskLevel, threshold: RiskLevel): boolean {
  return RISK_LEVELS.indexOf(level) >= RISK_LEVELS.indexOf(threshold);
}
