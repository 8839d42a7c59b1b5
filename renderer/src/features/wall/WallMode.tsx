import { useCallback, useEffect, useRef, useState } from 'react';
import type { SessionUserDto } from '../../../../contracts/src/auth';
import { roleHas } from '../../../../contracts/src/permissions';
import { useToast } from '../../app/toasts';
import { toGatewayError } from '../../gateway/gateway-error';
import type { GatewayStore } from '../../gateway/gateway-store';
import { GatewayStoreContext, useGatewayClient } from '../../gateway/use-gateway';
import type { TopicEvent } from '../../gateway/realtime-sync';
import { createWsGatewayStore } from '../../gateway/ws-gateway-store';
import { useT } from '../../i18n/use-t';
import { VideoTile } from '../player/VideoTile';
import { resolveTourCameras } from '../tours/tour-cameras';
import { TourIndicator } from '../tours/TourIndicator';
import { useTourRunner } from '../tours/use-tour-runner';
import { fromLayoutDto } from './layout-dto';
import { useWallLayout } from './use-wall-layout';
import { VideoWall } from './VideoWall';
import { cellCount } from './wall-layout';
import { cameraCell, readWallCommand, resolveWallTarget, type PushedCommand, type WallTarget } from './wall-mode-state';
import './wall.css';

export interface WallRouteParams {
  wallId: string | null;
  layoutId: string | null;
  display: number | null;
}

type Status = { kind: 'loading' } | { kind: 'ready' } | { kind: 'no-layout' } | { kind: 'layout-missing'; id: string } | { kind: 'tour-missing'; id: string } | { kind: 'failed'; message: string };

const noop = () => undefined;

/**
 * The chrome-less wall (`#/wall?wall=<id>` or, from the Electron wall windows, `#/wall?layout=<id>&display=<n>`):
 * shows its wall's stored layout and follows the commands pushed on `wall:<id>`. Test id wall-mode, with
 * data-wall-id and data-layout-id.
 */
export function WallMode({ user, route }: { user: SessionUserDto; route: WallRouteParams }) {
  const client = useGatewayClient();
  const t = useT();
  const toast = useToast();
  const wall = useWallLayout(false);
  const runner = useTourRunner(cellCount(wall.state));
  const [target, setTarget] = useState<WallTarget | null>(null);
  const [layoutId, setLayoutId] = useState<string | null>(null);
  const [solo, setSolo] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>({ kind: 'loading' });
  const [store, setStore] = useState<GatewayStore | null>(null);
  const mainProfile = roleHas(user.role, 'camera.live-main') ? 'main' : 'sub';
  // Each command (or reload) bumps this; an answer that arrives after a newer command is dropped.
  const generation = useRef(0);
  const storeRef = useRef<GatewayStore | null>(null);
  const { load, drop } = wall;
  const { start: startTour, stop: stopTour } = runner;

  const showLayout = useCallback(
    (id: string | null) => {
      const gen = ++generation.current;
      setSolo(null);
      setLayoutId(id);
      if (!id) return setStatus({ kind: 'no-layout' });
      client.getLayout(id).then(
        (dto) => {
          if (gen !== generation.current) return;
          const layout = fromLayoutDto(dto);
          if (!layout) return setStatus({ kind: 'layout-missing', id });
          load(layout, null);
          setStatus({ kind: 'ready' });
        },
        (e: unknown) => {
          if (gen !== generation.current) return;
          const err = toGatewayError(e);
          setStatus(err.status === 404 ? { kind: 'layout-missing', id } : { kind: 'failed', message: err.message });
        },
      );
    },
    [client, load],
  );

  const runTour = useCallback(
    (tourId: string, attempt = 0) => {
      const gen = generation.current;
      client.listTours().then(
        (list) => {
          if (gen !== generation.current) return;
          const tour = list.find((x) => x.id === tourId);
          if (!tour) return setStatus({ kind: 'tour-missing', id: tourId });
          const snap = storeRef.current?.getSnapshot();
          if (!snap?.inventoryLoaded && attempt < 20) return void setTimeout(() => runTour(tourId, attempt + 1), 500);
          const ids = resolveTourCameras(tour, snap?.cameras ?? [], snap?.orgUnits ?? []);
          if (ids.length === 0) return toast('error', t('tour.noCameras', { name: tour.name }));
          startTour(tour, ids);
        },
        (e: unknown) => toast('error', t('tour.failed', { message: toGatewayError(e).message })),
      );
    },
    [client, startTour, toast, t],
  );

  const onCommand = useCallback(
    (cmd: PushedCommand) => {
      if (cmd.by) toast('info', t('wallMode.by', { by: cmd.by }));
      switch (cmd.type) {
        case 'show-layout':
          return showLayout(cmd.layoutId);
        case 'show-camera': {
          generation.current++;
          const cell = cameraCell(cmd.cell, cellCount(wall.state));
          if (cell === null) return setSolo(cmd.cameraId);
          // Into a cell of the layout: a tour would cover it at the next page, so it stops.
          stopTour();
          setSolo(null);
          return drop(cell, { kind: 'place', cameraId: cmd.cameraId });
        }
        case 'start-tour':
          setSolo(null);
          return runTour(cmd.tourId);
        case 'stop-tour':
          return stopTour();
      }
    },
    [showLayout, runTour, stopTour, drop, wall.state, toast, t],
  );

  // Handlers read through refs: the store is created once per wall and must call the newest ones.
  const handlers = useRef({ onCommand, reload: noop as () => void });
  useEffect(() => {
    handlers.current.onCommand = onCommand;
  }, [onCommand]);

  // Which wall this is, its stored layout; register a display wall the gateway does not know yet.
  const resolve = useCallback(() => {
    const gen = ++generation.current;
    client.listWalls().then(
      (walls) => {
        if (gen !== generation.current) return;
        const found = resolveWallTarget(route, walls);
        setTarget((prev) => (prev && prev.wallId === found.wallId ? prev : found));
        showLayout(found.layoutId);
        if (found.register && roleHas(user.role, 'wall.control')) {
          void client.saveWall(found.wallId, { name: t('wallMode.label', { name: route.display ?? 1 }), layoutId: found.layoutId }).catch(() => undefined);
        }
      },
      (e: unknown) => {
        if (gen === generation.current) setStatus({ kind: 'failed', message: toGatewayError(e).message });
      },
    );
  }, [client, route, showLayout, user.role, t]);
  useEffect(() => {
    handlers.current.reload = resolve;
  }, [resolve]);
  useEffect(() => resolve(), [resolve]);

  const wallId = target?.wallId ?? null;
  useEffect(() => {
    if (!wallId) return;
    const s = createWsGatewayStore({
      client,
      canReadStreams: roleHas(user.role, 'stream.read'),
      extraTopics: [`wall:${wallId}`],
      onTopicEvent: (e: TopicEvent) => {
        const cmd = e.topic === `wall:${wallId}` ? readWallCommand(e.data) : null;
        if (cmd) handlers.current.onCommand(cmd);
      },
      // Commands may have been missed: show what the gateway has stored for this wall.
      onResync: () => handlers.current.reload(),
    });
    storeRef.current = s;
    setStore(s);
    s.start();
    return () => {
      s.stop();
      storeRef.current = null;
    };
  }, [wallId, client, user.role]);

  let notice: string | null = null;
  if (status.kind === 'loading') notice = t('wallMode.loading');
  else if (status.kind === 'no-layout') notice = t('wallMode.noLayout', { wall: wallId ?? '' });
  else if (status.kind === 'layout-missing') notice = t('wallMode.layoutMissing', { id: status.id });
  else if (status.kind === 'tour-missing') notice = t('wallMode.tourMissing', { id: status.id });
  else if (status.kind === 'failed') notice = t('wallMode.failed', { message: status.message });

  return (
    <div className="wall-mode" data-testid="wall-mode" data-wall-id={wallId ?? ''} data-layout-id={layoutId ?? ''} data-status={status.kind}>
      {store && (
        <GatewayStoreContext.Provider value={store}>
          {solo ? (
            <section className="wall wall-display" data-testid="wall" data-grid={1} data-layout="solo" data-enlarged="">
              <div className="wall-cell">
                <VideoTile index={0} cameraId={solo} profile={mainProfile} selected={false} enlarged onSelect={noop} onToggleEnlarge={noop} onDropIntent={noop} onClear={noop} readOnly />
              </div>
            </section>
          ) : (
            (status.kind === 'ready' || runner.running) && <VideoWall wall={wall} cameras={runner.cameras} enlargedProfile={mainProfile} mode="display" />
          )}
          <div className="wall-mode-tour">
            <TourIndicator runner={runner} compact />
          </div>
        </GatewayStoreContext.Provider>
      )}
      {notice && (
        <div className="wall-mode-notice" role="status">
          {notice}
        </div>
      )}
    </div>
  );
}
