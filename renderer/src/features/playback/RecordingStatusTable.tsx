// "录像状态" on the health page (issue 14): every camera in scope with a recording plan, its mode and the recorder's
// state with the reason it stopped. Read with the page's own refresh.
import { useEffect, useMemo, useState } from 'react';
import { toGatewayError } from '../../gateway/gateway-error';
import { useGatewaySelector } from '../../gateway/use-gateway';
import { useT } from '../../i18n/use-t';
import { createPlaybackApi, type PlaybackApi, type RecordingStatusItem } from './playback-api';
import { recordingStatusRows } from './recording-status-rows';

export function RecordingStatusTable({ refreshKey, api: given }: { refreshKey: number; api?: PlaybackApi }) {
  const t = useT();
  const api = useMemo(() => given ?? createPlaybackApi(), [given]);
  const camerasById = useGatewaySelector((s) => s.camerasById);
  const [items, setItems] = useState<RecordingStatusItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    api.recordingStatus().then(
      (r) => {
        if (cancelled) return;
        setItems(r);
        setError(null);
      },
      (e) => !cancelled && setError(toGatewayError(e).message),
    );
    return () => {
      cancelled = true;
    };
  }, [api, refreshKey]);

  const rows = items ? recordingStatusRows(items, (id) => camerasById.get(id)?.name ?? null, t) : null;
  return (
    <div className="dev-card" data-testid="health-recording">
      <div className="dev-subtitle">{t('recording.status')}</div>
      {error && <div className="form-error">{t('recording.health.failed', { message: error })}</div>}
      <table className="dev-table compact">
        <thead>
          <tr>
            <th>{t('recording.health.camera')}</th>
            <th>{t('recording.health.mode')}</th>
            <th>{t('recording.health.state')}</th>
          </tr>
        </thead>
        <tbody>
          {rows?.length === 0 && (
            <tr>
              <td colSpan={3} className="dev-muted">
                {t('recording.health.empty')}
              </td>
            </tr>
          )}
          {rows?.map((r) => (
            <tr key={r.cameraId} data-testid={`health-recording-row-${r.cameraId}`} data-state={r.stateCode}>
              <td>{r.name}</td>
              <td>{r.mode}</td>
              <td className={r.stateCode === 'stopped' ? 'form-error' : undefined}>{r.state}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
