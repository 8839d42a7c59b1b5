import { useEffect, useRef, useState } from 'react';
import { formatDateTime } from '../../i18n/date-format';
import { useI18n } from '../../i18n/use-t';
import { DayTimeline } from './DayTimeline';
import { ExportPanel } from './ExportPanel';
import type { PlaybackApi, PlaybackProfile, TimelineAlarm } from './playback-api';
import type { TimeRange } from './timeline-geometry';
import { VodPlayer, type VodState } from './vod-player';

export interface PlaybackTileProps {
  cameraId: string;
  name: string;
  profile: PlaybackProfile;
  api: PlaybackApi;
  day: TimeRange;
  cursorMs: number | null;
  zoom: number;
  /** Re-reads the ranges (the page bumps it while today's recording grows). */
  refreshKey: number;
  /** The user holds camera.export: the tile offers "导出片段". */
  canExport: boolean;
  onPlayer: (cameraId: string, player: VodPlayer | null) => void;
  onSeek: (atMs: number) => void;
  onLive: (cameraId: string) => void;
  onRemove: (cameraId: string) => void;
}

/** One camera in playback: its video, the wall-clock time it shows, its day timeline. */
export function PlaybackTile(p: PlaybackTileProps) {
  const { t, lang } = useI18n();
  const video = useRef<HTMLVideoElement>(null);
  const [player, setPlayer] = useState<VodPlayer | null>(null);
  const [state, setState] = useState<VodState>('idle');
  const [ranges, setRanges] = useState<TimeRange[]>([]);
  const [rangesFailed, setRangesFailed] = useState(false);
  const [exporting, setExporting] = useState(false);
  const { cameraId, profile, api, onPlayer } = p;

  useEffect(() => {
    const v = video.current;
    if (!v) return;
    const vp = new VodPlayer({ video: v, cameraId, profile, api, onState: setState });
    setPlayer(vp);
    onPlayer(cameraId, vp);
    return () => {
      onPlayer(cameraId, null);
      vp.dispose();
    };
  }, [cameraId, profile, api, onPlayer]);

  const [alarms, setAlarms] = useState<TimelineAlarm[]>([]);
  useEffect(() => {
    let cancelled = false;
    // Markers are a help, not the point: a user without alarm.read (or a failure) just sees none.
    api.cameraAlarms(cameraId, p.day.startMs, p.day.endMs).then(
      (a) => !cancelled && setAlarms(a),
      () => !cancelled && setAlarms([]),
    );
    return () => {
      cancelled = true;
    };
  }, [api, cameraId, p.day.startMs, p.day.endMs, p.refreshKey]);

  useEffect(() => {
    let cancelled = false;
    api.recordings(cameraId, p.day.startMs, p.day.endMs, profile).then(
      (r) => {
        if (cancelled) return;
        setRanges(r.ranges);
        setRangesFailed(false);
      },
      () => !cancelled && setRangesFailed(true),
    );
    return () => {
      cancelled = true;
    };
  }, [api, cameraId, profile, p.day.startMs, p.day.endMs, p.refreshKey]);

  const wall = player?.wallTime() ?? null;
  const overlay = state === 'no-recording' ? t('playback.noRecording') : state === 'loading' ? t('playback.loading') : state === 'error' ? t('playback.error') : null;
  return (
    <div className="pb-tile" data-testid={`playback-camera-${cameraId}`} data-state={state}>
      <div className="pb-tile-head">
        <span className="pb-tile-name">{p.name}</span>
        <span className="pb-time" data-testid={`playback-time-${cameraId}`} data-wall-ms={wall ?? ''}>
          {wall !== null ? formatDateTime(wall, lang, { seconds: true }) : ''}
        </span>
        {p.canExport && (
          <button type="button" className="ghost" data-testid={`playback-export-${cameraId}`} aria-expanded={exporting} onClick={() => setExporting((x) => !x)}>
            {t('export.open')}
          </button>
        )}
        <button type="button" className="ghost" data-testid={`playback-live-${cameraId}`} onClick={() => p.onLive(cameraId)}>
          {t('playback.live')}
        </button>
        <button type="button" className="icon-button" aria-label={t('playback.remove')} title={t('playback.remove')} onClick={() => p.onRemove(cameraId)}>
          ×
        </button>
      </div>
      <div className="pb-video">
        <video ref={video} data-testid={`playback-video-${cameraId}`} muted playsInline />
        {overlay && <div className={`pb-overlay pb-${state}`}>{overlay}</div>}
      </div>
      <DayTimeline cameraId={cameraId} name={p.name} day={p.day} ranges={ranges} cursorMs={p.cursorMs} zoom={p.zoom} onSeek={p.onSeek} alarms={alarms} />
      {rangesFailed && <div className="form-error">{t('playback.rangesError')}</div>}
      {p.canExport && exporting && <ExportPanel cameraId={cameraId} profile={profile} api={api} cursorMs={p.cursorMs} onClose={() => setExporting(false)} />}
    </div>
  );
}
