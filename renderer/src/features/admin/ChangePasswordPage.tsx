import { useState, type FormEvent } from 'react';
import { toGatewayError } from '../../gateway/gateway-error';
import { useT } from '../../i18n/use-t';
import { adminApi } from './admin-api';
import './admin.css';

/** Shown instead of the console while an administrator-set password must be changed (the gateway refuses the rest). */
export function ChangePasswordPage({ onChanged, onLogout }: { onChanged: () => void; onLogout: () => void }) {
  const t = useT();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (next !== repeat) return setError(t('password.mismatch'));
    setBusy(true);
    setError(null);
    try {
      await adminApi.changeOwnPassword(current, next);
      onChanged();
    } catch (err) {
      setError(toGatewayError(err).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="login-page">
      <form className="login-card" onSubmit={(e) => void submit(e)} data-testid="password-change-form" noValidate>
        <h2 className="login-title">{t('password.title')}</h2>
        <div className="notice">{t('password.hint')}</div>
        <label>
          {t('password.current')}
          <input name="currentPassword" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />
        </label>
        <label>
          {t('password.new')}
          <input name="newPassword" type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} />
        </label>
        <label>
          {t('password.repeat')}
          <input name="repeatPassword" type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} />
        </label>
        {error && (
          <div className="form-error" role="alert">
            {error}
          </div>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {t('password.submit')}
        </button>
        <button type="button" onClick={onLogout}>
          {t('topbar.logout')}
        </button>
      </form>
    </div>
  );
}
