import { useEffect, useState } from 'react';
import type { CameraStatus } from '../../../../contracts/src/camera';
import type { CameraStatusHistory as History, StatusHistoryEvent } from '../../../../contracts/src/camera-status-history';
import { useGatewaySelector } from '../../gateway/use-gateway';
import { formatDateTime } from '../../i18n/date-format';
import { isReasonCode, reasonWords } from '../../i18n/reason-strings';
import type { Language, Translate } from '../../i18n/translate';
import { useI18n } from '../../i18n/use-t';
import type { DevicesApi } from './devices-api';
import { formatUptime, TIMELINE_RANGES, timelineSegments, type TimelineRange } from './status-timeline';

/** Why a change happened, in the reader's language; a reason kept without a code (older rows) says so, the text in its tooltip. */
function eventReason(e: StatusHistoryEvent, t: Translate): string {
  if (isReasonCode(e.reasonCode)) return reasonWords(e.reasonCode, e.reason, t) ?? '';
  return e.reason ? t('cameraHistory.reasonUncoded') : '';
}

/** A camera's status over the last 24 h or 7 days: a timeline bar, its uptime and the changes with their reasons. */
export function CameraStatusHistory({ api, cameraId }: { api: Pick<DevicesApi, 'statusHistory'>; cameraId: string }) {
  const { t, lang } = useI18n();
  const [range, setRange] = useState<TimelineRange>('day');
  const [history, setHistory] = useState<History | null>(null);
  const [error, setError] = useState<string | null>(null);
  // A status change pushed for this camera extends the history shown.
  const liveStatus = useGatewaySelector((s) => s.camerasById.get(cameraId)?.status);

  useEffect(() => {
    let cancelled = false;
    const to = Date.now();
    api.statusHistory(cameraId, to - TIMELINE_RANGES[range], to).then(
      (h) => {
        if (cancelled) return;
        setError(null);
        setHistory(h);
      },
      (e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [api, cameraId, range, liveStatus]);

  return (
    <div className="dev-history" data-testid="camera-history">
      <div className="dev-actions">
        <span className="dev-subtitle">{t('cameraHistory.title')}</span>
        <div className="segmented" role="tablist">
          {(Object.keys(TIMELINE_RANGES) as TimelineRange[]).map((r) => (
            <button key={r} type="button" role="tab" aria-selected={range === r} className={range === r ? 'active' : ''} data-testid={`camera-history-range-${r}`} onClick={() => setRange(r)}>
              {t(`cameraHistory.range.${r}`)}
            </button>
          ))}
        </div>
        {history && <StatusHistorySummary history={history} t={t} />}
      </div>
      {error && (
        <div className="dev-error" role="alert">
          {t('cameraHistory.loadFailed', { message: error })}
        </div>
      )}
      {!history && !error && <div className="dev-muted">{t('cameraHistory.loading')}</div>}
      {history && <StatusHistoryView history={history} t={t} lang={lang} />}
    </div>
  );
}

const statusWord = (t: Translate, s: CameraStatus) => t(`camera.status.${s}`);

/** The uptime and the status the period started in. */
export function StatusHistorySummary({ history, t }: { history: History; t: Translate }) {
  return (
    <>
      <span title={t('cameraHistory.uptimeHint')} data-testid="camera-history-uptime">
        {t('cameraHistory.uptime', { percent: formatUptime(history.uptime) })}
      </span>
      <span className="dev-muted">{t('cameraHistory.startedAs', { status: statusWord(t, history.initialStatus) })}</span>
    </>
  );
}

/** The timeline bar (online green, offline red, unknown grey) and the changes, newest first. */
export function StatusHistoryView({ history, t, lang }: { history: History; t: Translate; lang: Language }) {
  const when = (ms: number | string) => formatDateTime(ms, lang);
  const status = (s: CameraStatus) => statusWord(t, s);
  return (
    <>
      <div className="dev-timeline" role="img" aria-label={t('cameraHistory.bar')} data-testid="camera-history-bar">
        {timelineSegments(history).map((s) => (
          <span key={s.start} className={`seg-${s.status}`} style={{ width: `${s.fraction * 100}%` }} data-status={s.status} title={t('cameraHistory.segment', { status: status(s.status), from: when(s.start), to: when(s.end) })} />
        ))}
      </div>
      <div className="dev-timeline-axis">
        <span>{when(history.from)}</span>
        <span>{when(history.to)}</span>
      </div>
      <div className="dev-muted">{t('cameraHistory.changes')}</div>
      {history.events.length === 0 ? (
        <div className="dev-muted" data-testid="camera-history-empty">
          {t('cameraHistory.noChanges')}
        </div>
      ) : (
        <div className="dev-table-wrap">
          <table className="dev-table compact" data-testid="camera-history-events">
            <thead>
              <tr>
                <th>{t('cameraHistory.col.time')}</th>
                <th>{t('cameraHistory.col.status')}</th>
                <th>{t('cameraHistory.col.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {[...history.events].reverse().map((e, i) => (
                <tr key={`${e.at}-${i}`}>
                  <td>{formatDateTime(e.at, lang, { seconds: true })}</td>
                  <td>
                    <span className={`status-dot dot-${e.status}`} aria-hidden="true" /> {status(e.status)}
                  </td>
                  <td title={isReasonCode(e.reasonCode) ? undefined : (e.reason ?? undefined)}>{eventReason(e, t)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
