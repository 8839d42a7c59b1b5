// Org-unit naming shared by the incident and statistics pages (pure). Dates: i18n/date-format.ts.
import type { OrgUnit } from '../../../../contracts/src/org-unit';
import type { Language } from '../../i18n/translate';

export function orgName(id: string | null | undefined, units: ReadonlyMap<string, Pick<OrgUnit, 'name' | 'nameEn'>>, lang: Language): string {
  if (!id) return '—';
  const u = units.get(id);
  if (!u) return id;
  return lang === 'en' && u.nameEn ? u.nameEn : u.name;
}

/** Org units as a picker list: county, then each township followed by its villages, with depth for indentation. */
export function orgOptions(units: readonly OrgUnit[]): { unit: OrgUnit; depth: number }[] {
  const ids = new Set(units.map((u) => u.id));
  const children = new Map<string | null, OrgUnit[]>();
  for (const u of units) {
    const key = u.parentId && ids.has(u.parentId) ? u.parentId : null;
    children.set(key, [...(children.get(key) ?? []), u]);
  }
  const out: { unit: OrgUnit; depth: number }[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const u of (children.get(parent) ?? []).sort((a, b) => a.id.localeCompare(b.id))) {
      out.push({ unit: u, depth });
      walk(u.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}
