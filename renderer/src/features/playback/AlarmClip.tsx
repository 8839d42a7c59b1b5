// The alarm's recorded clip (issue 14) beside its live video, in the pop-up and the alarm detail: a tab switches the
// snapshot slot to the clip (pre + post seconds) played by the VOD player, with its state and wall-clock time.
// Without camera.playback, or when the gateway has no clip for the alarm (404), only the snapshot is shown.
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { formatDateTime } from '../../i18n/date-format';
import { useI18n } from '../../i18n/use-t';
import { clipPlayable, clipPolls, clipStatusText, CLIP_POLL_MS } from './clip-view';
import { createPlaybackApi, type AlarmClip as Clip, type PlaybackApi } from './playback-api';
import { VodPlayer } from './vod-player';
import './playback.css';

export interface AlarmClipProps {
  alarmId: string;
  canPlay: boolean;
  /** What the slot shows otherwise (the alarm's snapshot). */
  fallback: ReactNode;
  testId?: string;
  api?: PlaybackApi;
}

export function AlarmClip({ alarmId, canPlay, fallback, testId = 'alarm-clip', api: given }: AlarmClipProps) {
  const { t } = useI18n();
  const api = useMemo(() => given ?? createPlaybackApi(), [given]);
  const [clip, setClip] = useState<Clip | null>(null);
  const [showClip, setShowClip] = useState(false);
  const state = clip?.state;

  useEffect(() => {
    setClip(null);
    setShowClip(false);
  }, [alarmId]);

  useEffect(() => {
    if (!canPlay) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = () =>
      api.alarmClip(alarmId).then(
        (c) => {
          if (cancelled) return;
          setClip(c);
          if (clipPolls(c)) timer = setTimeout(() => void read(), CLIP_POLL_MS);
        },
        // 404: no plan on the camera or out of scope; anything else: the snapshot stays, as without a clip.
        () => !cancelled && setClip(null),
      );
    void read();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api, alarmId, canPlay]);

  if (!canPlay || !clip) return <>{fallback}</>;
  return (
    <div className="alarm-clip-slot" data-testid={testId} data-state={state}>
      <div className="segmented alarm-clip-tabs" role="tablist">
        <button type="button" role="tab" aria-selected={!showClip} className={showClip ? '' : 'active'} onClick={() => setShowClip(false)}>
          {t('clip.snapshot')}
        </button>
        <button type="button" role="tab" aria-selected={showClip} className={showClip ? 'active' : ''} data-testid={`${testId}-tab`} onClick={() => setShowClip(true)}>
          {t('clip.tab')}
        </button>
      </div>
      {showClip ? <ClipPlayer clip={clip} api={api} testId={testId} /> : fallback}
    </div>
  );
}

function ClipPlayer({ clip, api, testId }: { clip: Clip; api: PlaybackApi; testId: string }) {
  const { t, lang } = useI18n();
  const video = useRef<HTMLVideoElement>(null);
  const [wall, setWall] = useState<number | null>(null);
  const playable = clipPlayable(clip);
  // Read again once the clip is complete (what was listed while recording ended early).
  const generation = `${clip.state}:${playable}`;
  const { cameraId, profile, startMs, endMs } = clip;
  // The clip's start may lie before anything was recorded (the stream was not running): play from its first picture.
  const fromMs = Math.max(startMs, clip.firstRecordedMs ?? startMs);

  useEffect(() => {
    const v = video.current;
    if (!v || !playable) return;
    // The player asks for the window around an instant; the clip's own range is the window here.
    const clipApi: PlaybackApi = { ...api, playbackUrl: (id) => api.playbackUrl(id, startMs, endMs, profile) };
    const player = new VodPlayer({ video: v, cameraId, profile, api: clipApi, onState: () => setWall(player.wallTime()) });
    const onTime = () => setWall(player.wallTime());
    v.addEventListener('timeupdate', onTime);
    player.seekTo(fromMs, true);
    return () => {
      v.removeEventListener('timeupdate', onTime);
      player.dispose();
    };
  }, [api, cameraId, profile, startMs, endMs, fromMs, playable, generation]);

  return (
    <div className="alarm-clip" data-testid={`${testId}-player`}>
      <video ref={video} muted playsInline controls={playable} disablePictureInPicture />
      <div className="alarm-clip-info">
        <span data-testid={`${testId}-state`}>{clipStatusText(clip, t)}</span>
        <span className="alarm-clip-time" data-testid={`${testId}-time`} data-wall-ms={wall ?? ''}>
          {wall !== null ? formatDateTime(wall, lang, { seconds: true }) : ''}
        </span>
      </div>
    </div>
  );
}
