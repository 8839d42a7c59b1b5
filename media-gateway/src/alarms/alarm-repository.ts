import type { CameraReasonCode } from '../../../contracts/src/stream-status';
import { healthDetailCode } from './health-detail-code';
import type { AlarmAction, AlarmDto, AlarmEventAction, AlarmEventDto, AlarmSeverity, AlarmSource, AlarmState } from '../../../contracts/src/alarm';
import type { Db } from '../db/connection';
import type { CoalesceCandidate } from './alarm-coalescing';

/** An alarm as stored (times in epoch ms). */
export interface AlarmRecord {
  id: string;
  type: string;
  severity: AlarmSeverity;
  source: AlarmSource;
  cameraId: string | null;
  cameraIds: string[];
  orgUnitId: string;
  title: string;
  detail: string | null;
  occurredAt: number;
  firstAt: number;
  lastAt: number;
  count: number;
  externalEventId: string | null;
  state: AlarmState;
  assignedTo: string | null;
  acknowledgedAt: number | null;
  acknowledgedBy: string | null;
  resolvedAt: number | null;
  resolvedBy: string | null;
  resolutionNote: string | null;
  dismissedReason: string | null;
  incidentId: string | null;
  actions: AlarmAction[];
  updatedAt: number;
}

export type NewAlarm = Pick<AlarmRecord, 'id' | 'type' | 'severity' | 'source' | 'cameraId' | 'cameraIds' | 'orgUnitId' | 'title' | 'detail' | 'occurredAt' | 'externalEventId' | 'actions'> & {
  at: number;
};

/** Columns an action may change (the state machine decides which). */
export type AlarmPatch = Partial<
  Pick<AlarmRecord, 'state' | 'assignedTo' | 'acknowledgedAt' | 'acknowledgedBy' | 'resolvedAt' | 'resolvedBy' | 'resolutionNote' | 'dismissedReason' | 'incidentId' | 'detail'>
>;

export interface AlarmListFilter {
  /** undefined = every org unit. */
  orgUnitIds?: string[];
  states?: AlarmState[];
  types?: string[];
  severities?: AlarmSeverity[];
  cameraId?: string;
  from?: number;
  to?: number;
  limit: number;
  offset: number;
}

export interface NewAlarmEvent {
  alarmId: string;
  at: number;
  action: AlarmEventAction;
  userId: string | null;
  actor: string;
  fromState: AlarmState | null;
  toState: AlarmState | null;
  note: string | null;
}

interface AlarmRow {
  id: string;
  type: string;
  severity: AlarmSeverity;
  source: AlarmSource;
  camera_id: string | null;
  camera_ids: string;
  org_unit_id: string;
  title: string;
  detail: string | null;
  occurred_at: number;
  first_at: number;
  last_at: number;
  count: number;
  external_event_id: string | null;
  state: AlarmState;
  assigned_to: string | null;
  acknowledged_at: number | null;
  acknowledged_by: string | null;
  resolved_at: number | null;
  resolved_by: string | null;
  resolution_note: string | null;
  dismissed_reason: string | null;
  incident_id: string | null;
  actions: string;
  updated_at: number;
}

interface AlarmDtoRow extends AlarmRow {
  camera_name: string | null;
  lat: number | null;
  lng: number | null;
  org_unit_name: string | null;
  assigned_to_name: string | null;
  has_snapshot: number;
  camera_reason: string | null;
  camera_reason_code: CameraReasonCode | null;
}

const toRecord = (r: AlarmRow): AlarmRecord => ({
  id: r.id,
  type: r.type,
  severity: r.severity,
  source: r.source,
  cameraId: r.camera_id,
  cameraIds: JSON.parse(r.camera_ids) as string[],
  orgUnitId: r.org_unit_id,
  title: r.title,
  detail: r.detail,
  occurredAt: r.occurred_at,
  firstAt: r.first_at,
  lastAt: r.last_at,
  count: r.count,
  externalEventId: r.external_event_id,
  state: r.state,
  assignedTo: r.assigned_to,
  acknowledgedAt: r.acknowledged_at,
  acknowledgedBy: r.acknowledged_by,
  resolvedAt: r.resolved_at,
  resolvedBy: r.resolved_by,
  resolutionNote: r.resolution_note,
  dismissedReason: r.dismissed_reason,
  incidentId: r.incident_id,
  actions: JSON.parse(r.actions) as AlarmAction[],
  updatedAt: r.updated_at,
});

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

const toDto = (r: AlarmDtoRow): AlarmDto => {
  const a = toRecord(r);
  return {
    id: a.id,
    type: a.type,
    severity: a.severity,
    source: a.source,
    cameraId: a.cameraId,
    cameraIds: a.cameraIds,
    cameraName: r.camera_name,
    lat: r.lat,
    lng: r.lng,
    orgUnitId: a.orgUnitId,
    orgUnitName: r.org_unit_name,
    title: a.title,
    detail: a.detail,
    detailCode: a.source === 'camera-health' ? healthDetailCode(a.detail, r.camera_reason, r.camera_reason_code) : null,
    occurredAt: iso(a.occurredAt)!,
    firstAt: iso(a.firstAt)!,
    lastAt: iso(a.lastAt)!,
    count: a.count,
    externalEventId: a.externalEventId,
    state: a.state,
    assignedTo: a.assignedTo,
    assignedToName: r.assigned_to_name,
    acknowledgedAt: iso(a.acknowledgedAt),
    acknowledgedBy: a.acknowledgedBy,
    resolvedAt: iso(a.resolvedAt),
    resolvedBy: a.resolvedBy,
    resolutionNote: a.resolutionNote,
    dismissedReason: a.dismissedReason,
    incidentId: a.incidentId,
    hasSnapshot: r.has_snapshot === 1,
    actions: a.actions,
    updatedAt: iso(a.updatedAt)!,
  };
};

// Camera and place come from the camera (or, without one, the org unit) as they are now; the alarm keeps its ids.
const DTO_SELECT = `
  SELECT a.*, c.name AS camera_name,
         CASE WHEN c.lat IS NOT NULL AND c.lng IS NOT NULL THEN c.lat ELSE o.lat END AS lat,
         CASE WHEN c.lat IS NOT NULL AND c.lng IS NOT NULL THEN c.lng ELSE o.lng END AS lng,
         o.name AS org_unit_name, u.display_name AS assigned_to_name,
         EXISTS (SELECT 1 FROM alarm_snapshots s WHERE s.alarm_id = a.id) AS has_snapshot,
         c.status_reason AS camera_reason, c.status_reason_code AS camera_reason_code
  FROM alarms a
  LEFT JOIN cameras c ON c.id = a.camera_id
  LEFT JOIN org_units o ON o.id = a.org_unit_id
  LEFT JOIN users u ON u.id = a.assigned_to`;

const PATCH_COLUMN: Record<keyof AlarmPatch, string> = {
  state: 'state',
  assignedTo: 'assigned_to',
  acknowledgedAt: 'acknowledged_at',
  acknowledgedBy: 'acknowledged_by',
  resolvedAt: 'resolved_at',
  resolvedBy: 'resolved_by',
  resolutionNote: 'resolution_note',
  dismissedReason: 'dismissed_reason',
  incidentId: 'incident_id',
  detail: 'detail',
};

const OPEN = `state IN ('new', 'acknowledged')`;

/** SQL of the alarm tables: alarms, their history, snapshots and external event ids. No rules, no side effects. */
export class AlarmRepository {
  private readonly stmt;

  constructor(private readonly db: Db) {
    this.stmt = {
      insert: db.prepare(
        `INSERT INTO alarms (id, type, severity, source, camera_id, camera_ids, org_unit_id, title, detail, occurred_at, first_at, last_at, count,
                             external_event_id, state, actions, updated_at)
         VALUES (@id, @type, @severity, @source, @cameraId, @cameraIds, @orgUnitId, @title, @detail, @occurredAt, @at, @at, 1,
                 @externalEventId, 'new', @actions, @at)`,
      ),
      get: db.prepare('SELECT * FROM alarms WHERE id = ?'),
      getDto: db.prepare(`${DTO_SELECT} WHERE a.id = ?`),
      candidate: db.prepare(`SELECT id, state, last_at AS lastAt FROM alarms WHERE camera_id = ? AND type = ? AND ${OPEN} ORDER BY last_at DESC LIMIT 1`),
      bump: db.prepare(
        `UPDATE alarms SET count = count + 1, last_at = MAX(last_at, @at), updated_at = @at,
           severity = CASE WHEN @rank > (CASE severity WHEN 'critical' THEN 3 WHEN 'major' THEN 2 WHEN 'minor' THEN 1 ELSE 0 END) THEN @severity ELSE severity END
         WHERE id = @id`,
      ),
      openOfSource: db.prepare(`SELECT * FROM alarms WHERE camera_id IS ? AND source = ? AND ${OPEN} ORDER BY first_at`),
      addEvent: db.prepare(
        `INSERT INTO alarm_events (alarm_id, at, action, user_id, actor, from_state, to_state, note)
         VALUES (@alarmId, @at, @action, @userId, @actor, @fromState, @toState, @note)`,
      ),
      history: db.prepare(
        `SELECT id, at, action, user_id AS userId, actor, from_state AS fromState, to_state AS toState, note FROM alarm_events WHERE alarm_id = ? ORDER BY id`,
      ),
      external: db.prepare('SELECT alarm_id AS alarmId FROM alarm_external_events WHERE source = ? AND event_id = ?'),
      recordExternal: db.prepare('INSERT INTO alarm_external_events (source, event_id, alarm_id, received_at) VALUES (?, ?, ?, ?)'),
      saveSnapshot: db.prepare('INSERT OR REPLACE INTO alarm_snapshots (alarm_id, taken_at, camera_id, jpeg) VALUES (?, ?, ?, ?)'),
      snapshot: db.prepare('SELECT jpeg FROM alarm_snapshots WHERE alarm_id = ?'),
    };
  }

  insert(a: NewAlarm): void {
    this.stmt.insert.run({ ...a, cameraIds: JSON.stringify(a.cameraIds), actions: JSON.stringify(a.actions) });
  }

  get(id: string): AlarmRecord | null {
    const row = this.stmt.get.get(id) as AlarmRow | undefined;
    return row ? toRecord(row) : null;
  }

  getDto(id: string): AlarmDto | null {
    const row = this.stmt.getDto.get(id) as AlarmDtoRow | undefined;
    return row ? toDto(row) : null;
  }

  list(f: AlarmListFilter): { items: AlarmDto[]; total: number } {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    const inList = (column: string, name: string, values: readonly string[] | undefined) => {
      if (values === undefined) return;
      where.push(`${column} IN (SELECT value FROM json_each(@${name}))`);
      params[name] = JSON.stringify(values);
    };
    inList('a.org_unit_id', 'orgs', f.orgUnitIds);
    inList('a.state', 'states', f.states);
    inList('a.type', 'types', f.types);
    inList('a.severity', 'severities', f.severities);
    if (f.cameraId !== undefined) {
      // The primary camera or any of the others.
      where.push(`(a.camera_id = @cameraId OR EXISTS (SELECT 1 FROM json_each(a.camera_ids) WHERE value = @cameraId))`);
      params.cameraId = f.cameraId;
    }
    if (f.from !== undefined) {
      where.push('a.first_at >= @from');
      params.from = f.from;
    }
    if (f.to !== undefined) {
      where.push('a.first_at < @to');
      params.to = f.to;
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM alarms a ${clause}`).get(params) as { n: number }).n;
    const rows = this.db.prepare(`${DTO_SELECT} ${clause} ORDER BY a.first_at DESC, a.id DESC LIMIT @limit OFFSET @offset`).all({ ...params, limit: f.limit, offset: f.offset }) as AlarmDtoRow[];
    return { items: rows.map(toDto), total };
  }

  /** The newest open alarm of this camera and type (the coalescing rule then looks at its age). */
  coalesceCandidate(cameraId: string, type: string): CoalesceCandidate | null {
    return (this.stmt.candidate.get(cameraId, type) as CoalesceCandidate | undefined) ?? null;
  }

  /** One more repeat: count + 1, last seen now, severity raised if the repeat is more severe. */
  bump(id: string, at: number, severity: AlarmSeverity): void {
    const rank = { info: 0, minor: 1, major: 2, critical: 3 }[severity];
    this.stmt.bump.run({ id, at, severity, rank });
  }

  /** cameraId null: the alarms of that source with no camera (the gateway's own). */
  openOfSource(cameraId: string | null, source: AlarmSource): AlarmRecord[] {
    return (this.stmt.openOfSource.all(cameraId, source) as AlarmRow[]).map(toRecord);
  }

  /** Open alarms of one type that name a camera, with when each was last seen (a restart restores state from them). */
  openCamerasOfType(type: string): Array<{ cameraId: string; lastAt: number }> {
    return this.db.prepare(`SELECT camera_id AS cameraId, max(last_at) AS lastAt FROM alarms WHERE type = ? AND camera_id IS NOT NULL AND ${OPEN} GROUP BY camera_id`).all(type) as Array<{
      cameraId: string;
      lastAt: number;
    }>;
  }

  update(id: string, patch: AlarmPatch, at: number): void {
    const keys = (Object.keys(patch) as Array<keyof AlarmPatch>).filter((k) => patch[k] !== undefined);
    const sets = keys.map((k) => `${PATCH_COLUMN[k]} = @${k}`);
    const values = Object.fromEntries(keys.map((k) => [k, patch[k]]));
    this.db.prepare(`UPDATE alarms SET ${[...sets, 'updated_at = @at'].join(', ')} WHERE id = @id`).run({ ...values, id, at });
  }

  addEvent(e: NewAlarmEvent): void {
    this.stmt.addEvent.run(e);
  }

  history(alarmId: string): AlarmEventDto[] {
    return (this.stmt.history.all(alarmId) as Array<Omit<AlarmEventDto, 'at'> & { at: number }>).map((e) => ({
      ...e,
      at: new Date(e.at).toISOString(),
      noteCode: e.userId === null && (e.action === 'raised' || e.action === 'reason-changed') ? healthDetailCode(e.note, null, null) : null,
    }));
  }

  externalAlarmId(source: string, eventId: string): string | null {
    return (this.stmt.external.get(source, eventId) as { alarmId: string } | undefined)?.alarmId ?? null;
  }

  recordExternal(source: string, eventId: string, alarmId: string, at: number): void {
    this.stmt.recordExternal.run(source, eventId, alarmId, at);
  }

  saveSnapshot(alarmId: string, cameraId: string, jpeg: Buffer, at: number): void {
    this.stmt.saveSnapshot.run(alarmId, at, cameraId, jpeg);
  }

  snapshot(alarmId: string): Buffer | null {
    return (this.stmt.snapshot.get(alarmId) as { jpeg: Buffer } | undefined)?.jpeg ?? null;
  }
}
