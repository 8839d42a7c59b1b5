// The health page (section `health`, permission report.read): online rate per township and village, the cameras
// offline longest (click: show on the wall), availability ranking today / last 30 days, CSV exports, and
// "check now" (a health sweep) for roles with camera.write.
import { Fragment, useCallback, useEffect, useState, type ReactNode } from 'react';
import { roleHas } from '../../../../contracts/src/permissions';
import type { SectionProps } from '../../components/section-props';
import { saveBlob } from '../../components/ui/save-blob';
import { useToast } from '../../components/ui/toasts';
import { toGatewayError } from '../../gateway/gateway-error';
import { reasonWords } from '../../i18n/reason-strings';
import { useI18n } from '../../i18n/use-t';
import { orgLabel } from '../../components/ui/org-units';
import { availabilityCsvUrl, createDevicesApi } from './devices-api';
import { barWidth, formatDuration, formatPercent, groupUnits, healthHeadline, onlineRatesCsv, rateBand, withAllUnits, worstFirst, type AvailabilityReport, type HealthSummary, type OfflineCamera, type UnitAvailability, type UnitHealth } from './health-format';
import { RecordingStatusTable } from '../playback';
import { useOrgChoices } from './use-org-units';
import './devices.css';
import { formatDateTime } from '../../i18n/date-format';

const REFRESH_MS = 30_000;

function Bar({ rate }: { rate: number | null }) {
  return (
    <span className={`dev-bar band-${rateBand(rate)}`} aria-hidden="true">
      <span style={{ width: `${barWidth(rate)}%` }} />
    </span>
  );
}

export default function HealthSection({ user, showCameraOnWall }: SectionProps) {
  const { t, lang } = useI18n();
  const toast = useToast();
  const [api] = useState(() => createDevicesApi());
  const choices = useOrgChoices();
  const [summary, setSummary] = useState<HealthSummary | null>(null);
  const [offline, setOffline] = useState<OfflineCamera[] | null>(null);
  const [days, setDays] = useState<1 | 30>(1);
  const [availability, setAvailability] = useState<AvailabilityReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sweeping, setSweeping] = useState(false);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const canSweep = roleHas(user.role, 'camera.write');

  const [recordingKey, setRecordingKey] = useState(0);

  const load = useCallback(async () => {
    setRecordingKey((n) => n + 1);
    try {
      const [s, o, a] = await Promise.all([api.healthSummary(), api.healthOffline(50), api.healthAvailability(days)]);
      setSummary(s);
      setOffline(o);
      setAvailability(a);
      setError(null);
    } catch (e) {
      setError(toGatewayError(e).message);
    }
  }, [api, days]);

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);

  async function sweep() {
    setSweeping(true);
    try {
      const r = await api.healthSweep();
      toast('success', t('health.sweepDone', { online: r.online, offline: r.offline }));
      await load();
    } catch (e) {
      toast('error', toGatewayError(e).message);
    } finally {
      setSweeping(false);
    }
  }

  const units = summary ? groupUnits(withAllUnits(summary.units, choices.units, user.orgUnitId)) : null;
  const name = (u: { orgUnitId: string; name: string }) => {
    const unit = choices.byId.get(u.orgUnitId);
    return unit ? orgLabel(unit, lang) : u.name;
  };
  const dur = (sec: number | null) => formatDuration(sec, { d: t('health.unit.d'), h: t('health.unit.h'), m: t('health.unit.m'), s: t('health.unit.s') });
  const last = summary?.lastSweep ?? null;
  const headline = healthHeadline(summary, t, name, (ms) => formatDateTime(ms, lang));
  const head = headline.unit;

  const exportRates = () => {
    if (!summary) return;
    saveBlob(new Blob([onlineRatesCsv(summary.units)], { type: 'text/csv;charset=utf-8' }), 'online-rates.csv');
  };

  const rateRow = (u: UnitHealth, kind: 'township' | 'village', extra?: ReactNode) => (
    <tr key={u.orgUnitId} data-testid={`health-${kind}-${u.orgUnitId}`} data-online-rate={u.onlineRate === null ? '' : u.onlineRate.toFixed(4)} className={kind}>
      <td>
        {extra}
        {name(u)}
      </td>
      <td className="num">{u.total}</td>
      <td className="num">{u.online}</td>
      <td className="num">{u.offline}</td>
      <td className="num">{u.unknown}</td>
      <td>
        <div className="dev-rate">
          <Bar rate={u.onlineRate} />
          <span className="num">{formatPercent(u.onlineRate)}</span>
        </div>
      </td>
    </tr>
  );

  const availabilityTable = (rows: UnitAvailability[], title: string) => (
    <div className="dev-col">
      <div className="dev-subtitle">{title}</div>
      <table className="dev-table compact">
        <thead>
          <tr>
            <th>{t('health.col.rank')}</th>
            <th>{t('health.col.unit')}</th>
            <th className="num">{t('health.col.cameras')}</th>
            <th>{t('health.col.availability')}</th>
          </tr>
        </thead>
        <tbody>
          {worstFirst(rows).map((r, i) => (
            <tr key={r.orgUnitId} data-testid={`health-availability-${r.orgUnitId}`} data-availability={r.availability === null ? '' : r.availability.toFixed(4)} data-level={r.level}>
              <td className="num">{i + 1}</td>
              <td>{name(r)}</td>
              <td className="num">{r.cameras}</td>
              <td>
                <div className="dev-rate">
                  <Bar rate={r.availability} />
                  <span className="num">{formatPercent(r.availability)}</span>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );

  return (
    <section className="dev-section" data-testid="health-section">
      <div className="dev-actions">
        <div className="dev-form-title" data-testid="health-title">{headline.title}</div>
        <span className="dev-muted" data-testid="health-last-sweep" data-at={last ? String(last.startedAt) : ''}>
          {headline.sweep}
        </span>
        <span className="dev-spacer" />
        <button type="button" className="ghost" data-testid="health-refresh" onClick={() => void load()}>
          {t('health.refresh')}
        </button>
        {canSweep && (
          <button type="button" className="primary" data-testid="health-sweep" disabled={sweeping} onClick={() => void sweep()}>
            {sweeping ? t('health.sweeping') : t('health.sweep')}
          </button>
        )}
      </div>
      {error && (
        <div className="dev-error" role="alert" data-testid="health-error">
          {t('health.loadFailed', { message: error })}
        </div>
      )}

      <div className="dev-health-grid">
        <div className="dev-card">
          <div className="dev-actions">
            <div className="dev-subtitle">{t('health.onlineRate')}</div>
            <span className="dev-spacer" />
            <button type="button" className="ghost" data-testid="health-export-rates" disabled={!summary} onClick={exportRates}>
              {t('health.exportRates')}
            </button>
          </div>
          {head && (
            <div className="dev-county" data-testid="health-county" data-org-id={head.orgUnitId} data-online-rate={head.onlineRate ?? ''}>
              <Bar rate={head.onlineRate} />
              {headline.rate}
            </div>
          )}
          <table className="dev-table compact">
            <thead>
              <tr>
                <th>{t('health.col.unit')}</th>
                <th className="num">{t('health.col.total')}</th>
                <th className="num">{t('health.col.online')}</th>
                <th className="num">{t('health.col.offline')}</th>
                <th className="num">{t('health.col.unknown')}</th>
                <th>{t('health.col.rate')}</th>
              </tr>
            </thead>
            <tbody>
              {units?.townships.map((tw) => (
                <Fragment key={tw.orgUnitId}>
                  {rateRow(
                    tw,
                    'township',
                    tw.villages.length > 0 ? (
                      <button
                        type="button"
                        className="icon-button dev-caret"
                        aria-expanded={open.has(tw.orgUnitId)}
                        title={open.has(tw.orgUnitId) ? t('health.hideVillages') : t('health.showVillages')}
                        data-testid={`health-expand-${tw.orgUnitId}`}
                        onClick={() =>
                          setOpen((s) => {
                            const next = new Set(s);
                            if (next.has(tw.orgUnitId)) next.delete(tw.orgUnitId);
                            else next.add(tw.orgUnitId);
                            return next;
                          })
                        }
                      >
                        {open.has(tw.orgUnitId) ? '▾' : '▸'}
                      </button>
                    ) : (
                      <span className="dev-caret" />
                    ),
                  )}
                  {open.has(tw.orgUnitId) && tw.villages.map((v) => rateRow(v, 'village', <span className="dev-indent" />))}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>

        <div className="dev-card">
          <div className="dev-subtitle">{t('health.offlineTitle')}</div>
          <table className="dev-table compact">
            <thead>
              <tr>
                <th>{t('health.col.camera')}</th>
                <th>{t('health.col.unit')}</th>
                <th>{t('health.col.reason')}</th>
                <th>{t('health.col.duration')}</th>
              </tr>
            </thead>
            <tbody>
              {offline?.length === 0 && (
                <tr>
                  <td colSpan={4} className="dev-muted">
                    {t('health.noOffline')}
                  </td>
                </tr>
              )}
              {offline?.map((c) => (
                <tr key={c.cameraId} className="clickable" data-testid={`health-offline-row-${c.cameraId}`} data-reason={c.reason ?? ''} title={t('health.showOnWall')} tabIndex={0} onClick={() => showCameraOnWall(c.cameraId)} onKeyDown={(e) => e.key === 'Enter' && showCameraOnWall(c.cameraId)}>
                  <td>
                    <span className="status-dot dot-offline" aria-hidden="true" /> {c.name}
                  </td>
                  <td>{name({ orgUnitId: c.orgUnitId, name: c.orgUnitId })}</td>
                  <td>{reasonWords(c.reasonCode, c.reason, t) ?? '—'}</td>
                  <td className="num" title={c.since ? formatDateTime(c.since, lang) : ''}>
                    {dur(c.offlineSec)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>

        <RecordingStatusTable refreshKey={recordingKey} />

        <div className="dev-card wide">
          <div className="dev-actions">
            <div className="dev-subtitle">{t('health.availability')}</div>
            <div className="segmented" role="group">
              {([1, 30] as const).map((d) => (
                <button key={d} type="button" className={days === d ? 'active' : ''} aria-pressed={days === d} data-testid={`health-days-${d}`} onClick={() => setDays(d)}>
                  {d === 1 ? t('health.today') : t('health.days30')}
                </button>
              ))}
            </div>
            <span className="dev-spacer" />
            <a className="ghost dev-link" href={availabilityCsvUrl(days)} download data-testid="health-export-availability">
              {t('health.exportAvailability')}
            </a>
          </div>
          <div className="dev-cols" data-testid="health-availability" data-days={days}>
            {availability && availabilityTable(availability.townships, t('health.townships'))}
            {availability && availabilityTable(availability.villages, t('health.villages'))}
          </div>
        </div>
      </div>
    </section>
  );
}
