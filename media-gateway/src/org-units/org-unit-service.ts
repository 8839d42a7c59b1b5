import type { OrgUnit, OrgUnitCreate, OrgUnitUpdate } from '../../../contracts/src/org-unit';
import type { AuthUser } from '../auth/auth-user';
import type { ScopeService } from '../auth/scope-service';
import type { AuditEntry, AuditRepository } from '../db/audit-repository';
import type { OrgUnitRepository } from '../db/org-unit-repository';
import { badRequest, conflict, forbidden } from '../platform/errors';

const CHILD_LEVEL = { county: 'township', township: 'village', village: null } as const;

/** The org tree's rules: levels nest county → township → village, codes extend the parent's, units never move. */
export class OrgUnitService {
  constructor(private readonly deps: { orgUnits: OrgUnitRepository; scope: ScopeService; audit: AuditRepository }) {}

  /** A scoped user sees their subtree plus its ancestors, so a tree can be drawn from the root. */
  visibleTree(user: AuthUser): OrgUnit[] {
    const all = this.deps.orgUnits.list();
    const visible = this.deps.scope.visibleOrgIds(user);
    if (visible === null) return all;
    const keep = new Set(visible);
    const byId = new Map(all.map((u) => [u.id, u]));
    for (let u = byId.get(user.orgUnitId!); u?.parentId; u = byId.get(u.parentId)) keep.add(u.parentId);
    return all.filter((u) => keep.has(u.id));
  }

  get(id: string): OrgUnit | null {
    return this.deps.orgUnits.get(id);
  }

  create(user: AuthUser, body: OrgUnitCreate, ip: string): OrgUnit {
    const { orgUnits, scope } = this.deps;
    if (orgUnits.get(body.id)) throw conflict(`org unit ${body.id} already exists`);
    if (body.level === 'county') {
      if (body.parentId !== null) throw badRequest('body.parentId: a county has no parent');
      if (user.orgUnitId !== null) throw forbidden('only county-level users may create a county');
    } else {
      const parent = body.parentId ? orgUnits.get(body.parentId) : null;
      if (!parent) throw badRequest('body.parentId: unknown parent org unit');
      if (CHILD_LEVEL[parent.level] !== body.level) throw badRequest(`body.level: a ${parent.level} cannot contain a ${body.level}`);
      if (!body.id.startsWith(parent.id)) throw badRequest(`body.id: must start with the parent's code ${parent.id}`);
      if (!scope.canSeeOrgUnit(user, parent.id)) throw forbidden('parent org unit is outside your scope');
    }
    return this.deps.audit.recorded(() => orgUnits.create(body), (created) => this.entry(user, 'create', created.id, ip));
  }

  update(user: AuthUser, id: string, patch: OrgUnitUpdate, ip: string): OrgUnit | null {
    if (patch.parentId !== undefined && patch.parentId !== this.deps.orgUnits.get(id)?.parentId) throw badRequest('body.parentId: moving an org unit is not supported; create it anew');
    return this.deps.audit.recorded(() => this.deps.orgUnits.update(id, patch), this.entry(user, 'update', id, ip, { fields: Object.keys(patch) }));
  }

  delete(user: AuthUser, id: string, ip: string): void {
    if (this.deps.orgUnits.dependentCount(id) > 0) throw conflict('org unit still has child units, cameras or users');
    this.deps.audit.recorded(() => this.deps.orgUnits.delete(id), this.entry(user, 'delete', id, ip));
  }

  /** The audit row of a change, written in the change's transaction. */
  private entry(user: AuthUser, action: string, id: string, ip: string, details?: Record<string, unknown>): AuditEntry {
    return { userId: user.id, username: user.username, action: `org-unit.${action}`, targetType: 'org-unit', targetId: id, outcome: 'ok', ip, ...(details ? { details } : {}) };
  }
}
