import type { Db } from './connection';

export interface WallRecord {
  id: string;
  name: string;
  layoutId: string | null;
  /** The tour running on the wall, so a wall page that reloads picks it up again. */
  tourId: string | null;
  updatedAt: string;
}

export class WallRepository {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  list(): WallRecord[] {
    return (this.db.prepare('SELECT id, name, layout_id AS layoutId, tour_id AS tourId, updated_at AS updatedAt FROM walls ORDER BY id').all() as Array<Omit<WallRecord, 'updatedAt'> & { updatedAt: number }>).map(
      (w) => ({ ...w, updatedAt: new Date(w.updatedAt).toISOString() }),
    );
  }

  get(id: string): WallRecord | null {
    return this.list().find((w) => w.id === id) ?? null;
  }

  upsert(id: string, name: string, layoutId: string | null, tourId: string | null = this.get(id)?.tourId ?? null): WallRecord {
    this.db
      .prepare(
        'INSERT INTO walls (id, name, layout_id, tour_id, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name, layout_id = excluded.layout_id, tour_id = excluded.tour_id, updated_at = excluded.updated_at',
      )
      .run(id, name, layoutId, tourId, this.now());
    return this.get(id)!;
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM walls WHERE id = ?').run(id).changes === 1;
  }
}
