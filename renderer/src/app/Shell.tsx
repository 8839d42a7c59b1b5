import { Suspense, useCallback, useEffect, useState } from 'react';
import type { AlarmDto } from '../../../contracts/src/alarm';
import type { SessionUserDto } from '../../../contracts/src/auth';
import { roleHas } from '../../../contracts/src/permissions';
import { createWsGatewayStore } from '../gateway/ws-gateway-store';
import { combineTopicFeeds } from '../gateway/topic-feeds';
import { GatewayStoreContext, useGatewayClient } from '../gateway/use-gateway';
import { CameraTree } from '../features/cameras/CameraTree';
import { AlarmCentre } from '../features/alarms/AlarmCentre';
import { QuietAlarmCount } from '../features/alarms/QuietAlarmCount';
import { typeLabel } from '../features/alarms/alarm-labels';
import { alarmTitleText } from '../features/alarms/alarm-text';
import { announceToDesktop, checkAlarmWindow, useAlarmWindowOpen } from '../features/desktop/desktop-alarms';
import { desktopBridge } from '../features/desktop/desktop-bridge';
import { useT } from '../i18n/use-t';
import { createAlarmStore } from '../features/alarms/alarm-store';
import { useWallConsole } from '../features/wall/use-wall-console';
import { WallToolbar } from '../features/wall/WallToolbar';
import { WallWorkspace } from '../features/wall/WallWorkspace';
import { LazyMapView } from '../features/map/LazyMapView';
import { useMainView } from '../features/map/use-main-view';
import { createIncidentApi } from '../features/incidents/incident-api';
import { createIncidentTodoStore } from '../features/incidents/incident-todo-store';
import { orgWithin } from '../features/incidents/incident-workflow';
import { TodoBadge, TodoNotices } from '../features/incidents/IncidentTodo';
import { ViewSwitch } from './ViewSwitch';
import { ConnectionBanner } from './ConnectionBanner';
import { SECTIONS } from './sections';
import { TopBar } from './TopBar';

export interface ShellProps {
  user: SessionUserDto;
  onLogout: () => void;
  /** The desktop shell's alarm window (`#/alarm-window`): the console opened on its alarms. */
  alarmWindow?: boolean;
}

/** The signed-in console: top bar, camera tree on the left, the wall (or a section) in the middle, the alarm dock on the right. */
export function Shell({ user, onLogout, alarmWindow = false }: ShellProps) {
  const client = useGatewayClient();
  const [alarms] = useState(() => createAlarmStore({ client }));
  // 待我处理: only for roles that take incident steps (the others have nothing waiting for them).
  const [todo] = useState(() => (roleHas(user.role, 'incident.write') || roleHas(user.role, 'incident.handle') ? createIncidentTodoStore({ api: createIncidentApi(), viewer: { role: user.role, orgUnitId: user.orgUnitId }, userId: user.id }) : null));
  const [store] = useState(() => createWsGatewayStore({ client, canReadStreams: roleHas(user.role, 'stream.read'), ...combineTopicFeeds(alarms.wsOptions, ...(todo ? [todo.wsOptions] : [])) }));
  useEffect(() => {
    todo?.setWithin((unit, ancestor) =>
      orgWithin(unit, ancestor, (id) => {
        const byId = store.getSnapshot().orgUnitsById;
        return byId.has(id) ? (byId.get(id)!.parentId ?? null) : undefined;
      }),
    );
    // No pushes while the socket cannot connect: the to-do reloads on a timer meanwhile.
    const unsubscribe = todo ? store.subscribe(() => todo.setPolling(store.getSnapshot().transport === 'polling')) : undefined;
    alarms.start();
    store.start();
    return () => {
      unsubscribe?.();
      store.stop();
      alarms.stop();
      todo?.stop();
    };
  }, [store, alarms, todo]);

  const wallConsole = useWallConsole(user);
  const { wall, onWall } = wallConsole;
  const main = useMainView(wall, alarmWindow && roleHas(user.role, 'alarm.read') ? 'alarms' : 'wall');
  const [sectionParams, setSectionParams] = useState<Record<string, string>>({});
  const openSection = useCallback(
    (id: string, params: Record<string, string> = {}) => {
      setSectionParams(params);
      main.setView(id);
    },
    [main],
  );
  const showCameraOnWall = useCallback(
    (cameraId: string) => {
      wallConsole.placeCamera(cameraId);
      main.setView('wall');
    },
    [wallConsole, main],
  );
  const showOnMap = useCallback(
    (cameraId: string) => {
      openSection('map');
      main.focusCamera(cameraId);
    },
    [openSection, main],
  );
  // In the desktop shell, the operator window tells it of new alarms: it brings the alarm window forward (if the
  // operator placed one) and notifies while the console is hidden. The alarm window itself does not repeat it.
  const t = useT();
  const onArrivals = useCallback(
    (fresh: readonly AlarmDto[]) => {
      if (alarmWindow) return;
      const items = fresh.map((a) => ({ title: t('alarm.popupLabel', { type: typeLabel(t, a.type) }), body: alarmTitleText(t, a).text, critical: a.severity === 'critical' }));
      void announceToDesktop(desktopBridge(), items, document.hidden);
    },
    [alarmWindow, t],
  );
  useEffect(() => {
    if (!alarmWindow) void checkAlarmWindow(desktopBridge());
  }, [alarmWindow]);
  // The alarm window on its own display has the pop-up and the sound; this window keeps the collapsed count.
  const alarmElsewhere = useAlarmWindowOpen() && !alarmWindow;
  const section = SECTIONS.find((s) => s.id === main.view && roleHas(user.role, s.permission));
  const Page = section?.component;

  return (
    <GatewayStoreContext.Provider value={store}>
      <AlarmCentre store={alarms} user={user} wall={wallConsole} openSection={openSection} showOnMap={showOnMap} onArrivals={onArrivals} popUp={!alarmElsewhere}>
        {(alarmDock) => (
          <div className="shell">
            <TopBar
              user={user}
              onLogout={onLogout}
              alarmCount={<QuietAlarmCount />}
              wallTools={<WallToolbar console={wallConsole} />}
              viewSwitch={<ViewSwitch view={main.view} onChange={(v) => openSection(v)} user={user} />}
              todo={todo && <TodoBadge store={todo} onOpen={() => openSection('incidents', { filter: 'todo' })} />}
            />
            <ConnectionBanner />
            {todo && <TodoNotices store={todo} onOpenIncident={(incidentId) => openSection('incidents', { incidentId })} />}
            <div className="shell-body">
              {(!Page || section?.withTree) && <CameraTree onWall={onWall} onPlace={main.view === 'map' ? main.focusCamera : wallConsole.placeCamera} />}
              <main className="wall-area">
                {Page ? (
                  <Suspense fallback={null}>
                    <Page user={user} showCameraOnWall={showCameraOnWall} openSection={openSection} params={sectionParams} />
                  </Suspense>
                ) : main.view === 'map' ? (
                  <LazyMapView focus={main.focus} canMove={roleHas(user.role, 'camera.write')} onSendToWall={main.sendToWall} onPlaceOne={wallConsole.placeCamera} />
                ) : (
                  <WallWorkspace console={wallConsole} />
                )}
              </main>
              {alarmDock}
            </div>
          </div>
        )}
      </AlarmCentre>
    </GatewayStoreContext.Provider>
  );
}
