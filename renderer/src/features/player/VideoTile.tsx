import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type MouseEvent } from 'react';
import type { StreamProfile } from '../../../../contracts/src/camera';
import { tilePipeline } from './codec-support';
import { useGatewayClient, useGatewaySelector } from '../../gateway/use-gateway';
import { useI18n } from '../../i18n/use-t';
import { areaOf, orgLabel } from '../../components/ui/org-units';
import { acceptsDrag, CAMERA_ID_TYPE, readDrop, TILE_INDEX_TYPE, type DropIntent } from '../../components/ui/drag-data';
import { TileOverlay } from './TileOverlay';
import { useAudioToggle } from './use-audio-toggle';
import { TileStreamMenu } from './TileStreamMenu';
import { deriveTileView } from './tile-state';
import { useLivePlayer } from './use-live-player';
import { useStreamWarmup } from './use-stream-warmup';
import { useTileProfile } from './use-tile-profile';
import { subForCapacity } from './stream-choice';

export interface VideoTileProps {
  index: number;
  cameraId: string | null;
  /** The stream to play; with `mainAllowed`, only the fallback (the tile then chooses by its size and its menu). */
  profile: StreamProfile;
  /** The role may open main streams: the tile picks main/sub by its drawn size, with a right-click override. */
  mainAllowed?: boolean;
  selected: boolean;
  enlarged: boolean;
  onSelect: (index: number) => void;
  onToggleEnlarge: (index: number) => void;
  onDropIntent: (index: number, intent: NonNullable<DropIntent>) => void;
  onClear: (index: number) => void;
  /** Shows the snapshot button (抓拍) in the overlay. */
  onSnapshot?: (cameraId: string, cameraName: string) => void;
  /** A wall display: no dragging, dropping or closing. */
  readOnly?: boolean;
  /** The camera this tile shows next (a tour's next page, shortly before the turn): its stream is warmed. */
  upcomingCameraId?: string | null;
}

/**
 * One wall tile. Test contract: data-testid="tile-<index>", data-camera-id, data-state
 * (live|connecting|reconnecting|offline|empty), data-profile, data-stream-choice (auto|main|sub), data-stream-fallback
 * (transcode-capacity when an automatic main-stream tile plays sub instead), and a <video> inside.
 */
export function VideoTile({ index, cameraId, profile: fallbackProfile, mainAllowed = false, selected, enlarged, onSelect, onToggleEnlarge, onDropIntent, onClear, onSnapshot, readOnly = false, upcomingCameraId = null }: VideoTileProps) {
  const { t, lang } = useI18n();
  const videoRef = useRef<HTMLVideoElement>(null);
  const tileRef = useRef<HTMLDivElement>(null);
  const [dragOver, setDragOver] = useState(false);
  const [menuAt, setMenuAt] = useState<{ x: number; y: number } | null>(null);
  const closeMenu = useCallback(() => setMenuAt(null), []);
  const client = useGatewayClient();
  const [attempt, setAttempt] = useState(0);
  const stream = useTileProfile(tileRef, cameraId, fallbackProfile, mainAllowed);
  const wanted = stream.profile ?? fallbackProfile;
  // The camera whose main stream was refused for transcode capacity: this tile plays its sub stream (stream-choice.ts).
  const [capacityFallbackFor, setCapacityFallbackFor] = useState<string | null>(null);
  const onSubForCapacity = wanted === 'main' && stream.choice === 'auto' && cameraId !== null && capacityFallbackFor === cameraId;
  const profile: StreamProfile = onSubForCapacity ? 'sub' : wanted;
  // Not started until the tile knows which stream it wants: one player, on the right stream.
  const player = useLivePlayer(videoRef, stream.profile ? cameraId : null, profile, attempt);
  const refusedCode = player.reason?.kind === 'gateway' ? player.reason.code : null;
  useEffect(() => {
    if (cameraId && subForCapacity(profile, stream.choice, refusedCode)) setCapacityFallbackFor(cameraId);
  }, [cameraId, profile, stream.choice, refusedCode]);
  const warm = upcomingCameraId !== cameraId ? upcomingCameraId : null;
  useStreamWarmup(warm, warm ? stream.profileFor(warm) : 'sub');
  const audio = useAudioToggle(videoRef, cameraId);
  const camera = useGatewaySelector((s) => (cameraId ? s.camerasById.get(cameraId) : undefined));
  const pipeline = useGatewaySelector((s) => (cameraId ? tilePipeline(s.streams, cameraId, profile) : undefined));
  const unitsById = useGatewaySelector((s) => s.orgUnitsById);
  const view = deriveTileView(cameraId, player, pipeline, camera);
  const areaName = useMemo(() => {
    const area = camera ? areaOf(camera.orgUnitId, unitsById) : null;
    return area ? orgLabel(area, lang) : null;
  }, [camera, unitsById, lang]);
  const cameraName = cameraId ? (camera?.name ?? t('tile.unknownCamera', { id: cameraId })) : null;

  const onDragStart = (e: DragEvent<HTMLDivElement>) => {
    if (!cameraId) return e.preventDefault();
    e.dataTransfer.setData(TILE_INDEX_TYPE, String(index));
    e.dataTransfer.setData(CAMERA_ID_TYPE, cameraId);
    e.dataTransfer.effectAllowed = 'move';
  };
  const onDragOver = (e: DragEvent<HTMLDivElement>) => {
    if (readOnly || !acceptsDrag([...e.dataTransfer.types])) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = e.dataTransfer.types.includes(TILE_INDEX_TYPE) ? 'move' : 'copy';
    if (!dragOver) setDragOver(true);
  };
  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    setDragOver(false);
    const intent = readDrop({ types: [...e.dataTransfer.types], getData: (f) => e.dataTransfer.getData(f) });
    if (!intent) return;
    e.preventDefault();
    onDropIntent(index, intent);
  };

  const onContextMenu = (e: MouseEvent<HTMLDivElement>) => {
    if (!mainAllowed || !cameraId || readOnly) return;
    e.preventDefault();
    const box = e.currentTarget.getBoundingClientRect();
    setMenuAt({ x: e.clientX - box.left, y: e.clientY - box.top });
  };

  const classes = ['tile', `state-${view.state}`, selected ? 'selected' : '', dragOver ? 'drag-over' : '', enlarged ? 'enlarged' : ''].filter(Boolean).join(' ');
  return (
    <div
      ref={tileRef}
      className={classes}
      data-testid={`tile-${index}`}
      data-camera-id={cameraId ?? ''}
      data-state={view.state}
      data-profile={profile}
      data-stream-choice={stream.choice}
      data-stream-fallback={onSubForCapacity ? 'transcode-capacity' : undefined}
      aria-label={cameraName ? `${cameraName} · ${t(`tile.${view.state}`)}` : t('tile.empty')}
      title={cameraId && !readOnly ? t('tile.hint') : undefined}
      draggable={cameraId !== null && !readOnly}
      onClick={() => onSelect(index)}
      onDoubleClick={() => onToggleEnlarge(index)}
      onDragStart={onDragStart}
      onDragOver={onDragOver}
      onDragLeave={() => setDragOver(false)}
      onDrop={onDrop}
      onContextMenu={onContextMenu}
    >
      <video ref={videoRef} muted autoPlay playsInline disablePictureInPicture />
      <TileOverlay
        view={view}
        cameraName={cameraName}
        areaName={areaName}
        profile={profile}
        profileNote={onSubForCapacity ? t('tile.subForCapacity') : undefined}
        onClose={readOnly ? undefined : () => onClear(index)}
        onSnapshot={onSnapshot && cameraId ? () => onSnapshot(cameraId, cameraName ?? cameraId) : undefined}
        audio={(selected || enlarged) && pipeline?.audio ? audio : undefined}
        onRetry={
          readOnly || !cameraId
            ? undefined
            : () => {
                void client.retryCamera(cameraId).then(
                  () => setAttempt((n) => n + 1),
                  () => undefined,
                );
              }
        }
      />
      {menuAt && <TileStreamMenu at={menuAt} choice={stream.choice} onChoose={stream.setChoice} onClose={closeMenu} />}
    </div>
  );
}
