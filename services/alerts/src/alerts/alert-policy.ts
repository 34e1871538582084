import { type RiskLevel, riskLevelAtLeast, type ScoredAdV1 } from '@lantern/contracts';

/** Indicators that link an ad's contact to ads elsewhere: a rule of their own, whatever the level. */
const CONTACT_LINKAGE_PREFIX = 'linkage.shared_contact';

/**
 * Why a scored ad deserves an alert; empty when it does not. An alert is raised when the level reaches
 * the configured threshold, or when a rule matches below it: any critical-severity indicator, or a
 * contact linked across ads in several countries or sources.
 */
export function alertReasons(scored: Pick<ScoredAdV1, 'risk' | 'indicators'>, threshold: RiskLevel): string[] {
  const reasons: string[] = [];
  if (riskLevelAtLeast(scored.risk.level, threshold)) reasons.push(`level ${scored.risk.level} reached the ${threshold} threshold`);
  const critical = scored.indicators.filter((i) => i.severity === 'critical').map((i) => i.id);
  if (critical.length) reasons.push(`rule: critical indicator ${critical.slice(0, 5).join(', ')}`.slice(0, 200));
  const linked = scored.indicators.find((i) => i.id.startsWith(CONTACT_LINKAGE_PREFIX));
  if (linked) reasons.push(`rule: contact linked across ads (${linked.id})`.slice(0, 200));
  return reasons;
}
