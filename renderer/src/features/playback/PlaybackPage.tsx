// 回放 (section `playback`, permission camera.playback, issue 14): up to four cameras picked in the tree, a day, a
// timeline per camera, and players kept on one wall-clock cursor. Opened with { cameraIds, at } from an alarm or an
// incident, it starts there.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { roleHas } from '../../../../contracts/src/permissions';
import type { SectionProps } from '../../components/section-props';
import { DateField } from '../../components/ui/DateField';
import { useToast } from '../../components/ui/toasts';
import { useGatewaySelector } from '../../gateway/use-gateway';
import { formatDateTime } from '../../i18n/date-format';
import { useI18n } from '../../i18n/use-t';
import { CameraTree } from '../cameras';
import { createPlaybackApi, type PlaybackProfile } from './playback-api';
import { addCamera, readPlaybackParams } from './playback-params';
import { PlaybackSync, SYNC_TICK_MS } from './playback-sync';
import { PlaybackTile } from './PlaybackTile';
import { FRAME_SEC, SPEEDS } from './sync-decision';
import { dayBounds, dayOf, ZOOMS } from './timeline-geometry';
import type { VodPlayer } from './vod-player';
import './playback.css';

/** Today's ranges are read again this often (the camera records on). */
const RANGES_REFRESH_MS = 15_000;

export default function PlaybackPage({ params, user, showCameraOnWall }: SectionProps) {
  const { t, lang } = useI18n();
  const toast = useToast();
  const camerasById = useGatewaySelector((s) => s.camerasById);
  const [api] = useState(() => createPlaybackApi());
  const [sync] = useState(() => new PlaybackSync());
  const start = useMemo(() => readPlaybackParams(params), [params]);
  const [cameraIds, setCameraIds] = useState<string[]>(start.cameraIds);
  const [day, setDay] = useState(() => dayOf(start.atMs ?? Date.now()));
  // null until read: a tile starts with the profile its camera records.
  const [profiles, setProfiles] = useState<ReadonlyMap<string, PlaybackProfile> | null>(null);
  const [, setFrame] = useState(0);
  const [refreshKey, setRefreshKey] = useState(0);
  const [zoom, setZoom] = useState(0);
  const bounds = useMemo(() => dayBounds(day) ?? dayBounds(dayOf(Date.now()))!, [day]);

  // Opened again (from another alarm): every openSection call gives a new params object.
  useEffect(() => {
    if (start.cameraIds.length > 0) setCameraIds(start.cameraIds);
    if (start.atMs !== null) {
      setDay(dayOf(start.atMs));
      setZoom(1); // an hour around the moment: its seconds are visible
      sync.seek(start.atMs, true);
    }
  }, [start, sync]);

  // The profile each camera records (its plan's); main for a camera without a plan.
  useEffect(() => {
    let cancelled = false;
    api.recordingStatus().then(
      (items) => !cancelled && setProfiles(new Map(items.map((i) => [i.cameraId, i.profile ?? 'main']))),
      () => !cancelled && setProfiles(new Map()),
    );
    return () => {
      cancelled = true;
    };
  }, [api, cameraIds]);

  useEffect(() => {
    const tick = setInterval(() => {
      sync.tick();
      setFrame((n) => n + 1);
    }, SYNC_TICK_MS);
    const refresh = setInterval(() => setRefreshKey((n) => n + 1), RANGES_REFRESH_MS);
    return () => {
      clearInterval(tick);
      clearInterval(refresh);
    };
  }, [sync]);

  const onPlayer = useCallback((id: string, player: VodPlayer | null) => (player ? sync.add(id, player) : sync.remove(id)), [sync]);
  const pick = (id: string) => {
    const next = addCamera(cameraIds, id);
    if (next.replaced) toast('info', t('playback.maxCameras'));
    setCameraIds(next.ids);
  };
  const remove = (id: string) => setCameraIds((ids) => ids.filter((x) => x !== id));
  const picked = useMemo(() => new Set(cameraIds), [cameraIds]);
  const cursor = sync.cursorMs;

  return (
    <section className="pb-section" data-testid="playback-section">
      <CameraTree onWall={picked} onPlace={pick} />
      <div className="pb-main">
        <div className="pb-toolbar">
          <label>
            {t('playback.day')}
            <DateField testId="playback-day" value={day} onChange={(d) => d && setDay(d)} />
          </label>
          <button type="button" className="primary" data-testid={sync.playing ? 'playback-pause' : 'playback-play'} disabled={cursor === null} onClick={() => (sync.playing ? sync.pause() : sync.play())}>
            {t(sync.playing ? 'playback.pause' : 'playback.play')}
          </button>
          <button type="button" data-testid="playback-step-back" disabled={cursor === null} onClick={() => sync.step(-FRAME_SEC)}>
            {t('playback.stepBack')}
          </button>
          <button type="button" data-testid="playback-step" disabled={cursor === null} onClick={() => sync.step(FRAME_SEC)}>
            {t('playback.stepForward')}
          </button>
          <span className="segmented" role="group" aria-label={t('playback.speed')}>
            {SPEEDS.map((n) => (
              <button key={n} type="button" className={sync.rate === n ? 'active' : ''} aria-pressed={sync.rate === n} data-testid={`playback-speed-${n}`} onClick={() => sync.setRate(n)}>
                {t('playback.speedN', { n })}
              </button>
            ))}
          </span>
          <span className="segmented" role="group" aria-label={t('playback.zoom')}>
            {ZOOMS.map((_, i) => (
              <button key={i} type="button" className={zoom === i ? 'active' : ''} aria-pressed={zoom === i} data-testid={`playback-zoom-${i}`} onClick={() => setZoom(i)}>
                {t(`playback.zoom.${i}` as 'playback.zoom.0')}
              </button>
            ))}
          </span>
          <span className="pb-cursor-label" data-testid="playback-cursor">
            {cursor === null ? t('playback.noCursor') : t('playback.cursor', { time: formatDateTime(cursor, lang, { seconds: true }) })}
          </span>
        </div>
        {cameraIds.length === 0 ? (
          <p className="pb-hint">{t('playback.pickHint')}</p>
        ) : profiles === null ? null : (
          <div className={`pb-grid pb-grid-${cameraIds.length}`}>
            {cameraIds.map((id) => (
              <PlaybackTile
                key={id}
                cameraId={id}
                name={camerasById.get(id)?.name ?? t('tile.unknownCamera', { id })}
                profile={profiles.get(id) ?? 'main'}
                api={api}
                day={bounds}
                cursorMs={cursor}
                zoom={zoom}
                refreshKey={refreshKey}
                canExport={roleHas(user.role, 'camera.export')}
                onPlayer={onPlayer}
                onSeek={(at) => sync.seek(at, true)}
                onLive={showCameraOnWall}
                onRemove={remove}
              />
            ))}
          </div>
        )}
      </div>
    </section>
  );
}
