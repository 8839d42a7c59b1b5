import { roleHas } from '../../../../contracts/src/permissions';
import { useGatewaySelector } from '../../gateway/use-gateway';
import type { WallConsole } from './use-wall-console';
import { PtzControls } from '../ptz';

/**
 * PTZ controls on the console's enlarged tile, for roles with `camera.ptz` (mounted by WallWorkspace; the controls
 * themselves are the ptz feature's). Only ONVIF cameras can be steered through the gateway: for the others the
 * controls are not even asked for (the gateway would answer 409, and the browser log it as an error).
 */
export function PtzMount({ console: c }: { console: WallConsole }) {
  const enlarged = c.wall.state.enlarged;
  const cameraId = enlarged !== null ? (c.shown[enlarged] ?? null) : null;
  const sourceType = useGatewaySelector((s) => (cameraId ? s.camerasById.get(cameraId)?.sourceType : undefined));
  if (!cameraId || sourceType !== 'onvif' || !roleHas(c.user.role, 'camera.ptz')) return null;
  return <PtzControls key={cameraId} cameraId={cameraId} onRestore={() => c.onShortcut({ type: 'restore' })} />;
}
