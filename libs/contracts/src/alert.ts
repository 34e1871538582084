import { z } from 'zod';
import { adId, isoDateTime, riskLevel } from './common';

export const alertStatus = z.enum(['new', 'in_review', 'confirmed', 'dismissed', 'escalated']);
export type AlertStatus = z.infer<typeof alertStatus>;

/**
 * An alert raised or updated for a high-risk ad. Topic `alerts.v1`, key = `adId`. Thin on purpose:
 * ids, score and indicator ids; consumers fetch the ad through the API, where access is audited.
 */
export const alertV1 = z.object({
  schemaVersion: z.literal(1),
  alertId: z.string().min(1).max(64),
  adId,
  /** Increases with every change, so consumers can drop stale updates. */
  revision: z.number().int().positive(),
  status: alertStatus,
  level: riskLevel,
  score: z.number().int().min(0).max(100),
  indicatorIds: z.array(z.string().max(100)).max(200),
  /** Why it was raised: the level reached the threshold, or a named rule matched. */
  reasons: z.array(z.string().max(200)).min(1).max(20),
  source: z.string().max(100),
  country: z.string().max(2).optional(),
  language: z.string().max(20).optional(),
  raisedAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type AlertV1 = z.infer<typeof alertV1>;
