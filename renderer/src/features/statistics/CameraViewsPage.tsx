import { useMemo, useState } from 'react';
import type { CameraViewReportResponse } from '../../../../contracts/src/camera-view-report';
import type { SectionProps } from '../../components/section-props';
import { DateField } from '../../components/ui/DateField';
import { orgLabel } from '../../components/ui/org-units';
import { useGatewaySelector } from '../../gateway/use-gateway';
import { useI18n } from '../../i18n/use-t';
import { CAMERA_VIEWS_PATH, createCameraViewsApi } from './camera-views-api';
import { cameraViewsQuery, nextSort, PERIOD_PRESETS, presetPeriod, tableRows, type PeriodPreset, type Sort } from './camera-views-logic';
import { areaLabel, CameraViewsTable } from './CameraViewsTable';
import { formatCount, type Period } from './statistics-logic';
import './statistics.css';
import { useReport } from './use-report';

/**
 * 未查看点位: which cameras nobody watched in a period (today, 7 or 30 days, or chosen days), per township, with when
 * each was last watched, and the CSV export. The gateway keeps a township officer to their own township; the
 * township choice is only offered to county-level users.
 */
export function CameraViewsPage({ user }: SectionProps) {
  const { t, lang } = useI18n();
  const api = useMemo(() => createCameraViewsApi(), []);
  const orgUnits = useGatewaySelector((s) => s.orgUnits);
  const unitsById = useGatewaySelector((s) => s.orgUnitsById);
  const townships = useMemo(() => orgUnits.filter((u) => u.level === 'township').sort((a, b) => a.id.localeCompare(b.id)), [orgUnits]);
  const [preset, setPreset] = useState<PeriodPreset>('today');
  const [period, setPeriod] = useState<Period>(() => presetPeriod('today', new Date(), { from: '', to: '' }));
  const [orgUnit, setOrgUnit] = useState('');
  const [unviewedOnly, setUnviewedOnly] = useState(true);
  const [sort, setSort] = useState<Sort>({ key: 'area', dir: 'asc' });
  const query = cameraViewsQuery(period, orgUnit);
  const csvQuery = cameraViewsQuery(period, orgUnit, 'csv', lang);

  const { data, loading, error } = useReport<CameraViewReportResponse>(query, (q) => api.report(q), (message) => t('cameraViews.failed', { message }));

  const rows = useMemo(() => {
    const collator = new Intl.Collator(lang);
    return tableRows(data?.items ?? [], { unviewedOnly, sort, areaOf: (r) => areaLabel(r, unitsById, lang), compare: collator.compare });
  }, [data, unviewedOnly, sort, unitsById, lang]);

  const choosePreset = (p: PeriodPreset) => {
    setPreset(p);
    setPeriod((current) => presetPeriod(p, new Date(), current));
  };
  const ownTownship = user.orgUnitId ? unitsById.get(user.orgUnitId) : undefined;

  return (
    <div className="statistics-page camera-views-page" data-testid="camera-views-page" aria-busy={loading}>
      <header className="statistics-head">
        <h2>{t('cameraViews.title')}</h2>
        <div className="segmented" role="group" aria-label={t('cameraViews.period')}>
          {PERIOD_PRESETS.map((p) => (
            <button key={p} type="button" className={preset === p ? 'active' : ''} aria-pressed={preset === p} data-testid={`camera-views-period-${p}`} onClick={() => choosePreset(p)}>
              {t(`cameraViews.period.${p}`)}
            </button>
          ))}
        </div>
        {preset === 'custom' && (
          <>
            <label>
              {t('cameraViews.from')}
              <DateField testId="camera-views-from" value={period.from} onChange={(from) => setPeriod((p) => ({ ...p, from }))} />
            </label>
            <label>
              {t('cameraViews.to')}
              <DateField testId="camera-views-to" value={period.to} onChange={(to) => setPeriod((p) => ({ ...p, to }))} />
            </label>
          </>
        )}
        {user.orgUnitId === null ? (
          <label>
            {t('cameraViews.township')}
            <select data-testid="camera-views-township" value={orgUnit} onChange={(e) => setOrgUnit(e.target.value)}>
              <option value="">{t('cameraViews.township.all')}</option>
              {townships.map((u) => (
                <option key={u.id} value={u.id}>
                  {orgLabel(u, lang)}
                </option>
              ))}
            </select>
          </label>
        ) : (
          ownTownship && <span className="camera-views-muted">{orgLabel(ownTownship, lang)}</span>
        )}
        <label>
          <input type="checkbox" data-testid="camera-views-unviewed-only" checked={unviewedOnly} onChange={(e) => setUnviewedOnly(e.target.checked)} />
          {t('cameraViews.unviewedOnly')}
        </label>
        <span className="statistics-spacer" />
        {data && (
          <strong className="camera-views-counts" data-testid="camera-views-counts" data-unviewed={data.unviewedCount} data-total={data.total}>
            {t('cameraViews.counts', { unviewed: formatCount(data.unviewedCount, lang), total: formatCount(data.total, lang) })}
          </strong>
        )}
        {csvQuery && (
          <a className="ghost statistics-export" data-testid="camera-views-export" href={`${CAMERA_VIEWS_PATH}?${csvQuery}`} download>
            {t('cameraViews.export')}
          </a>
        )}
      </header>
      {!query && <p className="form-error">{t('cameraViews.invalidPeriod')}</p>}
      {error && <p className="form-error">{error}</p>}
      {!data && loading && <p className="camera-views-muted">{t('cameraViews.loading')}</p>}
      {data && rows.length === 0 && unviewedOnly && <p className="camera-views-muted">{t('cameraViews.empty')}</p>}
      {data && rows.length > 0 && <CameraViewsTable rows={rows} unitsById={unitsById} sort={sort} onSort={(key) => setSort((s) => nextSort(s, key))} />}
    </div>
  );
}

export default CameraViewsPage;
