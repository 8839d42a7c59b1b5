import { randomUUID } from 'node:crypto';
import type { AlarmDetailDto, AlarmDto, AlarmListQuery, AlarmListResponse, AlarmSeverity, AlarmSource, ExternalAlarm, ExternalAlarmResponse, GatewayAlarmType, HealthAlarmType } from '../../../contracts/src/alarm';
import { GATEWAY_ALARM_SOURCE } from '../../../contracts/src/alarm';
import { roleHas } from '../../../contracts/src/permissions';
import type { ApiKeyClient } from '../auth/access-guard';
import type { AuthUser } from '../auth/auth-user';
import type { ScopeService } from '../auth/scope-service';
import type { AuditRepository } from '../db/audit-repository';
import type { CameraRepository } from '../db/camera-repository';
import type { Db } from '../db/connection';
import type { OrgUnitRepository } from '../db/org-unit-repository';
import type { UserRepository } from '../db/user-repository';
import { badRequest, conflict, forbidden, notFound } from '../platform/errors';
import type { Logger } from '../platform/logger';
import { coalesceInto } from './alarm-coalescing';
import type { AlarmPublisher } from './alarm-publisher';
import type { AlarmPatch, AlarmRecord, AlarmRepository } from './alarm-repository';
import type { AlarmRuleRepository } from './alarm-rule-repository';
import { matchRules } from './alarm-rule-matcher';
import type { AlarmSnapshotter } from './alarm-snapshotter';
import { transition, type AlarmCommand } from './alarm-state-machine';

/** Who acts on an alarm: a signed-in user (its scope is checked) or, for markConverted, the incident module's user. */
export type AlarmActor = Pick<AuthUser, 'id' | 'username' | 'displayName' | 'orgUnitId'>;

export interface AlarmServiceDeps {
  db: Db;
  alarms: AlarmRepository;
  rules: AlarmRuleRepository;
  cameras: Pick<CameraRepository, 'get'>;
  orgUnits: Pick<OrgUnitRepository, 'get' | 'isWithin'>;
  users: Pick<UserRepository, 'get'>;
  scope: ScopeService;
  audit: AuditRepository;
  publisher: AlarmPublisher;
  /** null = no snapshots at alarms. */
  snapshots: AlarmSnapshotter | null;
  log: Logger;
  now: () => number;
  coalesceWindowMs: number;
}

interface RaiseInput {
  type: string;
  severity: AlarmSeverity;
  source: AlarmSource;
  cameraId: string | null;
  cameraIds: string[];
  orgUnitId: string;
  title: string;
  detail: string | null;
  occurredAt: number;
  externalEventId: string | null;
  actor: string;
}

const HEALTH_SEVERITY: Record<HealthAlarmType, AlarmSeverity> = { 'camera-offline': 'major', 'stream-stalled': 'major', 'auth-failed': 'major', 'camera-flapping': 'major' };
const FLAPPING = 'camera-flapping';

/**
 * Raising (with coalescing and rules), handling (the state machine, who and when), and reading alarms. Every write
 * is one SQLite transaction (synchronous=FULL) that has committed before the caller answers; better-sqlite3 runs
 * them one at a time, so concurrent requests cannot race a coalescing decision.
 */
export class AlarmService {
  constructor(private readonly d: AlarmServiceDeps) {}

  // ---- raising ------------------------------------------------------------------------------------------------

  /** One transaction: fold into the open alarm of the same camera + type, or insert a new one with its rules. */
  private raiseInTx(input: RaiseInput, at: number): { alarmId: string; created: boolean } {
    const candidate = input.cameraId ? this.d.alarms.coalesceCandidate(input.cameraId, input.type) : null;
    const target = coalesceInto(input.cameraId, candidate, at, this.d.coalesceWindowMs);
    if (target) {
      this.d.alarms.bump(target, at, input.severity);
      return { alarmId: target, created: false };
    }
    const id = randomUUID();
    const actions = matchRules(input, this.d.rules.list(), this.d.rules.orgUnitAncestors(input.orgUnitId));
    this.d.alarms.insert({ ...input, id, actions, at });
    this.d.alarms.addEvent({ alarmId: id, at, action: 'raised', userId: null, actor: input.actor, fromState: null, toState: 'new', note: null });
    return { alarmId: id, created: true };
  }

  /** After the commit: push, and for a new camera alarm of an online camera, a snapshot in the background. */
  private afterRaise(outcome: { alarmId: string; created: boolean }, cameraId: string | null, wantSnapshot: boolean): void {
    if (!outcome.created) return this.d.publisher.repeated(outcome.alarmId);
    this.d.publisher.created(outcome.alarmId);
    if (wantSnapshot && cameraId && this.d.snapshots && this.d.cameras.get(cameraId)?.status === 'online') this.d.snapshots.request(outcome.alarmId, cameraId);
  }

  /** `POST /api/v1/alarms`: idempotent on (source, eventId); answers 201 for a first delivery, 200 for a repeat. */
  raiseExternal(client: ApiKeyClient, body: ExternalAlarm): { status: 200 | 201; body: ExternalAlarmResponse } {
    const source: AlarmSource = `external:${client.name}`;
    const known = this.d.alarms.externalAlarmId(source, body.eventId);
    if (known) return { status: 200, body: this.externalResponse(known, false, true) };

    const place = this.externalPlace(client, body);
    const at = this.d.now();
    const input: RaiseInput = {
      type: body.type,
      severity: body.severity,
      source,
      cameraId: body.cameraId ?? null,
      cameraIds: place.cameraIds,
      orgUnitId: place.orgUnitId,
      title: body.title,
      detail: body.detail ?? null,
      occurredAt: body.occurredAt ? Date.parse(body.occurredAt) : at,
      externalEventId: body.eventId,
      actor: source,
    };
    const outcome = this.d.db.transaction(() => {
      const again = this.d.alarms.externalAlarmId(source, body.eventId);
      if (again) return { alarmId: again, created: false, duplicate: true };
      const raised = this.raiseInTx(input, at);
      this.d.alarms.recordExternal(source, body.eventId, raised.alarmId, at);
      return { ...raised, duplicate: false };
    })();
    if (outcome.duplicate) return { status: 200, body: this.externalResponse(outcome.alarmId, false, true) };
    this.afterRaise(outcome, input.cameraId, true);
    return { status: 201, body: this.externalResponse(outcome.alarmId, !outcome.created, false) };
  }

  private externalResponse(alarmId: string, coalesced: boolean, duplicate: boolean): ExternalAlarmResponse {
    const a = this.d.alarms.get(alarmId)!;
    return { alarmId, coalesced, duplicate, count: a.count, state: a.state };
  }

  /** Cameras and org unit must exist and lie within what the source may report on. */
  private externalPlace(client: ApiKeyClient, body: ExternalAlarm): { orgUnitId: string; cameraIds: string[] } {
    const allowed = (orgUnitId: string) => client.allowedOrgUnitId === null || this.d.orgUnits.isWithin(orgUnitId, client.allowedOrgUnitId);
    if (body.orgUnitId !== undefined) {
      if (!this.d.orgUnits.get(body.orgUnitId)) throw badRequest('body.orgUnitId: unknown org unit');
      if (!allowed(body.orgUnitId)) throw forbidden(`org unit ${body.orgUnitId} is outside what source ${client.name} may report on`);
    }
    if (body.cameraId === undefined) return { orgUnitId: body.orgUnitId!, cameraIds: [] };
    const ids = [...new Set([body.cameraId, ...(body.cameraIds ?? [])])];
    let primaryOrg = '';
    for (const [i, id] of ids.entries()) {
      const camera = this.d.cameras.get(id);
      const field = i === 0 ? 'body.cameraId' : 'body.cameraIds';
      if (!camera) throw badRequest(`${field}: unknown camera ${id}`);
      if (!allowed(camera.orgUnitId)) throw forbidden(`camera ${id} is outside what source ${client.name} may report on`);
      if (i === 0) primaryOrg = camera.orgUnitId;
    }
    // Both given: the camera must lie in that org unit; the alarm takes the camera's (more precise) unit.
    if (body.orgUnitId !== undefined && !this.d.orgUnits.isWithin(primaryOrg, body.orgUnitId)) throw badRequest('body.orgUnitId: the camera does not lie in this org unit');
    return { orgUnitId: primaryOrg, cameraIds: ids };
  }

  /**
   * A camera fault from the health check or a pipeline. Transition-based: a camera has at most one open health
   * alarm; while it is open, a new or changed reason only updates its detail (and history), never a new alarm.
   */
  raiseHealth(cameraId: string, type: HealthAlarmType, reason: string): void {
    const camera = this.d.cameras.get(cameraId);
    if (!camera) return;
    const at = this.d.now();
    const result = this.d.db.transaction(() => {
      const open = this.openHealthFault(cameraId)[0];
      if (open) {
        if (open.detail === reason) return null;
        this.d.alarms.update(open.id, { detail: reason }, at);
        this.d.alarms.addEvent({ alarmId: open.id, at, action: 'reason-changed', userId: null, actor: 'system', fromState: open.state, toState: open.state, note: reason });
        return { alarmId: open.id, created: false, changed: true };
      }
      const input: RaiseInput = {
        type,
        severity: HEALTH_SEVERITY[type],
        source: 'camera-health',
        cameraId,
        cameraIds: [cameraId],
        orgUnitId: camera.orgUnitId,
        title: camera.name,
        detail: reason,
        occurredAt: at,
        externalEventId: null,
        actor: 'system',
      };
      return { ...this.raiseInTx(input, at), changed: false };
    })();
    if (!result) return;
    if (result.changed) this.d.publisher.updated(result.alarmId);
    // No snapshot: an offline, stalled or locked-out camera has no picture to give.
    else this.afterRaise(result, cameraId, false);
    if (result.created) this.d.log.info({ alarmId: result.alarmId, cameraId, type, reason }, 'camera health alarm raised');
  }

  /**
   * A fault of the gateway itself (storage, not a camera), for the county-level consoles: placed at the root org unit,
   * source `external:gateway` (GATEWAY_ALARM_SOURCE). One open alarm per type: a repeat while it is open only counts.
   */
  raiseGateway(type: GatewayAlarmType, orgUnitId: string, title: string, detail: string, occurredAt: number): void {
    const at = this.d.now();
    const input: RaiseInput = { type, severity: 'critical', source: GATEWAY_ALARM_SOURCE, cameraId: null, cameraIds: [], orgUnitId, title, detail, occurredAt, externalEventId: null, actor: 'system' };
    const outcome = this.d.db.transaction(() => {
      const open = this.d.alarms.openOfSource(null, GATEWAY_ALARM_SOURCE).find((a) => a.type === type);
      if (open) {
        this.d.alarms.bump(open.id, at, 'critical');
        return { alarmId: open.id, created: false };
      }
      return this.raiseInTx(input, at);
    })();
    this.afterRaise(outcome, null, false);
    if (outcome.created) this.d.log.warn({ alarmId: outcome.alarmId, type, detail }, 'gateway alarm raised');
  }

  /** The gateway's fault has passed (space freed): its open alarm of this type is resolved by the system. */
  resolveGateway(type: GatewayAlarmType, note: string): void {
    const at = this.d.now();
    const resolved = this.d.db.transaction(() =>
      this.d.alarms
        .openOfSource(null, GATEWAY_ALARM_SOURCE)
        .filter((a) => a.type === type)
        .map((a) => {
          this.apply(a, 'recover', { resolvedAt: at, resolvedBy: 'system', resolutionNote: note }, { userId: null, actor: 'system', action: 'resolved', note }, at);
          return a.id;
        }),
    )();
    for (const id of resolved) this.d.publisher.updated(id);
    if (resolved.length) this.d.log.warn({ alarms: resolved, type }, 'gateway alarm resolved');
  }

  /** The camera is back: its open health alarms are resolved by the gateway, with the recovery in their history. */
  recoverHealth(cameraId: string, note: string): void {
    const at = this.d.now();
    const resolved = this.d.db.transaction(() =>
      this.openHealthFault(cameraId).map((a) => {
        this.apply(a, 'recover', { resolvedAt: at, resolvedBy: 'system', resolutionNote: `camera-online: ${note}` }, { userId: null, actor: 'system', action: 'camera-online', note }, at);
        return a.id;
      }),
    )();
    for (const id of resolved) this.d.publisher.updated(id);
    if (resolved.length) this.d.log.info({ cameraId, alarms: resolved }, 'camera recovered: health alarms resolved');
  }

  /** Open health alarms about one outage (offline, stalled, auth): the flapping alarm spans outages and is apart. */
  private openHealthFault(cameraId: string): AlarmRecord[] {
    return this.d.alarms.openOfSource(cameraId, 'camera-health').filter((a) => a.type !== FLAPPING);
  }

  /**
   * A flapping camera's outage: the open `camera-flapping` alarm counts it (count + 1), or one is raised counting
   * the `outages` seen so far. While it is open, the camera's outages raise nothing else.
   */
  raiseFlapping(cameraId: string, outages: number, detail: string): void {
    const camera = this.d.cameras.get(cameraId);
    if (!camera) return;
    const at = this.d.now();
    const severity = HEALTH_SEVERITY[FLAPPING];
    const outcome = this.d.db.transaction(() => {
      const open = this.d.alarms.openOfSource(cameraId, 'camera-health').find((a) => a.type === FLAPPING);
      if (open) {
        this.d.alarms.bump(open.id, at, severity);
        this.d.alarms.update(open.id, { detail }, at);
        return { alarmId: open.id, created: false };
      }
      const id = randomUUID();
      const input: RaiseInput = { type: FLAPPING, severity, source: 'camera-health', cameraId, cameraIds: [cameraId], orgUnitId: camera.orgUnitId, title: camera.name, detail, occurredAt: at, externalEventId: null, actor: 'system' };
      const actions = matchRules(input, this.d.rules.list(), this.d.rules.orgUnitAncestors(input.orgUnitId));
      this.d.alarms.insert({ ...input, id, actions, at });
      for (let i = 1; i < outages; i++) this.d.alarms.bump(id, at, severity);
      this.d.alarms.addEvent({ alarmId: id, at, action: 'raised', userId: null, actor: 'system', fromState: null, toState: 'new', note: detail });
      return { alarmId: id, created: true };
    })();
    this.afterRaise(outcome, cameraId, false);
    if (outcome.created) this.d.log.info({ alarmId: outcome.alarmId, cameraId, outages }, 'camera flapping alarm raised');
  }

  /** The flapping camera has held its status for a whole window: its flapping alarm is resolved by the gateway. */
  resolveFlapping(cameraId: string, note: string): void {
    const at = this.d.now();
    const resolved = this.d.db.transaction(() =>
      this.d.alarms
        .openOfSource(cameraId, 'camera-health')
        .filter((a) => a.type === FLAPPING)
        .map((a) => {
          this.apply(a, 'recover', { resolvedAt: at, resolvedBy: 'system', resolutionNote: `camera-stable: ${note}` }, { userId: null, actor: 'system', action: 'camera-online', note }, at);
          return a.id;
        }),
    )();
    for (const id of resolved) this.d.publisher.updated(id);
    if (resolved.length) this.d.log.info({ cameraId, alarms: resolved }, 'camera stable again: flapping alarm resolved');
  }

  /**
   * An event a camera reports about itself (ONVIF motion / tamper). Raised like any alarm — coalesced with the open
   * alarm of the same camera + type, rules evaluated when created — and, when created for an online camera, a
   * snapshot is taken in the background. Null when the camera is no longer registered.
   */
  raiseCameraEvent(
    cameraId: string,
    e: { type: string; severity: AlarmSeverity; source: AlarmSource; detail: string | null; occurredAt?: number },
  ): { alarmId: string; created: boolean } | null {
    const camera = this.d.cameras.get(cameraId);
    if (!camera) return null;
    const at = this.d.now();
    const input: RaiseInput = {
      type: e.type,
      severity: e.severity,
      source: e.source,
      cameraId,
      cameraIds: [cameraId],
      orgUnitId: camera.orgUnitId,
      title: camera.name,
      detail: e.detail,
      occurredAt: e.occurredAt ?? at,
      externalEventId: null,
      actor: e.source,
    };
    const outcome = this.d.db.transaction(() => this.raiseInTx(input, at))();
    this.afterRaise(outcome, cameraId, true);
    if (outcome.created) this.d.log.info({ alarmId: outcome.alarmId, cameraId, type: e.type, source: e.source }, 'camera event alarm raised');
    return outcome;
  }

  // ---- handling ------------------------------------------------------------------------------------------------

  acknowledge(user: AuthUser, id: string, note: string | undefined, ip: string | null): AlarmDto {
    return this.act(user, id, 'acknowledge', ip, (at) => ({ patch: { acknowledgedAt: at, acknowledgedBy: user.displayName }, note: note ?? null }));
  }

  assign(user: AuthUser, id: string, assigneeId: string, note: string | undefined, ip: string | null): AlarmDto {
    return this.act(user, id, 'assign', ip, (_at, alarm) => {
      const assignee = this.d.users.get(assigneeId);
      if (!assignee || assignee.disabled) throw badRequest('body.userId: unknown or disabled user');
      if (!roleHas(assignee.role, 'alarm.act')) throw badRequest(`body.userId: role ${assignee.role} cannot handle alarms`);
      if (!this.d.scope.canSeeOrgUnit(assignee, alarm.orgUnitId)) throw badRequest('body.userId: the alarm is outside this user\'s org-unit scope');
      return { patch: { assignedTo: assignee.id }, note: note ? `${assignee.displayName}: ${note}` : assignee.displayName, details: { assignedTo: assignee.id } };
    });
  }

  dismiss(user: AuthUser, id: string, reason: string, ip: string | null): AlarmDto {
    return this.act(user, id, 'dismiss', ip, () => ({ patch: { dismissedReason: reason }, note: reason }));
  }

  resolve(user: AuthUser, id: string, note: string | undefined, ip: string | null): AlarmDto {
    return this.act(user, id, 'resolve', ip, (at) => ({ patch: { resolvedAt: at, resolvedBy: user.displayName, resolutionNote: note ?? null }, note: note ?? null }));
  }

  /**
   * The incident module opened an incident from this alarm (call it inside the incident's transaction: both commit
   * or neither). An open alarm becomes `converted`; a resolved or dismissed one keeps its state and only records the
   * incident (an incident may cite a closed alarm as evidence); an alarm already converted is refused (409).
   */
  markConverted(alarmId: string, incidentId: string, user: AlarmActor): AlarmDto {
    const alarm = this.d.alarms.get(alarmId);
    if (!alarm) throw notFound('alarm');
    if (!this.d.scope.canSeeOrgUnit(user, alarm.orgUnitId)) throw forbidden('alarm is outside your org-unit scope');
    const at = this.d.now();
    this.d.db.transaction(() => {
      const current = this.d.alarms.get(alarmId)!;
      const event = { userId: user.id, actor: user.displayName, action: 'converted' as const, note: `incident ${incidentId}` };
      if (current.state === 'converted') throw conflict(`alarm ${alarmId} is already converted to incident ${current.incidentId ?? ''}`.trim());
      if (current.state === 'resolved' || current.state === 'dismissed') {
        this.d.alarms.update(alarmId, { incidentId }, at);
        this.d.alarms.addEvent({ alarmId, at, ...event, fromState: current.state, toState: current.state });
      } else this.apply(current, 'convert', { incidentId }, event, at);
      this.d.audit.append({ userId: user.id, username: user.username, action: 'alarm.convert', targetType: 'alarm', targetId: alarmId, outcome: 'ok', details: { incidentId } });
    })();
    this.d.publisher.updated(alarmId);
    return this.d.alarms.getDto(alarmId)!;
  }

  private act(
    user: AuthUser,
    id: string,
    command: AlarmCommand,
    ip: string | null,
    build: (at: number, alarm: AlarmRecord) => { patch: AlarmPatch; note: string | null; details?: Record<string, unknown> },
  ): AlarmDto {
    const alarm = this.visible(user, id, ip);
    const at = this.d.now();
    this.d.db.transaction(() => {
      const current = this.d.alarms.get(id)!;
      const step = transition(current.state, command);
      if (!step.ok) throw conflict(step.message, { state: current.state });
      const { patch, note, details } = build(at, alarm);
      this.apply(current, command, patch, { userId: user.id, actor: user.displayName, action: EVENT_OF[command], note }, at);
      this.d.audit.append({ userId: user.id, username: user.username, action: `alarm.${command}`, targetType: 'alarm', targetId: id, outcome: 'ok', ip, details: { from: current.state, to: step.to, ...details } });
    })();
    this.d.publisher.updated(id);
    return this.d.alarms.getDto(id)!;
  }

  /** State change + history row; the caller holds the transaction and has checked the transition where it must. */
  private apply(
    alarm: AlarmRecord,
    command: AlarmCommand,
    patch: AlarmPatch,
    event: { userId: string | null; actor: string; action: (typeof EVENT_OF)[AlarmCommand] | 'camera-online'; note: string | null },
    at: number,
  ): void {
    const step = transition(alarm.state, command);
    if (!step.ok) throw conflict(step.message, { state: alarm.state });
    this.d.alarms.update(alarm.id, { ...patch, state: step.to }, at);
    this.d.alarms.addEvent({ alarmId: alarm.id, at, ...event, fromState: alarm.state, toState: step.to });
  }

  // ---- reading -------------------------------------------------------------------------------------------------

  /** The alarm if the user's scope covers it: 404 if there is none, 403 (audited) if it lies outside. */
  private visible(user: AuthUser, id: string, ip: string | null): AlarmRecord {
    const alarm = this.d.alarms.get(id);
    if (!alarm) throw notFound('alarm');
    if (!this.d.scope.canSeeOrgUnit(user, alarm.orgUnitId)) {
      this.d.audit.append({ userId: user.id, username: user.username, action: 'access.denied', targetType: 'alarm', targetId: id, outcome: 'denied', ip, details: { reason: 'alarm is outside your org-unit scope' } });
      throw forbidden('alarm is outside your org-unit scope');
    }
    return alarm;
  }

  list(user: AuthUser, q: AlarmListQuery): AlarmListResponse {
    return this.d.alarms.list({
      orgUnitIds: this.d.scope.narrow(user, q.orgUnit),
      states: q.state,
      types: q.type,
      severities: q.severity,
      cameraId: q.cameraId,
      from: q.from ? Date.parse(q.from) : undefined,
      to: q.to ? Date.parse(q.to) : undefined,
      limit: q.limit,
      offset: q.offset,
    });
  }

  get(user: AuthUser, id: string, ip: string | null): AlarmDetailDto {
    this.visible(user, id, ip);
    return { ...this.d.alarms.getDto(id)!, history: this.d.alarms.history(id) };
  }

  snapshot(user: AuthUser, id: string, ip: string | null): Buffer {
    this.visible(user, id, ip);
    const jpeg = this.d.alarms.snapshot(id);
    if (!jpeg) throw notFound('alarm snapshot');
    return jpeg;
  }

  /** Stores a snapshot that arrived after the alarm was raised, and tells the consoles. */
  storeSnapshot(alarmId: string, cameraId: string, jpeg: Buffer): void {
    if (!this.d.alarms.get(alarmId)) return;
    this.d.alarms.saveSnapshot(alarmId, cameraId, jpeg, this.d.now());
    this.d.publisher.updated(alarmId);
  }
}

const EVENT_OF = {
  acknowledge: 'acknowledged',
  assign: 'assigned',
  dismiss: 'dismissed',
  resolve: 'resolved',
  recover: 'resolved',
  convert: 'converted',
} as const satisfies Record<AlarmCommand, string>;
