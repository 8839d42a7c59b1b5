import type { IncidentDto } from '../../../../contracts/src/incident';
import { INCIDENT_STATES } from '../../../../contracts/src/incident';
import type { OrgUnit } from '../../../../contracts/src/org-unit';
import { useI18n } from '../../i18n/use-t';
import { orgName } from './incident-format';
import { pageCount, type IncidentFilter } from './incident-list';
import { DateField } from '../../components/ui/DateField';
import { formatDateTime } from '../../i18n/date-format';
import { IncidentCategoryOptions, categoryName } from './IncidentCategoryOptions';

export function IncidentFilters({ filter, townships, showTodo = false, onChange }: { filter: IncidentFilter; townships: readonly OrgUnit[]; showTodo?: boolean; onChange: (f: Partial<IncidentFilter> | null) => void }) {
  const { t, lang } = useI18n();
  return (
    <div className="incident-filters" role="search" aria-label={t('incidents.filter.label')} data-testid="incident-filters">
      <input className="incident-filter-text" type="search" data-testid="incident-filter-text" placeholder={t('incidents.filter.text')} value={filter.q} maxLength={100} onChange={(e) => onChange({ q: e.target.value })} />
      <label>
        {t('incidents.filter.state')}
        <select data-testid="incident-filter-state" value={filter.state} onChange={(e) => onChange({ state: e.target.value as IncidentFilter['state'] })}>
          <option value="">{t('incidents.filter.all')}</option>
          {INCIDENT_STATES.map((s) => (
            <option key={s} value={s}>
              {t(`incidents.state.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('incidents.filter.category')}
        <select data-testid="incident-filter-category" value={filter.category} onChange={(e) => onChange({ category: e.target.value as IncidentFilter['category'] })}>
          <option value="">{t('incidents.filter.all')}</option>
          <IncidentCategoryOptions lang={lang} />
        </select>
      </label>
      <label>
        {t('incidents.filter.township')}
        <select data-testid="incident-filter-township" value={filter.township} onChange={(e) => onChange({ township: e.target.value })}>
          <option value="">{t('incidents.filter.all')}</option>
          {townships.map((u) => (
            <option key={u.id} value={u.id}>
              {lang === 'en' && u.nameEn ? u.nameEn : u.name}
            </option>
          ))}
        </select>
      </label>
      {showTodo && (
        <label className="incident-check">
          <input type="checkbox" data-testid="incident-filter-todo" checked={filter.todo} onChange={(e) => onChange({ todo: e.target.checked })} />
          {t('incidents.filter.todo')}
        </label>
      )}
      <label className="incident-check">
        <input type="checkbox" data-testid="incident-filter-supervised" checked={filter.supervised} onChange={(e) => onChange({ supervised: e.target.checked })} />
        {t('incidents.filter.supervised')}
      </label>
      <label className="incident-check">
        <input type="checkbox" data-testid="incident-filter-overdue" checked={filter.overdue} onChange={(e) => onChange({ overdue: e.target.checked })} />
        {t('incidents.filter.overdue')}
      </label>
      <label>
        {t('incidents.filter.from')}
        <DateField testId="incident-filter-from" value={filter.from} onChange={(from) => onChange({ from })} />
      </label>
      <label>
        {t('incidents.filter.to')}
        <DateField testId="incident-filter-to" value={filter.to} onChange={(to) => onChange({ to })} />
      </label>
      <button type="button" className="ghost" data-testid="incident-filter-reset" onClick={() => onChange(null)}>
        {t('incidents.filter.reset')}
      </button>
    </div>
  );
}

export interface IncidentListProps {
  items: readonly IncidentDto[];
  total: number;
  page: number;
  loading: boolean;
  error: string | null;
  selectedId: string | null;
  orgUnitsById: ReadonlyMap<string, OrgUnit>;
  onSelect: (id: string) => void;
  onPage: (page: number) => void;
}

export function IncidentList(p: IncidentListProps) {
  const { t, lang } = useI18n();
  const pages = pageCount(p.total);
  return (
    <div className="incident-list-wrap">
      <div className="incident-table-scroll">
        <table className="incident-table" data-testid="incidents-list" data-total={p.total} aria-busy={p.loading}>
          <thead>
            <tr>
              <th>{t('incidents.col.code')}</th>
              <th>{t('incidents.col.title')}</th>
              <th>{t('incidents.col.category')}</th>
              <th>{t('incidents.col.place')}</th>
              <th>{t('incidents.col.state')}</th>
              <th>{t('incidents.col.deadline')}</th>
              <th>{t('incidents.col.created')}</th>
            </tr>
          </thead>
          <tbody>
            {p.items.map((i) => (
              <tr
                key={i.id}
                data-testid={`incident-row-${i.id}`}
                data-state={i.state}
                data-code={i.code}
                className={i.id === p.selectedId ? 'selected' : ''}
                tabIndex={0}
                aria-selected={i.id === p.selectedId}
                onClick={() => p.onSelect(i.id)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    p.onSelect(i.id);
                  }
                }}
              >
                <td className="incident-code">{i.code}</td>
                <td className="incident-title-cell">
                  {i.title}
                  {i.supervised && <span className="incident-badge badge-supervised">{t('incidents.badge.supervised')}</span>}
                  {i.overdue && <span className="incident-badge badge-overdue">{t('incidents.badge.overdue')}</span>}
                </td>
                <td>{categoryName(i.category, lang)}</td>
                <td>{orgName(i.place.orgUnitId, p.orgUnitsById, lang)}</td>
                <td>
                  <span className={`incident-state state-${i.state}`}>{t(`incidents.state.${i.state}`)}</span>
                </td>
                <td>{i.deadline ? formatDateTime(i.deadline, lang) : ''}</td>
                <td>{formatDateTime(i.createdAt, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {p.error && <p className="form-error incident-list-note">{p.error}</p>}
        {!p.error && !p.loading && p.items.length === 0 && <p className="incident-muted incident-list-note">{t('incidents.list.empty')}</p>}
        {p.loading && p.items.length === 0 && <p className="incident-muted incident-list-note">{t('incidents.list.loading')}</p>}
      </div>
      <div className="incident-pager">
        <span>{t('incidents.list.total', { total: new Intl.NumberFormat(lang).format(p.total) })}</span>
        <span className="incident-pager-spacer" />
        <button type="button" className="ghost" data-testid="incident-page-prev" disabled={p.page <= 0} onClick={() => p.onPage(p.page - 1)}>
          {t('incidents.list.prev')}
        </button>
        <span>{t('incidents.list.page', { page: p.page + 1, pages })}</span>
        <button type="button" className="ghost" data-testid="incident-page-next" disabled={p.page + 1 >= pages} onClick={() => p.onPage(p.page + 1)}>
          {t('incidents.list.next')}
        </button>
      </div>
    </div>
  );
}
