export const sql = `
-- Exported clips (evidence, issue 14): a time range of one camera remuxed to an MP4 under recording.root/exports,
-- its SHA-256 and the reason it was taken. Kept as a record even after the file is removed (deleted_at).
CREATE TABLE recording_exports (
  id TEXT PRIMARY KEY,
  camera_id TEXT NOT NULL,
  profile TEXT NOT NULL CHECK (profile IN ('main', 'sub')),
  start_ms INTEGER NOT NULL,
  end_ms INTEGER NOT NULL,
  reason TEXT NOT NULL,
  incident_id TEXT,
  path TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  deleted_at INTEGER
);
CREATE INDEX recording_exports_camera ON recording_exports(camera_id, created_at);
`;
