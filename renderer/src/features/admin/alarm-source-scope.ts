// Which alarm sources the signed-in admin may change (pure): the gateway's rule mirrored so the console does not
// offer buttons that can only answer 403. A county admin (no org unit) changes all; a scoped admin only sources at or
// under its own unit; site-wide ones and those of a higher unit are shown read-only.
import type { OrgUnit } from '../../../../contracts/src/org-unit';

export function canManageSource(userOrgUnitId: string | null, sourceOrgUnitId: string | null, orgUnits: ReadonlyArray<Pick<OrgUnit, 'id' | 'parentId'>>): boolean {
  if (userOrgUnitId === null) return true;
  if (sourceOrgUnitId === null) return false;
  const parent = new Map(orgUnits.map((o) => [o.id, o.parentId]));
  const seen = new Set<string>();
  for (let at: string | null | undefined = sourceOrgUnitId; at && !seen.has(at); at = parent.get(at)) {
    if (at === userOrgUnitId) return true;
    seen.add(at);
  }
  return false;
}

/** Sources the gateway raises on its own: listed so the admin sees every kind of alarm origin; they need no key. */
export const BUILTIN_ALARM_SOURCES = ['camera-health', 'onvif', 'gateway'] as const;
