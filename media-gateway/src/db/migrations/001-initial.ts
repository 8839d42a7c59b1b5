export const sql = `
CREATE TABLE org_units (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  name_en     TEXT,
  level       TEXT NOT NULL CHECK (level IN ('county', 'township', 'village')),
  parent_id   TEXT REFERENCES org_units(id) ON DELETE RESTRICT,
  lat         REAL,
  lng         REAL,
  demo        INTEGER NOT NULL DEFAULT 0,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
CREATE INDEX org_units_parent ON org_units(parent_id);

CREATE TABLE cameras (
  id              TEXT PRIMARY KEY,
  name            TEXT NOT NULL,
  org_unit_id     TEXT NOT NULL REFERENCES org_units(id) ON DELETE RESTRICT,
  category        INTEGER NOT NULL CHECK (category IN (1, 2, 3)),
  source_type     TEXT NOT NULL CHECK (source_type IN ('onvif', 'rtsp', 'rtmp-push')),
  host            TEXT NOT NULL,
  rtsp_port       INTEGER NOT NULL,
  onvif_port      INTEGER,
  main_stream_uri TEXT,
  sub_stream_uri  TEXT,
  username        TEXT,
  password_enc    TEXT,
  lat             REAL,
  lng             REAL,
  direction       REAL,
  device_code     TEXT UNIQUE,
  video_codec     TEXT NOT NULL DEFAULT 'unknown',
  vendor          TEXT,
  model           TEXT,
  status          TEXT NOT NULL DEFAULT 'unknown' CHECK (status IN ('online', 'offline', 'unknown')),
  status_since    INTEGER,
  status_reason   TEXT,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
);
CREATE INDEX cameras_org_unit ON cameras(org_unit_id);
CREATE INDEX cameras_status ON cameras(status);

CREATE TABLE users (
  id                  TEXT PRIMARY KEY,
  username            TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name        TEXT NOT NULL,
  password_hash       TEXT NOT NULL,
  role                TEXT NOT NULL CHECK (role IN ('admin', 'county-operator', 'township-officer', 'technician', 'viewer')),
  org_unit_id         TEXT REFERENCES org_units(id) ON DELETE RESTRICT,
  disabled            INTEGER NOT NULL DEFAULT 0,
  password_changed_at INTEGER NOT NULL,
  created_at          INTEGER NOT NULL,
  updated_at          INTEGER NOT NULL
);

-- The session id stored is a SHA-256 of the bearer secret, so a copy of the database does not log anyone in.
CREATE TABLE sessions (
  id           TEXT PRIMARY KEY,
  user_id      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at   INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  ip           TEXT,
  user_agent   TEXT
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  at          INTEGER NOT NULL,
  user_id     TEXT,
  username    TEXT,
  action      TEXT NOT NULL,
  target_type TEXT,
  target_id   TEXT,
  outcome     TEXT NOT NULL CHECK (outcome IN ('ok', 'denied', 'failed')),
  ip          TEXT,
  details     TEXT
);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_user ON audit_log(user_id, at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
`;
