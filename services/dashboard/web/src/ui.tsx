import type { ReactNode } from 'react';
import { ApiError } from './api';
import type { RiskLevel } from './types';

export function NotAvailable({ what }: { what: string }) {
  return (
    <p className="not-available" role="status">
      {what}
    </p>
  );
}

/** An API failure, worded for the analyst; a missing route is "not available", not an error. */
export function Failure({ error, what }: { error: unknown; what: string }) {
  if (error instanceof ApiError && error.notAvailable) return <NotAvailable what={`${what}: not available on this server yet.`} />;
  return (
    <p className="error" role="alert">
      {what}: {error instanceof Error ? error.message : String(error)}
    </p>
  );
}

export function LevelBadge({ level }: { level: RiskLevel }) {
  return <span className={`badge level-${level}`}>{level}</span>;
}

export function Kbd({ children }: { children: ReactNode }) {
  return <kbd>{children}</kbd>;
}

export function formatTime(iso: string | undefined | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

export const LEVEL_RANK: Record<RiskLevel, number> = { low: 0, medium: 1, high: 2, critical: 3 };
