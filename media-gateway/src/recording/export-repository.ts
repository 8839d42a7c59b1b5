import type { Db } from '../db/connection';
import type { RecordingProfile } from './recording-repository';

export interface ExportRecord {
  id: string;
  cameraId: string;
  profile: RecordingProfile;
  startMs: number;
  endMs: number;
  reason: string;
  incidentId: string | null;
  path: string;
  bytes: number;
  sha256: string;
  createdAt: number;
  createdBy: string;
  deletedAt: number | null;
}

interface Row {
  id: string;
  camera_id: string;
  profile: RecordingProfile;
  start_ms: number;
  end_ms: number;
  reason: string;
  incident_id: string | null;
  path: string;
  bytes: number;
  sha256: string;
  created_at: number;
  created_by: string;
  deleted_at: number | null;
}

const toRecord = (r: Row): ExportRecord => ({
  id: r.id,
  cameraId: r.camera_id,
  profile: r.profile,
  startMs: r.start_ms,
  endMs: r.end_ms,
  reason: r.reason,
  incidentId: r.incident_id,
  path: r.path,
  bytes: r.bytes,
  sha256: r.sha256,
  createdAt: r.created_at,
  createdBy: r.created_by,
  deletedAt: r.deleted_at,
});

export class ExportRepository {
  constructor(private readonly db: Db) {}

  insert(e: Omit<ExportRecord, 'deletedAt'>): void {
    this.db
      .prepare(
        `INSERT INTO recording_exports (id, camera_id, profile, start_ms, end_ms, reason, incident_id, path, bytes, sha256, created_at, created_by)
         VALUES (@id, @cameraId, @profile, @startMs, @endMs, @reason, @incidentId, @path, @bytes, @sha256, @createdAt, @createdBy)`,
      )
      .run(e);
  }

  get(id: string): ExportRecord | null {
    const row = this.db.prepare('SELECT * FROM recording_exports WHERE id = ?').get(id) as Row | undefined;
    return row ? toRecord(row) : null;
  }

  ofCamera(cameraId: string, limit = 100): ExportRecord[] {
    return (this.db.prepare('SELECT * FROM recording_exports WHERE camera_id = ? ORDER BY created_at DESC LIMIT ?').all(cameraId, limit) as Row[]).map(toRecord);
  }
}
