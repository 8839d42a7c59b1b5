import type { Db } from './connection';

export interface WallRecord {
  id: string;
  name: string;
  layoutId: string | null;
  /** The tour running on the wall, so a wall page that reloads picks it up again. */
  tourId: string | null;
  /** The org unit that owns the wall (its administrators and operators drive it); null = the county's. */
  orgUnitId: string | null;
  updatedAt: string;
}

export class WallRepository {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  list(): WallRecord[] {
    return (this.db.prepare('SELECT id, name, layout_id AS layoutId, tour_id AS tourId, org_unit_id AS orgUnitId, updated_at AS updatedAt FROM walls ORDER BY id').all() as Array<Omit<WallRecord, 'updatedAt'> & { updatedAt: number }>).map(
      (w) => ({ ...w, updatedAt: new Date(w.updatedAt).toISOString() }),
    );
  }

  get(id: string): WallRecord | null {
    return this.list().find((w) => w.id === id) ?? null;
  }

  /** `orgUnitId` defaults to the wall's current owner (null for a new wall: the county's). */
  upsert(id: string, name: string, layoutId: string | null, tourId: string | null = this.get(id)?.tourId ?? null, orgUnitId: string | null = this.get(id)?.orgUnitId ?? null): WallRecord {
    this.db
      .prepare(
        'INSERT INTO walls (id, name, layout_id, tour_id, org_unit_id, updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name, layout_id = excluded.layout_id, tour_id = excluded.tour_id, org_unit_id = excluded.org_unit_id, updated_at = excluded.updated_at',
      )
      .run(id, name, layoutId, tourId, orgUnitId, this.now());
    return this.get(id)!;
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM walls WHERE id = ?').run(id).changes === 1;
  }
}
