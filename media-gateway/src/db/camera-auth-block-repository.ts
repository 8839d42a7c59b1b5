import type { Db } from './connection';

/** The persisted side of health/camera-auth-block.ts: camera → when blocked (or last re-probed). */
export class CameraAuthBlockRepository {
  constructor(private readonly db: Db) {}

  all(): Array<{ cameraId: string; since: number }> {
    return this.db.prepare('SELECT camera_id AS cameraId, since FROM camera_auth_blocks').all() as Array<{ cameraId: string; since: number }>;
  }

  save(cameraId: string, since: number): void {
    // A camera deleted meanwhile has nothing to block (the foreign key would refuse the row).
    this.db
      .prepare('INSERT INTO camera_auth_blocks (camera_id, since) SELECT id, ? FROM cameras WHERE id = ? ON CONFLICT (camera_id) DO UPDATE SET since = excluded.since')
      .run(since, cameraId);
  }

  delete(cameraId: string): void {
    this.db.prepare('DELETE FROM camera_auth_blocks WHERE camera_id = ?').run(cameraId);
  }
}
