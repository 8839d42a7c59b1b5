import type { OrgUnit, OrgUnitCreate, OrgUnitUpdate } from '../../../contracts/src/org-unit';
import { ChangeSignal } from './change-signal';
import type { Db } from './connection';

interface OrgUnitRow {
  id: string;
  name: string;
  name_en: string | null;
  level: OrgUnit['level'];
  parent_id: string | null;
  lat: number | null;
  lng: number | null;
  demo: number;
}

const toOrgUnit = (r: OrgUnitRow): OrgUnit => ({
  id: r.id,
  name: r.name,
  nameEn: r.name_en,
  level: r.level,
  parentId: r.parent_id,
  lat: r.lat,
  lng: r.lng,
  demo: r.demo === 1,
});

export class OrgUnitRepository {
  /** Any write: scope checks follow the tree. */
  readonly changes = new ChangeSignal();

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  list(): OrgUnit[] {
    return (this.db.prepare('SELECT * FROM org_units ORDER BY id').all() as OrgUnitRow[]).map(toOrgUnit);
  }

  get(id: string): OrgUnit | null {
    const row = this.db.prepare('SELECT * FROM org_units WHERE id = ?').get(id) as OrgUnitRow | undefined;
    return row ? toOrgUnit(row) : null;
  }

  /** The unit and everything below it. */
  subtreeIds(rootId: string): string[] {
    return (
      this.db
        .prepare(
          `WITH RECURSIVE sub(id) AS (SELECT id FROM org_units WHERE id = ?
             UNION ALL SELECT o.id FROM org_units o JOIN sub ON o.parent_id = sub.id)
           SELECT id FROM sub`,
        )
        .all(rootId) as Array<{ id: string }>
    ).map((r) => r.id);
  }

  /** True when `id` is `ancestorId` or lies below it. */
  isWithin(id: string, ancestorId: string): boolean {
    const row = this.db
      .prepare(
        `WITH RECURSIVE up(id, parent_id) AS (SELECT id, parent_id FROM org_units WHERE id = ?
           UNION ALL SELECT o.id, o.parent_id FROM org_units o JOIN up ON o.id = up.parent_id)
         SELECT 1 AS hit FROM up WHERE id = ? LIMIT 1`,
      )
      .get(id, ancestorId);
    return row !== undefined;
  }

  create(unit: OrgUnitCreate): OrgUnit {
    const t = this.now();
    this.db
      .prepare(
        `INSERT INTO org_units (id, name, name_en, level, parent_id, lat, lng, demo, created_at, updated_at)
         VALUES (@id, @name, @nameEn, @level, @parentId, @lat, @lng, @demo, @t, @t)`,
      )
      .run({ ...unit, demo: unit.demo ? 1 : 0, t });
    this.changes.emit();
    return this.get(unit.id)!;
  }

  update(id: string, patch: OrgUnitUpdate): OrgUnit | null {
    const current = this.get(id);
    if (!current) return null;
    const next = { ...current, ...patch };
    this.db
      .prepare(
        `UPDATE org_units SET name = @name, name_en = @nameEn, parent_id = @parentId, lat = @lat, lng = @lng,
           updated_at = @t WHERE id = @id`,
      )
      .run({ ...next, id, t: this.now() });
    this.changes.emit();
    return this.get(id);
  }

  /** Child units, cameras and users that still point at the unit (it cannot be deleted while any do). */
  dependentCount(id: string): number {
    const row = this.db
      .prepare('SELECT (SELECT COUNT(*) FROM org_units WHERE parent_id = @id) + (SELECT COUNT(*) FROM cameras WHERE org_unit_id = @id) + (SELECT COUNT(*) FROM users WHERE org_unit_id = @id) AS n')
      .get({ id }) as { n: number };
    return row.n;
  }

  delete(id: string): boolean {
    const deleted = this.db.prepare('DELETE FROM org_units WHERE id = ?').run(id).changes === 1;
    this.changes.emit();
    return deleted;
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM org_units').get() as { n: number }).n;
  }
}
