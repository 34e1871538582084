import { api } from '../api';
import type { Alert, AlertStatus } from '../types';

export type Decision = 'confirm' | 'dismiss' | 'escalate';

interface ReviewAnswer {
  alertId: string;
  status: AlertStatus;
  revision: number;
}

/**
 * Records a decision. A new alert is first taken into review (the lifecycle is new -> in_review ->
 * decided), each step naming the revision the analyst saw, so a concurrent change is a 409, not a silent overwrite.
 */
export async function decide(
  alert: Pick<Alert, 'id' | 'status' | 'revision'>,
  decision: Decision,
  note?: string,
): Promise<Pick<Alert, 'status' | 'revision'>> {
  let revision = alert.revision;
  if (alert.status === 'new') {
    const started = await api<ReviewAnswer>(`/api/alerts/${encodeURIComponent(alert.id)}/review`, {
      method: 'POST',
      body: { decision: 'start_review', expectedRevision: revision },
    });
    revision = started.revision;
  }
  const body = { decision, expectedRevision: revision, ...(note ? { note } : {}) };
  const done = await api<ReviewAnswer>(`/api/alerts/${encodeURIComponent(alert.id)}/review`, { method: 'POST', body });
  return { status: done.status, revision: done.revision };
}
