import { streamUriKey, type CameraDto, type IngestMode, type RtspTransport, type WireTransport, type CameraListQuery, type CameraSortKey, type CameraStatus, type CameraUpdate, type SortOrder } from '../../../contracts/src/camera';
import type { CameraReasonCode, CameraStatusReason } from '../../../contracts/src/stream-status';
import { ChangeSignal } from './change-signal';
import type { Db } from './connection';

/** A camera as stored, including the encrypted password; never leaves the gateway as is. */
export interface CameraRecord extends Omit<CameraDto, 'hasPassword' | 'statusSince' | 'createdAt' | 'updatedAt'> {
  passwordEnc: string | null;
  /** RTMP push cameras: SHA-256 of the stream key (the key itself is never stored). */
  rtmpKeyHash: string | null;
  statusSince: number | null;
  createdAt: number;
  updatedAt: number;
}

interface CameraRow {
  id: string;
  name: string;
  org_unit_id: string;
  category: 1 | 2 | 3;
  source_type: CameraDto['sourceType'];
  host: string;
  rtsp_port: number;
  onvif_port: number | null;
  main_stream_uri: string | null;
  sub_stream_uri: string | null;
  username: string | null;
  password_enc: string | null;
  rtsp_transport: CameraDto['rtspTransport'];
  transport_in_use: CameraDto['transportInUse'];
  ingest: CameraDto['ingest'];
  lat: number | null;
  lng: number | null;
  direction: number | null;
  device_code: string | null;
  video_codec: CameraDto['videoCodec'];
  vendor: string | null;
  model: string | null;
  status: CameraStatus;
  status_since: number | null;
  status_reason: string | null;
  status_reason_code: CameraReasonCode | null;
  main_width: number | null;
  main_height: number | null;
  main_fps: number | null;
  sub_width: number | null;
  sub_height: number | null;
  sub_fps: number | null;
  sub_video_codec: CameraDto['subVideoCodec'];
  main_audio_codec: CameraDto['mainAudioCodec'];
  sub_audio_codec: CameraDto['subAudioCodec'];
  rtmp_key_hash: string | null;
  created_at: number;
  updated_at: number;
}

const toRecord = (r: CameraRow): CameraRecord => ({
  id: r.id,
  name: r.name,
  orgUnitId: r.org_unit_id,
  category: r.category,
  sourceType: r.source_type,
  host: r.host,
  rtspPort: r.rtsp_port,
  onvifPort: r.onvif_port,
  mainStreamUri: r.main_stream_uri,
  subStreamUri: r.sub_stream_uri,
  username: r.username,
  passwordEnc: r.password_enc,
  rtspTransport: r.rtsp_transport,
  transportInUse: r.transport_in_use,
  ingest: r.ingest,
  lat: r.lat,
  lng: r.lng,
  direction: r.direction,
  deviceCode: r.device_code,
  videoCodec: r.video_codec,
  vendor: r.vendor,
  model: r.model,
  status: r.status,
  statusSince: r.status_since,
  statusReason: r.status_reason,
  statusReasonCode: r.status_reason_code,
  mainWidth: r.main_width,
  mainHeight: r.main_height,
  mainFps: r.main_fps,
  subWidth: r.sub_width,
  subHeight: r.sub_height,
  subFps: r.sub_fps,
  subVideoCodec: r.sub_video_codec,
  mainAudioCodec: r.main_audio_codec,
  subAudioCodec: r.sub_audio_codec,
  rtmpKeyHash: r.rtmp_key_hash,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export function toCameraDto(c: CameraRecord): CameraDto {
  const { passwordEnc, rtmpKeyHash: _rtmpKeyHash, statusSince, createdAt, updatedAt, ...rest } = c;
  return {
    ...rest,
    hasPassword: passwordEnc !== null,
    statusSince: statusSince === null ? null : new Date(statusSince).toISOString(),
    createdAt: new Date(createdAt).toISOString(),
    updatedAt: new Date(updatedAt).toISOString(),
  };
}

/** Measured stream properties and the RTMP key hash: optional on create (NULL until known). */
export type CameraStreamFields = Pick<CameraRecord, 'mainWidth' | 'mainHeight' | 'mainFps' | 'subWidth' | 'subHeight' | 'subFps' | 'subVideoCodec' | 'mainAudioCodec' | 'subAudioCodec' | 'rtmpKeyHash'>;
export type NewCameraRecord = Omit<CameraRecord, 'status' | 'statusSince' | 'statusReason' | 'statusReasonCode' | 'createdAt' | 'updatedAt' | 'rtspTransport' | 'transportInUse' | 'ingest' | keyof CameraStreamFields> &
  Partial<CameraStreamFields> & { rtspTransport?: RtspTransport; transportInUse?: WireTransport | null; ingest?: IngestMode };
export type CameraRecordPatch = Omit<CameraUpdate, 'password'> & { passwordEnc?: string | null; transportInUse?: WireTransport | null } & Partial<CameraStreamFields>;

const STREAM_FIELD_DEFAULTS: CameraStreamFields = {
  mainWidth: null, mainHeight: null, mainFps: null, subWidth: null, subHeight: null, subFps: null, subVideoCodec: null, mainAudioCodec: null, subAudioCodec: null, rtmpKeyHash: null,
};

/** Which identifier made a camera a duplicate of an existing one. */
export type DuplicateField = 'onvifUuid' | 'deviceCode' | 'streamUri';

export interface DuplicateQuery {
  mainStreamUri?: string | null;
  subStreamUri?: string | null;
  deviceCode?: string | null;
  /**
   * ONVIF device uuid; compared only when given and the cameras table has an onvif_uuid column (migration 007).
   * Give it for single-channel devices only: an NVR's channels share one uuid. The camera API does not take it.
   */
  onvifUuid?: string | null;
}

const COLUMN: Record<string, string> = {
  name: 'name', orgUnitId: 'org_unit_id', category: 'category', host: 'host', rtspPort: 'rtsp_port',
  onvifPort: 'onvif_port', mainStreamUri: 'main_stream_uri', subStreamUri: 'sub_stream_uri', username: 'username',
  passwordEnc: 'password_enc', lat: 'lat', lng: 'lng', direction: 'direction', deviceCode: 'device_code',
  videoCodec: 'video_codec', vendor: 'vendor', model: 'model', rtspTransport: 'rtsp_transport', transportInUse: 'transport_in_use', ingest: 'ingest',
  mainWidth: 'main_width', mainHeight: 'main_height', mainFps: 'main_fps', subWidth: 'sub_width', subHeight: 'sub_height',
  subFps: 'sub_fps', subVideoCodec: 'sub_video_codec', mainAudioCodec: 'main_audio_codec', subAudioCodec: 'sub_audio_codec', rtmpKeyHash: 'rtmp_key_hash',
};

// Offline first when ascending: the technician's list puts what needs fixing on top.
const STATUS_RANK = "CASE status WHEN 'offline' THEN 0 WHEN 'unknown' THEN 1 ELSE 2 END";
const SORT_COLUMNS: Record<CameraSortKey, string[]> = {
  name: ['name'],
  id: [],
  orgUnit: ['org_unit_id', 'name'],
  category: ['category', 'name'],
  sourceType: ['source_type', 'name'],
  host: ['host', 'rtsp_port'],
  status: [STATUS_RANK, 'status_since'],
  statusSince: ['status_since'],
};

/** ORDER BY from a whitelisted key (never from request text); the id ends every order so pages never overlap. */
function orderBy(sort: CameraSortKey | undefined, order: SortOrder | undefined): string {
  if (!sort) return 'org_unit_id, name, id';
  const dir = order === 'desc' ? 'DESC' : 'ASC';
  return [...SORT_COLUMNS[sort], 'id'].map((c) => `${c} ${dir}`).join(', ');
}

export interface CameraListFilter extends Omit<CameraListQuery, 'orgUnit' | 'order'> {
  order?: SortOrder | undefined;
  /** Already expanded to the subtree (and intersected with the caller's scope) by the service. */
  orgUnitIds?: string[] | undefined;
}

export class CameraRepository {
  private hasOnvifUuid: boolean | null = null;
  /** An edit or a deletion (scope follows `orgUnitId`); status and transport observations are not changes. */
  readonly changes = new ChangeSignal();

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  get(id: string): CameraRecord | null {
    const row = this.db.prepare('SELECT * FROM cameras WHERE id = ?').get(id) as CameraRow | undefined;
    return row ? toRecord(row) : null;
  }

  list(filter: CameraListFilter): { items: CameraRecord[]; total: number } {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (filter.orgUnitIds) {
      if (filter.orgUnitIds.length === 0) return { items: [], total: 0 };
      where.push('org_unit_id IN (SELECT value FROM json_each(@orgUnitIds))');
      params.orgUnitIds = JSON.stringify(filter.orgUnitIds);
    }
    if (filter.status) {
      where.push('status = @status');
      params.status = filter.status;
    }
    if (filter.category) {
      where.push('category = @category');
      params.category = filter.category;
    }
    if (filter.q) {
      // Never the credentials: name, id, host and device code only.
      where.push(`(name LIKE @q ESCAPE '\\' OR id LIKE @q ESCAPE '\\' OR host LIKE @q ESCAPE '\\' OR device_code LIKE @q ESCAPE '\\')`);
      params.q = `%${filter.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM cameras ${clause}`).get(params) as { n: number }).n;
    const rows = this.db
      .prepare(`SELECT * FROM cameras ${clause} ORDER BY ${orderBy(filter.sort, filter.order)} LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: filter.limit, offset: filter.offset }) as CameraRow[];
    return { items: rows.map(toRecord), total };
  }

  create(c: NewCameraRecord): CameraRecord {
    const t = this.now();
    this.db
      .prepare(
        `INSERT INTO cameras (id, name, org_unit_id, category, source_type, host, rtsp_port, onvif_port, main_stream_uri,
           sub_stream_uri, username, password_enc, lat, lng, direction, device_code, video_codec, vendor, model,
           rtsp_transport, transport_in_use, ingest,
           main_width, main_height, main_fps, sub_width, sub_height, sub_fps, sub_video_codec, main_audio_codec, sub_audio_codec, rtmp_key_hash,
           status, created_at, updated_at)
         VALUES (@id, @name, @orgUnitId, @category, @sourceType, @host, @rtspPort, @onvifPort, @mainStreamUri,
           @subStreamUri, @username, @passwordEnc, @lat, @lng, @direction, @deviceCode, @videoCodec, @vendor, @model,
           @rtspTransport, @transportInUse, @ingest,
           @mainWidth, @mainHeight, @mainFps, @subWidth, @subHeight, @subFps, @subVideoCodec, @mainAudioCodec, @subAudioCodec, @rtmpKeyHash,
           'unknown', @t, @t)`,
      )
      .run({ ...STREAM_FIELD_DEFAULTS, rtspTransport: 'auto', transportInUse: null, ingest: 'auto', ...stripUndefined(c), t });
    return this.get(c.id)!;
  }

  update(id: string, patch: CameraRecordPatch): CameraRecord | null {
    const sets: string[] = [];
    const params: Record<string, unknown> = { id, t: this.now() };
    for (const [key, value] of Object.entries(patch)) {
      const column = COLUMN[key];
      if (!column || value === undefined) continue;
      sets.push(`${column} = @${key}`);
      params[key] = value;
    }
    sets.push('updated_at = @t');
    const changed = this.db.prepare(`UPDATE cameras SET ${sets.join(', ')} WHERE id = @id`).run(params).changes;
    this.changes.emit();
    return changed ? this.get(id) : null;
  }

  /**
   * Remembers the transport that worked (or forgets it with null) without touching updated_at: it is an observation,
   * not an edit. Returns true when it changed.
   */
  setTransportInUse(id: string, transport: WireTransport | null): boolean {
    return this.db.prepare('UPDATE cameras SET transport_in_use = ? WHERE id = ? AND transport_in_use IS NOT ?').run(transport, id, transport).changes === 1;
  }

  /** Records a status change; returns true only when the status actually changed. */
  setStatus(id: string, status: CameraStatus, reason: CameraStatusReason | null): boolean {
    const res = this.db
      .prepare(
        `UPDATE cameras SET status = @status, status_reason = @reason, status_reason_code = @code,
           status_since = CASE WHEN status = @status THEN status_since ELSE @t END
         WHERE id = @id AND (status <> @status OR IFNULL(status_reason, '') <> IFNULL(@reason, '')
           OR IFNULL(status_reason_code, '') <> IFNULL(@code, ''))`,
      )
      .run({ id, status, reason: reason?.text ?? null, code: reason?.code ?? null, t: this.now() });
    return res.changes === 1;
  }

  delete(id: string): boolean {
    const deleted = this.db.prepare('DELETE FROM cameras WHERE id = ?').run(id).changes === 1;
    this.changes.emit();
    return deleted;
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM cameras').get() as { n: number }).n;
  }

  /** Another camera already using this stream URI or device code, for duplicate detection. */
  findDuplicate(c: DuplicateQuery, exceptId?: string): CameraRecord | null {
    return this.findDuplicateWithField(c, exceptId)?.camera ?? null;
  }

  /**
   * The existing camera that `c` duplicates and by what: the same ONVIF uuid (when that column exists), the same
   * GB/T 28181 device code, or the same stream URI (compared by streamUriKey, so `rtsp://h/a` = `rtsp://H:554/a/`).
   */
  findDuplicateWithField(c: DuplicateQuery, exceptId?: string): { camera: CameraRecord; field: DuplicateField } | null {
    const except = exceptId ?? '';
    if (c.onvifUuid && this.onvifUuidColumn()) {
      const row = this.db.prepare('SELECT * FROM cameras WHERE id <> ? AND onvif_uuid = ? LIMIT 1').get(except, c.onvifUuid) as CameraRow | undefined;
      if (row) return { camera: toRecord(row), field: 'onvifUuid' };
    }
    if (c.deviceCode) {
      const row = this.db.prepare('SELECT * FROM cameras WHERE id <> ? AND device_code = ? LIMIT 1').get(except, c.deviceCode) as CameraRow | undefined;
      if (row) return { camera: toRecord(row), field: 'deviceCode' };
    }
    const uris = [c.mainStreamUri, c.subStreamUri].filter((u): u is string => !!u);
    if (uris.length === 0) return null;
    const exact = this.db
      .prepare(
        `SELECT * FROM cameras WHERE id <> @except AND (main_stream_uri IN (SELECT value FROM json_each(@uris))
           OR sub_stream_uri IN (SELECT value FROM json_each(@uris))) LIMIT 1`,
      )
      .get({ except, uris: JSON.stringify(uris) }) as CameraRow | undefined;
    if (exact) return { camera: toRecord(exact), field: 'streamUri' };
    const keys = new Set(uris.map(streamUriKey));
    for (const r of this.streamUriIndex()) {
      if (r.id !== except && ((r.main && keys.has(streamUriKey(r.main))) || (r.sub && keys.has(streamUriKey(r.sub))))) {
        const camera = this.get(r.id);
        if (camera) return { camera, field: 'streamUri' };
      }
    }
    return null;
  }

  /** Every camera's id, name, URIs and device code: for checking many candidates (CSV import) in one pass. */
  streamUriIndex(): Array<{ id: string; name: string; main: string | null; sub: string | null; deviceCode: string | null }> {
    return this.db.prepare('SELECT id, name, main_stream_uri AS main, sub_stream_uri AS sub, device_code AS deviceCode FROM cameras').all() as Array<{
      id: string;
      name: string;
      main: string | null;
      sub: string | null;
      deviceCode: string | null;
    }>;
  }

  /** All cameras in these org units (all cameras with undefined), in list order: for exports. */
  listAll(orgUnitIds?: string[]): CameraRecord[] {
    if (orgUnitIds && orgUnitIds.length === 0) return [];
    const rows = orgUnitIds
      ? (this.db.prepare('SELECT * FROM cameras WHERE org_unit_id IN (SELECT value FROM json_each(?)) ORDER BY org_unit_id, name, id').all(JSON.stringify(orgUnitIds)) as CameraRow[])
      : (this.db.prepare('SELECT * FROM cameras ORDER BY org_unit_id, name, id').all() as CameraRow[]);
    return rows.map(toRecord);
  }

  private onvifUuidColumn(): boolean {
    this.hasOnvifUuid ??= (this.db.prepare("SELECT 1 AS hit FROM pragma_table_info('cameras') WHERE name = 'onvif_uuid'").get() as { hit: number } | undefined) !== undefined;
    return this.hasOnvifUuid;
  }
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
