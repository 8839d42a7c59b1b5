import { randomUUID } from 'node:crypto';
import type { AlarmSourceCreate, AlarmSourceCreated, AlarmSourceDto, AlarmSourceUpdate } from '../../../contracts/src/alarm';
import type { ApiKeyClient } from '../auth/access-guard';
import type { AuthUser } from '../auth/auth-user';
import type { AuditRepository } from '../db/audit-repository';
import type { OrgUnitRepository } from '../db/org-unit-repository';
import type { ScopeService } from '../auth/scope-service';
import { badRequest, conflict, forbidden, notFound } from '../platform/errors';
import { apiKeyPrefix, generateApiKey, hashApiKey, looksLikeApiKey, verifyApiKey } from './api-key';
import { toAlarmSourceDto, type AlarmSourceRecord, type AlarmSourceRepository } from './alarm-source-repository';

/** `last_used_at` is written at most this often per source, so a storm of webhook calls is not a storm of writes. */
const TOUCH_EVERY_MS = 60_000;

/**
 * API-key sources of external alarms: created by an admin (key shown once), listed, key rotated (new key shown
 * once, the old one refused at once), disabled/enabled, revoked; and key checks.
 * A source belongs to the org unit it may report on (`allowedOrgUnitId`; null = the whole site): a scoped admin
 * creates and revokes only sources at or under its own unit and sees those plus the ones above it (read-only).
 */
export class AlarmSourceService {
  private readonly touched = new Map<string, number>();

  constructor(
    private readonly sources: AlarmSourceRepository,
    private readonly orgUnits: Pick<OrgUnitRepository, 'get'>,
    private readonly scope: Pick<ScopeService, 'canManage' | 'canSeeShared'>,
    private readonly audit: AuditRepository,
    private readonly now: () => number,
  ) {}

  create(user: AuthUser, body: AlarmSourceCreate, ip: string | null): AlarmSourceCreated {
    // Absent: a scoped admin's key covers its own unit, a county admin's the whole site.
    const allowedOrgUnitId = body.allowedOrgUnitId === undefined ? user.orgUnitId : body.allowedOrgUnitId;
    if (allowedOrgUnitId !== null && !this.orgUnits.get(allowedOrgUnitId)) throw badRequest('body.allowedOrgUnitId: unknown org unit');
    if (!this.scope.canManage(user, allowedOrgUnitId)) {
      const reason = allowedOrgUnitId === null ? 'only a county-level administrator may create a source for the whole site' : `body.allowedOrgUnitId: org unit ${allowedOrgUnitId} is outside your scope`;
      throw this.denied(user, body.name, reason, ip);
    }
    if (this.sources.activeByName(body.name)) throw conflict(`an active alarm source named ${body.name} exists; revoke it first`);
    const apiKey = generateApiKey();
    // The source and its audit row commit together.
    const record = this.audit.recorded(
      () =>
        this.sources.create({
          id: randomUUID(),
          name: body.name,
          keyHash: hashApiKey(apiKey),
          keyPrefix: apiKeyPrefix(apiKey),
          allowedOrgUnitId,
          createdAt: this.now(),
          createdBy: user.username,
        }),
      (r) => ({ userId: user.id, username: user.username, action: 'alarm-source.create', targetType: 'alarm-source', targetId: r.id, outcome: 'ok', ip, details: { name: r.name, allowedOrgUnitId } }),
    );
    return { ...toAlarmSourceDto(record), apiKey };
  }

  list(user: AuthUser): AlarmSourceDto[] {
    return this.sources
      .list()
      .filter((s) => this.scope.canSeeShared(user, s.allowedOrgUnitId))
      .map(toAlarmSourceDto);
  }

  /** A new key for the source; the old key is refused from this moment. The answer is the only time it is shown. */
  rotate(user: AuthUser, id: string, ip: string | null): AlarmSourceCreated {
    const source = this.managed(user, id, ip);
    const apiKey = generateApiKey();
    // The audit row names the new prefix only: the key itself goes nowhere but this one answer.
    const record = this.audit.recorded(
      () => {
        if (!this.sources.rotateKey(id, hashApiKey(apiKey), apiKeyPrefix(apiKey), this.now())) throw conflict('alarm source is revoked');
        return this.sources.get(id)!;
      },
      { userId: user.id, username: user.username, action: 'alarm-source.rotate', targetType: 'alarm-source', targetId: id, outcome: 'ok', ip, details: { name: source.name, keyPrefix: apiKeyPrefix(apiKey) } },
    );
    return { ...toAlarmSourceDto(record), apiKey };
  }

  /** Disabling keeps the key: enabling again needs no new key in the calling system. Idempotent (no audit row then). */
  update(user: AuthUser, id: string, body: AlarmSourceUpdate, ip: string | null): AlarmSourceDto {
    const source = this.managed(user, id, ip);
    if (source.revokedAt !== null) throw conflict('alarm source is revoked');
    if ((source.disabledAt === null) === body.enabled) return toAlarmSourceDto(source);
    const record = this.audit.recorded(
      () => {
        if (!this.sources.setDisabled(id, body.enabled ? null : this.now())) throw conflict('alarm source is revoked');
        return this.sources.get(id)!;
      },
      { userId: user.id, username: user.username, action: body.enabled ? 'alarm-source.enable' : 'alarm-source.disable', targetType: 'alarm-source', targetId: id, outcome: 'ok', ip, details: { name: source.name } },
    );
    return toAlarmSourceDto(record);
  }

  revoke(user: AuthUser, id: string, ip: string | null): void {
    const source = this.managed(user, id, ip);
    this.audit.recorded(
      () => {
        if (!this.sources.revoke(id, this.now())) throw conflict('alarm source is already revoked');
      },
      { userId: user.id, username: user.username, action: 'alarm-source.revoke', targetType: 'alarm-source', targetId: id, outcome: 'ok', ip, details: { name: source.name } },
    );
  }

  /** 404 when there is none; 403 (audited) when it covers org units outside the caller's scope. */
  private managed(user: AuthUser, id: string, ip: string | null): AlarmSourceRecord {
    const source = this.sources.get(id);
    if (!source) throw notFound('alarm source');
    if (!this.scope.canManage(user, source.allowedOrgUnitId)) {
      throw this.denied(user, id, `alarm source ${source.name} covers ${source.allowedOrgUnitId === null ? 'the whole site' : `org unit ${source.allowedOrgUnitId}`}, outside your scope`, ip);
    }
    return source;
  }

  /** Audited here, naming the source (the guard's catch-all sees the row and does not write another). */
  private denied(user: AuthUser, target: string, reason: string, ip: string | null) {
    this.audit.append({ userId: user.id, username: user.username, action: 'access.denied', targetType: 'alarm-source', targetId: target, outcome: 'denied', ip, details: { reason } });
    return forbidden(reason);
  }

  /** The access guard's `apiKeys` check: the active source holding this key, or null. */
  verify(key: string): ApiKeyClient | null {
    if (!looksLikeApiKey(key)) return null;
    const source = this.sources.activeByKeyHash(hashApiKey(key));
    if (!source || !verifyApiKey(key, source.keyHash)) return null;
    const now = this.now();
    if (now - (this.touched.get(source.id) ?? 0) >= TOUCH_EVERY_MS) {
      this.touched.set(source.id, now);
      this.sources.touch(source.id, now);
    }
    return { id: source.id, name: source.name, allowedOrgUnitId: source.allowedOrgUnitId };
  }
}
