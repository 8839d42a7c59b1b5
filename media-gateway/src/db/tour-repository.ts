import type { TourDto } from '../../../contracts/src/layout';
import type { Db } from './connection';

interface TourRow {
  id: string;
  name: string;
  owner_id: string;
  owner_org_unit_id: string | null;
  visibility: 'private' | 'everyone';
  dwell_sec: number;
  camera_ids: string;
  org_unit_id: string | null;
  created_at: number;
  updated_at: number;
}

const toDto = (r: TourRow): TourDto => ({
  id: r.id,
  name: r.name,
  ownerId: r.owner_id,
  ownerOrgUnitId: r.owner_org_unit_id,
  visibility: r.visibility,
  dwellSec: r.dwell_sec,
  cameraIds: JSON.parse(r.camera_ids) as string[],
  orgUnitId: r.org_unit_id,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

export class TourRepository {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  listVisible(userId: string): TourDto[] {
    return (this.db.prepare(`SELECT * FROM tours WHERE owner_id = ? OR visibility = 'everyone' ORDER BY name, id`).all(userId) as TourRow[]).map(toDto);
  }

  get(id: string): TourDto | null {
    const row = this.db.prepare('SELECT * FROM tours WHERE id = ?').get(id) as TourRow | undefined;
    return row ? toDto(row) : null;
  }

  save(t: Omit<TourDto, 'createdAt' | 'updatedAt'>): TourDto {
    const at = this.now();
    this.db
      .prepare(
        `INSERT INTO tours (id, name, owner_id, owner_org_unit_id, visibility, dwell_sec, camera_ids, org_unit_id, created_at, updated_at)
         VALUES (@id, @name, @ownerId, @ownerOrgUnitId, @visibility, @dwellSec, @cameraIds, @orgUnitId, @at, @at)
         ON CONFLICT(id) DO UPDATE SET name = @name, visibility = @visibility, dwell_sec = @dwellSec, camera_ids = @cameraIds,
           org_unit_id = @orgUnitId, updated_at = @at`,
      )
      .run({ ...t, cameraIds: JSON.stringify(t.cameraIds), at });
    return this.get(t.id)!;
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM tours WHERE id = ?').run(id).changes === 1;
  }
}
