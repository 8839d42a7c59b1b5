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
