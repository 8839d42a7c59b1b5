import type { AttachmentContentType, AttachmentKind, IncidentAction, IncidentCategory, IncidentState, ReporterKind } from '../../../contracts/src/incident';
import type { Db } from '../db/connection';

export interface IncidentRecord {
  id: string;
  code: string;
  clientRequestId: string;
  title: string;
  category: IncidentCategory;
  description: string;
  orgUnitId: string;
  townshipId: string | null;
  lat: number | null;
  lng: number | null;
  address: string | null;
  reporterKind: ReporterKind;
  reporterName: string | null;
  reporterPhone: string | null;
  cameraIds: string[];
  occurredAt: number;
  state: IncidentState;
  responsibleOrgUnitId: string | null;
  responsibleDepartment: string | null;
  deadline: number | null;
  supervised: boolean;
  overdue: boolean;
  feedback: string | null;
  disputeResolved: boolean | null;
  visitResult: string | null;
  visitSatisfaction: number | null;
  visitedAt: number | null;
  createdBy: string | null;
  createdAt: number;
  updatedAt: number;
  closedAt: number | null;
  alarmIds: string[];
}

export type NewIncidentRecord = Omit<IncidentRecord, 'alarmIds' | 'updatedAt'>;
/** Columns a workflow step may change. */
export type IncidentPatch = Partial<
  Pick<
    IncidentRecord,
    | 'state'
    | 'category'
    | 'responsibleOrgUnitId'
    | 'responsibleDepartment'
    | 'deadline'
    | 'supervised'
    | 'overdue'
    | 'feedback'
    | 'disputeResolved'
    | 'visitResult'
    | 'visitSatisfaction'
    | 'visitedAt'
    | 'closedAt'
  >
>;

export interface IncidentEventRecord {
  id: number;
  incidentId: string;
  at: number;
  userId: string | null;
  username: string;
  displayName: string;
  action: IncidentAction;
  fromState: IncidentState | null;
  toState: IncidentState;
  note: string | null;
}

export interface AttachmentRecord {
  id: string;
  incidentId: string;
  kind: AttachmentKind;
  contentType: AttachmentContentType;
  size: number;
  sha256: string;
  fileName: string;
  sourceAlarmId: string | null;
  createdBy: string | null;
  createdAt: number;
}

export interface IncidentTodoFilter {
  states: readonly IncidentState[];
  dispatchedTo: 'department' | readonly string[] | null;
}

export interface IncidentListFilter {
  /** null = every incident; otherwise incidents whose place or responsible unit is in this set. */
  orgUnitIds: string[] | null;
  state?: IncidentState | undefined;
  category?: IncidentCategory | undefined;
  supervised?: boolean | undefined;
  overdue?: boolean | undefined;
  /** 待我处理 (contracts/src/incident-todo.ts): incidents in `states`, or dispatched to a unit in `dispatchedTo` (or to a department). */
  todo?: IncidentTodoFilter | undefined;
  q?: string | undefined;
  from?: number | undefined;
  to?: number | undefined;
  limit: number;
  offset: number;
}

interface IncidentRow {
  id: string;
  code: string;
  client_request_id: string;
  title: string;
  category: IncidentCategory;
  description: string;
  org_unit_id: string;
  township_id: string | null;
  lat: number | null;
  lng: number | null;
  address: string | null;
  reporter_kind: ReporterKind;
  reporter_name: string | null;
  reporter_phone: string | null;
  camera_ids: string;
  occurred_at: number;
  state: IncidentState;
  responsible_org_unit_id: string | null;
  responsible_department: string | null;
  deadline: number | null;
  supervised: number;
  overdue: number;
  feedback: string | null;
  dispute_resolved: number | null;
  visit_result: string | null;
  visit_satisfaction: number | null;
  visited_at: number | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
  closed_at: number | null;
  alarm_ids: string | null;
}

const toRecord = (r: IncidentRow): IncidentRecord => ({
  id: r.id,
  code: r.code,
  clientRequestId: r.client_request_id,
  title: r.title,
  category: r.category,
  description: r.description,
  orgUnitId: r.org_unit_id,
  townshipId: r.township_id,
  lat: r.lat,
  lng: r.lng,
  address: r.address,
  reporterKind: r.reporter_kind,
  reporterName: r.reporter_name,
  reporterPhone: r.reporter_phone,
  cameraIds: JSON.parse(r.camera_ids) as string[],
  occurredAt: r.occurred_at,
  state: r.state,
  responsibleOrgUnitId: r.responsible_org_unit_id,
  responsibleDepartment: r.responsible_department,
  deadline: r.deadline,
  supervised: r.supervised === 1,
  overdue: r.overdue === 1,
  feedback: r.feedback,
  disputeResolved: r.dispute_resolved === null ? null : r.dispute_resolved === 1,
  visitResult: r.visit_result,
  visitSatisfaction: r.visit_satisfaction,
  visitedAt: r.visited_at,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  closedAt: r.closed_at,
  alarmIds: r.alarm_ids ? (JSON.parse(r.alarm_ids) as string[]).sort() : [],
});

function todoClause(t: IncidentTodoFilter, params: Record<string, unknown>): string {
  const parts: string[] = [];
  if (t.states.length) {
    parts.push('i.state IN (SELECT value FROM json_each(@todoStates))');
    params.todoStates = JSON.stringify(t.states);
  }
  if (t.dispatchedTo === 'department') parts.push("(i.state = 'dispatched' AND i.responsible_org_unit_id IS NULL)");
  else if (t.dispatchedTo !== null) {
    parts.push("(i.state = 'dispatched' AND i.responsible_org_unit_id IN (SELECT value FROM json_each(@todoUnits)))");
    params.todoUnits = JSON.stringify(t.dispatchedTo);
  }
  return parts.length ? `(${parts.join(' OR ')})` : '0';
}

const SELECT = `SELECT i.*, (SELECT json_group_array(alarm_id) FROM incident_alarms a WHERE a.incident_id = i.id) AS alarm_ids FROM incidents i`;

const PATCH_COLUMNS: Record<keyof IncidentPatch, string> = {
  state: 'state',
  category: 'category',
  responsibleOrgUnitId: 'responsible_org_unit_id',
  responsibleDepartment: 'responsible_department',
  deadline: 'deadline',
  supervised: 'supervised',
  overdue: 'overdue',
  feedback: 'feedback',
  disputeResolved: 'dispute_resolved',
  visitResult: 'visit_result',
  visitSatisfaction: 'visit_satisfaction',
  visitedAt: 'visited_at',
  closedAt: 'closed_at',
};

const sqlValue = (v: unknown) => (typeof v === 'boolean' ? (v ? 1 : 0) : (v ?? null));

/** `incidents` and its satellite tables. Writes that belong together go through `transaction()`. */
export class IncidentRepository {
  constructor(private readonly db: Db) {}

  /** Runs `fn` in one IMMEDIATE transaction (the write lock is taken up front, so sequences cannot race). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  get(id: string): IncidentRecord | null {
    const row = this.db.prepare(`${SELECT} WHERE i.id = ?`).get(id) as IncidentRow | undefined;
    return row ? toRecord(row) : null;
  }

  getByClientRequestId(clientRequestId: string): IncidentRecord | null {
    const row = this.db.prepare(`${SELECT} WHERE i.client_request_id = ?`).get(clientRequestId) as IncidentRow | undefined;
    return row ? toRecord(row) : null;
  }

  incidentIdForAlarm(alarmId: string): string | null {
    const row = this.db.prepare('SELECT incident_id FROM incident_alarms WHERE alarm_id = ?').get(alarmId) as { incident_id: string } | undefined;
    return row?.incident_id ?? null;
  }

  /** The next sequence number of a township in a year. Call inside `transaction()`. */
  nextSequence(shortCode: string, year: number): number {
    const row = this.db
      .prepare(
        `INSERT INTO incident_sequences (short_code, year, last) VALUES (?, ?, 1)
         ON CONFLICT (short_code, year) DO UPDATE SET last = last + 1 RETURNING last`,
      )
      .get(shortCode, year) as { last: number };
    return row.last;
  }

  insert(r: NewIncidentRecord): void {
    this.db
      .prepare(
        `INSERT INTO incidents (id, code, client_request_id, title, category, description, org_unit_id, township_id, lat, lng,
           address, reporter_kind, reporter_name, reporter_phone, camera_ids, occurred_at, state, responsible_org_unit_id,
           responsible_department, deadline, supervised, overdue, feedback, dispute_resolved, visit_result, visit_satisfaction,
           visited_at, created_by, created_at, updated_at, closed_at)
         VALUES (@id, @code, @clientRequestId, @title, @category, @description, @orgUnitId, @townshipId, @lat, @lng,
           @address, @reporterKind, @reporterName, @reporterPhone, @cameraIds, @occurredAt, @state, @responsibleOrgUnitId,
           @responsibleDepartment, @deadline, @supervised, @overdue, @feedback, @disputeResolved, @visitResult, @visitSatisfaction,
           @visitedAt, @createdBy, @createdAt, @createdAt, @closedAt)`,
      )
      .run({
        ...r,
        cameraIds: JSON.stringify(r.cameraIds),
        supervised: r.supervised ? 1 : 0,
        overdue: r.overdue ? 1 : 0,
        disputeResolved: sqlValue(r.disputeResolved),
      });
  }

  update(id: string, patch: IncidentPatch, at: number): void {
    const keys = (Object.keys(patch) as Array<keyof IncidentPatch>).filter((k) => patch[k] !== undefined);
    const sets = keys.map((k) => `${PATCH_COLUMNS[k]} = @${k}`);
    const params: Record<string, unknown> = { id, at };
    for (const k of keys) params[k] = sqlValue(patch[k]);
    this.db.prepare(`UPDATE incidents SET ${[...sets, 'updated_at = @at'].join(', ')} WHERE id = @id`).run(params);
  }

  linkAlarm(incidentId: string, alarmId: string): void {
    this.db.prepare('INSERT INTO incident_alarms (incident_id, alarm_id) VALUES (?, ?)').run(incidentId, alarmId);
  }

  appendEvent(e: Omit<IncidentEventRecord, 'id'>): number {
    return Number(
      this.db
        .prepare(
          `INSERT INTO incident_events (incident_id, at, user_id, username, display_name, action, from_state, to_state, note)
           VALUES (@incidentId, @at, @userId, @username, @displayName, @action, @fromState, @toState, @note)`,
        )
        .run(e).lastInsertRowid,
    );
  }

  events(incidentId: string): IncidentEventRecord[] {
    return this.db
      .prepare(
        `SELECT id, incident_id AS incidentId, at, user_id AS userId, username, display_name AS displayName, action,
           from_state AS fromState, to_state AS toState, note
         FROM incident_events WHERE incident_id = ? ORDER BY id`,
      )
      .all(incidentId) as IncidentEventRecord[];
  }

  addAttachment(a: AttachmentRecord & { data: Buffer }): void {
    this.db
      .prepare(
        `INSERT INTO incident_attachments (id, incident_id, kind, content_type, size, sha256, file_name, data, source_alarm_id, created_by, created_at)
         VALUES (@id, @incidentId, @kind, @contentType, @size, @sha256, @fileName, @data, @sourceAlarmId, @createdBy, @createdAt)`,
      )
      .run(a);
  }

  attachmentCount(incidentId: string): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM incident_attachments WHERE incident_id = ?').get(incidentId) as { n: number }).n;
  }

  attachments(incidentId: string): AttachmentRecord[] {
    return this.db
      .prepare(
        `SELECT id, incident_id AS incidentId, kind, content_type AS contentType, size, sha256, file_name AS fileName,
           source_alarm_id AS sourceAlarmId, created_by AS createdBy, created_at AS createdAt
         FROM incident_attachments WHERE incident_id = ? ORDER BY created_at, rowid`,
      )
      .all(incidentId) as AttachmentRecord[];
  }

  attachmentData(incidentId: string, attachmentId: string): (AttachmentRecord & { data: Buffer | null }) | null {
    const row = this.db
      .prepare(
        `SELECT id, incident_id AS incidentId, kind, content_type AS contentType, size, sha256, file_name AS fileName,
           source_alarm_id AS sourceAlarmId, created_by AS createdBy, created_at AS createdAt, data
         FROM incident_attachments WHERE incident_id = ? AND id = ?`,
      )
      .get(incidentId, attachmentId) as (AttachmentRecord & { data: Buffer | null }) | undefined;
    return row ?? null;
  }

  list(f: IncidentListFilter): { items: IncidentRecord[]; total: number } {
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: f.limit, offset: f.offset };
    if (f.orgUnitIds !== null) {
      where.push(`(i.org_unit_id IN (SELECT value FROM json_each(@orgs)) OR i.responsible_org_unit_id IN (SELECT value FROM json_each(@orgs)))`);
      params.orgs = JSON.stringify(f.orgUnitIds);
    }
    if (f.state) {
      where.push('i.state = @state');
      params.state = f.state;
    }
    if (f.category) {
      where.push('i.category = @category');
      params.category = f.category;
    }
    if (f.supervised !== undefined) {
      where.push('i.supervised = @supervised');
      params.supervised = f.supervised ? 1 : 0;
    }
    if (f.overdue !== undefined) {
      where.push('i.overdue = @overdue');
      params.overdue = f.overdue ? 1 : 0;
    }
    if (f.todo) where.push(todoClause(f.todo, params));
    if (f.from !== undefined) {
      where.push('i.created_at >= @from');
      params.from = f.from;
    }
    if (f.to !== undefined) {
      where.push('i.created_at < @to');
      params.to = f.to;
    }
    if (f.q) {
      where.push(`(i.title LIKE @q ESCAPE '\\' OR i.description LIKE @q ESCAPE '\\' OR i.code LIKE @q ESCAPE '\\' OR i.address LIKE @q ESCAPE '\\')`);
      params.q = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM incidents i ${clause}`).get(params) as { n: number }).n;
    const rows = this.db.prepare(`${SELECT} ${clause} ORDER BY i.created_at DESC, i.code DESC LIMIT @limit OFFSET @offset`).all(params) as IncidentRow[];
    return { items: rows.map(toRecord), total };
  }

  /** Open dispatched/handled incidents whose deadline has passed and that are not yet marked overdue. */
  dueForEscalation(now: number): IncidentRecord[] {
    return (
      this.db.prepare(`${SELECT} WHERE i.state IN ('dispatched', 'handled') AND i.overdue = 0 AND i.deadline IS NOT NULL AND i.deadline < ? ORDER BY i.deadline`).all(now) as IncidentRow[]
    ).map(toRecord);
  }
}
