import type { AlertStatus } from '@lantern/contracts';
import type { Role } from '@lantern/platform';

export const REVIEW_DECISIONS = ['start_review', 'confirm', 'dismiss', 'escalate', 'reopen'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/**
 * The review lifecycle: new -> in_review -> confirmed | dismissed | escalated. A confirmed or dismissed
 * alert may still be escalated (new facts, a case opened elsewhere); only an admin may re-open a
 * decided alert (back to in_review), so a decision cannot be quietly undone by the same desk.
 */
const TRANSITIONS: Record<ReviewDecision, { from: readonly AlertStatus[]; to: AlertStatus; roles: readonly Role[] }> = {
  start_review: { from: ['new'], to: 'in_review', roles: ['analyst', 'admin'] },
  confirm: { from: ['in_review'], to: 'confirmed', roles: ['analyst', 'admin'] },
  dismiss: { from: ['in_review'], to: 'dismissed', roles: ['analyst', 'admin'] },
  escalate: { from: ['in_review', 'confirmed', 'dismissed'], to: 'escalated', roles: ['analyst', 'admin'] },
  reopen: { from: ['confirmed', 'dismissed', 'escalated'], to: 'in_review', roles: ['admin'] },
};

export type TransitionCheck = { ok: true; to: AlertStatus } | { ok: false; reason: 'role' | 'status'; message: string };

export function checkTransition(decision: ReviewDecision, from: AlertStatus, role: Role): TransitionCheck {
  const rule = TRANSITIONS[decision];
  if (!rule.roles.includes(role)) return { ok: false, reason: 'role', message: `The ${role} role may not ${decision} an alert` };
  if (!rule.from.includes(from)) {
    return { ok: false, reason: 'status', message: `Cannot ${decision} an alert that is ${from} (allowed from: ${rule.from.join(', ')})` };
  }
  return { ok: true, to: rule.to };
}
