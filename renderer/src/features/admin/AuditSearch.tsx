import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { AuditEntryDto } from '../../../../contracts/src/auth';
import { toGatewayError } from '../../gateway/gateway-error';
import { useI18n } from '../../i18n/use-t';
import { adminApi, auditQuery, type AuditFilter } from './admin-api';
import { formatDateTime } from '../../i18n/date-format';
import { DateField } from '../../components/ui/DateField';
import { auditActionText, auditDetailFields, auditOutcomeText, auditTargetText, type AuditField } from './audit-text';

const PAGE = 100;

/** Audit search by user, camera, action and time; CSV export of the same filter (a download, audited by the gateway). */
export function AuditSearch() {
  const { t, lang } = useI18n();
  const [filter, setFilter] = useState<AuditFilter>({});
  const [applied, setApplied] = useState<AuditFilter>({});
  const [items, setItems] = useState<AuditEntryDto[]>([]);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async (f: AuditFilter, offset: number) => {
    setError(null);
    try {
      const page = await adminApi.searchAudit(f, offset, PAGE);
      setItems((prev) => (offset === 0 ? page.items : [...prev, ...page.items]));
      setTotal(page.total);
    } catch (e) {
      setError(toGatewayError(e).message);
    }
  }, []);
  useEffect(() => {
    void load({}, 0);
  }, [load]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setApplied(filter);
    void load(filter, 0);
  };
  const field = (k: keyof AuditFilter, label: string) => (
    <label>
      {label}
      <input name={k} type="text" value={filter[k] ?? ''} onChange={(e) => setFilter({ ...filter, [k]: e.target.value })} />
    </label>
  );

  return (
    <div className="admin-audit" data-testid="admin-audit">
      <form className="admin-form admin-audit-filter" onSubmit={submit}>
        {field('user', t('admin.audit.user'))}
        {field('camera', t('admin.audit.camera'))}
        {field('action', t('admin.audit.action'))}
        {(['from', 'to'] as const).map((k) => (
          <label key={k}>
            {t(`admin.audit.${k}`)}
            <DateField withTime name={k} value={filter[k] ?? ''} onChange={(v) => setFilter({ ...filter, [k]: v })} />
          </label>
        ))}
        <div className="admin-form-actions">
          <button type="submit" className="primary" data-testid="admin-audit-search">
            {t('admin.audit.search')}
          </button>
          <a className="button" data-testid="admin-audit-export" href={`/api/v1/audit${auditQuery(applied, { format: 'csv' })}`} download>
            {t('admin.audit.export')}
          </a>
        </div>
      </form>
      {error && (
        <div className="form-error" role="alert">
          {t('admin.error', { message: error })}
        </div>
      )}
      <div className="admin-audit-total" data-testid="admin-audit-total">
        {t('admin.audit.total', { total })}
      </div>
      <table className="admin-table">
        <thead>
          <tr>
            <th>{t('admin.audit.time')}</th>
            <th>{t('admin.audit.user')}</th>
            <th>{t('admin.audit.action')}</th>
            <th>{t('admin.audit.target')}</th>
            <th>{t('admin.audit.outcome')}</th>
            <th>{t('admin.audit.ip')}</th>
            <th>{t('admin.audit.details')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((r) => (
            <tr key={r.id} data-testid="admin-audit-row" data-action={r.action} data-outcome={r.outcome}>
              <td>{formatDateTime(r.at, lang, { seconds: true })}</td>
              <td>{r.username ?? '—'}</td>
              <td title={r.action}>{auditActionText(t, r.action)}</td>
              <td title={r.targetType ? `${r.targetType}:${r.targetId ?? ''}` : undefined}>{auditTargetText(t, r.targetType, r.targetId)}</td>
              <td className={`audit-${r.outcome}`}>{auditOutcomeText(t, r.outcome)}</td>
              <td>{r.ip ?? ''}</td>
              <td className="admin-details">
                <AuditDetails fields={auditDetailFields(t, r.details, r.action)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {items.length < total && (
        <button type="button" onClick={() => void load(applied, items.length)}>
          {t('admin.audit.more')}
        </button>
      )}
    </div>
  );
}

/** An audit row's details as labelled fields (the gateway's JSON keys are not shown). */
export function AuditDetails({ fields }: { fields: readonly AuditField[] }) {
  if (fields.length === 0) return null;
  return (
    <dl className="audit-details">
      {fields.map((f) => (
        <div key={f.key}>
          <dt>{f.label}</dt>
          <dd>{f.value}</dd>
        </div>
      ))}
    </dl>
  );
}
