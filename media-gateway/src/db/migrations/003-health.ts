export const sql = `
-- Every status change of a camera (from viewing or from the background health check), for availability figures.
CREATE TABLE camera_status_events (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  camera_id  TEXT NOT NULL,
  status     TEXT NOT NULL CHECK (status IN ('online', 'offline', 'unknown')),
  reason     TEXT,
  at         INTEGER NOT NULL
);
CREATE INDEX camera_status_events_camera ON camera_status_events(camera_id, at);
CREATE INDEX camera_status_events_at ON camera_status_events(at);
`;
