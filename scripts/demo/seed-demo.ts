import { randomUUID } from 'node:crypto';
import { DEMO_ORG_UNITS, demoCameraPlacement } from '../../camera-config/src/index';
import type { Gateway } from '../../media-gateway/src/gateway';

export const SIM_VENDOR = 'county-video-sim';

export interface SimCameraLike {
  index: number;
  name: string;
  host: string;
  port: number;
  username: string;
  password: string;
  mainUrl: string;
  subUrl: string;
}

/** Loads the demo county's org tree (1 county, 7 townships, 95 villages) unless org units exist already. */
export function seedDemoOrgUnits(gw: Gateway): number {
  if (gw.repos.orgUnits.count() > 0) return 0;
  const insert = gw.db.transaction(() => {
    for (const unit of DEMO_ORG_UNITS) gw.repos.orgUnits.create({ ...unit });
  });
  insert();
  return DEMO_ORG_UNITS.length;
}

/** Registers simulated cameras into the demo tree, placed like the demo county's 880 cameras. */
export function registerSimCameras(gw: Gateway, cameras: SimCameraLike[], total = cameras.length): number {
  const insert = gw.db.transaction(() => {
    for (const cam of cameras) {
      const place = demoCameraPlacement(cam.index, total);
      gw.repos.cameras.create({
        id: randomUUID(),
        name: place.name,
        orgUnitId: place.orgUnitId,
        category: place.category,
        sourceType: 'rtsp',
        host: cam.host,
        rtspPort: cam.port,
        onvifPort: null,
        mainStreamUri: cam.mainUrl,
        subStreamUri: cam.subUrl,
        username: cam.username,
        passwordEnc: gw.cipher.encrypt(cam.password),
        lat: place.lat,
        lng: place.lng,
        direction: place.direction,
        deviceCode: null,
        videoCodec: 'h264',
        vendor: SIM_VENDOR,
        model: cam.name,
      });
    }
  });
  insert();
  return cameras.length;
}

/** How many simulated cameras the database holds (so `npm start` restarts the same fleet next time). */
export function registeredSimCameraCount(gw: Gateway): { sim: number; total: number } {
  const row = gw.db.prepare('SELECT COUNT(*) AS total, SUM(vendor = ?) AS sim FROM cameras').get(SIM_VENDOR) as { total: number; sim: number | null };
  return { sim: row.sim ?? 0, total: row.total };
}
