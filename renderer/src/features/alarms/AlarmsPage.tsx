import { useCallback, useEffect, useMemo, useState } from 'react';
import { ALARM_SEVERITIES, ALARM_STATES, KNOWN_ALARM_TYPES, type AlarmDetailDto, type AlarmDto, type AlarmSeverity, type AlarmState } from '../../../../contracts/src/alarm';
import { roleHas } from '../../../../contracts/src/permissions';
import type { SectionProps } from '../../components/section-props';
import { toGatewayError } from '../../gateway/gateway-error';
import { useGatewayClient, useGatewaySelector } from '../../gateway/use-gateway';
import { useI18n } from '../../i18n/use-t';
import { orgLabel } from '../../components/ui/org-units';
import { AlarmActions } from './AlarmActions';
import { useAlarmCentre, useAlarmSync } from './alarm-context';
import { DEFAULT_FILTERS, orgChoices, pageCount, toQuery, type AlarmFilters } from './alarm-filters';
import { historyLabel, severityLabel, stateLabel, typeLabel } from './alarm-labels';
import { alarmActorText, alarmDetailText, alarmTitleText, alarmHistoryNote, alarmResolutionText, alarmSourceText, type ShownText } from './alarm-text';
import { AlarmRulesPanel } from './AlarmRulesPanel';
import { AlarmClip } from '../playback';
import { AlarmSnapshot } from './AlarmSnapshot';
import './alarms.css';
import { DateField } from '../../components/ui/DateField';
import { formatDateTime } from '../../i18n/date-format';

/**
 * The `alarms` section: filters (state, type, severity, org unit, time), paging, a row opens the details (history
 * timeline, snapshot, the same actions as the pop-up); the response-plan editor for roles with wall.control.
 * Test ids: alarms-list, alarm-row-<id> (data-state), alarm-detail, alarm-history, alarms-filter-*, alarms-page-*.
 */
export function AlarmsPage({ user, openSection }: SectionProps) {
  const { t, lang } = useI18n();
  const client = useGatewayClient();
  const centre = useAlarmCentre();
  const sync = useAlarmSync(centre?.store);
  const [tab, setTab] = useState<'list' | 'rules'>('list');
  const [filters, setFilters] = useState<AlarmFilters>(DEFAULT_FILTERS);
  const [page, setPage] = useState(0);
  const [result, setResult] = useState<{ items: AlarmDto[]; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [detail, setDetail] = useState<AlarmDetailDto | null>(null);
  const units = useGatewaySelector((s) => s.orgUnits);
  const choices = useMemo(() => orgChoices(units, (u) => orgLabel(u, lang)), [units, lang]);
  const canRules = roleHas(user.role, 'wall.control');

  const query = useMemo(() => toQuery(filters, page), [filters, page]);
  const load = useCallback(() => {
    let cancelled = false;
    client.listAlarms(query).then(
      (r) => {
        if (cancelled) return;
        setResult(r);
        setError(null);
      },
      (e: unknown) => !cancelled && setError(toGatewayError(e).message),
    );
    return () => {
      cancelled = true;
    };
  }, [client, query]);
  useEffect(() => load(), [load]);

  // Pushed alarm changes refresh the page shown (debounced: a storm is one reload).
  const byId = sync?.byId;
  const [firstById] = useState(byId);
  useEffect(() => {
    if (!byId || byId === firstById) return;
    let cancel: (() => void) | undefined;
    const timer = setTimeout(() => {
      cancel = load();
    }, 400);
    return () => {
      clearTimeout(timer);
      cancel?.();
    };
  }, [byId, firstById, load]);

  const loadDetail = useCallback(
    (id: string) => {
      client.getAlarm(id).then(setDetail, (e: unknown) => setError(toGatewayError(e).message));
    },
    [client],
  );
  useEffect(() => {
    if (!selected) return setDetail(null);
    loadDetail(selected);
  }, [selected, loadDetail, byId]);

  const set = (patch: Partial<AlarmFilters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(0);
  };
  const toggleState = (s: AlarmState) => set({ states: filters.states.includes(s) ? filters.states.filter((x) => x !== s) : [...filters.states, s] });
  const pages = pageCount(result?.total ?? 0);

  return (
    <section className="alarms-page" aria-label={t('alarms.list')}>
      {canRules && (
        <div className="segmented alarms-tabs" role="tablist">
          <button type="button" role="tab" className={tab === 'list' ? 'active' : ''} aria-selected={tab === 'list'} data-testid="alarms-tab-list" onClick={() => setTab('list')}>
            {t('alarms.tabList')}
          </button>
          <button type="button" role="tab" className={tab === 'rules' ? 'active' : ''} aria-selected={tab === 'rules'} data-testid="alarm-rules-tab" onClick={() => setTab('rules')}>
            {t('alarms.tabRules')}
          </button>
        </div>
      )}
      {tab === 'rules' && canRules ? (
        <AlarmRulesPanel userOrgUnitId={user.orgUnitId} />
      ) : (
        <>
          <div className="alarms-filters">
            <div className="alarms-states" role="group" aria-label={t('alarms.filterState')}>
              <span>{t('alarms.filterState')}</span>
              {ALARM_STATES.map((s) => (
                <label key={s}>
                  <input type="checkbox" data-testid={`alarms-filter-state-${s}`} checked={filters.states.includes(s)} onChange={() => toggleState(s)} />
                  {stateLabel(t, s)}
                </label>
              ))}
            </div>
            <label>
              {t('alarms.filterType')}
              <select data-testid="alarms-filter-type" value={filters.type} onChange={(e) => set({ type: e.target.value })}>
                <option value="">{t('alarms.any')}</option>
                {KNOWN_ALARM_TYPES.map((x) => (
                  <option key={x} value={x}>
                    {typeLabel(t, x)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('alarms.filterSeverity')}
              <select data-testid="alarms-filter-severity" value={filters.severity} onChange={(e) => set({ severity: e.target.value as AlarmSeverity | '' })}>
                <option value="">{t('alarms.any')}</option>
                {ALARM_SEVERITIES.map((x) => (
                  <option key={x} value={x}>
                    {severityLabel(t, x)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('alarms.filterOrg')}
              <select data-testid="alarms-filter-org" value={filters.orgUnit} onChange={(e) => set({ orgUnit: e.target.value })}>
                <option value="">{t('alarms.any')}</option>
                {choices.map((c) => (
                  <option key={c.id} value={c.id}>
                    {`${'\u3000'.repeat(c.depth)}${c.label}`}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('alarms.filterFrom')}
              <DateField withTime testId="alarms-filter-from" value={filters.from} onChange={(from) => set({ from })} />
            </label>
            <label>
              {t('alarms.filterTo')}
              <DateField withTime testId="alarms-filter-to" value={filters.to} onChange={(to) => set({ to })} />
            </label>
            <button type="button" data-testid="alarms-filter-reset" onClick={() => set(DEFAULT_FILTERS)}>
              {t('alarms.reset')}
            </button>
          </div>
          {error && (
            <div className="alarms-error" role="alert">
              {t('alarms.loadFailed', { message: error })}
            </div>
          )}
          <div className="alarms-body">
            <div className="alarms-table-wrap">
              <table className="alarms-table" data-testid="alarms-list" data-total={result?.total ?? 0}>
                <thead>
                  <tr>
                    <th>{t('alarms.colTime')}</th>
                    <th>{t('alarms.colSeverity')}</th>
                    <th>{t('alarms.colType')}</th>
                    <th>{t('alarms.colTitle')}</th>
                    <th>{t('alarms.colPlace')}</th>
                    <th>{t('alarms.colState')}</th>
                    <th>{t('alarms.colCount')}</th>
                    <th>{t('alarms.colAssignee')}</th>
                  </tr>
                </thead>
                <tbody>
                  {result?.items.map((a) => (
                    <tr key={a.id} className={a.id === selected ? 'selected' : ''} data-testid={`alarm-row-${a.id}`} data-state={a.state} onClick={() => setSelected(a.id === selected ? null : a.id)}>
                      <td>{formatDateTime(a.firstAt, lang, { seconds: true })}</td>
                      <td>
                        <span className={`alarm-severity severity-${a.severity}`}>{severityLabel(t, a.severity)}</span>
                      </td>
                      <td>{typeLabel(t, a.type)}</td>
                      <td className="wrap" title={alarmTitleText(t, a).title}>
                        {alarmTitleText(t, a).text}
                      </td>
                      <td>{[a.orgUnitName ?? a.orgUnitId, a.cameraName].filter(Boolean).join(' · ')}</td>
                      <td>{stateLabel(t, a.state)}</td>
                      <td>{a.count}</td>
                      <td>{a.assignedToName ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {result && result.items.length === 0 && <div className="alarms-empty">{t('alarms.empty')}</div>}
              <div className="alarms-pager">
                <button type="button" data-testid="alarms-page-prev" disabled={page === 0} onClick={() => setPage((p) => Math.max(0, p - 1))}>
                  {t('alarms.pagePrev')}
                </button>
                <span data-testid="alarms-page">{t('alarms.page', { page: page + 1, pages })}</span>
                <button type="button" data-testid="alarms-page-next" disabled={page + 1 >= pages} onClick={() => setPage((p) => p + 1)}>
                  {t('alarms.pageNext')}
                </button>
                <span>{t('alarms.total', { total: result?.total ?? 0 })}</span>
              </div>
            </div>
            {detail && detail.id === selected && (
              <aside className="alarm-detail" data-testid="alarm-detail" data-alarm-id={detail.id} aria-label={t('alarms.detail')}>
                <header className="alarm-popup-head">
                  <span className={`alarm-severity severity-${detail.severity}`}>{severityLabel(t, detail.severity)}</span>
                  <strong>{typeLabel(t, detail.type)}</strong>
                  <span className="alarm-spacer" />
                  <button type="button" className="icon-button" aria-label={t('alarms.closeDetail')} title={t('alarms.closeDetail')} onClick={() => setSelected(null)}>
                    ×
                  </button>
                </header>
                <AlarmClip
                  alarmId={detail.id}
                  canPlay={!!detail.cameraId && roleHas(user.role, 'camera.playback')}
                  testId="alarm-detail-clip"
                  fallback={<AlarmSnapshot alarmId={detail.id} hasSnapshot={detail.hasSnapshot} testId="alarm-detail-snapshot" />}
                />
                <dl className="alarm-facts">
                  <dt>{t('alarm.title')}</dt>
                  <dd className="alarm-title" title={alarmTitleText(t, detail).title}>
              {alarmTitleText(t, detail).text}
            </dd>
                  <dt>{t('alarm.place')}</dt>
                  <dd>{[detail.orgUnitName ?? detail.orgUnitId, detail.cameraName].filter(Boolean).join(' · ')}</dd>
                  <dt>{t('alarm.time')}</dt>
                  <dd>{formatDateTime(detail.occurredAt, lang, { seconds: true })}</dd>
                  <dt>{t('alarm.stateLabel')}</dt>
                  <dd>
                    {stateLabel(t, detail.state)}
                    {detail.count > 1 && ` · ${t('alarm.count', { count: detail.count })}`}
                  </dd>
                  {(detail.detail || detail.dismissedReason || detail.resolutionNote) && (
                    <>
                      <dt>{t('alarm.detail')}</dt>
                      <dd title={[alarmDetailText(t, detail)?.title, alarmResolutionText(t, detail)?.title].filter(Boolean).join('\n') || undefined} data-testid="alarm-detail-text">
                        {[alarmDetailText(t, detail)?.text, detail.dismissedReason, alarmResolutionText(t, detail)?.text].filter(Boolean).join(' · ')}
                      </dd>
                    </>
                  )}
                  <dt>{t('alarm.sourceLabel')}</dt>
                  <dd>{alarmSourceText(t, detail.source)}</dd>
                </dl>
                <AlarmActions
                  alarm={detail}
                  user={user}
                  onUpdated={(a) => {
                    centre?.store.put(a);
                    loadDetail(a.id);
                    load();
                  }}
                  onShowOnMap={(cameraId) => centre?.showOnMap(cameraId)}
                  openSection={openSection}
                />
                {centre && detail.cameraId && (detail.state === 'new' || detail.state === 'acknowledged') && (
                  <button type="button" data-testid="alarm-detail-popup" onClick={() => centre.openAlarm(detail.id)}>
                    {t('alarms.showPopup')}
                  </button>
                )}
                <h4>{t('alarms.history')}</h4>
                <ol className="alarm-history" data-testid="alarm-history">
                  {detail.history.map((h) => (
                    <li key={h.id} data-action={h.action}>
                      <time dateTime={h.at}>{formatDateTime(h.at, lang, { seconds: true })}</time>
                      <strong>{historyLabel(t, h.action)}</strong> · {alarmActorText(t, h.actor)}
                      {h.fromState && h.toState && h.fromState !== h.toState && ` · ${stateLabel(t, h.fromState)} → ${stateLabel(t, h.toState)}`}
                      <HistoryNote shown={alarmHistoryNote(t, h)} />
                    </li>
                  ))}
                </ol>
              </aside>
            )}
          </div>
        </>
      )}
    </section>
  );
}

function HistoryNote({ shown }: { shown: ShownText | null }) {
  return shown?.text ? (
    <span className="note" title={shown.title}>
      {shown.text}
    </span>
  ) : null;
}
