import { useMemo, useRef } from 'react';
import { useGatewaySelector } from '../../gateway/use-gateway';
import { reasonWords } from '../../i18n/reason-strings';
import { useI18n } from '../../i18n/use-t';
import { areaOf, orgLabel } from '../../components/ui/org-units';
import { reasonDetail, reasonText, deriveTileView, SpeakerToggle, tilePipeline, useAudioToggle, useLivePlayer } from '../player';

export interface MapPreviewProps {
  cameraId: string;
  onClose: () => void;
  onPlace: (cameraId: string) => void;
}

/**
 * The live preview inside a marker's popup (rendered through a portal into the popup's DOM node). Unmounting it
 * (popup closed) disposes the player, so the stream's viewer goes away with it.
 */
export function MapPreview({ cameraId, onClose, onPlace }: MapPreviewProps) {
  const { t, lang } = useI18n();
  const videoRef = useRef<HTMLVideoElement>(null);
  const player = useLivePlayer(videoRef, cameraId, 'sub');
  const audio = useAudioToggle(videoRef, cameraId);
  const camera = useGatewaySelector((s) => s.camerasById.get(cameraId));
  const pipeline = useGatewaySelector((s) => tilePipeline(s.streams, cameraId, 'sub'));
  const unitsById = useGatewaySelector((s) => s.orgUnitsById);
  const view = deriveTileView(cameraId, player, pipeline, camera);
  const area = useMemo(() => {
    const unit = camera ? areaOf(camera.orgUnitId, unitsById) : null;
    return unit ? orgLabel(unit, lang) : null;
  }, [camera, unitsById, lang]);
  const name = camera?.name ?? t('tile.unknownCamera', { id: cameraId });
  const status = camera?.status ?? 'unknown';
  const reason = view.state === 'live' ? null : reasonText(view.reason, t);
  const recorded = camera && status !== 'online' ? reasonWords(camera.statusReasonCode, camera.statusReason, t) : null;
  const statusText = recorded ? `${t(`camera.status.${status}`)}: ${recorded}` : t(`camera.status.${status}`);

  return (
    <div className="map-preview" data-testid="map-preview" data-camera-id={cameraId} aria-label={t('map.previewLabel', { name })}>
      <div className="map-preview-head">
        <span className={`status-dot dot-${status}`} aria-hidden="true" />
        <div className="map-preview-title">
          <span className="map-preview-name" title={name}>
            {name}
          </span>
          <span className="map-preview-meta">
            {[area, camera ? t(`map.category.${camera.category}`) : null].filter(Boolean).join(' · ')}
          </span>
        </div>
        <button type="button" className="icon-button" aria-label={t('map.previewClose')} title={t('map.previewClose')} onClick={onClose}>
          ×
        </button>
      </div>
      <div className={`map-preview-video state-${view.state}`}>
        <video ref={videoRef} muted autoPlay playsInline disablePictureInPicture />
        <span className={`status-badge status-${view.state}`}>{t(`tile.${view.state}`)}</span>
        {pipeline?.audio && <SpeakerToggle audio={audio} className="tile-close tile-audio map-preview-audio" />}
        {reason && (
          <span className="map-preview-reason" title={reasonDetail(view.reason) ?? undefined}>
            {reason}
          </span>
        )}
      </div>
      <div className="map-preview-foot">
        <span className={`map-preview-status status-text-${status}`} title={statusText}>
          {statusText}
        </span>
        <button type="button" className="ghost small" onClick={() => onPlace(cameraId)}>
          {t('map.previewToWall')}
        </button>
      </div>
    </div>
  );
}
