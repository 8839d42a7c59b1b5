import type { OrgUnitRepository } from '../db/org-unit-repository';
import type { AuthUser } from './auth-user';

/** Which org units a user may see: their unit's subtree, or everything when they have no unit (county level). */
export class ScopeService {
  constructor(private readonly orgUnits: OrgUnitRepository) {}

  /** null = unrestricted. */
  visibleOrgIds(user: Pick<AuthUser, 'orgUnitId'>): string[] | null {
    return user.orgUnitId === null ? null : this.orgUnits.subtreeIds(user.orgUnitId);
  }

  canSeeOrgUnit(user: Pick<AuthUser, 'orgUnitId'>, orgUnitId: string): boolean {
    return user.orgUnitId === null || this.orgUnits.isWithin(orgUnitId, user.orgUnitId);
  }

  /**
   * May the user create, change or remove an object owned by this org unit (an alarm source, a rule, a wall, a shared
   * layout)? Only within its own subtree; an object owned by no unit (site-wide) only at county level.
   */
  canManage(user: Pick<AuthUser, 'orgUnitId'>, ownerOrgUnitId: string | null): boolean {
    if (user.orgUnitId === null) return true;
    return ownerOrgUnitId !== null && this.orgUnits.isWithin(ownerOrgUnitId, user.orgUnitId);
  }

  /**
   * May the user see (use, not change) a shared object owned by this org unit? Those it manages, plus those owned
   * above it: site-wide ones, and e.g. its township's shared layout seen from a village. Never a sibling's.
   */
  canSeeShared(user: Pick<AuthUser, 'orgUnitId'>, ownerOrgUnitId: string | null): boolean {
    if (user.orgUnitId === null || ownerOrgUnitId === null) return true;
    return this.orgUnits.isWithin(ownerOrgUnitId, user.orgUnitId) || this.orgUnits.isWithin(user.orgUnitId, ownerOrgUnitId);
  }

  /** A requested subtree narrowed to what the user may see. */
  narrow(user: Pick<AuthUser, 'orgUnitId'>, requestedRoot: string | undefined): string[] | undefined {
    const visible = this.visibleOrgIds(user);
    if (!requestedRoot) return visible ?? undefined;
    const requested = this.orgUnits.subtreeIds(requestedRoot);
    if (visible === null) return requested;
    const allowed = new Set(visible);
    return requested.filter((id) => allowed.has(id));
  }
}
