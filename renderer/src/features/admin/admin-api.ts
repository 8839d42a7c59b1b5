// REST calls of the administration section. Same origin, the session cookie; the gateway decides (403 is shown).
import type { AlarmSourceCreated, AlarmSourceDto } from '../../../../contracts/src/alarm';
import type { AuditListResponse, Role, UserDto } from '../../../../contracts/src/auth';
import type { OrgUnit } from '../../../../contracts/src/org-unit';
import { http } from '../../gateway/http';

export interface AuditFilter {
  user?: string;
  camera?: string;
  action?: string;
  /** datetime-local values (local time) */
  from?: string;
  to?: string;
}

const call = <T>(method: string, path: string, body?: unknown): Promise<T> => http.json<T>(method, path, { body });

/** Query string of an audit search; local datetime-local values become ISO instants. */
export function auditQuery(f: AuditFilter, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  for (const k of ['user', 'camera', 'action'] as const) if (f[k]?.trim()) p.set(k, f[k].trim());
  for (const k of ['from', 'to'] as const) {
    const v = f[k];
    if (v) {
      const d = new Date(v);
      if (!Number.isNaN(d.getTime())) p.set(k, d.toISOString());
    }
  }
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
}

export const adminApi = {
  listUsers: async () => (await call<{ items: UserDto[] }>('GET', '/api/v1/users')).items,
  listOrgUnits: async () => (await call<{ items: OrgUnit[] }>('GET', '/api/v1/org-units')).items,
  createUser: (u: { username: string; displayName: string; password: string; role: Role; orgUnitId: string | null; mustChangePassword: boolean }) => call<UserDto>('POST', '/api/v1/users', u),
  updateUser: (id: string, patch: { displayName?: string; role?: Role; orgUnitId?: string | null; disabled?: boolean }) => call<UserDto>('PATCH', `/api/v1/users/${encodeURIComponent(id)}`, patch),
  resetPassword: (id: string, password: string) => call<void>('POST', `/api/v1/users/${encodeURIComponent(id)}/reset-password`, { password }),
  searchAudit: (f: AuditFilter, offset = 0, limit = 100) => call<AuditListResponse>('GET', `/api/v1/audit${auditQuery(f, { limit: String(limit), offset: String(offset) })}`),
  // Alarm sources (API keys): the key is only in the answers of create and rotate.
  listAlarmSources: async () => (await call<{ items: AlarmSourceDto[] }>('GET', '/api/v1/alarm-sources')).items,
  createAlarmSource: (name: string, allowedOrgUnitId: string | null) => call<AlarmSourceCreated>('POST', '/api/v1/alarm-sources', { name, allowedOrgUnitId }),
  rotateAlarmSource: (id: string) => call<AlarmSourceCreated>('POST', `/api/v1/alarm-sources/${encodeURIComponent(id)}/rotate`),
  setAlarmSourceEnabled: (id: string, enabled: boolean) => call<AlarmSourceDto>('PATCH', `/api/v1/alarm-sources/${encodeURIComponent(id)}`, { enabled }),
  deleteAlarmSource: (id: string) => call<void>('DELETE', `/api/v1/alarm-sources/${encodeURIComponent(id)}`),
  changeOwnPassword: (currentPassword: string, newPassword: string) => call<void>('POST', '/api/v1/session/password', { currentPassword, newPassword }),
};
