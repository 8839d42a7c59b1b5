import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { ROLES, type Role, type UserDto } from '../../../../contracts/src/auth';
import type { OrgUnit } from '../../../../contracts/src/org-unit';
import { roleHas } from '../../../../contracts/src/permissions';
import type { SectionProps } from '../../components/section-props';
import { toGatewayError } from '../../gateway/gateway-error';
import { useT } from '../../i18n/use-t';
import { AlarmSourcesPanel } from './AlarmSourcesPanel';
import { AuditSearch } from './AuditSearch';
import { adminApi } from './admin-api';
import './admin.css';

interface Draft {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  orgUnitId: string | null;
}

/** 系统管理: users (create, role + scope, disable, reset password), alarm sources (API keys) and the audit search. The gateway decides. */
export function AdminPage({ user }: SectionProps) {
  const t = useT();
  const canUsers = roleHas(user.role, 'user.manage');
  const canAudit = roleHas(user.role, 'audit.read');
  const canSources = roleHas(user.role, 'alarm-source.manage');
  const [tab, setTab] = useState<'users' | 'sources' | 'audit'>(canUsers ? 'users' : 'audit');
  return (
    <div className="admin-page" data-testid="admin-section">
      <div className="segmented admin-tabs" role="tablist">
        {canUsers && (
          <button type="button" role="tab" className={tab === 'users' ? 'active' : ''} aria-selected={tab === 'users'} data-testid="admin-tab-users" onClick={() => setTab('users')}>
            {t('admin.tab.users')}
          </button>
        )}
        {canSources && (
          <button type="button" role="tab" className={tab === 'sources' ? 'active' : ''} aria-selected={tab === 'sources'} data-testid="admin-tab-sources" onClick={() => setTab('sources')}>
            {t('admin.tab.sources')}
          </button>
        )}
        {canAudit && (
          <button type="button" role="tab" className={tab === 'audit' ? 'active' : ''} aria-selected={tab === 'audit'} data-testid="admin-tab-audit" onClick={() => setTab('audit')}>
            {t('admin.tab.audit')}
          </button>
        )}
      </div>
      {tab === 'users' && canUsers ? <UsersPanel me={user.id} /> : tab === 'sources' && canSources ? <AlarmSourcesPanel user={user} /> : canAudit ? <AuditSearch /> : null}
    </div>
  );
}

export default AdminPage;

function UsersPanel({ me }: { me: string }) {
  const t = useT();
  const [users, setUsers] = useState<UserDto[]>([]);
  const [orgUnits, setOrgUnits] = useState<OrgUnit[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [draft, setDraft] = useState<Draft>({ username: '', displayName: '', password: '', role: 'viewer', orgUnitId: null });

  const reload = useCallback(async () => {
    try {
      setUsers(await adminApi.listUsers());
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
      setEditing(null);
      await reload();
    } catch (e) {
      setError(toGatewayError(e).message);
    }
  };
  const startNew = () => {
    setDraft({ username: '', displayName: '', password: '', role: 'viewer', orgUnitId: null });
    setEditing('new');
  };
  const startEdit = (u: UserDto) => {
    setDraft({ username: u.username, displayName: u.displayName, password: '', role: u.role, orgUnitId: u.orgUnitId });
    setEditing(u.id);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (editing === 'new') void act(() => adminApi.createUser({ ...draft, mustChangePassword: true }));
    else if (editing) void act(() => adminApi.updateUser(editing, { displayName: draft.displayName, ...(editing === me ? {} : { role: draft.role, orgUnitId: draft.orgUnitId }) }));
  };
  const reset = (u: UserDto) => {
    const pw = window.prompt(t('admin.users.resetPrompt', { name: u.displayName }));
    if (pw) void act(() => adminApi.resetPassword(u.id, pw));
  };

  const form = (
    <form className="admin-form" onSubmit={submit} data-testid="admin-user-form">
      {editing === 'new' && (
        <label>
          {t('admin.users.username')}
          <input name="username" value={draft.username} onChange={(e) => setDraft({ ...draft, username: e.target.value })} required />
        </label>
      )}
      <label>
        {t('admin.users.displayName')}
        <input name="displayName" value={draft.displayName} onChange={(e) => setDraft({ ...draft, displayName: e.target.value })} required />
      </label>
      {editing === 'new' && (
        <label>
          {t('admin.users.password')}
          <input name="password" type="password" autoComplete="new-password" value={draft.password} onChange={(e) => setDraft({ ...draft, password: e.target.value })} required />
        </label>
      )}
      <label>
        {t('admin.users.role')}
        <select name="role" value={draft.role} disabled={editing === me} onChange={(e) => setDraft({ ...draft, role: e.target.value as Role })}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('admin.users.scope')}
        <select name="orgUnitId" value={draft.orgUnitId ?? ''} disabled={editing === me} onChange={(e) => setDraft({ ...draft, orgUnitId: e.target.value || null })}>
          <option value="">{t('admin.users.county')}</option>
          {orgUnits
            .filter((o) => o.level !== 'county')
            .map((o) => (
              <option key={o.id} value={o.id}>
                {o.level === 'village' ? `— ${o.name}` : o.name}
              </option>
            ))}
        </select>
      </label>
      <div className="admin-form-actions">
        <button type="submit" className="primary" data-testid="admin-user-save">
          {t('admin.users.save')}
        </button>
        <button type="button" onClick={() => setEditing(null)}>
          {t('admin.users.cancel')}
        </button>
      </div>
    </form>
  );

  return (
    <div className="admin-users" data-testid="admin-users">
      <div className="admin-toolbar">
        <button type="button" className="primary" data-testid="admin-user-new" onClick={startNew}>
          {t('admin.users.new')}
        </button>
      </div>
      {error && (
        <div className="form-error" role="alert" data-testid="admin-error">
          {t('admin.error', { message: error })}
        </div>
      )}
      {editing === 'new' && form}
      <table className="admin-table">
        <thead>
          <tr>
            <th>{t('admin.users.username')}</th>
            <th>{t('admin.users.displayName')}</th>
            <th>{t('admin.users.role')}</th>
            <th>{t('admin.users.scope')}</th>
            <th>{t('admin.users.status')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} data-testid={`admin-user-${u.username}`} data-role={u.role} data-disabled={u.disabled ? 'true' : 'false'}>
              <td>
                {u.username} {u.id === me && t('admin.users.self')}
              </td>
              <td>{u.displayName}</td>
              <td>{t(`role.${u.role}`)}</td>
              <td>{u.orgUnitId ? (names.get(u.orgUnitId) ?? u.orgUnitId) : t('admin.users.county')}</td>
              <td>
                {u.disabled ? t('admin.users.disabled') : t('admin.users.enabled')}
                {u.mustChangePassword && ` · ${t('admin.users.mustChange')}`}
              </td>
              <td className="admin-row-actions">
                {editing === u.id ? (
                  form
                ) : (
                  <>
                    <button type="button" data-action="edit" onClick={() => startEdit(u)}>
                      {t('admin.users.edit')}
                    </button>
                    <button type="button" data-action={u.disabled ? 'enable' : 'disable'} disabled={u.id === me} onClick={() => void act(() => adminApi.updateUser(u.id, { disabled: !u.disabled }))}>
                      {u.disabled ? t('admin.users.enable') : t('admin.users.disable')}
                    </button>
                    <button type="button" data-action="reset" onClick={() => reset(u)}>
                      {t('admin.users.reset')}
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
