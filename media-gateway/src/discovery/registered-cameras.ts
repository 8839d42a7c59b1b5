/**
 * "Is this device already a camera of ours?" A device matches a registered camera by its ONVIF endpoint UUID
 * (cameras.onvif_uuid, migration 007-onvif-uuid), or by host + stream URI (scheme, host and port normalised, credentials
 * dropped). GB/T 28181 device codes cannot be matched: ONVIF does not carry them. When a scan matches a camera by
 * URI, the camera's onvif_uuid is filled in (if empty), so the next scan matches it even after the URIs change.
 */
import type { Db } from '../db/connection';

export interface RegisteredCameraKey {
  id: string;
  orgUnitId: string;
  host: string;
  mainStreamUri: string | null;
  subStreamUri: string | null;
  onvifUuid: string | null;
}

export interface DeviceKey {
  uuid: string;
  address: string;
  mainStreamUri: string | null;
  subStreamUri: string | null;
}

export interface CameraMatch {
  camera: RegisteredCameraKey;
  by: 'onvif-uuid' | 'stream-uri';
}

/** rtsp://host:554/path?query with the default port made explicit, host lower-cased, no credentials. */
export function normaliseStreamUri(raw: string | null): string | null {
  if (!raw) return null;
  try {
    const u = new URL(raw);
    const port = u.port || (u.protocol === 'rtsps:' ? '322' : u.protocol === 'rtsp:' ? '554' : '');
    return `${u.protocol}//${u.hostname.toLowerCase()}:${port}${u.pathname}${u.search}`;
  } catch {
    return null;
  }
}

/** Pure matching; uuid wins over URIs. */
export function matchDevices(devices: readonly DeviceKey[], cameras: readonly RegisteredCameraKey[]): Map<string, CameraMatch> {
  const byUuid = new Map<string, RegisteredCameraKey>();
  const byUri = new Map<string, RegisteredCameraKey>();
  for (const c of cameras) {
    if (c.onvifUuid && !byUuid.has(c.onvifUuid.toLowerCase())) byUuid.set(c.onvifUuid.toLowerCase(), c);
    for (const u of [c.mainStreamUri, c.subStreamUri]) {
      const n = normaliseStreamUri(u);
      if (n && !byUri.has(n)) byUri.set(n, c);
    }
  }
  const out = new Map<string, CameraMatch>();
  for (const d of devices) {
    const u = byUuid.get(d.uuid.toLowerCase());
    if (u) {
      out.set(d.uuid, { camera: u, by: 'onvif-uuid' });
      continue;
    }
    for (const uri of [d.mainStreamUri, d.subStreamUri]) {
      const c = byUri.get(normaliseStreamUri(uri) ?? '');
      if (c && c.host.toLowerCase() === d.address.toLowerCase()) {
        out.set(d.uuid, { camera: c, by: 'stream-uri' });
        break;
      }
    }
  }
  return out;
}

interface Row {
  id: string;
  org_unit_id: string;
  host: string;
  main_stream_uri: string | null;
  sub_stream_uri: string | null;
  onvif_uuid: string | null;
}

export class RegisteredCameras {
  constructor(private readonly db: Db) {}

  all(): RegisteredCameraKey[] {
    const rows = this.db.prepare('SELECT id, org_unit_id, host, main_stream_uri, sub_stream_uri, onvif_uuid FROM cameras').all() as Row[];
    return rows.map((r) => ({ id: r.id, orgUnitId: r.org_unit_id, host: r.host, mainStreamUri: r.main_stream_uri, subStreamUri: r.sub_stream_uri, onvifUuid: r.onvif_uuid }));
  }

  match(devices: readonly DeviceKey[]): Map<string, CameraMatch> {
    return devices.length ? matchDevices(devices, this.all()) : new Map();
  }

  /** Remember the UUID of cameras matched by URI; never overwrites one already set. Returns how many were set. */
  rememberUuids(matches: Iterable<[string, CameraMatch]>): number {
    const stmt = this.db.prepare('UPDATE cameras SET onvif_uuid = ? WHERE id = ? AND onvif_uuid IS NULL');
    let n = 0;
    this.db.transaction(() => {
      for (const [uuid, m] of matches) if (m.by === 'stream-uri') n += stmt.run(uuid, m.camera.id).changes;
    })();
    return n;
  }
}
