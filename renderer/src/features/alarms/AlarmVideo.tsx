import { useRef } from 'react';
import { useGatewaySelector } from '../../gateway/use-gateway';
import { useT } from '../../i18n/use-t';
import { deriveTileView, SpeakerToggle, tilePipeline, useAudioToggle, useLivePlayer } from '../player';

/**
 * The alarm camera's live sub stream (the same player and state rules as a wall tile, but not a wall tile: it has its
 * own test id so the wall's `tile-<n>` contract is unchanged). Test id alarm-popup-video with data-state.
 */
export function AlarmVideo({ cameraId, testId = 'alarm-popup-video' }: { cameraId: string | null; testId?: string }) {
  const t = useT();
  const videoRef = useRef<HTMLVideoElement>(null);
  const player = useLivePlayer(videoRef, cameraId, 'sub');
  const audio = useAudioToggle(videoRef, cameraId);
  const camera = useGatewaySelector((s) => (cameraId ? s.camerasById.get(cameraId) : undefined));
  const pipeline = useGatewaySelector((s) => (cameraId ? tilePipeline(s.streams, cameraId, 'sub') : undefined));
  const view = deriveTileView(cameraId, player, pipeline, camera);
  return (
    <div className={`tile alarm-video state-${view.state}`} data-testid={testId} data-camera-id={cameraId ?? ''} data-state={view.state}>
      <video ref={videoRef} muted autoPlay playsInline disablePictureInPicture />
      {cameraId ? (
        <>
          <span className={`status-badge status-${view.state} alarm-video-badge`}>{t(`tile.${view.state}`)}</span>
          {pipeline?.audio && <SpeakerToggle audio={audio} className="tile-close tile-audio alarm-video-audio" />}
        </>
      ) : (
        <div className="tile-empty">{t('alarm.noCamera')}</div>
      )}
    </div>
  );
}
