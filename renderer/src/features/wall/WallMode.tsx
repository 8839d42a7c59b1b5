import { useCallback, useEffect, useRef, useState } from 'react';
import type { SessionUserDto } from '../../../../contracts/src/auth';
import type { LayoutDto, PushedCells, TourDto } from '../../../../contracts/src/layout';
import { roleHas } from '../../../../contracts/src/permissions';
import { useToast } from '../../components/ui/toasts';
import { toGatewayError } from '../../gateway/gateway-error';
import type { GatewayStore } from '../../gateway/gateway-store';
import { GatewayStoreContext, useGatewayClient } from '../../gateway/use-gateway';
import type { TopicEvent } from '../../gateway/realtime-sync';
import { createWsGatewayStore } from '../../gateway/ws-gateway-store';
import { useT } from '../../i18n/use-t';
import { readAlarmEvent } from '../alarms';
import { VideoTile } from '../player';
import { resolveTourCameras, TourIndicator, useTourRunner } from '../tours';
import { fromLayoutDto } from './layout-dto';
import { useWallLayout } from './use-wall-layout';
import { VideoWall } from './VideoWall';
import { cellCount } from './wall-layout';
import { cameraCell, layoutCameras, readWallCommand, releaseHold, resolveWallTarget, type PushedCommand, type WallTarget } from './wall-mode-state';
import './wall.css';

export interface WallRouteParams {
  wallId: string | null;
  layoutId: string | null;
  display: number | null;
}

/** An alarm holds the wall's tour at most this long (it is released at acknowledgement anyway). */
const ALARM_HOLD_MS = 30 * 60_000;

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
  const { start: startTour, stop: stopTour, interrupt: holdTour, resume: resumeTour } = runner;
  // Alarms (with interruptTour) holding the tour until they are acknowledged.
  const holds = useRef<ReadonlySet<string>>(new Set());
  const runningRef = useRef(runner.running);
  runningRef.current = runner.running;

  const showLayout = useCallback(
    (id: string | null, carried?: LayoutDto | null) => {
      const gen = ++generation.current;
      setSolo(null);
      setLayoutId(id);
      if (!id) return setStatus({ kind: 'no-layout' });
      // The command (or the wall's stored state) carries the layout: no fetch, and a private layout works too.
      if (carried && carried.id === id) {
        const layout = fromLayoutDto(carried);
        if (!layout) return setStatus({ kind: 'layout-missing', id });
        load(layout, null);
        return setStatus({ kind: 'ready' });
      }
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

  /** What a console pushed of its own screen (show-cells): shown as it is, no saved layout behind it. */
  const showCells = useCallback(
    (pushed: PushedCells) => {
      ++generation.current;
      setSolo(null);
      setLayoutId(null);
      const layout = fromLayoutDto(pushed);
      if (!layout) return setStatus({ kind: 'failed', message: t('wallMode.cellsInvalid') });
      load(layout, null);
      setStatus({ kind: 'ready' });
    },
    [load, t],
  );

  const runTour = useCallback(
    (tourId: string, carried?: TourDto | null, attempt = 0) => {
      const gen = generation.current;
      const found = carried && carried.id === tourId ? Promise.resolve([carried]) : client.listTours();
      found.then(
        (list) => {
          if (gen !== generation.current) return;
          const tour = list.find((x) => x.id === tourId);
          if (!tour) return setStatus({ kind: 'tour-missing', id: tourId });
          const snap = storeRef.current?.getSnapshot();
          if (!snap?.inventoryLoaded && attempt < 20) return void setTimeout(() => runTour(tourId, tour, attempt + 1), 500);
          const ids = resolveTourCameras(tour, snap?.cameras ?? [], snap?.orgUnits ?? []);
          if (ids.length === 0) return toast('error', t('tour.noCameras', { name: tour.name }));
          startTour(tour, ids);
        },
        (e: unknown) => toast('error', t('tour.failed', { message: toGatewayError(e).message })),
      );
    },
    [client, startTour, toast, t],
  );

  /** An alarm rule with interruptTour: the running tour shows the alarm's cameras first until the alarm is handled. */
  const hold = useCallback(
    (alarmId: string, cameraIds: readonly string[]) => {
      if (!runningRef.current || cameraIds.length === 0) return false;
      holdTour(cameraIds, Date.now() + ALARM_HOLD_MS);
      holds.current = new Set([...holds.current, alarmId]);
      return true;
    },
    [holdTour],
  );
  const release = useCallback(
    (alarm: { id: string; state: string }) => {
      const r = releaseHold(holds.current, alarm);
      holds.current = r.holds;
      if (r.resume) resumeTour();
    },
    [resumeTour],
  );

  const onCommand = useCallback(
    (cmd: PushedCommand) => {
      const by = cmd.alarmId ? t('alarms.section') : cmd.by;
      if (by) toast('info', t('wallMode.by', { by }));
      const held = cmd.alarmId && cmd.interruptTour;
      switch (cmd.type) {
        case 'show-layout':
          showLayout(cmd.layoutId, cmd.layout);
          if (held) hold(cmd.alarmId!, layoutCameras(cmd.layout));
          return;
        case 'show-cells':
          return showCells(cmd);
        case 'show-camera': {
          if (held && hold(cmd.alarmId!, [cmd.cameraId])) return setSolo(null);
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
          return runTour(cmd.tourId, cmd.tour);
        case 'stop-tour':
          holds.current = new Set();
          return stopTour();
      }
    },
    [showLayout, showCells, runTour, stopTour, drop, wall.state, toast, t, hold],
  );

  // Handlers read through refs: the store is created once per wall and must call the newest ones.
  const handlers = useRef({ onCommand, release, reload: noop as () => void });
  useEffect(() => {
    handlers.current.onCommand = onCommand;
    handlers.current.release = release;
  }, [onCommand, release]);

  // Which wall this is, its stored layout; register a display wall the gateway does not know yet.
  const resolve = useCallback(() => {
    const gen = ++generation.current;
    client.listWalls().then(
      (walls) => {
        if (gen !== generation.current) return;
        const found = resolveWallTarget(route, walls);
        setTarget((prev) => (prev && prev.wallId === found.wallId ? prev : found));
        // The wall's stored state carries its layout and running tour (whoever pushed them, even private ones).
        const known = walls.some((w) => w.id === found.wallId);
        (known ? client.getWallState(found.wallId) : Promise.reject(new Error('unknown wall'))).then(
          (state) => {
            if (gen !== generation.current) return;
            // The last push is what the wall shows (a pushed screen, else its stored layout), also on a desktop
            // display whose URL names the layout it started with (issue 13: a reload fell back to that layout).
            if (state.wall.cells) showCells(state.wall.cells);
            else showLayout(found.layoutId, state.layout);
            if (state.tour) runTour(state.tour.id, state.tour);
          },
          () => gen === generation.current && showLayout(found.layoutId),
        );
        // Alarms that held the tour may have been handled while we were away.
        for (const id of holds.current) client.getAlarm(id).then((a) => handlers.current.release(a), () => handlers.current.release({ id, state: 'gone' }));
        if (found.register && roleHas(user.role, 'wall.control')) {
          void client.saveWall(found.wallId, { name: t('wallMode.label', { name: route.display ?? 1 }), layoutId: found.layoutId }).catch(() => undefined);
        }
      },
      (e: unknown) => {
        if (gen === generation.current) setStatus({ kind: 'failed', message: toGatewayError(e).message });
      },
    );
  }, [client, route, showLayout, showCells, runTour, user.role, t]);
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
      extraTopics: [`wall:${wallId}`, 'alarms'],
      onTopicEvent: (e: TopicEvent) => {
        if (e.topic === 'alarms') {
          const a = readAlarmEvent(e.data);
          if (a) handlers.current.release(a.alarm);
          return;
        }
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
            (status.kind === 'ready' || runner.running) && <VideoWall wall={wall} cameras={runner.cameras} upcoming={runner.upcoming} enlargedProfile={mainProfile} mode="display" />
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
