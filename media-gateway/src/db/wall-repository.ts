import type { PushedCells } from '../../../contracts/src/layout';
import type { Db } from './connection';

export interface WallRecord {
  id: string;
  name: string;
  layoutId: string | null;
  /** What a console pushed of its own screen (show-cells), shown instead of a saved layout; null when none. */
  cells: PushedCells | null;
  /** The tour running on the wall, so a wall page that reloads picks it up again. */
  tourId: string | null;
  /** The org unit that owns the wall (its administrators and operators drive it); null = the county's. */
  orgUnitId: string | null;
  updatedAt: string;
}

type Row = Omit<WallRecord, 'updatedAt' | 'cells'> & { updatedAt: number; cells: string | null };

function parseCells(text: string | null): PushedCells | null {
  if (!text) return null;
  try {
    return JSON.parse(text) as PushedCells;
  } catch {
    return null;
  }
}

export class WallRepository {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  list(): WallRecord[] {
    return (
      this.db.prepare('SELECT id, name, layout_id AS layoutId, pushed_cells AS cells, tour_id AS tourId, org_unit_id AS orgUnitId, updated_at AS updatedAt FROM walls ORDER BY id').all() as Row[]
    ).map((w) => ({ ...w, cells: parseCells(w.cells), updatedAt: new Date(w.updatedAt).toISOString() }));
  }

  get(id: string): WallRecord | null {
    return this.list().find((w) => w.id === id) ?? null;
  }

  /**
   * `orgUnitId` defaults to the wall's current owner (null for a new wall: the county's). Showing a saved layout
   * (a layoutId) replaces pushed cells; without one the pushed cells stay (a rename, a tour started or stopped).
   */
  upsert(id: string, name: string, layoutId: string | null, tourId: string | null = this.get(id)?.tourId ?? null, orgUnitId: string | null = this.get(id)?.orgUnitId ?? null): WallRecord {
    this.db
      .prepare(
        `INSERT INTO walls (id, name, layout_id, tour_id, org_unit_id, updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name,
         layout_id = excluded.layout_id, tour_id = excluded.tour_id, org_unit_id = excluded.org_unit_id, updated_at = excluded.updated_at,
         pushed_cells = CASE WHEN excluded.layout_id IS NULL THEN walls.pushed_cells ELSE NULL END`,
      )
      .run(id, name, layoutId, tourId, orgUnitId, this.now());
    return this.get(id)!;
  }

  /** show-cells: the wall shows what a console pushed (no saved layout, no tour). */
  showCells(id: string, name: string, cells: PushedCells, orgUnitId: string | null): WallRecord {
    this.db
      .prepare(
        `INSERT INTO walls (id, name, layout_id, pushed_cells, tour_id, org_unit_id, updated_at) VALUES (?, ?, NULL, ?, NULL, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name,
         layout_id = NULL, pushed_cells = excluded.pushed_cells, tour_id = NULL, org_unit_id = excluded.org_unit_id, updated_at = excluded.updated_at`,
      )
      .run(id, name, JSON.stringify(cells), orgUnitId, this.now());
    return this.get(id)!;
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM walls WHERE id = ?').run(id).changes === 1;
  }
}
