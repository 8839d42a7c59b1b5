import { useEffect, useState } from 'react';
import type { SessionUserDto } from '../../../contracts/src/auth';
import { roleHas } from '../../../contracts/src/permissions';
import { createWsGatewayStore } from '../gateway/ws-gateway-store';
import { GatewayStoreContext, useGatewayClient } from '../gateway/use-gateway';
import { CameraTree } from '../features/cameras/CameraTree';
import { useWallConsole } from '../features/wall/use-wall-console';
import { WallToolbar } from '../features/wall/WallToolbar';
import { WallWorkspace } from '../features/wall/WallWorkspace';
import { LazyMapView } from '../features/map/LazyMapView';
import { useMainView } from '../features/map/use-main-view';
import { ViewSwitch } from '../features/map/ViewSwitch';
import { ConnectionBanner } from './ConnectionBanner';
import { TopBar } from './TopBar';

export interface ShellProps {
  user: SessionUserDto;
  onLogout: () => void;
}

/** The signed-in console: top bar, camera tree on the left, the wall on the right. */
export function Shell({ user, onLogout }: ShellProps) {
  const client = useGatewayClient();
  const [store] = useState(() => createWsGatewayStore({ client, canReadStreams: roleHas(user.role, 'stream.read') }));
  useEffect(() => {
    store.start();
    return () => store.stop();
  }, [store]);

  const wallConsole = useWallConsole(user);
  const { wall, onWall } = wallConsole;
  const main = useMainView(wall);

  return (
    <GatewayStoreContext.Provider value={store}>
      <div className="shell">
        <TopBar user={user} onLogout={onLogout} wallTools={<WallToolbar console={wallConsole} />} viewSwitch={<ViewSwitch view={main.view} onChange={main.setView} />} />
        <ConnectionBanner />
        <div className="shell-body">
          <CameraTree onWall={onWall} onPlace={main.view === 'map' ? main.focusCamera : wallConsole.placeCamera} />
          <main className="wall-area">
            {main.view === 'wall' ? (
              <WallWorkspace console={wallConsole} />
            ) : (
              <LazyMapView focus={main.focus} canMove={roleHas(user.role, 'camera.write')} onSendToWall={main.sendToWall} onPlaceOne={wallConsole.placeCamera} />
            )}
          </main>
        </div>
      </div>
    </GatewayStoreContext.Provider>
  );
}
