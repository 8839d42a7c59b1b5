import type { AuthUser } from '../auth/auth-user';
import type { ScopeService } from '../auth/scope-service';

/**
 * The cameras among `ids` that lie outside the user's org-unit scope: a layout or tour saved (and shared) by a
 * township user must not put another township's cameras in front of its viewers. Unknown ids are left to the
 * caller's own check.
 */
export function camerasOutsideScope(
  cameras: { get(id: string): { orgUnitId: string } | null },
  scope: Pick<ScopeService, 'canSeeOrgUnit'>,
  user: Pick<AuthUser, 'orgUnitId'>,
  ids: readonly (string | null)[],
): string[] {
  if (user.orgUnitId === null) return [];
  return [...new Set(ids)].filter((id): id is string => {
    if (id === null) return false;
    const camera = cameras.get(id);
    return camera !== null && !scope.canSeeOrgUnit(user, camera.orgUnitId);
  });
}
