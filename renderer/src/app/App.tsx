import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { SessionUserDto } from '../../../contracts/src/auth';
import { createGatewayClient } from '../gateway/gateway-client';
import { toGatewayError } from '../gateway/gateway-error';
import { setUnauthorizedHandler } from '../gateway/http';
import { GatewayClientContext } from '../gateway/use-gateway';
import { LoginPage } from '../features/login/LoginPage';
import { ChangePasswordPage } from '../features/admin/ChangePasswordPage';
import { WallMode } from '../features/wall/WallMode';
import { IdentifyDisplay } from '../features/desktop/IdentifyDisplay';
import { useT } from '../i18n/use-t';
import { parseRoute } from '../components/route';
import { Shell } from './Shell';
import { ToastProvider } from '../components/ui/toasts';
import './app.css';

type Session =
  | { status: 'checking' }
  | { status: 'anonymous'; notice: 'expired' | 'unreachable' | null; detail?: string }
  | { status: 'signed-in'; user: SessionUserDto };

const subscribeHash = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};
const readHash = () => window.location.hash;

/**
 * The login gate: checks the cookie session at start, then shows the login page, the console shell, or — on
 * `#/wall?…` — the chrome-less wall.
 */
export function App() {
  const t = useT();
  const hash = useSyncExternalStore(subscribeHash, readHash);
  const route = useMemo(() => parseRoute(hash), [hash]);
  const [session, setSession] = useState<Session>({ status: 'checking' });
  const [client] = useState(() => createGatewayClient());

  // The one place a 401 leads: every request of every feature goes through gateway/http.ts, which calls this.
  useEffect(() => setUnauthorizedHandler(() => setSession((s) => (s.status === 'signed-in' ? { status: 'anonymous', notice: 'expired' } : s))), []);

  useEffect(() => {
    let cancelled = false;
    client.getSession().then(
      (user) => !cancelled && setSession({ status: 'signed-in', user }),
      (error: unknown) => {
        if (cancelled) return;
        const e = toGatewayError(error);
        setSession({ status: 'anonymous', notice: e.status === 401 ? null : 'unreachable', detail: e.message });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [client]);

  const logout = () => {
    void client.logout().catch(() => undefined);
    setSession({ status: 'anonymous', notice: null });
  };

  let content;
  if (route.kind === 'identify') content = <IdentifyDisplay display={route.display} />;
  else if (session.status === 'checking') content = <div className="splash">{t('session.checking')}</div>;
  else if (session.status === 'signed-in' && session.user.mustChangePassword) {
    const user = session.user;
    content = <ChangePasswordPage onChanged={() => setSession({ status: 'signed-in', user: { ...user, mustChangePassword: false } })} onLogout={logout} />;
  } else if (session.status === 'signed-in')
    content =
      route.kind === 'wall' ? (
        <WallMode key={`${session.user.id}:${hash}`} user={session.user} route={route} />
      ) : (
        <Shell key={`${session.user.id}:${route.kind}`} user={session.user} onLogout={logout} alarmWindow={route.kind === 'alarm-window'} />
      );
  else {
    const notice =
      session.notice === 'expired' ? t('session.expired') : session.notice === 'unreachable' ? t('gateway.unreachable', { message: session.detail ?? '' }) : null;
    content = <LoginPage notice={notice} onLoggedIn={(user) => setSession({ status: 'signed-in', user })} />;
  }
  return (
    <GatewayClientContext.Provider value={client}>
      <ToastProvider>{content}</ToastProvider>
    </GatewayClientContext.Provider>
  );
}
