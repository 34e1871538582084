import { type FormEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, ApiError, query } from '../api';
import { Link, useRouter } from '../router';
import { hasRole, useSession } from '../session';
import { ALERT_STATUSES, type AdDetail, type Alert, type Page, type RiskLevel } from '../types';
import { Failure, formatTime, Kbd, LEVEL_RANK, LevelBadge, LevelSelect, NoteDialog } from '../ui';
import { apiFilters, FILTER_KEYS, type Filters, filtersFrom, queueLink } from './filters';
import { decide, type Decision } from './review';

const PAGE_SIZE = 100;

/** Highest risk first; newest first within a level. */
export function byRisk(a: Alert, b: Alert): number {
  return LEVEL_RANK[b.level] - LEVEL_RANK[a.level] || b.raisedAt.localeCompare(a.raisedAt) || b.id.localeCompare(a.id);
}

interface AlertNotice {
  alertId: string;
  adId: string;
  revision: number;
  level: RiskLevel;
  score: number;
  timestamp: string;
}

const SHORTCUTS: Array<[string, string]> = [
  ['j / ↓', 'next'],
  ['k / ↑', 'previous'],
  ['c', 'confirm'],
  ['d', 'dismiss'],
  ['e', 'escalate'],
  ['n', 'add note'],
  ['o / Enter', 'open ad'],
];

export function QueuePage() {
  const { search, navigate } = useRouter();
  const { principal } = useSession();
  const filters = useMemo(() => filtersFrom(search), [search]);
  const [alerts, setAlerts] = useState<Alert[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [titles, setTitles] = useState<Record<string, string>>({});
  const [announcement, setAnnouncement] = useState('');
  const [noteFor, setNoteFor] = useState<string | null>(null);
  const [limited, setLimited] = useState(false);
  const [streamState, setStreamState] = useState<'connecting' | 'live' | 'unavailable'>('connecting');
  const listRef = useRef<HTMLOListElement>(null);
  const mayReview = hasRole(principal, 'analyst', 'admin');

  const load = useCallback(
    async (after: string | null) => {
      setLoading(true);
      setError(null);
      try {
        let page: Page<Alert>;
        try {
          page = await api<Page<Alert>>(`/api/alerts${query({ ...apiFilters(filters), sort: 'risk', limit: PAGE_SIZE, cursor: after })}`);
          setLimited(false);
        } catch (caught) {
          // An older alerts API knows only status and level: say so rather than show an unfiltered list as filtered.
          if (!(caught instanceof ApiError) || caught.status !== 400) throw caught;
          const basic = { status: filters.status, level: filters.level, limit: PAGE_SIZE, cursor: after };
          const extra = Object.keys(filters).filter((key) => key !== 'status' && key !== 'level');
          if (extra.length) throw new ApiError(400, `This server cannot filter by ${extra.join(', ')} yet (${caught.message})`);
          page = await api<Page<Alert>>(`/api/alerts${query(basic)}`);
          setLimited(true);
        }
        setAlerts((previous) => mergeAlerts(after ? previous : [], page.items));
        setCursor(page.nextCursor);
      } catch (caught) {
        setError(caught);
      } finally {
        setLoading(false);
      }
    },
    [filters],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  const sorted = useMemo(() => [...alerts].sort(byRisk), [alerts]);
  const selectedIndex = sorted.findIndex((alert) => alert.id === selectedId);
  const selected = selectedIndex >= 0 ? sorted[selectedIndex] : undefined;

  useEffect(() => {
    if (!selectedId && sorted[0]) setSelectedId(sorted[0].id);
  }, [sorted, selectedId]);

  // Titles come with the ad; fetched a few at a time for the rows that lack one.
  useEffect(() => {
    const missing = sorted.filter((alert) => !alert.ad?.title && !alert.title && titles[alert.adId] === undefined).slice(0, 8);
    if (!missing.length) return;
    let cancelled = false;
    void Promise.all(
      missing.map(async (alert) => {
        try {
          const ad = await api<AdDetail>(`/api/ads/${encodeURIComponent(alert.adId)}`);
          return [alert.adId, ad.title ?? ad.ad.title ?? '(untitled)'] as const;
        } catch {
          return [alert.adId, '(ad not available)'] as const;
        }
      }),
    ).then((pairs) => {
      if (!cancelled) setTitles((previous) => ({ ...previous, ...Object.fromEntries(pairs) }));
    });
    return () => {
      cancelled = true;
    };
  }, [sorted, titles]);

  // Live: new alerts slot into place by risk; the selection stays on the same alert, so the analyst keeps their place.
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/alerts/stream');
    const onNotice = (event: MessageEvent<string>) => {
      let notice: AlertNotice;
      try {
        notice = JSON.parse(event.data) as AlertNotice;
      } catch {
        return;
      }
      if (filters.level && notice.level !== filters.level) return;
      setAlerts((previous) => {
        const existing = previous.find((alert) => alert.id === notice.alertId);
        if (existing) {
          if (existing.revision >= notice.revision) return previous;
          return previous.map((alert) =>
            alert.id === notice.alertId ? { ...alert, level: notice.level, score: notice.score, revision: notice.revision } : alert,
          );
        }
        if (
          event.type !== 'alert.raised' ||
          (filters.status && filters.status !== 'new') ||
          Object.keys(filters).some((k) => k !== 'level' && k !== 'status')
        ) {
          return previous;
        }
        setAnnouncement(`New ${notice.level} alert`);
        const raised: Alert = {
          id: notice.alertId,
          adId: notice.adId,
          revision: notice.revision,
          status: 'new',
          level: notice.level,
          score: notice.score,
          indicatorIds: [],
          reasons: [],
          raisedAt: notice.timestamp,
          updatedAt: notice.timestamp,
        };
        return [...previous, raised];
      });
    };
    source.addEventListener('alert.raised', onNotice);
    source.addEventListener('alert.updated', onNotice);
    source.onopen = () => setStreamState('live');
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) setStreamState('unavailable');
    };
    return () => source.close();
  }, [filters]);

  const move = useCallback(
    (step: number) => {
      if (!sorted.length) return;
      const index = selectedIndex < 0 ? 0 : Math.min(sorted.length - 1, Math.max(0, selectedIndex + step));
      setSelectedId(sorted[index]!.id);
    },
    [sorted, selectedIndex],
  );

  // Keep the selected row in view and focused for screen readers.
  useEffect(() => {
    if (!selectedId) return;
    const row = listRef.current?.querySelector<HTMLElement>(`[data-alert-id="${CSS.escape(selectedId)}"]`);
    if (row && listRef.current?.contains(document.activeElement ?? null)) row.focus();
    row?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);

  const act = useCallback(
    async (decision: Decision) => {
      if (!selected || !mayReview) return;
      try {
        const result = await decide(selected, decision);
        setAlerts((previous) => previous.map((alert) => (alert.id === selected.id ? { ...alert, ...result } : alert)));
        setAnnouncement(`${decision === 'confirm' ? 'Confirmed' : decision === 'dismiss' ? 'Dismissed' : 'Escalated'}; next alert`);
        const next = sorted[selectedIndex + 1];
        if (next) setSelectedId(next.id);
      } catch (caught) {
        setAnnouncement(
          caught instanceof ApiError && caught.notAvailable
            ? 'Reviewing is not available on this server yet'
            : `Not saved: ${(caught as Error).message}`,
        );
      }
    },
    [selected, mayReview, sorted, selectedIndex],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.metaKey || event.ctrlKey || event.altKey || noteFor) return;
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON'].includes(target.tagName))) return;
      const actions: Record<string, () => void> = {
        j: () => move(1),
        ArrowDown: () => move(1),
        k: () => move(-1),
        ArrowUp: () => move(-1),
        c: () => void act('confirm'),
        d: () => void act('dismiss'),
        e: () => void act('escalate'),
        n: () => selected && mayReview && setNoteFor(selected.id),
        o: () => selected && navigate(alertLink(selected)),
        Enter: () => selected && navigate(alertLink(selected)),
      };
      const action = actions[event.key];
      if (!action) return;
      event.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [move, act, selected, mayReview, navigate, noteFor]);

  return (
    <div className="queue-page">
      <h1>Review queue</h1>
      <FilterForm filters={filters} onApply={(next) => navigate(queueLink(next))} />
      <div className="queue-meta">
        <span role="status" aria-live="polite" className="announce">
          {announcement}
        </span>
        <span className={`stream stream-${streamState}`}>
          {streamState === 'live'
            ? 'Live updates on'
            : streamState === 'connecting'
              ? 'Connecting to live updates…'
              : 'Live updates not available'}
        </span>
      </div>
      <ul className="shortcuts" aria-label="Keyboard shortcuts">
        {SHORTCUTS.filter(([, what]) => mayReview || !['confirm', 'dismiss', 'escalate', 'add note'].includes(what)).map(([keys, what]) => (
          <li key={what}>
            <Kbd>{keys}</Kbd> {what}
          </li>
        ))}
      </ul>
      {limited && <p className="not-available">This server sorts by recency only; the list is sorted by risk as far as it is loaded.</p>}
      {error !== null && <Failure error={error} what="Could not load alerts" />}
      {!error && !loading && sorted.length === 0 && <p className="empty">No alerts match these filters.</p>}
      <ol className="queue" ref={listRef} aria-label="Alerts, highest risk first">
        {sorted.map((alert) => {
          const isSelected = alert.id === selectedId;
          const title = alert.ad?.title ?? alert.title ?? titles[alert.adId];
          return (
            <li
              key={alert.id}
              data-alert-id={alert.id}
              className={`queue-row${isSelected ? ' selected' : ''}`}
              tabIndex={isSelected ? 0 : -1}
              aria-current={isSelected ? 'true' : undefined}
              onClick={() => setSelectedId(alert.id)}
            >
              <LevelBadge level={alert.level} />
              <span className="score" title="Risk score">
                {alert.score}
              </span>
              <Link to={alertLink(alert)} className="title">
                {title ?? 'Loading title…'}
              </Link>
              <span className={`status status-${alert.status}`}>{alert.status.replace('_', ' ')}</span>
              <span className="meta">
                {[alert.ad?.source ?? alert.source, alert.ad?.country ?? alert.country, alert.ad?.language ?? alert.language]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
              <time dateTime={alert.raisedAt}>{formatTime(alert.raisedAt)}</time>
            </li>
          );
        })}
      </ol>
      {cursor && (
        <button type="button" className="secondary" onClick={() => void load(cursor)} disabled={loading}>
          Load more
        </button>
      )}
      {noteFor && (
        <NoteDialog
          label="Note on the selected alert (Enter in the box adds a line; Esc cancels)"
          onSave={async (text) => {
            await api(`/api/alerts/${encodeURIComponent(noteFor)}/notes`, { method: 'POST', body: { body: text } });
            setNoteFor(null);
            setAnnouncement('Note saved');
          }}
          onCancel={() => setNoteFor(null)}
        />
      )}
    </div>
  );
}

/** The ad id rides along so the ad view works even where the server has no alert detail route. */
export function alertLink(alert: Pick<Alert, 'id' | 'adId'>): string {
  return `/alerts/${encodeURIComponent(alert.id)}?ad=${encodeURIComponent(alert.adId)}`;
}

function mergeAlerts(previous: Alert[], incoming: Alert[]): Alert[] {
  const byId = new Map(previous.map((alert) => [alert.id, alert]));
  for (const alert of incoming) byId.set(alert.id, alert);
  return [...byId.values()];
}

function FilterForm({ filters, onApply }: { filters: Filters; onApply: (filters: Filters) => void }) {
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const next: Filters = {};
    for (const key of FILTER_KEYS) {
      const value = data.get(key);
      if (typeof value === 'string' && value.trim()) next[key] = value.trim();
    }
    onApply(next);
  };
  // Keyed by the filters so the form shows what the URL says after a click-through.
  return (
    <form className="filters" onSubmit={submit} key={JSON.stringify(filters)} aria-label="Filter alerts">
      <label>
        Status
        <select name="status" defaultValue={filters.status ?? ''}>
          <option value="">any</option>
          {ALERT_STATUSES.map((status) => (
            <option key={status} value={status}>
              {status.replace('_', ' ')}
            </option>
          ))}
        </select>
      </label>
      <LevelSelect label="Level" name="level" defaultValue={filters.level} />
      <label>
        Indicator
        <input name="indicator" defaultValue={filters.indicator ?? ''} maxLength={100} placeholder="e.g. fees.recruitment" />
      </label>
      <label>
        Language
        <input name="language" defaultValue={filters.language ?? ''} maxLength={20} size={5} placeholder="en" />
      </label>
      <label>
        Country
        <input name="country" defaultValue={filters.country ?? ''} maxLength={2} size={3} placeholder="GB" />
      </label>
      <label>
        Source
        <input name="source" defaultValue={filters.source ?? ''} maxLength={100} />
      </label>
      <label>
        From
        <input name="from" type="date" defaultValue={filters.from ?? ''} />
      </label>
      <label>
        To
        <input name="to" type="date" defaultValue={filters.to ?? ''} />
      </label>
      <label className="grow">
        Text
        <input name="q" type="search" defaultValue={filters.q ?? ''} maxLength={200} />
      </label>
      <button type="submit">Apply</button>
      <button type="button" className="secondary" onClick={() => onApply({})}>
        Clear
      </button>
    </form>
  );
}
