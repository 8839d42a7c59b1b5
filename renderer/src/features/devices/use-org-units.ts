import { useMemo } from 'react';
import type { OrgUnit } from '../../../../contracts/src/org-unit';
import { useGatewaySelector } from '../../gateway/use-gateway';

export interface OrgChoices {
  units: readonly OrgUnit[];
  byId: ReadonlyMap<string, OrgUnit>;
  /** The county (if any) then townships, by code: the first select of the org picker. */
  tops: OrgUnit[];
  villagesOf: (townshipId: string) => OrgUnit[];
}

export function useOrgChoices(): OrgChoices {
  const units = useGatewaySelector((s) => s.orgUnits);
  return useMemo(() => {
    const byCode = (a: OrgUnit, b: OrgUnit) => a.id.localeCompare(b.id);
    const byId = new Map(units.map((u) => [u.id, u]));
    const tops = units.filter((u) => u.level !== 'village').sort(byCode);
    const villages = units.filter((u) => u.level === 'village').sort(byCode);
    return { units, byId, tops, villagesOf: (id: string) => villages.filter((v) => v.parentId === id) };
  }, [units]);
}
