import type { LayoutCell, LayoutDto } from '../../../contracts/src/layout';
import type { Db } from './connection';

interface LayoutRow {
  id: string;
  name: string;
  owner_id: string;
  owner_name: string;
  owner_org_unit_id: string | null;
  visibility: 'private' | 'everyone';
  cols: number;
  rows: number;
  cells: string;
  created_at: number;
  updated_at: number;
}

const toDto = (r: LayoutRow): LayoutDto => ({
  id: r.id,
  name: r.name,
  ownerId: r.owner_id,
  ownerName: r.owner_name,
  ownerOrgUnitId: r.owner_org_unit_id,
  visibility: r.visibility,
  cols: r.cols,
  rows: r.rows,
  cells: JSON.parse(r.cells) as LayoutCell[],
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

const SELECT = 'SELECT l.*, u.display_name AS owner_name FROM layouts l JOIN users u ON u.id = l.owner_id';

export class LayoutRepository {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  /** The user's own layouts and everyone's shared ones (the caller narrows those to the user's scope). */
  listVisible(userId: string): LayoutDto[] {
    return (this.db.prepare(`${SELECT} WHERE l.owner_id = ? OR l.visibility = 'everyone' ORDER BY l.name, l.id`).all(userId) as LayoutRow[]).map(toDto);
  }

  get(id: string): LayoutDto | null {
    const row = this.db.prepare(`${SELECT} WHERE l.id = ?`).get(id) as LayoutRow | undefined;
    return row ? toDto(row) : null;
  }

  save(l: Omit<LayoutDto, 'ownerName' | 'createdAt' | 'updatedAt'>): LayoutDto {
    const t = this.now();
    this.db
      .prepare(
        `INSERT INTO layouts (id, name, owner_id, owner_org_unit_id, visibility, cols, rows, cells, created_at, updated_at)
         VALUES (@id, @name, @ownerId, @ownerOrgUnitId, @visibility, @cols, @rows, @cells, @t, @t)
         ON CONFLICT(id) DO UPDATE SET name = @name, visibility = @visibility, cols = @cols, rows = @rows, cells = @cells, updated_at = @t`,
      )
      .run({ ...l, cells: JSON.stringify(l.cells), t });
    return this.get(l.id)!;
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM layouts WHERE id = ?').run(id).changes === 1;
  }
}
