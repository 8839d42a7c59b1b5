import type { Fleet, SimCamera } from '../sim/index';
import type { GatewayProcess } from './gateway-process';

/** The org unit every bench camera is registered under. */
export const BENCH_ORG_UNIT = { id: '141130', name: '交口县', nameEn: 'Jiaokou County', level: 'county', parentId: null, lat: 36.98, lng: 111.18 };

export async function createBenchOrgUnit(gw: GatewayProcess): Promise<void> {
  await gw.api('POST', '/api/v1/org-units', BENCH_ORG_UNIT);
}

/** The gateway's registration of a simulated camera (RTSP, H.264 sub stream). */
export function cameraRegistration(cam: SimCamera, name = cam.name): Record<string, unknown> {
  return {
    name, orgUnitId: BENCH_ORG_UNIT.id, category: 3, sourceType: 'rtsp', host: cam.host, rtspPort: cam.port,
    mainStreamUri: cam.mainUrl, subStreamUri: cam.subUrl, username: cam.username, password: cam.password, videoCodec: 'h264',
  };
}

/** Registers every camera of the fleet (no stream probe: the bench plays them at once anyway); returns the gateway's camera ids in fleet order. */
export async function registerCameras(gw: GatewayProcess, fleet: Fleet): Promise<string[]> {
  const ids: string[] = [];
  for (const cam of fleet.cameras) ids.push((await gw.api<{ id: string }>('POST', '/api/v1/cameras?test=false', cameraRegistration(cam))).id);
  return ids;
}
