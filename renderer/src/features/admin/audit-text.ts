// An audit row in words (pure): the action and outcome by name (the code kept for the tooltip and the filter), the
// target by its kind, and `details` as labelled fields instead of JSON. Ids are shortened: the full row is in the
// CSV export.
import { ALARM_STATES, type AlarmState } from '../../../../contracts/src/alarm';
import type { AuditEntryDto } from '../../../../contracts/src/auth';
import type { MessageKey, Translate } from '../../i18n/translate';
import { auditActionZhCN, auditDenialZhCN, auditDetailZhCN, auditZhCN } from './audit-text-strings';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const has = <T extends object>(table: T, key: string): key is keyof T & string => Object.prototype.hasOwnProperty.call(table, key);

/** A UUID as its first 8 hex digits (`#3f2b8c1e`); other ids (camera and org codes) as they are. */
export const shortId = (id: string): string => (UUID.test(id) ? `#${id.slice(0, 8)}` : id);

function familyText(t: Translate, family: string): string | null {
  const key = `audit.family.${family}`;
  return has(auditZhCN, key) ? t(key as MessageKey) : null;
}

export function auditActionText(t: Translate, action: string): string {
  if (has(auditActionZhCN, action)) return t(`audit.action.${action}`);
  const family = familyText(t, action.split('.')[0] ?? '');
  return family ? t('audit.action.other', { family }) : t('audit.action.unknown');
}

export function auditOutcomeText(t: Translate, outcome: AuditEntryDto['outcome']): string {
  return t(`audit.outcome.${outcome}`);
}

export function auditTargetText(t: Translate, type: string | null, id: string | null): string {
  if (!type) return '';
  return [familyText(t, type) ?? type, id ? shortId(id) : null].filter(Boolean).join(' ');
}

export interface AuditField {
  key: string;
  label: string;
  value: string;
}

const isAlarmState = (v: unknown): v is AlarmState => typeof v === 'string' && (ALARM_STATES as readonly string[]).includes(v);

function valueText(t: Translate, key: string, v: unknown, action: string): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return t(v ? 'audit.detail.yes' : 'audit.detail.no');
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') {
    if (key === 'reasonCode') return has(auditDenialZhCN, v) ? t(`audit.denial.${v}`) : t('audit.denial.other');
    if ((key === 'from' || key === 'to') && action.startsWith('alarm.') && isAlarmState(v)) return t(`alarm.state.${v}`);
    return shortId(v);
  }
  if (Array.isArray(v)) return v.map((x) => valueText(t, key, x, action)).join(t('audit.detail.listSep'));
  return auditDetailFields(t, v as Record<string, unknown>, action)
    .map((f) => t('audit.detail.pair', { label: f.label, value: f.value }))
    .join(' · ');
}

/** `details` as labelled fields, in the gateway's order; a field without a name here keeps its key as label. */
export function auditDetailFields(t: Translate, details: Record<string, unknown> | null, action = ''): AuditField[] {
  if (!details) return [];
  // A coded reason is shown in words; the gateway's English `reason` beside it stays in the CSV export.
  const coded = typeof details.reasonCode === 'string';
  return Object.entries(details)
    .filter(([key]) => !(coded && key === 'reason'))
    .map(([key, v]) => ({ key, label: has(auditDetailZhCN, key) ? t(`audit.detail.${key}`) : key, value: valueText(t, key, v, action) }));
}
