import { type ReactNode, useEffect, useState } from 'react';
import { api, query } from '../api';
import { queueLink } from '../queue/filters';
import { Link } from '../router';
import { hasRole, useSession } from '../session';
import { RISK_LEVELS, type RiskLevel } from '../types';
import { Failure, NotAvailable } from '../ui';
import { type Bar, BarList, DailyLevels, type DayLevels } from './charts';

interface Count {
  key: string;
  count: number;
}

/** GET /api/stats: counts over ads scored in [from, to], and over their alerts. */
interface Stats {
  ads: { total: number; byDay: Count[]; byLevel: Count[]; byIndicator: Count[]; byCountry: Count[]; byLanguage: Count[] };
  alerts: { total: number; byStatus: Count[]; byLevel: Count[] };
}

const DAYS = 14;
/** Audit pages read for the throughput chart (500 entries each): enough for a desk's fortnight. */
const AUDIT_PAGES = 4;

interface AuditPage {
  items: Array<{ seq: number; at: string; details: string }>;
  nextBefore: number | null;
}

/** Decisions per day (confirm, dismiss, escalate, reopen) from the audit log; taking an alert into review is not a decision. */
async function reviewThroughput(): Promise<Bar[]> {
  const perDay = new Map<string, number>();
  let before: number | null = null;
  for (let page = 0; page < AUDIT_PAGES; page++) {
    const answer: AuditPage = await api<AuditPage>(`/api/audit${query({ action: 'alert.review', limit: 500, before })}`);
    for (const entry of answer.items) {
      let decision: unknown;
      try {
        decision = (JSON.parse(entry.details) as { decision?: unknown }).decision;
      } catch {
        decision = undefined;
      }
      if (decision === 'start_review') continue;
      const day = entry.at.slice(0, 10);
      perDay.set(day, (perDay.get(day) ?? 0) + 1);
    }
    if (answer.nextBefore === null) break;
    before = answer.nextBefore;
  }
  return [...perDay.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .slice(-DAYS)
    .map(([label, count]) => ({ label, count }));
}

function dayRange(daysBack: number, now = new Date()): { day: string; from: string; to: string } {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - daysBack)).toISOString().slice(0, 10);
  return { day, from: `${day}T00:00:00.000Z`, to: `${day}T23:59:59.999Z` };
}

function levelCounts(counts: Count[]): Record<RiskLevel, number> {
  const result: Record<RiskLevel, number> = { low: 0, medium: 0, high: 0, critical: 0 };
  for (const { key, count } of counts) if (RISK_LEVELS.includes(key as RiskLevel)) result[key as RiskLevel] = count;
  return result;
}

export function OverviewPage() {
  const [stats, setStats] = useState<Stats | null>(null);
  const [days, setDays] = useState<DayLevels[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [throughput, setThroughput] = useState<Bar[] | 'unavailable' | null>(null);
  const { principal } = useSession();
  const isAdmin = hasRole(principal, 'admin');

  useEffect(() => {
    let cancelled = false;
    if (isAdmin)
      reviewThroughput().then(
        (bars) => !cancelled && setThroughput(bars),
        () => !cancelled && setThroughput('unavailable'),
      );
    api<Stats>('/api/stats').then((answer) => !cancelled && setStats(answer), setError);
    // Alerts by level per day: one ranged stats call per day (the stats route counts by level over a range).
    const ranges = Array.from({ length: DAYS }, (_, i) => dayRange(DAYS - 1 - i));
    Promise.all(ranges.map((range) => api<Stats>(`/api/stats${query({ from: range.from, to: range.to })}`))).then(
      (answers) => !cancelled && setDays(answers.map((answer, i) => ({ day: ranges[i]!.day, counts: levelCounts(answer.alerts.byLevel) }))),
      () => !cancelled && setDays([]),
    );
    return () => {
      cancelled = true;
    };
  }, [isAdmin]);

  if (error)
    return (
      <Shell>
        <Failure error={error} what="Overview statistics" />
      </Shell>
    );
  if (!stats)
    return (
      <Shell>
        <p className="loading">Loading…</p>
      </Shell>
    );

  const bars = (counts: Count[], filter?: 'indicator' | 'country' | 'language' | 'status' | 'level'): Bar[] =>
    counts.slice(0, 12).map(({ key, count }) => ({
      label: key === '??' ? 'unknown' : key,
      count,
      ...(filter && key !== '??' ? { to: queueLink({ [filter]: key }) } : {}),
    }));

  return (
    <Shell>
      <p className="totals">
        <strong>{stats.ads.total}</strong> ads scored · <Link to={queueLink({})}>{stats.alerts.total}</Link> alerts
      </p>
      <div className="charts">
        {days ? (
          <DailyLevels days={days} linkFor={(day, level) => queueLink({ level, from: day, to: day })} />
        ) : (
          <p className="loading">Loading…</p>
        )}
        <BarList title="Alerts by level" bars={bars(stats.alerts.byLevel, 'level')} />
        <BarList title="Alerts by status (review progress)" bars={bars(stats.alerts.byStatus, 'status')} />
        <BarList title="Top indicators (ads)" bars={bars(stats.ads.byIndicator, 'indicator')} />
        <BarList title="Countries (ads)" bars={bars(stats.ads.byCountry, 'country')} />
        <BarList title="Languages (ads)" bars={bars(stats.ads.byLanguage, 'language')} />
        <BarList title="Ads scored per day" bars={stats.ads.byDay.slice(-DAYS).map(({ key, count }) => ({ label: key, count }))} />
        {isAdmin && throughput !== 'unavailable' ? (
          throughput ? (
            <BarList title="Review throughput (decisions per day, from the audit log)" bars={throughput} />
          ) : (
            <p className="loading">Loading…</p>
          )
        ) : (
          <figure className="chart">
            <figcaption>Review throughput (decisions per day)</figcaption>
            <NotAvailable what="Not available for your role: it is counted from the audit log, which admins read; the stats route has no count of decisions per day yet." />
          </figure>
        )}
      </div>
    </Shell>
  );
}

function Shell({ children }: { children: ReactNode }) {
  return (
    <div className="overview-page">
      <h1>Overview</h1>
      {children}
    </div>
  );
}
