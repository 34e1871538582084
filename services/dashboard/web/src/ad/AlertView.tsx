import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../api';
import { safeHttpUrl } from '../highlight';
import { alertLink } from '../queue/QueuePage';
import { decide, type Decision } from '../queue/review';
import { Link, useRouter } from '../router';
import { hasRole, useSession } from '../session';
import type { AdDetail, Alert, EvidenceField, LinkedAd } from '../types';
import { Failure, formatTime, Kbd, LevelBadge, NotAvailable, NoteDialog } from '../ui';
import { HighlightedText, Plain } from './HighlightedText';
import { LinkGraph } from './LinkGraph';

/** GET /api/alerts/:id: the alert, its ad (masked per role), linked ads and the review history. */
interface AlertDetail {
  alert: Alert;
  ad: AdDetail;
  linked?: LinkedAd[];
  reviews?: ReviewEntry[];
  notes?: NoteEntry[];
}

interface ReviewEntry {
  id: number;
  decision: string;
  fromStatus: string;
  toStatus: string;
  note: string | null;
  actorRole: string;
  at: string;
}

interface NoteEntry {
  id: number;
  body: string;
  actorRole: string;
  at: string;
}

interface RevealedContacts {
  phones: string[];
  emails: string[];
  handles: Array<{ platform: string; value: string }>;
}

type HistoryItem = { at: string; kind: 'review'; review: ReviewEntry } | { at: string; kind: 'note'; note: NoteEntry };

const FIELDS: Array<[EvidenceField, string]> = [
  ['title', 'Title'],
  ['company', 'Company'],
  ['location', 'Location'],
  ['salaryText', 'Salary'],
  ['description', 'Description'],
  ['requirements', 'Requirements'],
  ['benefits', 'Benefits'],
  ['companyProfile', 'Company profile'],
];

function fieldText(detail: AdDetail, field: EvidenceField): string | undefined {
  if (field === 'location') return detail.ad.location?.raw;
  const value = detail.ad[field];
  return typeof value === 'string' ? value : undefined;
}

export function AlertView({ alertId, adId: adIdProp }: { alertId?: string; adId?: string }) {
  const { search, navigate } = useRouter();
  const { principal } = useSession();
  const [detail, setDetail] = useState<AlertDetail | null>(null);
  const [alertError, setAlertError] = useState<unknown>(null);
  const [adOnly, setAdOnly] = useState<AdDetail | null>(null);
  const [adError, setAdError] = useState<unknown>(null);
  const [linkedOnly, setLinkedOnly] = useState<LinkedAd[] | null>(null);
  const [linkedError, setLinkedError] = useState<unknown>(null);
  const [message, setMessage] = useState('');
  const [revealing, setRevealing] = useState(false);
  const [noting, setNoting] = useState(false);
  const [revealed, setRevealed] = useState<RevealedContacts | null>(null);
  const alert = detail?.alert ?? null;
  const adId = alert?.adId ?? adIdProp ?? search.get('ad') ?? undefined;

  const loadDetail = useCallback(() => {
    if (!alertId) return;
    setAlertError(null);
    api<AlertDetail>(`/api/alerts/${encodeURIComponent(alertId)}`).then(setDetail, setAlertError);
  }, [alertId]);
  useEffect(() => {
    setDetail(null);
    setRevealed(null);
    loadDetail();
  }, [loadDetail]);

  // An ad without an alert (a linked ad, say): the ad and its links come from the ads routes.
  useEffect(() => {
    if (alertId || !adId) return;
    setAdOnly(null);
    setRevealed(null);
    setAdError(null);
    api<AdDetail>(`/api/ads/${encodeURIComponent(adId)}`).then(setAdOnly, setAdError);
    setLinkedError(null);
    api<{ items: LinkedAd[] }>(`/api/ads/${encodeURIComponent(adId)}/linked`).then((answer) => setLinkedOnly(answer.items), setLinkedError);
  }, [alertId, adId]);

  const ad = detail?.ad ?? adOnly;
  const linked = detail?.linked ?? linkedOnly;
  const mayReview = hasRole(principal, 'analyst', 'admin');
  const act = useCallback(
    async (decision: Decision) => {
      if (!alert || !mayReview) return;
      try {
        const result = await decide(alert, decision);
        setMessage(`Saved: ${result.status.replace('_', ' ')}`);
        loadDetail();
      } catch (caught) {
        setMessage(
          caught instanceof ApiError && caught.notAvailable
            ? 'Reviewing is not available on this server yet'
            : `Not saved: ${(caught as Error).message}`,
        );
      }
    },
    [alert, mayReview, loadDetail],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.metaKey || event.ctrlKey || event.altKey || revealing || noting) return;
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON'].includes(target.tagName))) return;
      const keys: Record<string, () => void> = {
        c: () => void act('confirm'),
        d: () => void act('dismiss'),
        e: () => void act('escalate'),
        n: () => alert && mayReview && setNoting(true),
        u: () => navigate('/'),
        Escape: () => navigate('/'),
      };
      const action = keys[event.key];
      if (!action) return;
      event.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [act, navigate, revealing, noting, alert, mayReview]);

  if (alertError) return <Failure error={alertError} what="Could not load this alert" />;
  if (adError) return <Failure error={adError} what="Could not load this ad" />;
  if (!ad) return <p className="loading">Loading…</p>;

  const topReasons = [...ad.indicators].sort((a, b) => b.weight - a.weight).slice(0, 5);
  const adUrl = safeHttpUrl(ad.url ?? ad.ad.url);
  const history: HistoryItem[] = [
    ...(detail?.reviews ?? []).map((review) => ({ at: review.at, kind: 'review' as const, review })),
    ...(detail?.notes ?? []).map((note) => ({ at: note.at, kind: 'note' as const, note })),
  ].sort((a, b) => a.at.localeCompare(b.at));

  return (
    <article className="ad-view" aria-labelledby="ad-title">
      <p className="back">
        <Link to="/">← Queue</Link> <Kbd>u</Kbd>
      </p>
      <h1 id="ad-title">
        <Plain text={ad.title ?? ad.ad.title ?? '(untitled ad)'} />
      </h1>
      <p className="ad-meta">
        {ad.source} · {ad.country ?? 'country unknown'} · {ad.language} · scored {formatTime(ad.scoredAt)}
        {adUrl && (
          <>
            {' · '}
            <a href={adUrl} target="_blank" rel="noopener noreferrer nofollow" referrerPolicy="no-referrer">
              original ad (opens the source site)
            </a>
          </>
        )}
      </p>
      {alert && mayReview && (
        <div className="decision-bar" role="group" aria-label="Decision">
          <span className={`status status-${alert.status}`}>{alert.status.replace('_', ' ')}</span>
          <button type="button" onClick={() => void act('confirm')}>
            Confirm <Kbd>c</Kbd>
          </button>
          <button type="button" onClick={() => void act('dismiss')}>
            Dismiss <Kbd>d</Kbd>
          </button>
          <button type="button" onClick={() => void act('escalate')}>
            Escalate <Kbd>e</Kbd>
          </button>
          <button type="button" className="secondary" onClick={() => setNoting(true)}>
            Add note <Kbd>n</Kbd>
          </button>
          <span role="status" aria-live="polite">
            {message}
          </span>
        </div>
      )}
      <div className="ad-layout">
        <section className="ad-body" aria-label="Ad text with evidence highlighted">
          {FIELDS.map(([field, label]) => {
            const text = fieldText(ad, field);
            if (!text) return null;
            return (
              <section key={field} className="ad-field">
                <h2>{label}</h2>
                <HighlightedText field={field} text={text} indicators={ad.indicators} />
              </section>
            );
          })}
        </section>
        <aside className="panels">
          <section className="panel" aria-labelledby="score-title">
            <h2 id="score-title">Score</h2>
            <p className="big-score">
              <LevelBadge level={ad.riskLevel} /> <strong>{ad.riskScore}</strong>/100{' '}
              <span className="muted">(p = {ad.riskProbability.toFixed(2)})</span>
            </p>
            {alert?.reasons.length ? (
              <ul className="reasons">
                {alert.reasons.map((reason) => (
                  <li key={reason}>{reason}</li>
                ))}
              </ul>
            ) : null}
            <h3>Top reasons</h3>
            <ol className="top-reasons">
              {topReasons.map((hit) => (
                <li key={hit.id}>
                  <span className={`sev severity-${hit.severity}`}>{hit.severity}</span> {hit.title}{' '}
                  <span className="muted">
                    ({hit.category}, +{hit.weight.toFixed(2)})
                  </span>
                </li>
              ))}
            </ol>
          </section>
          <EntitiesPanel ad={ad} revealed={revealed} onRevealed={setRevealed} revealing={revealing} setRevealing={setRevealing} />
          <section className="panel" aria-labelledby="linked-title">
            <h2 id="linked-title">Linked ads</h2>
            <LinkedPanel ad={ad} linked={linked} error={alertId ? null : linkedError} />
          </section>
          <section className="panel" aria-labelledby="history-title">
            <h2 id="history-title">History</h2>
            {!alertId || !alert ? (
              <NotAvailable what="This ad has no alert." />
            ) : (
              <ol className="history">
                <li>
                  <time dateTime={alert.raisedAt}>{formatTime(alert.raisedAt)}</time> raised ({alert.reasons.join('; ')})
                </li>
                {history.map((item) =>
                  item.kind === 'review' ? (
                    <li key={`r${item.review.id}`}>
                      <time dateTime={item.at}>{formatTime(item.at)}</time> {item.review.decision.replace('_', ' ')}:{' '}
                      {item.review.fromStatus} → {item.review.toStatus} <span className="muted">by {item.review.actorRole}</span>
                      {item.review.note && <p className="note-text">{item.review.note}</p>}
                    </li>
                  ) : (
                    <li key={`n${item.note.id}`}>
                      <time dateTime={item.at}>{formatTime(item.at)}</time> note <span className="muted">by {item.note.actorRole}</span>
                      <p className="note-text">{item.note.body}</p>
                    </li>
                  ),
                )}
              </ol>
            )}
            {alert && (
              <p className="muted">
                <Link to={alertLink(alert)}>Permalink</Link> · deliveries of this alert are in each subscription's delivery log
              </p>
            )}
          </section>
        </aside>
      </div>
      {noting && alert && (
        <NoteDialog
          label="Note (Esc cancels)"
          onSave={async (text) => {
            await api(`/api/alerts/${encodeURIComponent(alert.id)}/notes`, { method: 'POST', body: { body: text } });
            setNoting(false);
            setMessage('Note saved');
            loadDetail();
          }}
          onCancel={() => setNoting(false)}
        />
      )}
    </article>
  );
}

function LinkedPanel({ ad, linked, error }: { ad: AdDetail; linked: LinkedAd[] | null; error: unknown }) {
  // Without the linked-ads route, the classifier's own linkage evidence still names the linked ads.
  const fallback: LinkedAd[] = ad.indicators.flatMap((hit) =>
    (hit.linkedAdIds ?? []).map((id) => ({ adId: id, via: [hit.title], ad: null })),
  );
  const items = linked ?? (error ? fallback : null);
  if (!items) return <p className="loading">Loading…</p>;
  if (!items.length) return <p className="muted">No linked ads.</p>;
  return (
    <>
      {error !== null && linked === null && (
        <p className="muted">From the classifier's linkage evidence (the linked-ads route is not available).</p>
      )}
      <ul className="linked">
        {items.map((link) => (
          <li key={link.adId}>
            <Link to={`/ads/${encodeURIComponent(link.adId)}`}>
              <Plain text={link.ad?.title ?? link.adId} />
            </Link>{' '}
            <span className="muted">{link.via.join(', ')}</span>
          </li>
        ))}
      </ul>
      <LinkGraph adId={ad.id} linked={items} />
    </>
  );
}

function EntitiesPanel({
  ad,
  revealed,
  onRevealed,
  revealing,
  setRevealing,
}: {
  ad: AdDetail;
  revealed: RevealedContacts | null;
  onRevealed: (contacts: RevealedContacts) => void;
  revealing: boolean;
  setRevealing: (value: boolean) => void;
}) {
  const { entities } = ad;
  const rows: Array<[string, string[]]> = [
    ['Phones', revealed ? revealed.phones : entities.phones.map((p) => p.e164 + (p.country ? ` (${p.country})` : ''))],
    ['Emails', revealed ? revealed.emails : entities.emails.map((e) => e.address + (e.freeMail ? ' (free mail)' : ''))],
    ['Handles', (revealed ? revealed.handles : entities.handles).map((h) => `${h.platform}: ${h.value}`)],
    ['Links', entities.urls.map((u) => u.url + (u.shortener ? ' (shortener)' : ''))],
    [
      'Pay',
      entities.money.map((m) => `${m.amount} ${m.currency}/${m.period}` + (m.monthlyUsd ? ` ≈ ${Math.round(m.monthlyUsd)} USD/month` : '')),
    ],
    ['Ages', entities.ages.map((a) => `${a.min ?? '?'}–${a.max ?? '?'}`)],
    ['Genders', entities.genders],
    ['Places', entities.places.map((p) => `${p.name} (${p.country})`)],
  ];
  return (
    <section className="panel" aria-labelledby="entities-title">
      <h2 id="entities-title">Entities</h2>
      {ad.contactsMasked && !revealed && (
        <p className="masked-note">
          Contacts are masked for your role.{' '}
          <button type="button" className="secondary" onClick={() => setRevealing(true)}>
            Reveal…
          </button>
        </p>
      )}
      {revealed && <p className="masked-note">Contacts revealed; your reason is in the audit log.</p>}
      <dl className="entities">
        {rows
          .filter(([, values]) => values.length)
          .map(([label, values]) => (
            <div key={label}>
              <dt>{label}</dt>
              {values.map((value, index) => (
                <dd key={index}>
                  <Plain text={value} />
                </dd>
              ))}
            </div>
          ))}
      </dl>
      {revealing && (
        <RevealDialog
          adId={ad.id}
          onDone={(contacts) => {
            if (contacts) onRevealed(contacts);
            setRevealing(false);
          }}
        />
      )}
    </section>
  );
}

function RevealDialog({ adId, onDone }: { adId: string; onDone: (contacts: RevealedContacts | null) => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      onDone(
        await api<RevealedContacts>(`/api/ads/${encodeURIComponent(adId)}/reveal`, { method: 'POST', body: { reason: reason.trim() } }),
      );
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <div className="dialog-backdrop">
      <form role="dialog" aria-modal="true" aria-labelledby="reveal-title" className="dialog" onSubmit={(event) => void submit(event)}>
        <h2 id="reveal-title">Reveal contacts</h2>
        <label htmlFor="reveal-reason">Why do you need them? This is recorded in the audit log.</label>
        <textarea
          id="reveal-reason"
          autoFocus
          required
          minLength={10}
          maxLength={500}
          rows={3}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
        {error !== null && <Failure error={error} what="Could not reveal" />}
        <div className="actions">
          <button type="submit" disabled={reason.trim().length < 10}>
            Reveal
          </button>
          <button type="button" className="secondary" onClick={() => onDone(null)}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}
