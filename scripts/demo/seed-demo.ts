import { randomUUID } from 'node:crypto';
import { DEMO_ORG_UNITS, demoCameraPlacement } from '../../camera-config/src/index';
import type { CameraRecord, CameraRepository, NewCameraRecord } from '../../media-gateway/src/db/camera-repository';
import type { Db } from '../../media-gateway/src/db/connection';
import type { OrgUnitRepository } from '../../media-gateway/src/db/org-unit-repository';
import type { CredentialCipher } from '../../media-gateway/src/security/credential-cipher';
import { simCameraIdentity } from '../sim/camera-identity';
import { cameraAddress, DEFAULT_RTSP_PORT, type AddressMode } from '../sim/fleet';
import { MAIN_PATH, SUB_PATH } from '../sim/rtsp-server';

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

/** What seeding needs of a gateway: its database, two repositories and the credential cipher (a Gateway fits). */
export interface DemoTarget {
  db: Db;
  repos: { orgUnits: OrgUnitRepository; cameras: CameraRepository };
  cipher: CredentialCipher;
}

/** Loads the demo county's org tree (1 county, 7 townships, 95 villages) unless org units exist already. */
export function seedDemoOrgUnits(gw: DemoTarget): number {
  if (gw.repos.orgUnits.count() > 0) return 0;
  return ensureDemoOrgUnits(gw);
}

/** Adds whichever demo org units are missing (by code), parents first; returns how many were added. */
export function ensureDemoOrgUnits(gw: DemoTarget): number {
  let added = 0;
  gw.db.transaction(() => {
    for (const unit of DEMO_ORG_UNITS) {
      if (gw.repos.orgUnits.get(unit.id)) continue;
      gw.repos.orgUnits.create({ ...unit });
      added++;
    }
  })();
  return added;
}

/** The sim's nominal streams (scripts/sim/README.md): H.264, main 1280x720, sub 640x360, 25 fps. */
const SIM_STREAMS = { videoCodec: 'h264', mainWidth: 1280, mainHeight: 720, mainFps: 25, subWidth: 640, subHeight: 360, subFps: 25, subVideoCodec: 'h264' } as const;

function simCameraRecord(gw: DemoTarget, cam: SimCameraLike, total: number): Omit<NewCameraRecord, 'id'> {
  const place = demoCameraPlacement(cam.index, total);
  return {
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
    vendor: SIM_VENDOR,
    model: cam.name,
    ...SIM_STREAMS,
  };
}

/** Registers simulated cameras into the demo tree, placed like the demo county's 880 cameras. */
export function registerSimCameras(gw: DemoTarget, cameras: SimCameraLike[], total = cameras.length): number {
  gw.db.transaction(() => {
    for (const cam of cameras) gw.repos.cameras.create({ id: randomUUID(), ...simCameraRecord(gw, cam, total) });
  })();
  return cameras.length;
}

/** How many simulated cameras the database holds (so `npm start` restarts the same fleet next time). */
export function registeredSimCameraCount(gw: DemoTarget): { sim: number; total: number } {
  const row = gw.db.prepare('SELECT COUNT(*) AS total, SUM(vendor = ?) AS sim FROM cameras').get(SIM_VENDOR) as { total: number; sim: number | null };
  return { sim: row.sim ?? 0, total: row.total };
}

/** The RTSP port the registered simulated cameras use (the fleet should listen there again), or undefined. */
export function registeredSimRtspPort(gw: DemoTarget): number | undefined {
  const row = gw.db.prepare('SELECT rtsp_port AS port FROM cameras WHERE vendor = ? ORDER BY created_at, id LIMIT 1').get(SIM_VENDOR) as { port: number } | undefined;
  return row?.port;
}

export interface SimAddressing {
  /** RTSP port of the simulator (default 8554, as `npm run sim`). */
  port?: number;
  addressMode?: AddressMode;
  baseOctets?: readonly [number, number];
}

/**
 * The cameras `npm run sim -- --cameras <total>` serves, computed without running it: the same identities
 * (scripts/sim/camera-identity.ts) and addresses (scripts/sim/fleet.ts cameraAddress) for the same index.
 */
export function simFleetCameras(total: number, addressing: SimAddressing = {}): SimCameraLike[] {
  const port = addressing.port ?? DEFAULT_RTSP_PORT;
  return Array.from({ length: total }, (_, i) => {
    const id = simCameraIdentity(i + 1);
    const addr = cameraAddress(id.index, addressing.addressMode ?? 'per-camera', port, addressing.baseOctets);
    const base = `rtsp://${addr.host}:${addr.port}`;
    return { index: id.index, name: id.name, host: addr.host, port: addr.port, username: id.username, password: id.password, mainUrl: `${base}${MAIN_PATH}`, subUrl: `${base}${SUB_PATH}` };
  });
}

/**
 * Creates or brings up to date the demo cameras for these simulated cameras (matched by simulator name, e.g.
 * SIM-0001), in one transaction. Running it again changes nothing.
 */
export function loadDemoCameras(gw: DemoTarget, cameras: SimCameraLike[], total = cameras.length): { created: number; updated: number; unchanged: number } {
  const bySimName = new Map<string, string>();
  for (const row of gw.db.prepare('SELECT id, model FROM cameras WHERE vendor = ? ORDER BY created_at, id').all(SIM_VENDOR) as Array<{ id: string; model: string | null }>) {
    if (row.model && !bySimName.has(row.model)) bySimName.set(row.model, row.id);
  }
  const result = { created: 0, updated: 0, unchanged: 0 };
  gw.db.transaction(() => {
    for (const cam of cameras) {
      const wanted = simCameraRecord(gw, cam, total);
      const id = bySimName.get(cam.name);
      const current = id ? gw.repos.cameras.get(id) : null;
      if (!current) {
        gw.repos.cameras.create({ id: randomUUID(), ...wanted });
        result.created++;
        continue;
      }
      const patch = changedFields(gw, current, wanted, cam.password);
      if (Object.keys(patch).length === 0) result.unchanged++;
      else {
        gw.repos.cameras.update(current.id, patch);
        result.updated++;
      }
    }
  })();
  return result;
}

/**
 * Points the registered simulated cameras (matched by simulator name) at where this fleet listens: only the RTSP
 * port and stream URIs change, never what an operator edited (name, place, org unit). Returns how many moved.
 */
export function repointSimCameras(gw: DemoTarget, cameras: SimCameraLike[]): number {
  const byName = new Map(cameras.map((c) => [c.name, c]));
  let moved = 0;
  gw.db.transaction(() => {
    for (const row of gw.db.prepare('SELECT id, model FROM cameras WHERE vendor = ?').all(SIM_VENDOR) as Array<{ id: string; model: string | null }>) {
      const cam = row.model ? byName.get(row.model) : undefined;
      const current = gw.repos.cameras.get(row.id);
      if (!cam || !current) continue;
      if (current.rtspPort === cam.port && current.mainStreamUri === cam.mainUrl && current.subStreamUri === cam.subUrl) continue;
      gw.repos.cameras.update(row.id, { rtspPort: cam.port, mainStreamUri: cam.mainUrl, subStreamUri: cam.subUrl });
      moved++;
    }
  })();
  return moved;
}

function changedFields(gw: DemoTarget, current: CameraRecord, wanted: Omit<NewCameraRecord, 'id'>, password: string): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(wanted)) {
    if (key === 'passwordEnc' || key === 'sourceType' || key === 'vendor' || key === 'model') continue;
    if ((current as unknown as Record<string, unknown>)[key] !== value) patch[key] = value;
  }
  let storedPassword: string | null = null;
  try {
    storedPassword = current.passwordEnc ? gw.cipher.decrypt(current.passwordEnc) : null;
  } catch {
    // unreadable with this key: write it again
  }
  if (storedPassword !== password) patch.passwordEnc = wanted.passwordEnc;
  return patch;
}
