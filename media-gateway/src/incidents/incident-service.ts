import { createHash, randomUUID } from 'node:crypto';
import type {
  IncidentAction,
  IncidentAttachmentDto,
  IncidentCreate,
  IncidentDetailDto,
  IncidentDto,
  IncidentEventDto,
  IncidentFromAlarm,
  IncidentListQuery,
  IncidentListResponse,
  IncidentStatisticsResponse,
  IncidentTopicEvent,
  IncidentUserAction,
  INCIDENT_ACTION_BODIES,
} from '../../../contracts/src/incident';
import { roleHas } from '../../../contracts/src/permissions';
import { incidentNote } from '../../../contracts/src/incident-notes';
import { COUNTY_TODO_STATES } from '../../../contracts/src/incident-todo';
import type { z } from 'zod';
import type { AuthUser } from '../auth/auth-user';
import type { ScopeService } from '../auth/scope-service';
import type { AuditRepository } from '../db/audit-repository';
import type { OrgUnitRepository } from '../db/org-unit-repository';
import { badRequest, conflict, forbidden, HttpError, notFound } from '../platform/errors';
import type { Logger } from '../platform/logger';
import type { EventHub } from '../realtime/event-hub';
import { alarmSummaries, type AlarmForIncident, type AlarmLink } from './alarm-link';
import { EXTENSIONS, type UploadedFile } from './attachment-upload';
import { formatIncidentCode, localYear, startOfLocalYear, townshipShortCode } from './incident-code';
import type { AttachmentRecord, IncidentPatch, IncidentRecord, IncidentRepository, IncidentTodoFilter } from './incident-repository';
import { transition, type WorkflowAction } from './incident-state-machine';
import type { IncidentStatistics } from './incident-statistics';

export const INCIDENT_TOPIC = 'incidents';

type Actor = Pick<AuthUser, 'id' | 'username' | 'displayName' | 'role' | 'orgUnitId'>;
type ActionBody<A extends IncidentUserAction> = z.infer<(typeof INCIDENT_ACTION_BODIES)[A]>;

const SYSTEM = { userId: null, username: 'system', displayName: '系统' } as const;
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export interface IncidentServiceDeps {
  repo: IncidentRepository;
  statistics: IncidentStatistics;
  orgUnits: OrgUnitRepository;
  cameras: { get(id: string): { orgUnitId: string } | null };
  scope: ScopeService;
  hub: EventHub;
  alarms: AlarmLink;
  audit: AuditRepository;
  log: Logger;
  now: () => number;
  utcOffsetMinutes: number;
}

/**
 * The incident workflow: who may do what, scope, state transitions (incident-state-machine.ts), the timeline, and
 * the push on the `incidents` topic. Every write is one transaction; callers answer only after it returned, i.e.
 * after the commit (WAL + synchronous=FULL).
 */
export class IncidentService {
  constructor(private readonly d: IncidentServiceDeps) {}

  // ---- visibility and rights -------------------------------------------------------------------------------

  /** Township officers see incidents placed in, or dispatched to, their unit's subtree; county-level users see all. */
  canSee(user: Pick<AuthUser, 'orgUnitId'>, r: IncidentRecord): boolean {
    return this.d.scope.canSeeOrgUnit(user, r.orgUnitId) || (r.responsibleOrgUnitId !== null && this.d.scope.canSeeOrgUnit(user, r.responsibleOrgUnitId));
  }

  /** The responsible unit lies in the user's scope (an unscoped user answers for departments too). */
  private isResponsible(user: Actor, r: IncidentRecord): boolean {
    if (user.orgUnitId === null) return true;
    return r.responsibleOrgUnitId !== null && this.d.scope.canSeeOrgUnit(user, r.responsibleOrgUnitId);
  }

  private load(user: Actor, id: string, ip: string | null = null): IncidentRecord {
    const r = this.d.repo.get(id);
    if (!r) throw notFound('incident');
    if (!this.canSee(user, r)) {
      this.d.audit.append({ userId: user.id, username: user.username, action: 'access.denied', targetType: 'incident', targetId: id, outcome: 'denied', ip, details: { reason: 'incident is outside your org-unit scope' } });
      throw forbidden('incident is outside your org-unit scope');
    }
    return r;
  }

  private requireRight(user: Actor, action: WorkflowAction | 'create', r: IncidentRecord | null): void {
    const write = roleHas(user.role, 'incident.write');
    const handle = roleHas(user.role, 'incident.handle');
    let ok: boolean;
    switch (action) {
      case 'create':
        ok = write || handle;
        break;
      case 'handle':
        ok = handle && r !== null && this.isResponsible(user, r);
        break;
      case 'return':
        ok = write || (handle && r !== null && this.isResponsible(user, r));
        break;
      case 'attach':
        ok = write || handle;
        break;
      default:
        ok = write;
    }
    if (ok) return;
    const why =
      action === 'handle' || action === 'return'
        ? `only the responsible unit may ${action} this incident (role ${user.role})`
        : `role ${user.role} may not ${action} incidents`;
    throw forbidden(why);
  }

  // ---- DTOs ------------------------------------------------------------------------------------------------

  toDto(r: IncidentRecord, viewer: Pick<AuthUser, 'role'> | null): IncidentDto {
    const showPhone = viewer !== null && roleHas(viewer.role, 'incident.write');
    return {
      id: r.id,
      code: r.code,
      title: r.title,
      category: r.category,
      description: r.description,
      place: { orgUnitId: r.orgUnitId, townshipId: r.townshipId, lat: r.lat, lng: r.lng, address: r.address },
      reporter: { kind: r.reporterKind, name: r.reporterName, phone: showPhone ? r.reporterPhone : null },
      occurredAt: iso(r.occurredAt)!,
      state: r.state,
      responsibleOrgUnitId: r.responsibleOrgUnitId,
      responsibleDepartment: r.responsibleDepartment,
      deadline: iso(r.deadline),
      supervised: r.supervised,
      overdue: r.overdue,
      feedback: r.feedback,
      disputeResolved: r.disputeResolved,
      visit: r.visitResult !== null && r.visitSatisfaction !== null && r.visitedAt !== null ? { result: r.visitResult, satisfaction: r.visitSatisfaction, at: iso(r.visitedAt)! } : null,
      cameraIds: r.cameraIds,
      alarmIds: r.alarmIds,
      createdBy: r.createdBy,
      createdAt: iso(r.createdAt)!,
      updatedAt: iso(r.updatedAt)!,
      closedAt: iso(r.closedAt),
    };
  }

  private attachmentDto(a: AttachmentRecord): IncidentAttachmentDto {
    return {
      id: a.id,
      kind: a.kind,
      contentType: a.contentType,
      size: a.size,
      fileName: a.fileName,
      sourceAlarmId: a.sourceAlarmId,
      createdAt: iso(a.createdAt)!,
      createdBy: a.createdBy,
      url: `/api/v1/incidents/${a.incidentId}/attachments/${a.id}`,
    };
  }

  /**
   * Pushed after the commit, with the incident's place. When the responsible unit lies outside the place's subtree
   * (dispatched to another township), once more with the responsible unit, so that township hears of it too; a
   * county console then gets the same payload twice and upserts it by id. A township that held it until this step
   * (returned to the county) hears of it once more too, so its 待我处理 count drops at once.
   */
  private publish(action: IncidentAction, r: IncidentRecord, previousResponsible: string | null = null): void {
    const data: IncidentTopicEvent = { action, incident: this.toDto(r, null) };
    this.d.hub.publish(INCIDENT_TOPIC, data, r.orgUnitId);
    const others = new Set([r.responsibleOrgUnitId, previousResponsible].filter((u): u is string => u !== null && !this.d.orgUnits.isWithin(r.orgUnitId, u)));
    for (const unit of others) this.d.hub.publish(INCIDENT_TOPIC, data, unit);
  }

  // ---- create ----------------------------------------------------------------------------------------------

  private townshipOf(orgUnitId: string): string | null {
    let unit = this.d.orgUnits.get(orgUnitId);
    for (let hops = 0; unit && hops < 8; hops++) {
      if (unit.level === 'township') return unit.id;
      unit = unit.parentId ? this.d.orgUnits.get(unit.parentId) : null;
    }
    return null;
  }

  /** A retry with a known clientRequestId: the same incident, if the caller may see it. */
  private replay(user: Actor, clientRequestId: string): IncidentDto | null {
    const existing = this.d.repo.getByClientRequestId(clientRequestId);
    if (!existing) return null;
    if (!this.canSee(user, existing)) throw conflict('clientRequestId is already used by another incident');
    return this.toDto(existing, user);
  }

  create(user: Actor, body: IncidentCreate): { incident: IncidentDto; created: boolean } {
    const replayed = this.replay(user, body.clientRequestId);
    if (replayed) return { incident: replayed, created: false };
    const alarms = body.alarmIds.map((id) => {
      const a = this.d.alarms.get(id);
      if (!a) throw badRequest(`body.alarmIds: alarm ${id} not found`);
      return a;
    });
    return { incident: this.insert(user, body, alarms, 'create'), created: true };
  }

  createFromAlarm(user: Actor, alarmId: string, body: IncidentFromAlarm): { incident: IncidentDto; created: boolean } {
    const replayed = this.replay(user, body.clientRequestId);
    if (replayed) return { incident: replayed, created: false };
    const alarm = this.d.alarms.get(alarmId);
    if (!alarm) throw notFound('alarm');
    if (alarm.orgUnitId && !this.d.scope.canSeeOrgUnit(user, alarm.orgUnitId)) throw forbidden('alarm is outside your org-unit scope');
    const place = body.place ?? (alarm.orgUnitId ? { orgUnitId: alarm.orgUnitId, lat: alarm.lat, lng: alarm.lng, address: null } : null);
    if (!place) throw badRequest('body.place: the alarm names no org unit; give the place');
    const input: IncidentCreate = {
      clientRequestId: body.clientRequestId,
      title: body.title ?? alarm.title ?? `${alarm.type ?? 'alarm'} ${alarm.id}`,
      category: body.category,
      description: body.description ?? alarm.detail ?? '',
      place,
      reporter: { kind: 'alarm', name: alarm.type, phone: null },
      occurredAt: alarm.at !== null ? new Date(alarm.at).toISOString() : undefined,
      cameraIds: alarm.cameraIds,
      alarmIds: [alarm.id],
    };
    return { incident: this.insert(user, input, [alarm], 'from-alarm'), created: true };
  }

  private insert(user: Actor, body: IncidentCreate, alarms: AlarmForIncident[], via: 'create' | 'from-alarm'): IncidentDto {
    this.requireRight(user, 'create', null);
    const place = this.d.orgUnits.get(body.place.orgUnitId);
    if (!place) throw badRequest(`body.place.orgUnitId: org unit ${body.place.orgUnitId} not found`);
    if (!this.d.scope.canSeeOrgUnit(user, place.id)) throw forbidden('the place is outside your org-unit scope');
    const cameraIds = [...new Set(body.cameraIds)];
    for (const id of cameraIds) {
      const cam = this.d.cameras.get(id);
      if (!cam || !this.d.scope.canSeeOrgUnit(user, cam.orgUnitId)) throw badRequest(`body.cameraIds: camera ${id} not found`);
    }
    const now = this.d.now();
    const townshipId = this.townshipOf(place.id);
    const id = randomUUID();
    const record = this.d.repo.transaction(() => {
      for (const a of alarms) {
        const taken = this.d.repo.incidentIdForAlarm(a.id);
        if (taken) throw conflict(`alarm ${a.id} was already converted to incident ${this.d.repo.get(taken)?.code ?? taken}`, { incidentId: taken });
        if (a.state === 'converted') throw conflict(`alarm ${a.id} is already converted to an incident`);
      }
      const shortCode = townshipShortCode(townshipId);
      const code = formatIncidentCode(localYear(now, this.d.utcOffsetMinutes), shortCode, this.d.repo.nextSequence(shortCode, localYear(now, this.d.utcOffsetMinutes)));
      this.d.repo.insert({
        id,
        code,
        clientRequestId: body.clientRequestId,
        title: body.title,
        category: body.category,
        description: body.description,
        orgUnitId: place.id,
        townshipId,
        lat: body.place.lat,
        lng: body.place.lng,
        address: body.place.address,
        reporterKind: body.reporter.kind,
        reporterName: body.reporter.name,
        reporterPhone: body.reporter.phone,
        cameraIds,
        occurredAt: body.occurredAt ? Date.parse(body.occurredAt) : now,
        state: 'accepted',
        responsibleOrgUnitId: null,
        responsibleDepartment: null,
        deadline: null,
        supervised: false,
        overdue: false,
        feedback: null,
        disputeResolved: null,
        visitResult: null,
        visitSatisfaction: null,
        visitedAt: null,
        createdBy: user.id,
        createdAt: now,
        closedAt: null,
      });
      const note = via === 'from-alarm' ? incidentNote.fromAlarm(alarms[0]!.id) : alarms.length ? incidentNote.linkedAlarms(alarms.map((a) => a.id)) : null;
      this.event(id, user, 'create', null, 'accepted', note, now);
      let n = 0;
      for (const a of alarms) {
        this.d.repo.linkAlarm(id, a.id);
        if (a.snapshot) this.storeAttachment(id, code, ++n, 'snapshot', a.snapshot.contentType, a.snapshot.data, user.id, a.id, now);
        this.d.alarms.markConverted(a.id, id, { userId: user.id, username: user.username, displayName: user.displayName }, now);
      }
      return this.d.repo.get(id)!;
    });
    this.publish('create', record);
    return this.toDto(record, user);
  }

  private event(incidentId: string, user: Actor | null, action: IncidentAction, from: IncidentRecord['state'] | null, to: IncidentRecord['state'], note: string | null, at: number): void {
    const who = user ? { userId: user.id, username: user.username, displayName: user.displayName } : SYSTEM;
    this.d.repo.appendEvent({ incidentId, at, ...who, action, fromState: from, toState: to, note: note === '' ? null : note });
  }

  // ---- read ------------------------------------------------------------------------------------------------

  list(user: Actor, q: IncidentListQuery): IncidentListResponse {
    const { items, total } = this.d.repo.list({
      orgUnitIds: this.d.scope.narrow(user, q.orgUnit) ?? null,
      state: q.state,
      category: q.category,
      supervised: q.supervised,
      overdue: q.overdue,
      todo: q.todo ? this.todoFilter(user) : undefined,
      q: q.q,
      from: q.from ? Date.parse(q.from) : undefined,
      to: q.to ? Date.parse(q.to) : undefined,
      limit: q.limit,
      offset: q.offset,
    });
    return { items: items.map((r) => this.toDto(r, user)), total };
  }

  /** 待我处理 for this user, as SQL sees it (the same rule as contracts `waitsFor`). */
  private todoFilter(user: Actor): IncidentTodoFilter {
    const handle = roleHas(user.role, 'incident.handle');
    return {
      states: roleHas(user.role, 'incident.write') ? COUNTY_TODO_STATES : [],
      dispatchedTo: !handle ? null : user.orgUnitId === null ? 'department' : this.d.orgUnits.subtreeIds(user.orgUnitId),
    };
  }

  detail(user: Actor, id: string, ip: string | null = null): IncidentDetailDto {
    const r = this.load(user, id, ip);
    const timeline: IncidentEventDto[] = this.d.repo.events(id).map((e) => ({
      id: e.id,
      at: iso(e.at)!,
      action: e.action,
      fromState: e.fromState,
      toState: e.toState,
      userId: e.userId,
      username: e.username,
      displayName: e.displayName,
      note: e.note,
    }));
    return { ...this.toDto(r, user), timeline, attachments: this.d.repo.attachments(id).map((a) => this.attachmentDto(a)), alarms: alarmSummaries(this.d.alarms, r.alarmIds) };
  }

  // ---- workflow --------------------------------------------------------------------------------------------

  act<A extends IncidentUserAction>(user: Actor, id: string, action: A, body: ActionBody<A>, ip: string | null = null): IncidentDto {
    const current = this.load(user, id, ip);
    this.requireRight(user, action, current);
    const now = this.d.now();
    const { patch, note } = this.stepOf(user, current, action, body, now);
    const { record, heldBy } = this.d.repo.transaction(() => {
      // Re-read inside the write lock: another request may have moved the incident since.
      const r = this.d.repo.get(id)!;
      const t = transition(r.state, action);
      if (!t.ok) throw conflict(`incident ${r.code}: ${t.message}`, { state: r.state, action, allowedFrom: t.allowedFrom });
      this.d.repo.update(id, { ...patch, state: t.to }, now);
      this.event(id, user, action, r.state, t.to, note, now);
      return { record: this.d.repo.get(id)!, heldBy: r.responsibleOrgUnitId };
    });
    this.publish(action, record, heldBy);
    return this.toDto(record, user);
  }

  /** What a step changes besides the state, and the note for the timeline. Validates against the record. */
  private stepOf(user: Actor, r: IncidentRecord, action: IncidentUserAction, body: unknown, now: number): { patch: IncidentPatch; note: string | null } {
    switch (action) {
      case 'analyse': {
        const b = body as ActionBody<'analyse'>;
        const note = b.category && b.category !== r.category ? incidentNote.categoryChange(b.note ?? '', r.category, b.category) : b.note;
        return { patch: { category: b.category }, note };
      }
      case 'dispatch': {
        const b = body as ActionBody<'dispatch'>;
        const deadline = Date.parse(b.deadline);
        if (deadline <= now) throw badRequest('body.deadline: must lie in the future');
        if (b.responsibleOrgUnitId !== undefined) {
          const unit = this.d.orgUnits.get(b.responsibleOrgUnitId);
          if (!unit || unit.level !== 'township') throw badRequest(`body.responsibleOrgUnitId: ${b.responsibleOrgUnitId} is not a township`);
          if (!this.d.scope.canSeeOrgUnit(user, unit.id)) throw forbidden('the responsible township is outside your org-unit scope');
          return { patch: { responsibleOrgUnitId: unit.id, responsibleDepartment: null, deadline }, note: incidentNote.dispatch({ name: unit.name, id: unit.id }, b.deadline, b.note) };
        }
        return { patch: { responsibleOrgUnitId: null, responsibleDepartment: b.responsibleDepartment!, deadline }, note: incidentNote.dispatch({ name: b.responsibleDepartment! }, b.deadline, b.note) };
      }
      case 'handle': {
        const b = body as ActionBody<'handle'>;
        return { patch: { feedback: b.feedback }, note: b.feedback };
      }
      case 'return': {
        const b = body as ActionBody<'return'>;
        // Back to the county: the unit it was dispatched to no longer holds it (the timeline keeps who did).
        return { patch: { responsibleOrgUnitId: null, responsibleDepartment: null, deadline: null }, note: b.reason };
      }
      case 'close': {
        const b = body as ActionBody<'close'>;
        return { patch: { closedAt: now, disputeResolved: r.category === 'dispute' ? (b.disputeResolved ?? true) : null }, note: b.note };
      }
      case 'supervise': {
        const b = body as ActionBody<'supervise'>;
        return { patch: { supervised: true }, note: b.note };
      }
      case 'visit': {
        const b = body as ActionBody<'visit'>;
        return { patch: { visitResult: b.result, visitSatisfaction: b.satisfaction, visitedAt: now }, note: `${b.satisfaction}/5: ${b.result}` };
      }
    }
  }

  /** 督办 by the system: open dispatched/handled incidents past their deadline become overdue and supervised. */
  escalateOverdue(): number {
    const now = this.d.now();
    let escalated = 0;
    for (const due of this.d.repo.dueForEscalation(now)) {
      const record = this.d.repo.transaction(() => {
        const r = this.d.repo.get(due.id)!;
        if (r.overdue || r.deadline === null || r.deadline >= now || !transition(r.state, 'escalate').ok) return null;
        this.d.repo.update(r.id, { overdue: true, supervised: true }, now);
        this.event(r.id, null, 'escalate', r.state, r.state, `deadline ${iso(r.deadline)} passed`, now);
        return this.d.repo.get(r.id)!;
      });
      if (record) {
        escalated++;
        this.publish('escalate', record);
      }
    }
    if (escalated) this.d.log.info({ escalated }, 'overdue incidents escalated');
    return escalated;
  }

  // ---- attachments -----------------------------------------------------------------------------------------

  private storeAttachment(incidentId: string, code: string, n: number, kind: 'snapshot' | 'file', contentType: UploadedFile['contentType'], data: Buffer, by: string | null, alarmId: string | null, at: number): AttachmentRecord {
    const a: AttachmentRecord = {
      id: randomUUID(),
      incidentId,
      kind,
      contentType,
      size: data.length,
      sha256: createHash('sha256').update(data).digest('hex'),
      fileName: `${code}-${String(n).padStart(2, '0')}.${EXTENSIONS[contentType]}`,
      sourceAlarmId: alarmId,
      createdBy: by,
      createdAt: at,
    };
    this.d.repo.addAttachment({ ...a, data });
    return a;
  }

  addAttachment(user: Actor, id: string, file: UploadedFile, ip: string | null = null): IncidentAttachmentDto {
    this.load(user, id, ip);
    this.requireRight(user, 'attach', null);
    const now = this.d.now();
    const { a, record } = this.d.repo.transaction(() => {
      const r = this.d.repo.get(id)!;
      const a = this.storeAttachment(id, r.code, this.d.repo.attachmentCount(id) + 1, 'file', file.contentType, file.data, user.id, null, now);
      this.d.repo.update(id, {}, now);
      this.event(id, user, 'attach', r.state, r.state, `${a.fileName} (${file.contentType}, ${file.data.length} bytes)`, now);
      return { a, record: this.d.repo.get(id)! };
    });
    this.publish('attach', record);
    return this.attachmentDto(a);
  }

  listAttachments(user: Actor, id: string, ip: string | null = null): IncidentAttachmentDto[] {
    this.load(user, id, ip);
    return this.d.repo.attachments(id).map((a) => this.attachmentDto(a));
  }

  attachment(user: Actor, id: string, attachmentId: string, ip: string | null): AttachmentRecord & { data: Buffer } {
    this.load(user, id, ip);
    const a = this.d.repo.attachmentData(id, attachmentId);
    if (!a) throw notFound('attachment');
    if (!a.data) throw new HttpError(404, 'not_found', 'attachment has no stored content');
    this.d.audit.append({ userId: user.id, username: user.username, action: 'incident.attachment-download', targetType: 'incident', targetId: id, outcome: 'ok', ip, details: { attachmentId, fileName: a.fileName } });
    return { ...a, data: a.data };
  }

  // ---- statistics ------------------------------------------------------------------------------------------

  statistics(user: Actor, q: { from?: string | undefined; to?: string | undefined; groupBy: 'township' | 'month'; orgUnit?: string | undefined }): IncidentStatisticsResponse {
    const now = this.d.now();
    const from = q.from ? Date.parse(q.from) : startOfLocalYear(now, this.d.utcOffsetMinutes);
    const to = q.to ? Date.parse(q.to) : now + 1;
    if (to <= from) throw badRequest('query.to: must be after query.from');
    const result = this.d.statistics.compute({ from, to, groupBy: q.groupBy, orgUnitIds: this.d.scope.narrow(user, q.orgUnit) ?? null, utcOffsetMinutes: this.d.utcOffsetMinutes }, this.d.orgUnits.list());
    return { from: new Date(from).toISOString(), to: new Date(to).toISOString(), groupBy: q.groupBy, ...result };
  }
}
