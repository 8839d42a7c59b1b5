import type { Db } from './connection';

export interface WallRecord {
  id: string;
  name: string;
  layoutId: string | null;
  updatedAt: string;
}

export class WallRepository {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  list(): WallRecord[] {
    return (this.db.prepare('SELECT id, name, layout_id AS layoutId, updated_at AS updatedAt FROM walls ORDER BY id').all() as Array<Omit<WallRecord, 'updatedAt'> & { updatedAt: number }>).map(
      (w) => ({ ...w, updatedAt: new Date(w.updatedAt).toISOString() }),
    );
  }

  get(id: string): WallRecord | null {
    return this.list().find((w) => w.id === id) ?? null;
  }

  upsert(id: string, name: string, layoutId: string | null): WallRecord {
    this.db
      .prepare('INSERT INTO walls (id, name, layout_id, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name, layout_id = excluded.layout_id, updated_at = excluded.updated_at')
      .run(id, name, layoutId, this.now());
    return this.get(id)!;
  }
}
