import { createContext, type FormEvent, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { api, ApiError, SIGNED_OUT_EVENT } from './api';
import type { Principal, Role } from './types';

interface Session {
  principal: Principal;
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in tree');
  return session;
}

export function hasRole(principal: Principal, ...roles: Role[]): boolean {
  return roles.includes(principal.role);
}

/** Shows the sign-in form until the server recognises the session cookie, then the app. */
export function SessionGate({ children }: { children: ReactNode }) {
  const [principal, setPrincipal] = useState<Principal | null | undefined>(undefined);

  const refresh = useCallback(async () => {
    try {
      setPrincipal(await api<Principal>('/api/session'));
    } catch {
      setPrincipal(null);
    }
  }, []);

  useEffect(() => {
    void refresh();
    const onSignedOut = () => setPrincipal(null);
    window.addEventListener(SIGNED_OUT_EVENT, onSignedOut);
    return () => window.removeEventListener(SIGNED_OUT_EVENT, onSignedOut);
  }, [refresh]);

  const signOut = useCallback(async () => {
    await api('/api/session', { method: 'DELETE' }).catch(() => undefined);
    setPrincipal(null);
  }, []);

  if (principal === undefined) return <p className="loading">Loading…</p>;
  if (principal === null) return <SignIn onSignedIn={refresh} />;
  return <SessionContext.Provider value={{ principal, signOut }}>{children}</SessionContext.Provider>;
}

function SignIn({ onSignedIn }: { onSignedIn: () => Promise<void> }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api('/api/session', { method: 'POST', body: { key: key.trim() } });
      setKey('');
      await onSignedIn();
    } catch (caught) {
      setError(
        caught instanceof ApiError && caught.status === 401
          ? 'That key is not valid or has been revoked.'
          : String((caught as Error).message),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="sign-in">
      <form onSubmit={(event) => void submit(event)} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Lantern</h1>
        <p>Sign in with your API key. It is exchanged for a session cookie and not kept in this browser.</p>
        <label htmlFor="api-key">API key</label>
        <input
          id="api-key"
          name="key"
          type="password"
          autoComplete="off"
          spellCheck={false}
          required
          maxLength={300}
          value={key}
          onChange={(event) => setKey(event.target.value)}
          aria-describedby={error ? 'sign-in-error' : undefined}
        />
        <button type="submit" disabled={busy || !key.trim()}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        {error && (
          <p id="sign-in-error" role="alert" className="error">
            {error}
          </p>
        )}
      </form>
    </main>
  );
}
