export const sql = `
-- Recording plans (issue 14): one per camera; absent = none. The plan is JSON validated by recording/recording-plan.ts.
CREATE TABLE recording_plans (
  camera_id TEXT PRIMARY KEY REFERENCES cameras(id) ON DELETE CASCADE,
  plan TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_by TEXT
);

-- One fragmented MP4 per camera/profile per N minutes under recording.root (path relative to it, never a name a client
-- chose). segments: JSON [[byteOffset, startMs, durationMs], ...], each starting at a keyframe (the VOD playlist's
-- byte ranges); init_bytes: the ftyp+moov at the start. open = 1 while written: repaired from the file on start.
-- No foreign key to cameras: a deleted camera's recordings stay until retention removes them (evidence).
CREATE TABLE recording_files (
  id INTEGER PRIMARY KEY,
  camera_id TEXT NOT NULL,
  profile TEXT NOT NULL CHECK (profile IN ('main', 'sub')),
  path TEXT NOT NULL UNIQUE,
  start_ms INTEGER NOT NULL,
  end_ms INTEGER NOT NULL,
  bytes INTEGER NOT NULL,
  init_bytes INTEGER NOT NULL,
  codecs TEXT,
  segments TEXT NOT NULL DEFAULT '[]',
  open INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX recording_files_camera ON recording_files(camera_id, profile, start_ms);
CREATE INDEX recording_files_start ON recording_files(start_ms);
CREATE INDEX recording_files_end ON recording_files(open, end_ms);
CREATE INDEX recording_files_camera_end ON recording_files(camera_id, end_ms);
`;
