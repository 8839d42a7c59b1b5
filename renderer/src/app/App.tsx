import { useEffect, useState } from 'react';
import type { SessionUserDto } from '../../../contracts/src/auth';
import { createGatewayClient } from '../gateway/gateway-client';
import { toGatewayError } from '../gateway/gateway-error';
import { GatewayClientContext } from '../gateway/use-gateway';
import { LoginPage } from '../features/login/LoginPage';
import { useT } from '../i18n/use-t';
import { Shell } from './Shell';

type Session =
  | { status: 'checking' }
  | { status: 'anonymous'; notice: 'expired' | 'unreachable' | null; detail?: string }
  | { status: 'signed-in'; user: SessionUserDto };

/** The login gate: checks the cookie session at start, shows the login page or the console shell. */
export function App() {
  const t = useT();
  const [session, setSession] = useState<Session>({ status: 'checking' });
  const [client] = useState(() =>
    createGatewayClient({
      onUnauthorized: () => setSession((s) => (s.status === 'signed-in' ? { status: 'anonymous', notice: 'expired' } : s)),
    }),
  );

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
  if (session.status === 'checking') content = <div className="splash">{t('session.checking')}</div>;
  else if (session.status === 'signed-in') content = <Shell key={session.user.id} user={session.user} onLogout={logout} />;
  else {
    const notice =
      session.notice === 'expired' ? t('session.expired') : session.notice === 'unreachable' ? t('gateway.unreachable', { message: session.detail ?? '' }) : null;
    content = <LoginPage notice={notice} onLoggedIn={(user) => setSession({ status: 'signed-in', user })} />;
  }
  return <GatewayClientContext.Provider value={client}>{content}</GatewayClientContext.Provider>;
}
