// How an org unit (county, township, village) is shown and which township an org unit falls under: used by the camera
// tree, the device list, alarms, the map preview, the tour editor and the video tiles.
import type { OrgUnit } from '../../../../contracts/src/org-unit';
import type { Language } from '../../i18n/translate';

export function orgLabel(unit: OrgUnit, lang: Language): string {
  return lang === 'en' && unit.nameEn ? unit.nameEn : unit.name;
}

/** The township a camera belongs to (walking up from its org unit), or its own unit when above township level. */
export function areaOf(orgUnitId: string, unitsById: ReadonlyMap<string, OrgUnit>): OrgUnit | null {
  let unit = unitsById.get(orgUnitId) ?? null;
  const start = unit;
  for (let i = 0; unit && i < 16; i++) {
    if (unit.level === 'township') return unit;
    unit = unit.parentId ? (unitsById.get(unit.parentId) ?? null) : null;
  }
  return start;
}
