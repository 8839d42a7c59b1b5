import { useEffect, useMemo, useState } from 'react';
import type { SessionUserDto } from '../../../contracts/src/auth';
import { roleHas } from '../../../contracts/src/permissions';
import { createPollingGatewayStore } from '../gateway/polling-gateway-store';
import { GatewayStoreContext, useGatewayClient } from '../gateway/use-gateway';
import { CameraTree } from '../features/cameras/CameraTree';
import { useWallLayout } from '../features/wall/use-wall-layout';
import { VideoWall } from '../features/wall/VideoWall';
import { ConnectionBanner } from './ConnectionBanner';
import { TopBar } from './TopBar';

export interface ShellProps {
  user: SessionUserDto;
  onLogout: () => void;
}

/** The signed-in console: top bar, camera tree on the left, the wall on the right. */
export function Shell({ user, onLogout }: ShellProps) {
  const client = useGatewayClient();
  const [store] = useState(() => createPollingGatewayStore({ client, canReadStreams: roleHas(user.role, 'stream.read') }));
  useEffect(() => {
    store.start();
    return () => store.stop();
  }, [store]);

  const wall = useWallLayout();
  const onWall = useMemo(() => new Set(wall.state.tiles.slice(0, wall.state.grid).filter((id): id is string => !!id)), [wall.state.tiles, wall.state.grid]);
  const enlargedProfile = roleHas(user.role, 'camera.live-main') ? 'main' : 'sub';

  return (
    <GatewayStoreContext.Provider value={store}>
      <div className="shell">
        <TopBar user={user} onLogout={onLogout} grid={wall.state.grid} enlarged={wall.state.enlarged !== null} onGrid={wall.setGrid} />
        <ConnectionBanner />
        <div className="shell-body">
          <CameraTree onWall={onWall} onPlace={wall.placeNext} />
          <main className="wall-area">
            <VideoWall wall={wall} enlargedProfile={enlargedProfile} />
          </main>
        </div>
      </div>
    </GatewayStoreContext.Provider>
  );
}
