import type { StreamProfile } from '../../../../contracts/src/camera';
import { useT } from '../../i18n/use-t';
import { SpeakerToggle } from './SpeakerToggle';
import { isAuthStopped, reasonDetail, reasonText } from './tile-reason';
import type { AudioToggle } from './use-audio-toggle';
import type { TileView } from './tile-state';

export interface TileOverlayProps {
  view: TileView;
  cameraName: string | null;
  areaName: string | null;
  profile: StreamProfile;
  /** Why the tile plays another stream than it would (shown as the profile label's tooltip, and after it). */
  profileNote?: string;
  /** The close button (×); none on a wall display. */
  onClose?: () => void;
  /** The snapshot button; none when absent. */
  onSnapshot?: () => void;
  /** Asks the gateway to try the camera again; offered when it stopped retrying (auth failed). None on a wall display. */
  onRetry?: () => void;
  /** The speaker toggle: on the focused or enlarged tile of a camera that sends audio; none otherwise. */
  audio?: AudioToggle;
}

const seconds = (value: number) => value.toFixed(1);


export function TileOverlay({ view, cameraName, areaName, profile, profileNote, onClose, onSnapshot, onRetry, audio }: TileOverlayProps) {
  const t = useT();
  if (view.state === 'empty') return <div className="tile-empty">{t('tile.empty')}</div>;
  // The gateway does not retry a camera that refused our credentials (accounts lock): say so, and offer a retry.
  const authStopped = isAuthStopped(view);
  const reason = authStopped ? t('tile.authStopped') : reasonText(view.reason, t);
  const detail = reasonDetail(view.reason);
  let timing: string | null = null;
  if (view.state === 'live') {
    if (view.latencySec !== null) timing = t('tile.latency', { seconds: seconds(view.latencySec) });
    else if (view.lastFrameAgeMs !== null) timing = t('tile.frameAge', { seconds: seconds(view.lastFrameAgeMs / 1000) });
  } else if (view.state === 'lagging' && view.lagSec != null) timing = t('tile.behind', { seconds: seconds(view.lagSec) });
  return (
    <>
      <div className="tile-header">
        <div className="tile-title">
          <span className="tile-name">{cameraName}</span>
          {areaName && <span className="tile-area">{areaName}</span>}
        </div>
        <span className={`status-badge status-${view.state}`} data-testid="status-badge">
          {t(`tile.${view.state}`)}
        </span>
        {audio && <SpeakerToggle audio={audio} />}
        {onSnapshot && (
          <button
            type="button"
            className="tile-close tile-snapshot"
            aria-label={t('snapshot.button')}
            title={t('snapshot.button')}
            data-testid="tile-snapshot"
            onClick={(e) => {
              e.stopPropagation();
              onSnapshot();
            }}
            onDoubleClick={(e) => e.stopPropagation()}
          >
            <span className="tile-snapshot-icon" aria-hidden="true" />
          </button>
        )}
        {onClose && (
          <button
            type="button"
            className="tile-close"
            aria-label={t('tile.close')}
            title={t('tile.close')}
            onClick={(e) => {
              e.stopPropagation();
              onClose();
            }}
            onDoubleClick={(e) => e.stopPropagation()}
          >
            ×
          </button>
        )}
      </div>
      <div className="tile-footer">
        {reason && view.state !== 'live' && view.state !== 'lagging' && (
          <span className="tile-reason" title={detail ?? undefined}>
            {reason}
          </span>
        )}
        {authStopped && onRetry && (
          <button
            type="button"
            className="tile-retry"
            data-testid="tile-retry"
            onClick={(e) => {
              e.stopPropagation();
              onRetry();
            }}
            onDoubleClick={(e) => e.stopPropagation()}
          >
            {t('tile.retry')}
          </button>
        )}
        {timing && <span className="tile-timing">{timing}</span>}
        <span className="tile-profile" title={profileNote}>
          {t(`tile.profile.${profile}`)}
          {profileNote ? ' *' : ''}
        </span>
      </div>
    </>
  );
}
