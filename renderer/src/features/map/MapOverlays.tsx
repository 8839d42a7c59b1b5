import { useI18n } from '../../i18n/use-t';
import type { StatusCounts } from './marker-style';
import type { PendingMove } from './use-camera-move';
import type { Notice } from './use-notice';
import { formatCoord } from './camera-positions';
import { CAMERA_STATUSES } from '../../../../contracts/src/camera';

/** Status legend with counts of the cameras on the map, and how many have no position. */
export function MapLegend({ counts, unplaced }: { counts: StatusCounts; unplaced: number }) {
  const { t } = useI18n();
  return (
    <div className="map-legend map-overlay" aria-label={t('map.legend')}>
      {CAMERA_STATUSES.map((s) => (
        <span key={s} className="map-legend-item">
          <span className={`status-dot dot-${s}`} aria-hidden="true" />
          {t(`camera.status.${s}`)} <b>{counts[s]}</b>
        </span>
      ))}
      {unplaced > 0 && <span className="map-legend-item muted">{t('map.unplaced', { count: unplaced })}</span>}
    </div>
  );
}

export function MapNotice({ notice, onDismiss }: { notice: Notice | null; onDismiss: () => void }) {
  const { t } = useI18n();
  if (!notice) return null;
  return (
    <div className={`map-notice map-overlay ${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="map-notice">
      <span>{notice.text}</span>
      <button type="button" className="icon-button" aria-label={t('map.dismiss')} title={t('map.dismiss')} onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}

export interface MoveBarProps {
  adjusting: boolean;
  pending: PendingMove | null;
  nameOf: (cameraId: string) => string;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Bottom bar in adjust mode: the hint, or the confirmation of a dropped marker. */
export function MoveBar({ adjusting, pending, nameOf, onConfirm, onCancel }: MoveBarProps) {
  const { t } = useI18n();
  if (!adjusting && !pending) return null;
  if (!pending) return <div className="map-movebar map-overlay hint">{t('map.adjustHint')}</div>;
  return (
    <div className="map-movebar map-overlay" role="dialog" aria-live="polite" data-testid="map-move-confirm">
      <span>{t('map.moveConfirm', { name: nameOf(pending.cameraId), lat: formatCoord(pending.to.lat), lng: formatCoord(pending.to.lng) })}</span>
      <button type="button" className="primary" disabled={pending.saving} onClick={onConfirm} data-testid="map-move-save">
        {pending.saving ? t('map.moveSaving') : t('map.moveSave')}
      </button>
      <button type="button" className="ghost" disabled={pending.saving} onClick={onCancel}>
        {t('map.moveCancel')}
      </button>
    </div>
  );
}
