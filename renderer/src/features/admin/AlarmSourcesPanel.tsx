import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import type { AlarmSourceCreated, AlarmSourceDto } from '../../../../contracts/src/alarm';
import type { SessionUserDto } from '../../../../contracts/src/auth';
import type { OrgUnit } from '../../../../contracts/src/org-unit';
import { toGatewayError } from '../../gateway/gateway-error';
import { formatDateTime } from '../../i18n/date-format';
import { useI18n } from '../../i18n/use-t';
import { ApiKeyOnce } from './ApiKeyOnce';
import { adminApi } from './admin-api';
import { BUILTIN_ALARM_SOURCES, canManageSource } from './alarm-source-scope';

/**
 * 告警接入源: the API keys external systems post alarms with (issue 13). Create (key shown once), replace the key,
 * disable/enable, delete (revoke, confirmed). Deleted sources are not listed; the gateway keeps their rows for the
 * alarms that name them. The gateway decides every step (a 403 is shown as the error).
 */
export function AlarmSourcesPanel({ user }: { user: SessionUserDto }) {
  const { t, lang } = useI18n();
  const [sources, setSources] = useState<AlarmSourceDto[]>([]);
  const [orgUnits, setOrgUnits] = useState<OrgUnit[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [draft, setDraft] = useState({ name: '', orgUnitId: user.orgUnitId ?? '' });
  const [shown, setShown] = useState<AlarmSourceCreated | null>(null);

  const reload = useCallback(async () => {
    try {
      setSources((await adminApi.listAlarmSources()).filter((s) => s.revokedAt === null));
    } catch (e) {
      setError(toGatewayError(e).message);
    }
  }, []);
  useEffect(() => {
    void reload();
    adminApi.listOrgUnits().then(setOrgUnits, () => undefined);
  }, [reload]);

  const names = useMemo(() => new Map(orgUnits.map((o) => [o.id, o.name])), [orgUnits]);
  const act = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(toGatewayError(e).message);
    }
    await reload();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void act(async () => {
      setShown(await adminApi.createAlarmSource(draft.name.trim(), draft.orgUnitId || null));
      setCreating(false);
      setDraft({ name: '', orgUnitId: user.orgUnitId ?? '' });
    });
  };
  const rotate = (s: AlarmSourceDto) => {
    if (window.confirm(t('admin.sources.rotateConfirm', { name: s.name }))) void act(async () => setShown(await adminApi.rotateAlarmSource(s.id)));
  };
  const remove = (s: AlarmSourceDto) => {
    if (window.confirm(t('admin.sources.deleteConfirm', { name: s.name }))) void act(() => adminApi.deleteAlarmSource(s.id));
  };
  const scopeText = (id: string | null) => (id === null ? t('admin.sources.scopeAll') : (names.get(id) ?? id));

  return (
    <div className="admin-sources" data-testid="admin-sources">
      <p className="admin-intro">{t('admin.sources.intro')}</p>
      <div className="admin-toolbar">
        <button type="button" className="primary" data-testid="alarm-source-new" onClick={() => setCreating(true)} disabled={creating}>
          {t('admin.sources.new')}
        </button>
      </div>
      {error && (
        <div className="form-error" role="alert" data-testid="admin-error">
          {t('admin.error', { message: error })}
        </div>
      )}
      {shown && <ApiKeyOnce name={shown.name} apiKey={shown.apiKey} onDone={() => setShown(null)} />}
      {creating && (
        <form className="admin-form" onSubmit={submit} data-testid="alarm-source-form">
          <label>
            {t('admin.sources.name')}
            <input name="name" value={draft.name} pattern="[a-z0-9][a-z0-9._\-]{0,47}" title={t('admin.sources.nameHint')} placeholder={t('admin.sources.nameHint')} onChange={(e) => setDraft({ ...draft, name: e.target.value })} required />
          </label>
          <label>
            {t('admin.sources.scope')}
            <select name="allowedOrgUnitId" value={draft.orgUnitId} onChange={(e) => setDraft({ ...draft, orgUnitId: e.target.value })}>
              {user.orgUnitId === null && <option value="">{t('admin.sources.scopeAll')}</option>}
              {orgUnits
                .filter((o) => o.level !== 'county' && canManageSource(user.orgUnitId, o.id, orgUnits))
                .map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.level === 'village' ? `— ${o.name}` : o.name}
                  </option>
                ))}
            </select>
          </label>
          <div className="admin-form-actions">
            <button type="submit" className="primary" data-testid="alarm-source-create">
              {t('admin.sources.create')}
            </button>
            <button type="button" onClick={() => setCreating(false)}>
              {t('admin.sources.cancel')}
            </button>
          </div>
        </form>
      )}
      <table className="admin-table">
        <thead>
          <tr>
            <th>{t('admin.sources.name')}</th>
            <th>{t('admin.sources.kind')}</th>
            <th>{t('admin.sources.scope')}</th>
            <th>{t('admin.sources.key')}</th>
            <th>{t('admin.sources.created')}</th>
            <th>{t('admin.sources.lastUsed')}</th>
            <th>{t('admin.sources.status')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {sources.map((s) => {
            const mine = canManageSource(user.orgUnitId, s.allowedOrgUnitId, orgUnits);
            return (
              <tr key={s.id} data-testid={`alarm-source-${s.name}`} data-enabled={s.enabled ? 'true' : 'false'}>
                <td>{s.name}</td>
                <td>{t('admin.sources.kind.webhook')}</td>
                <td>{scopeText(s.allowedOrgUnitId)}</td>
                <td>
                  <code data-testid="alarm-source-prefix">{s.keyPrefix}…</code>
                </td>
                <td>{formatDateTime(s.createdAt, lang)}</td>
                <td>{s.lastUsedAt ? formatDateTime(s.lastUsedAt, lang) : t('admin.sources.never')}</td>
                <td>{s.enabled ? t('admin.sources.enabled') : t('admin.sources.disabled')}</td>
                <td className="admin-row-actions">
                  {mine ? (
                    <>
                      <button type="button" data-action="rotate" onClick={() => rotate(s)}>
                        {t('admin.sources.rotate')}
                      </button>
                      <button type="button" data-action={s.enabled ? 'disable' : 'enable'} onClick={() => void act(() => adminApi.setAlarmSourceEnabled(s.id, !s.enabled))}>
                        {s.enabled ? t('admin.sources.disable') : t('admin.sources.enable')}
                      </button>
                      <button type="button" className="danger" data-action="delete" onClick={() => remove(s)}>
                        {t('admin.sources.delete')}
                      </button>
                    </>
                  ) : (
                    <span className="admin-muted">{t('admin.sources.readOnly')}</span>
                  )}
                </td>
              </tr>
            );
          })}
          {sources.length === 0 && (
            <tr>
              <td colSpan={8} className="admin-muted">
                {t('admin.sources.empty')}
              </td>
            </tr>
          )}
          {BUILTIN_ALARM_SOURCES.map((b) => (
            <tr key={b} className="admin-muted" data-testid={`alarm-source-builtin-${b}`}>
              <td>{t(`admin.sources.builtin.${b}`)}</td>
              <td>{t('admin.sources.kind.builtin')}</td>
              <td>{t('admin.sources.scopeAll')}</td>
              <td colSpan={5} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
