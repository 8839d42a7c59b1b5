import { useState, type FormEvent } from 'react';
import type { SessionUserDto } from '../../../../contracts/src/auth';
import { toGatewayError } from '../../gateway/gateway-error';
import { useGatewayClient } from '../../gateway/use-gateway';
import { LanguageSwitch } from '../../i18n/LanguageSwitch';
import { useT } from '../../i18n/use-t';

export interface LoginPageProps {
  onLoggedIn: (user: SessionUserDto) => void;
  /** A notice to show above the form (session expired, gateway unreachable). */
  notice: string | null;
}

export function LoginPage({ onLoggedIn, notice }: LoginPageProps) {
  const t = useT();
  const client = useGatewayClient();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!username.trim() || !password) {
      setError(t('login.required'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const response = await client.login(username.trim(), password);
      onLoggedIn(response.user);
    } catch (err) {
      const e = toGatewayError(err);
      setError(e.status === 401 ? t('login.failed') : e.isNetwork ? t('gateway.network') : t('login.error', { message: e.message }));
      setBusy(false);
    }
  };

  return (
    <div className="login-page">
      <div className="login-lang">
        <LanguageSwitch />
      </div>
      <form className="login-card" onSubmit={(e) => void submit(e)} data-testid="login-form" noValidate>
        <h1 className="login-product">{t('app.title')}</h1>
        <h2 className="login-title">{t('login.title')}</h2>
        {notice && <div className="notice">{notice}</div>}
        <label>
          <span>{t('login.username')}</span>
          <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} autoFocus disabled={busy} />
        </label>
        <label>
          <span>{t('login.password')}</span>
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} disabled={busy} />
        </label>
        {error && (
          <div className="form-error" role="alert" data-testid="login-error">
            {error}
          </div>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
    </div>
  );
}
