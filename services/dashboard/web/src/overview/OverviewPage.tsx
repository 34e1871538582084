import { type ReactNode, useEffect, useState } from 'react';
import { api } from '../api';
import { queueLink } from '../queue/filters';
import { RISK_LEVELS, type RiskLevel } from '../types';
import { Failure } from '../ui';
import { type Bar, BarList, DailyLevels, type DayLevels } from './charts';

/**
 * The stats route's answer is read leniently: each section may be a list of {label-ish, count} objects
 * or a record of label -> count, so a field renamed on the server degrades to "no data", not a crash.
 */
type Stats = Record<string, unknown>;

const LABEL_KEYS = ['label', 'key', 'id', 'indicator', 'indicatorId', 'country', 'language', 'source', 'day', 'date', 'status', 'level'];
const COUNT_KEYS = ['count', 'total', 'alerts', 'n', 'value', 'reviewed'];

export function pairsOf(value: unknown): Array<{ label: string; count: number; row: Record<string, unknown> }> {
  if (Array.isArray(value)) {
    return value.flatMap((row: unknown) => {
      if (!row || typeof row !== 'object') return [];
      const record = row as Record<string, unknown>;
      const label = LABEL_KEYS.map((key) => record[key]).find((v) => typeof v === 'string');
      const count = COUNT_KEYS.map((key) => record[key]).find((v) => typeof v === 'number');
      return typeof label === 'string' && typeof count === 'number' ? [{ label, count, row: record }] : [];
    });
  }
  if (value && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([label, count]) =>
      typeof count === 'number' ? [{ label, count, row: {} }] : [],
    );
  }
  return [];
}

function pick(stats: Stats, ...names: string[]): unknown {
  for (const name of names) if (name in stats) return stats[name];
  return undefined;
}

function dailyLevels(value: unknown): DayLevels[] {
  const days = new Map<string, Record<RiskLevel, number>>();
  const counts = (day: string) => {
    let entry = days.get(day);
    if (!entry) days.set(day, (entry = { low: 0, medium: 0, high: 0, critical: 0 }));
    return entry;
  };
  if (!Array.isArray(value)) return [];
  for (const row of value as unknown[]) {
    if (!row || typeof row !== 'object') continue;
    const record = row as Record<string, unknown>;
    const day = [record['day'], record['date']].find((v) => typeof v === 'string') as string | undefined;
    if (!day) continue;
    const level = record['level'];
    if (typeof level === 'string' && RISK_LEVELS.includes(level as RiskLevel) && typeof record['count'] === 'number') {
      counts(day.slice(0, 10))[level as RiskLevel] += record['count'];
    } else {
      const byLevel = (record['levels'] ?? record['byLevel'] ?? record) as Record<string, unknown>;
      for (const l of RISK_LEVELS) if (typeof byLevel[l] === 'number') counts(day.slice(0, 10))[l] += byLevel[l];
    }
  }
  return [...days.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([day, c]) => ({ day, counts: c }));
}

export function OverviewPage() {
  const [stats, setStats] = useState<Stats | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api<Stats>('/api/stats').then(setStats, setError);
  }, []);
  if (error)
    return (
      <OverviewShell>
        <Failure error={error} what="Overview statistics" />
      </OverviewShell>
    );
  if (!stats)
    return (
      <OverviewShell>
        <p className="loading">Loading…</p>
      </OverviewShell>
    );

  const bars = (names: string[], filter?: 'indicator' | 'country' | 'language' | 'source' | 'status' | 'level'): Bar[] =>
    pairsOf(pick(stats, ...names))
      .sort((a, b) => b.count - a.count)
      .slice(0, 12)
      .map(({ label, count }) => ({ label, count, ...(filter ? { to: queueLink({ [filter]: label }) } : {}) }));

  return (
    <OverviewShell>
      <div className="charts">
        <DailyLevels
          days={dailyLevels(pick(stats, 'alertsPerDay', 'perDay', 'daily', 'alertsByDay'))}
          linkFor={(day, level) => queueLink({ level, from: day, to: day })}
        />
        <BarList title="Top indicators" bars={bars(['topIndicators', 'indicators'], 'indicator')} />
        <BarList title="Countries" bars={bars(['countries', 'byCountry', 'topCountries'], 'country')} />
        <BarList title="Languages" bars={bars(['languages', 'byLanguage', 'topLanguages'], 'language')} />
        <BarList title="Alerts by status" bars={bars(['byStatus', 'statuses', 'status'], 'status')} />
        <BarList title="Review throughput (decisions per day)" bars={bars(['reviewThroughput', 'throughput', 'reviewsPerDay'])} />
      </div>
    </OverviewShell>
  );
}

function OverviewShell({ children }: { children: ReactNode }) {
  return (
    <div className="overview-page">
      <h1>Overview</h1>
      {children}
    </div>
  );
}
