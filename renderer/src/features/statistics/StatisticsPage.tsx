import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { IncidentStatisticsResponse, IncidentStatisticsRow } from '../../../../contracts/src/incident';
import type { SectionProps } from '../../components/section-props';
import { useGatewaySelector } from '../../gateway/use-gateway';
import { useI18n } from '../../i18n/use-t';
import { createIncidentApi, INCIDENTS_PATH, orgName, useIncidentFeed } from '../incidents';
import { BarChart } from './BarChart';
import { defaultPeriod, formatCount, formatField, formatRate, STAT_FIELDS, statisticsQuery, type GroupBy, type Period } from './statistics-logic';
import './statistics.css';
import { useReport } from './use-report';
import { DateField } from '../../components/ui/DateField';
import { formatMonth } from '../../i18n/date-format';

/** 事件统计: the county's figures per township or month for a period, as charts, a table and a CSV export. */
export function StatisticsPage(_props: SectionProps) {
  const { t, lang } = useI18n();
  const api = useMemo(() => createIncidentApi(), []);
  const orgUnitsById = useGatewaySelector((s) => s.orgUnitsById);
  const [period, setPeriod] = useState<Period>(() => defaultPeriod(new Date()));
  const [groupBy, setGroupBy] = useState<GroupBy>('township');
  const [tick, setTick] = useState(0);
  const query = statisticsQuery(period, groupBy);
  const csvQuery = statisticsQuery(period, groupBy, 'csv');

  const { data, loading, error } = useReport<IncidentStatisticsResponse>(query, (q) => api.statistics(q), (message) => t('statistics.failed', { message }), tick);

  // Figures follow the records: any incident change refreshes them (at most once a second).
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const refresh = useCallback(() => {
    if (pending.current) return;
    pending.current = setTimeout(() => {
      pending.current = null;
      setTick((n) => n + 1);
    }, 1000);
  }, []);
  useEffect(() => () => clearTimeout(pending.current ?? undefined), []);
  useIncidentFeed(refresh, refresh);

  const label = (row: IncidentStatisticsRow): string => {
    if (data?.groupBy === 'month') return formatMonth(row.key, lang);
    if (row.key === 'county') return t('statistics.county');
    return orgUnitsById.has(row.key) ? orgName(row.key, orgUnitsById, lang) : row.label;
  };
  const rows = data?.rows ?? [];
  const labels = rows.map(label);
  const count = (v: number) => formatCount(v, lang);
  const percent = (v: number) => formatRate(v, lang).replace(/[.,]00(?=\s?%)/, '');

  return (
    <div className="statistics-page" data-testid="statistics-page" aria-busy={loading}>
      <header className="statistics-head">
        <h2>{t('statistics.title')}</h2>
        <label>
          {t('statistics.from')}
          <DateField testId="statistics-from" value={period.from} onChange={(from) => setPeriod((p) => ({ ...p, from }))} />
        </label>
        <label>
          {t('statistics.to')}
          <DateField testId="statistics-to" value={period.to} onChange={(to) => setPeriod((p) => ({ ...p, to }))} />
        </label>
        <div className="segmented" role="group" aria-label={t('statistics.groupBy')}>
          {(['township', 'month'] as const).map((g) => (
            <button key={g} type="button" className={groupBy === g ? 'active' : ''} aria-pressed={groupBy === g} data-testid={`statistics-group-${g}`} onClick={() => setGroupBy(g)}>
              {t(g === 'township' ? 'statistics.byTownship' : 'statistics.byMonth')}
            </button>
          ))}
        </div>
        <span className="statistics-spacer" />
        {csvQuery && (
          <a className="ghost statistics-export" data-testid="statistics-export" href={`${INCIDENTS_PATH}/statistics?${csvQuery}`} download>
            {t('statistics.export')}
          </a>
        )}
      </header>
      {!query && <p className="form-error">{t('statistics.invalidPeriod')}</p>}
      {error && <p className="form-error">{error}</p>}
      {data && (
        <p className="incident-muted statistics-period">
          {t('statistics.period', { from: period.from, to: period.to })}
          {loading ? ` · ${t('statistics.loading')}` : ''}
        </p>
      )}
      {!data && loading && <p className="incident-muted">{t('statistics.loading')}</p>}
      {data && (
        <>
          <div className="statistics-charts">
            {data.total.accepted === 0 ? (
              <p className="incident-muted">{t('statistics.chart.empty')}</p>
            ) : (
              <>
                <BarChart
                  testId="statistics-chart-volume"
                  title={t('statistics.chart.volume')}
                  labels={labels}
                  series={[
                    { name: t('statistics.col.accepted'), colour: '#3d8bfd', values: rows.map((r) => r.accepted) },
                    { name: t('statistics.col.handled'), colour: '#2fbf71', values: rows.map((r) => r.handled) },
                  ]}
                  formatTick={count}
                  formatValue={count}
                />
                <BarChart
                  testId="statistics-chart-rate"
                  title={t('statistics.chart.rate')}
                  labels={labels}
                  series={[{ name: t('statistics.col.handlingRate'), colour: '#f0a830', values: rows.map((r) => r.handlingRate ?? 0) }]}
                  top={1}
                  formatTick={percent}
                  formatValue={(v) => formatRate(v, lang)}
                />
              </>
            )}
          </div>
          <div className="statistics-table-scroll">
            <table className="statistics-table" data-testid="statistics-table" data-group-by={data.groupBy}>
              <thead>
                <tr>
                  <th>{t(data.groupBy === 'month' ? 'statistics.col.month' : 'statistics.col.township')}</th>
                  {STAT_FIELDS.map((f) => (
                    <th key={f}>{t(`statistics.col.${f}`)}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <StatRow key={r.key} testId={`statistics-row-${r.key}`} label={label(r)} row={r} />
                ))}
              </tbody>
              <tfoot>
                <StatRow testId="statistics-row-total" label={t('statistics.total')} row={data.total} />
              </tfoot>
            </table>
          </div>
        </>
      )}
    </div>
  );
}

function StatRow({ row, label, testId }: { row: IncidentStatisticsRow; label: string; testId: string }) {
  const { lang } = useI18n();
  return (
    <tr data-testid={testId} data-key={row.key}>
      <th scope="row">{label}</th>
      {STAT_FIELDS.map((f) => (
        <td key={f} data-field={f} data-value={row[f] ?? ''}>
          {formatField(row, f, lang)}
        </td>
      ))}
    </tr>
  );
}

export default StatisticsPage;
