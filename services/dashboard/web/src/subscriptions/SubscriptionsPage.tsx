import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { api, query } from '../api';
import { safeHttpUrl } from '../highlight';
import { type Delivery, type Page, type Subscription, type SubscriptionFilter } from '../types';
import { Failure, formatTime, LevelSelect } from '../ui';

function list(value: FormDataEntryValue | null): string[] | undefined {
  if (typeof value !== 'string') return undefined;
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  return items.length ? items : undefined;
}

function filterFrom(data: FormData): SubscriptionFilter {
  const filter: SubscriptionFilter = {};
  const minLevel = data.get('minLevel');
  if (typeof minLevel === 'string' && minLevel) filter.minLevel = minLevel as SubscriptionFilter['minLevel'];
  const minScore = data.get('minScore');
  if (typeof minScore === 'string' && minScore) filter.minScore = Number(minScore);
  const indicators = list(data.get('indicators'));
  if (indicators) filter.indicators = indicators;
  const countries = list(data.get('countries'));
  if (countries) filter.countries = countries;
  const languages = list(data.get('languages'));
  if (languages) filter.languages = languages;
  const keywords = list(data.get('keywords'));
  if (keywords) filter.keywords = keywords;
  return filter;
}

export function SubscriptionsPage() {
  const [items, setItems] = useState<Subscription[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState<Subscription | 'new' | null>(null);
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);
  const [deliveriesFor, setDeliveriesFor] = useState<Subscription | null>(null);

  const load = useCallback(async () => {
    try {
      const page = await api<Page<Subscription> | Subscription[]>(`/api/subscriptions${query({ limit: 100 })}`);
      setItems(Array.isArray(page) ? page : page.items);
      setError(null);
    } catch (caught) {
      setError(caught);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const rotate = async (subscription: Subscription) => {
    try {
      const answer = await api<{ secret: string }>(`/api/subscriptions/${encodeURIComponent(subscription.id)}/rotate-secret`, {
        method: 'POST',
      });
      setSecret({ name: subscription.name, secret: answer.secret });
    } catch (caught) {
      setError(caught);
    }
  };

  const remove = async (subscription: Subscription) => {
    if (!window.confirm(`Delete the subscription "${subscription.name}"?`)) return;
    try {
      await api(`/api/subscriptions/${encodeURIComponent(subscription.id)}`, { method: 'DELETE' });
      await load();
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <div className="subscriptions-page">
      <h1>Subscriptions</h1>
      {secret && (
        <div className="secret-once" role="alert">
          <h2>Webhook secret for “{secret.name}”</h2>
          <p>Copy it now: it is shown this once. Verify each webhook's signature with it.</p>
          <code className="secret" data-testid="webhook-secret">
            {secret.secret}
          </code>
          <button type="button" className="secondary" onClick={() => setSecret(null)}>
            I have stored it
          </button>
        </div>
      )}
      {error !== null && <Failure error={error} what="Subscriptions" />}
      <button type="button" onClick={() => setEditing('new')}>
        New subscription
      </button>
      {editing && (
        <SubscriptionForm
          subscription={editing === 'new' ? null : editing}
          onSaved={async (saved) => {
            setEditing(null);
            if (saved.secret) setSecret({ name: saved.name, secret: saved.secret });
            await load();
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      {items && items.length === 0 && <p className="empty">No subscriptions yet.</p>}
      {items && items.length > 0 && (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Channel</th>
              <th scope="col">Target</th>
              <th scope="col">Filter</th>
              <th scope="col">Status</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {items.map((subscription) => (
              <tr key={subscription.id}>
                <td>{subscription.name}</td>
                <td>{subscription.channel}</td>
                <td className="wrap">
                  {subscription.channel === 'webhook' ? subscription.url : `/api/alerts/stream?subscriptionId=${subscription.id}`}
                </td>
                <td className="wrap">{describeFilter(subscription.filter)}</td>
                <td>{subscription.status}</td>
                <td className="row-actions">
                  <button type="button" className="secondary" onClick={() => setEditing(subscription)}>
                    Edit
                  </button>
                  {subscription.channel === 'webhook' && (
                    <>
                      <button type="button" className="secondary" onClick={() => void rotate(subscription)}>
                        Rotate secret
                      </button>
                      <button type="button" className="secondary" onClick={() => setDeliveriesFor(subscription)}>
                        Deliveries
                      </button>
                    </>
                  )}
                  <button type="button" className="secondary danger" onClick={() => void remove(subscription)}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {deliveriesFor && <DeliveryLog subscription={deliveriesFor} onClose={() => setDeliveriesFor(null)} />}
    </div>
  );
}

function describeFilter(filter: SubscriptionFilter): string {
  const parts: string[] = [];
  if (filter.minLevel) parts.push(`level ≥ ${filter.minLevel}`);
  if (filter.minScore !== undefined) parts.push(`score ≥ ${filter.minScore}`);
  if (filter.indicators) parts.push(`indicators: ${filter.indicators.join(', ')}`);
  if (filter.countries) parts.push(`countries: ${filter.countries.join(', ')}`);
  if (filter.languages) parts.push(`languages: ${filter.languages.join(', ')}`);
  if (filter.keywords) parts.push(`keywords: ${filter.keywords.join(', ')}`);
  return parts.join('; ') || 'every alert';
}

function SubscriptionForm({
  subscription,
  onSaved,
  onCancel,
}: {
  subscription: Subscription | null;
  onSaved: (saved: Subscription) => Promise<void>;
  onCancel: () => void;
}) {
  const [channel, setChannel] = useState<'webhook' | 'stream'>(subscription?.channel ?? 'webhook');
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const name = String(data.get('name') ?? '').trim();
    const url = String(data.get('url') ?? '').trim();
    if (channel === 'webhook' && !safeHttpUrl(url)) {
      setError(new Error('The webhook URL must be an http(s) URL'));
      return;
    }
    try {
      const saved = subscription
        ? await api<Subscription>(`/api/subscriptions/${encodeURIComponent(subscription.id)}`, {
            method: 'PATCH',
            body: { name, filter: filterFrom(data), ...(channel === 'webhook' ? { url } : {}) },
          })
        : await api<Subscription>('/api/subscriptions', {
            method: 'POST',
            body: { name, channel, filter: filterFrom(data), ...(channel === 'webhook' ? { url } : {}) },
          });
      await onSaved(saved);
    } catch (caught) {
      setError(caught);
    }
  };
  const f = subscription?.filter ?? {};
  return (
    <form
      className="subscription-form"
      onSubmit={(event) => void submit(event)}
      aria-label={subscription ? 'Edit subscription' : 'New subscription'}
    >
      <h2>{subscription ? `Edit “${subscription.name}”` : 'New subscription'}</h2>
      <label>
        Name
        <input name="name" required maxLength={200} defaultValue={subscription?.name ?? ''} />
      </label>
      <fieldset disabled={subscription !== null}>
        <legend>Channel</legend>
        <label className="inline">
          <input type="radio" name="channel" value="webhook" checked={channel === 'webhook'} onChange={() => setChannel('webhook')} />{' '}
          Webhook
        </label>
        <label className="inline">
          <input type="radio" name="channel" value="stream" checked={channel === 'stream'} onChange={() => setChannel('stream')} /> Stream
          (SSE)
        </label>
      </fieldset>
      {channel === 'webhook' && (
        <label>
          Webhook URL (https)
          <input
            name="url"
            type="url"
            required
            maxLength={2048}
            defaultValue={subscription?.url ?? ''}
            placeholder="https://example.org/hooks/lantern"
          />
        </label>
      )}
      <LevelSelect label="Minimum level" name="minLevel" defaultValue={f.minLevel} />
      <label>
        Minimum score
        <input name="minScore" type="number" min={0} max={100} defaultValue={f.minScore ?? ''} />
      </label>
      <label>
        Indicators (comma-separated)
        <input name="indicators" defaultValue={f.indicators?.join(', ') ?? ''} />
      </label>
      <label>
        Countries (comma-separated ISO codes)
        <input name="countries" defaultValue={f.countries?.join(', ') ?? ''} />
      </label>
      <label>
        Languages (comma-separated)
        <input name="languages" defaultValue={f.languages?.join(', ') ?? ''} />
      </label>
      <label>
        Keywords (comma-separated)
        <input name="keywords" defaultValue={f.keywords?.join(', ') ?? ''} />
      </label>
      {error !== null && <Failure error={error} what="Not saved" />}
      <div className="actions">
        <button type="submit">{subscription ? 'Save' : 'Create'}</button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function DeliveryLog({ subscription, onClose }: { subscription: Subscription; onClose: () => void }) {
  const [items, setItems] = useState<Delivery[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api<Page<Delivery>>(`/api/subscriptions/${encodeURIComponent(subscription.id)}/deliveries${query({ limit: 100 })}`).then(
      (page) => setItems(page.items),
      setError,
    );
  }, [subscription.id]);
  return (
    <section className="panel" aria-labelledby="deliveries-title">
      <h2 id="deliveries-title">Deliveries of “{subscription.name}”</h2>
      <button type="button" className="secondary" onClick={onClose}>
        Close
      </button>
      {error !== null && <Failure error={error} what="Delivery log" />}
      {items && items.length === 0 && <p className="muted">No deliveries yet.</p>}
      {items && items.length > 0 && (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Alert</th>
              <th scope="col">Status</th>
              <th scope="col">Attempts</th>
              <th scope="col">Last answer</th>
            </tr>
          </thead>
          <tbody>
            {items.map((delivery) => (
              <tr key={String(delivery.id)}>
                <td>{formatTime(delivery.updatedAt ?? delivery.createdAt)}</td>
                <td>{delivery.alertId ?? ''}</td>
                <td>{delivery.status}</td>
                <td className="num">{delivery.attempts ?? ''}</td>
                <td className="wrap">{delivery.responseStatus ?? delivery.lastError ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
