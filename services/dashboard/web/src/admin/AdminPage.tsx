import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { api } from '../api';
import { Failure, formatTime } from '../ui';

interface ApiKeyView {
  keyId?: string;
  id?: string;
  name: string;
  role: string;
  createdAt?: string;
  revokedAt?: string | null;
}

interface SourceView {
  id?: string;
  name?: string;
  kind?: string;
  status?: string;
  lastRunAt?: string | null;
  lastSuccessAt?: string | null;
  lastError?: string | null;
  [key: string]: unknown;
}

function itemsOf<T>(answer: T[] | { items: T[] }): T[] {
  return Array.isArray(answer) ? answer : answer.items;
}

export function AdminPage() {
  return (
    <div className="admin-page">
      <h1>Admin</h1>
      <KeysSection />
      <SourcesSection />
    </div>
  );
}

function KeysSection() {
  const [keys, setKeys] = useState<ApiKeyView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setKeys(itemsOf(await api<ApiKeyView[] | { items: ApiKeyView[] }>('/api/keys')));
      setError(null);
    } catch (caught) {
      setError(caught);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    try {
      const answer = await api<{ key: string }>('/api/keys', {
        method: 'POST',
        body: { name: String(data.get('name')), role: String(data.get('role')) },
      });
      setCreated(answer.key);
      await load();
    } catch (caught) {
      setError(caught);
    }
  };
  const revoke = async (key: ApiKeyView) => {
    if (!window.confirm(`Revoke the key "${key.name}"? Its sessions end too.`)) return;
    try {
      await api(`/api/keys/${encodeURIComponent(key.keyId ?? key.id ?? '')}`, { method: 'DELETE' });
      await load();
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <section className="panel" aria-labelledby="keys-title">
      <h2 id="keys-title">API keys</h2>
      {error !== null && (
        <>
          <Failure error={error} what="API keys" />
          <p className="muted">
            Keys can always be managed on the server: <code>npx lantern keys create --role analyst</code>,{' '}
            <code>npx lantern keys revoke ID</code>.
          </p>
        </>
      )}
      {created && (
        <div className="secret-once" role="alert">
          <p>The new key, shown this once:</p>
          <code className="secret">{created}</code>
          <button type="button" className="secondary" onClick={() => setCreated(null)}>
            I have stored it
          </button>
        </div>
      )}
      {keys && (
        <>
          <form className="inline-form" onSubmit={(event) => void create(event)} aria-label="Create an API key">
            <label>
              Name
              <input name="name" required maxLength={100} />
            </label>
            <label>
              Role
              <select name="role" defaultValue="analyst">
                <option>analyst</option>
                <option>investigator</option>
                <option>admin</option>
                <option>ingest</option>
              </select>
            </label>
            <button type="submit">Create key</button>
          </form>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Created</th>
                <th scope="col">State</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {keys.map((key) => (
                <tr key={key.keyId ?? key.id ?? key.name}>
                  <td>{key.name}</td>
                  <td>{key.role}</td>
                  <td>{formatTime(key.createdAt)}</td>
                  <td>{key.revokedAt ? `revoked ${formatTime(key.revokedAt)}` : 'active'}</td>
                  <td>
                    {!key.revokedAt && (
                      <button type="button" className="secondary danger" onClick={() => void revoke(key)}>
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

function SourcesSection() {
  const [sources, setSources] = useState<SourceView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api<SourceView[] | { items: SourceView[] }>('/api/sources').then((answer) => setSources(itemsOf(answer)), setError);
  }, []);
  return (
    <section className="panel" aria-labelledby="sources-title">
      <h2 id="sources-title">Scraper sources</h2>
      {error !== null && <Failure error={error} what="Scraper sources" />}
      {sources && sources.length === 0 && <p className="muted">No sources configured.</p>}
      {sources && sources.length > 0 && (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Source</th>
              <th scope="col">Kind</th>
              <th scope="col">Health</th>
              <th scope="col">Last run</th>
              <th scope="col">Last success</th>
              <th scope="col">Last error</th>
            </tr>
          </thead>
          <tbody>
            {sources.map((source, index) => (
              <tr key={source.id ?? source.name ?? index}>
                <td>{source.name ?? source.id}</td>
                <td>{source.kind ?? ''}</td>
                <td>
                  <span className={`health health-${source.status ?? 'unknown'}`}>{source.status ?? 'unknown'}</span>
                </td>
                <td>{formatTime(source.lastRunAt)}</td>
                <td>{formatTime(source.lastSuccessAt)}</td>
                <td className="wrap">{source.lastError ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
