export const sql = `
-- Alarms (告警). camera_id / org_unit_id / assigned_to / incident_id carry no foreign keys on purpose: a camera or
-- user may be deleted later and the alarm record must survive as it was. Times are epoch milliseconds.
CREATE TABLE alarms (
  id                 TEXT PRIMARY KEY,
  type               TEXT NOT NULL,
  severity           TEXT NOT NULL CHECK (severity IN ('critical', 'major', 'minor', 'info')),
  source             TEXT NOT NULL CHECK (source IN ('camera-health', 'onvif') OR source LIKE 'external:%'),
  camera_id          TEXT,
  camera_ids         TEXT NOT NULL DEFAULT '[]',
  org_unit_id        TEXT NOT NULL,
  title              TEXT NOT NULL,
  detail             TEXT,
  occurred_at        INTEGER NOT NULL,
  first_at           INTEGER NOT NULL,
  last_at            INTEGER NOT NULL,
  count              INTEGER NOT NULL DEFAULT 1 CHECK (count >= 1),
  external_event_id  TEXT,
  state              TEXT NOT NULL DEFAULT 'new' CHECK (state IN ('new', 'acknowledged', 'resolved', 'dismissed', 'converted')),
  assigned_to        TEXT,
  acknowledged_at    INTEGER,
  acknowledged_by    TEXT,
  resolved_at        INTEGER,
  resolved_by        TEXT,
  resolution_note    TEXT,
  dismissed_reason   TEXT,
  incident_id        TEXT,
  actions            TEXT NOT NULL DEFAULT '[]',
  updated_at         INTEGER NOT NULL
);
-- The first event id of an external alarm; every id (also of coalesced repeats) is in alarm_external_events.
CREATE UNIQUE INDEX alarms_external_event ON alarms(source, external_event_id) WHERE external_event_id IS NOT NULL;
-- Coalescing looks up the open alarm of a camera and type.
CREATE INDEX alarms_camera_type ON alarms(camera_id, type, last_at);
CREATE INDEX alarms_state_first ON alarms(state, first_at);
CREATE INDEX alarms_org_first ON alarms(org_unit_id, first_at);
CREATE INDEX alarms_first ON alarms(first_at);

-- Who did what to an alarm, and when (actor: a user's name, 'system' or 'external:<source>').
CREATE TABLE alarm_events (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  alarm_id    TEXT NOT NULL REFERENCES alarms(id) ON DELETE CASCADE,
  at          INTEGER NOT NULL,
  action      TEXT NOT NULL,
  user_id     TEXT,
  actor       TEXT NOT NULL,
  from_state  TEXT,
  to_state    TEXT,
  note        TEXT
);
CREATE INDEX alarm_events_alarm ON alarm_events(alarm_id, id);

-- The JPEG taken when the alarm was raised, kept apart so alarm lists never read image bytes.
CREATE TABLE alarm_snapshots (
  alarm_id  TEXT PRIMARY KEY REFERENCES alarms(id) ON DELETE CASCADE,
  taken_at  INTEGER NOT NULL,
  camera_id TEXT NOT NULL,
  jpeg      BLOB NOT NULL
);

-- Idempotency of external events: one row per (source, caller's event id), also for repeats folded into an alarm.
CREATE TABLE alarm_external_events (
  source       TEXT NOT NULL,
  event_id     TEXT NOT NULL,
  alarm_id     TEXT NOT NULL REFERENCES alarms(id) ON DELETE CASCADE,
  received_at  INTEGER NOT NULL,
  PRIMARY KEY (source, event_id)
) WITHOUT ROWID;
CREATE INDEX alarm_external_events_alarm ON alarm_external_events(alarm_id);

-- Other systems that may post alarms; only a SHA-256 of each key is stored.
CREATE TABLE alarm_sources (
  id                  TEXT PRIMARY KEY,
  name                TEXT NOT NULL,
  key_hash            TEXT NOT NULL UNIQUE,
  key_prefix          TEXT NOT NULL,
  allowed_org_unit_id TEXT,
  created_at          INTEGER NOT NULL,
  created_by          TEXT,
  last_used_at        INTEGER,
  revoked_at          INTEGER
);
CREATE UNIQUE INDEX alarm_sources_active_name ON alarm_sources(name) WHERE revoked_at IS NULL;

-- Response plans (预案): which alarms show which layout on which wall, interrupt a tour, play which sound.
CREATE TABLE alarm_rules (
  id              TEXT PRIMARY KEY,
  name            TEXT NOT NULL,
  enabled         INTEGER NOT NULL DEFAULT 1,
  alarm_type      TEXT,
  org_unit_id     TEXT,
  min_severity    TEXT NOT NULL CHECK (min_severity IN ('critical', 'major', 'minor', 'info')),
  layout_id       TEXT,
  wall_id         TEXT,
  interrupt_tour  INTEGER NOT NULL DEFAULT 0,
  sound           TEXT NOT NULL,
  created_by      TEXT,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
);
`;
