import { randomUUID } from 'node:crypto';
import type { CameraCreate, CameraDto, CameraListQuery, CameraUpdate } from '../../../contracts/src/camera';
import type { AuthUser } from '../auth/auth-user';
import type { ScopeService } from '../auth/scope-service';
import type { AuditRepository } from '../db/audit-repository';
import { toCameraDto, type CameraRecordPatch, type CameraRepository } from '../db/camera-repository';
import type { OrgUnitRepository } from '../db/org-unit-repository';
import { badRequest, conflict, forbidden, notFound } from '../platform/errors';
import type { CredentialCipher } from '../security/credential-cipher';

export interface CameraChangeListener {
  cameraChanged(cameraId: string): Promise<void> | void;
}

/** Camera CRUD with the rules the routes must not forget: scope, duplicates, encrypted passwords, audit. */
export class CameraService {
  constructor(
    private readonly cameras: CameraRepository,
    private readonly orgUnits: OrgUnitRepository,
    private readonly scope: ScopeService,
    private readonly cipher: CredentialCipher,
    private readonly audit: AuditRepository,
    private readonly onChange: CameraChangeListener,
  ) {}

  list(user: AuthUser, q: CameraListQuery): { items: CameraDto[]; total: number } {
    if (q.orgUnit && !this.orgUnits.get(q.orgUnit)) throw badRequest(`query.orgUnit: unknown org unit ${q.orgUnit}`);
    const { orgUnit, ...rest } = q;
    const orgUnitIds = this.scope.narrow(user, orgUnit);
    const { items, total } = this.cameras.list({ ...rest, orgUnitIds });
    return { items: items.map(toCameraDto), total };
  }

  get(id: string): CameraDto {
    const c = this.cameras.get(id);
    if (!c) throw notFound('camera');
    return toCameraDto(c);
  }

  private checkOrgUnit(user: AuthUser, orgUnitId: string): void {
    if (!this.orgUnits.get(orgUnitId)) throw badRequest(`body.orgUnitId: unknown org unit ${orgUnitId}`);
    if (!this.scope.canSeeOrgUnit(user, orgUnitId)) throw forbidden('org unit is outside your scope');
  }

  private checkDuplicate(c: { mainStreamUri?: string | null; subStreamUri?: string | null; deviceCode?: string | null }, exceptId?: string): void {
    const dup = this.cameras.findDuplicate(c, exceptId);
    if (dup) throw conflict(`camera "${dup.name}" (${dup.id}) already uses this stream URI or device code`, { existingCameraId: dup.id });
  }

  create(user: AuthUser, input: CameraCreate, ip: string): CameraDto {
    this.checkOrgUnit(user, input.orgUnitId);
    this.checkDuplicate(input);
    const { password, ...fields } = input;
    const record = this.cameras.create({ id: randomUUID(), ...fields, passwordEnc: password ? this.cipher.encrypt(password) : null });
    this.audit.append({ userId: user.id, username: user.username, action: 'camera.create', targetType: 'camera', targetId: record.id, outcome: 'ok', ip, details: { name: record.name } });
    return toCameraDto(record);
  }

  async update(user: AuthUser, id: string, patch: CameraUpdate, ip: string): Promise<CameraDto> {
    const current = this.cameras.get(id);
    if (!current) throw notFound('camera');
    if (patch.orgUnitId) this.checkOrgUnit(user, patch.orgUnitId);
    const next = { ...current, ...patch };
    if (next.sourceType !== 'rtmp-push' && !next.mainStreamUri && !next.subStreamUri) throw badRequest('body.mainStreamUri: a camera needs mainStreamUri or subStreamUri');
    this.checkDuplicate(next, id);
    const { password, ...fields } = patch;
    const recordPatch: CameraRecordPatch = { ...fields };
    if (password !== undefined) recordPatch.passwordEnc = password ? this.cipher.encrypt(password) : null;
    const updated = this.cameras.update(id, recordPatch)!;
    // Field names only: values may be credentials.
    this.audit.append({ userId: user.id, username: user.username, action: password !== undefined ? 'camera.credentials-change' : 'camera.update', targetType: 'camera', targetId: id, outcome: 'ok', ip, details: { fields: Object.keys(patch) } });
    await this.onChange.cameraChanged(id);
    return toCameraDto(updated);
  }

  async delete(user: AuthUser, id: string, ip: string): Promise<void> {
    if (!this.cameras.delete(id)) throw notFound('camera');
    this.audit.append({ userId: user.id, username: user.username, action: 'camera.delete', targetType: 'camera', targetId: id, outcome: 'ok', ip });
    await this.onChange.cameraChanged(id);
  }
}
