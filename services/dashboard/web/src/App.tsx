import { useEffect, useRef } from 'react';
import { AdminPage } from './admin/AdminPage';
import { AlertView } from './ad/AlertView';
import { OverviewPage } from './overview/OverviewPage';
import { QueuePage } from './queue/QueuePage';
import { Link, RouterProvider, useRouter } from './router';
import { hasRole, SessionGate, useSession } from './session';
import { SubscriptionsPage } from './subscriptions/SubscriptionsPage';
import { NotAvailable } from './ui';

export function App() {
  return (
    <RouterProvider>
      <SessionGate>
        <Shell />
      </SessionGate>
    </RouterProvider>
  );
}

function Shell() {
  const { principal, signOut } = useSession();
  const { path } = useRouter();
  const mainRef = useRef<HTMLElement>(null);
  const firstPath = useRef(path);
  // After an in-app navigation, move focus to the new page so screen readers start reading it there.
  useEffect(() => {
    if (path !== firstPath.current) mainRef.current?.focus({ preventScroll: true });
  }, [path]);
  const nav: Array<{ to: string; label: string; show: boolean }> = [
    { to: '/', label: 'Queue', show: true },
    { to: '/overview', label: 'Overview', show: true },
    { to: '/subscriptions', label: 'Subscriptions', show: hasRole(principal, 'investigator', 'admin') },
    { to: '/admin', label: 'Admin', show: hasRole(principal, 'admin') },
  ];
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top-bar">
        <span className="brand">Lantern</span>
        <nav aria-label="Main">
          <ul>
            {nav
              .filter((item) => item.show)
              .map((item) => (
                <li key={item.to}>
                  <Link to={item.to} {...(isCurrent(path, item.to) ? { 'aria-current': 'page' as const } : {})}>
                    {item.label}
                  </Link>
                </li>
              ))}
          </ul>
        </nav>
        <span className="who">
          {principal.name} <span className="role">({principal.role})</span>
        </span>
        <button type="button" className="secondary" onClick={() => void signOut()}>
          Sign out
        </button>
      </header>
      <main id="main" tabIndex={-1} ref={mainRef}>
        <Page path={path} />
      </main>
    </>
  );
}

function isCurrent(path: string, to: string): boolean {
  return to === '/' ? path === '/' || path.startsWith('/alerts/') : path.startsWith(to);
}

function Page({ path }: { path: string }) {
  const { principal } = useSession();
  const alert = /^\/alerts\/([A-Za-z0-9_.:-]{1,64})$/.exec(path);
  if (alert) return <AlertView alertId={alert[1]!} />;
  const ad = /^\/ads\/([A-Za-z0-9_.:-]{1,128})$/.exec(path);
  if (ad) return <AlertView adId={ad[1]!} />;
  if (path === '/overview') return <OverviewPage />;
  if (path === '/subscriptions') {
    return hasRole(principal, 'investigator', 'admin') ? (
      <SubscriptionsPage />
    ) : (
      <NotAvailable what="Subscriptions are for investigators and admins." />
    );
  }
  if (path === '/admin') return hasRole(principal, 'admin') ? <AdminPage /> : <NotAvailable what="The admin pages are for admins." />;
  return <QueuePage />;
}
