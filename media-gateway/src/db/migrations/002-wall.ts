export const sql = `
CREATE TABLE layouts (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  owner_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  visibility  TEXT NOT NULL CHECK (visibility IN ('private', 'everyone')),
  cols        INTEGER NOT NULL,
  rows        INTEGER NOT NULL,
  cells       TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
CREATE INDEX layouts_owner ON layouts(owner_id);

CREATE TABLE tours (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  owner_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  visibility  TEXT NOT NULL CHECK (visibility IN ('private', 'everyone')),
  dwell_sec   INTEGER NOT NULL,
  camera_ids  TEXT NOT NULL,
  org_unit_id TEXT REFERENCES org_units(id) ON DELETE SET NULL,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);

-- A video wall (one display of a wall PC, or a browser kiosk): what it shows survives restarts.
CREATE TABLE walls (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  layout_id   TEXT REFERENCES layouts(id) ON DELETE SET NULL,
  tour_id     TEXT REFERENCES tours(id) ON DELETE SET NULL,
  updated_at  INTEGER NOT NULL
);

-- Who watched which camera, when and for how long, as seen by the gateway (HLS requests), for the
-- "cameras nobody looked at" report and the audit of live viewing.
CREATE TABLE view_sessions (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id     TEXT NOT NULL,
  camera_id   TEXT NOT NULL,
  profile     TEXT NOT NULL,
  ip          TEXT,
  started_at  INTEGER NOT NULL,
  ended_at    INTEGER
);
CREATE INDEX view_sessions_camera ON view_sessions(camera_id, started_at);
CREATE INDEX view_sessions_time ON view_sessions(started_at);
`;
