import { CAMERA_CATEGORY_NAMES, type CameraViewReportRow } from '../../../../contracts/src/camera-view-report';
import type { OrgUnit } from '../../../../contracts/src/org-unit';
import { orgLabel } from '../../components/ui/org-units';
import { formatDateTime } from '../../i18n/date-format';
import type { Language } from '../../i18n/translate';
import { useI18n } from '../../i18n/use-t';
import { SORT_KEYS, type Sort, type SortKey } from './camera-views-logic';

/** 乡镇 / 村 of a camera as the table shows it (the township alone for a township-level camera). */
export function areaLabel(row: Pick<CameraViewReportRow, 'orgUnitId' | 'townshipId'>, unitsById: ReadonlyMap<string, OrgUnit>, lang: Language): string {
  const township = row.townshipId ? unitsById.get(row.townshipId) : undefined;
  const own = unitsById.get(row.orgUnitId);
  const parts = [township ? orgLabel(township, lang) : null, own && own.level === 'village' ? orgLabel(own, lang) : null].filter((x): x is string => x !== null);
  return parts.length ? parts.join(' / ') : '—';
}

export interface CameraViewsTableProps {
  rows: readonly CameraViewReportRow[];
  unitsById: ReadonlyMap<string, OrgUnit>;
  sort: Sort;
  onSort: (key: SortKey) => void;
}

/** The report's table: one row per camera, every column sortable (aria-sort says which and how). */
export function CameraViewsTable({ rows, unitsById, sort, onSort }: CameraViewsTableProps) {
  const { t, lang } = useI18n();
  const minutes = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
  return (
    <div className="statistics-table-scroll">
      <table className="statistics-table camera-views-table" data-testid="camera-views-table" data-rows={rows.length}>
        <thead>
          <tr>
            {SORT_KEYS.map((key) => (
              <th key={key} aria-sort={sort.key === key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
                <button type="button" className="camera-views-sort" data-testid={`camera-views-sort-${key}`} title={t('cameraViews.sortBy')} onClick={() => onSort(key)}>
                  {t(`cameraViews.col.${key}`)}
                  <span aria-hidden="true">{sort.key === key ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.cameraId} data-testid="camera-views-row" data-camera-id={r.cameraId} data-viewed={r.sessions > 0}>
              <th scope="row">{r.name}</th>
              <td>{areaLabel(r, unitsById, lang)}</td>
              <td>{CAMERA_CATEGORY_NAMES[r.category][lang]}</td>
              <td data-field="lastViewed">{r.lastViewedAt ? formatDateTime(r.lastViewedAt, lang) : t('cameraViews.never')}</td>
              <td data-field="seconds" data-value={r.seconds}>
                {t('cameraViews.duration', { minutes: minutes.format(r.seconds / 60) })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
