import { roleHas } from '../../../../contracts/src/permissions';
import type { WallConsole } from './use-wall-console';
import { PtzControls } from '../ptz';

/** PTZ controls on the console's enlarged tile, for roles with `camera.ptz` (mounted by WallWorkspace; the controls themselves are the ptz feature's). */
export function PtzMount({ console: c }: { console: WallConsole }) {
  const enlarged = c.wall.state.enlarged;
  const cameraId = enlarged !== null ? (c.shown[enlarged] ?? null) : null;
  if (!cameraId || !roleHas(c.user.role, 'camera.ptz')) return null;
  return <PtzControls key={cameraId} cameraId={cameraId} onRestore={() => c.onShortcut({ type: 'restore' })} />;
}
