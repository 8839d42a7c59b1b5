export const sql = `
-- Incidents (事件): one row per case; its history is incident_events (the timeline).
-- Times are epoch milliseconds. township_id is derived from the place at creation (statistics group on it).
CREATE TABLE incidents (
  id                       TEXT PRIMARY KEY,
  code                     TEXT NOT NULL UNIQUE,
  client_request_id        TEXT NOT NULL UNIQUE,
  title                    TEXT NOT NULL,
  category                 TEXT NOT NULL CHECK (category IN ('dispute', 'public-security', 'work-safety', 'environment', 'traffic', 'other')),
  description              TEXT NOT NULL DEFAULT '',
  org_unit_id              TEXT NOT NULL REFERENCES org_units(id) ON DELETE RESTRICT,
  township_id              TEXT REFERENCES org_units(id) ON DELETE RESTRICT,
  lat                      REAL,
  lng                      REAL,
  address                  TEXT,
  reporter_kind            TEXT NOT NULL CHECK (reporter_kind IN ('grid-head', 'citizen', 'alarm', 'operator')),
  reporter_name            TEXT,
  reporter_phone           TEXT,
  camera_ids               TEXT NOT NULL DEFAULT '[]',
  occurred_at              INTEGER NOT NULL,
  state                    TEXT NOT NULL CHECK (state IN ('accepted', 'analysed', 'dispatched', 'handled', 'closed')),
  responsible_org_unit_id  TEXT REFERENCES org_units(id) ON DELETE RESTRICT,
  responsible_department   TEXT,
  deadline                 INTEGER,
  supervised               INTEGER NOT NULL DEFAULT 0,
  overdue                  INTEGER NOT NULL DEFAULT 0,
  feedback                 TEXT,
  dispute_resolved         INTEGER,
  visit_result             TEXT,
  visit_satisfaction       INTEGER CHECK (visit_satisfaction BETWEEN 1 AND 5),
  visited_at               INTEGER,
  created_by               TEXT,
  created_at               INTEGER NOT NULL,
  updated_at               INTEGER NOT NULL,
  closed_at                INTEGER
);
CREATE INDEX incidents_created ON incidents(created_at);
CREATE INDEX incidents_org_unit ON incidents(org_unit_id, created_at);
CREATE INDEX incidents_township ON incidents(township_id, created_at);
CREATE INDEX incidents_responsible ON incidents(responsible_org_unit_id);
CREATE INDEX incidents_state_deadline ON incidents(state, deadline);

-- Per township (short code) and year: the last sequence number handed out.
CREATE TABLE incident_sequences (
  short_code TEXT NOT NULL,
  year       INTEGER NOT NULL,
  last       INTEGER NOT NULL,
  PRIMARY KEY (short_code, year)
);

-- The timeline: every step, who took it and when. Append-only.
CREATE TABLE incident_events (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  incident_id   TEXT NOT NULL REFERENCES incidents(id) ON DELETE RESTRICT,
  at            INTEGER NOT NULL,
  user_id       TEXT,
  username      TEXT NOT NULL,
  display_name  TEXT NOT NULL,
  action        TEXT NOT NULL,
  from_state    TEXT,
  to_state      TEXT NOT NULL,
  note          TEXT
);
CREATE INDEX incident_events_incident ON incident_events(incident_id, id);
CREATE TRIGGER incident_events_no_update BEFORE UPDATE ON incident_events BEGIN SELECT RAISE(ABORT, 'incident timeline is append-only'); END;
CREATE TRIGGER incident_events_no_delete BEFORE DELETE ON incident_events BEGIN SELECT RAISE(ABORT, 'incident timeline is append-only'); END;

-- An alarm becomes at most one incident.
CREATE TABLE incident_alarms (
  incident_id TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  alarm_id    TEXT NOT NULL UNIQUE,
  PRIMARY KEY (incident_id, alarm_id)
);

-- Snapshots and uploaded files, stored in the database (no client-given paths anywhere). kind 'clip' is reserved
-- for a short video clip around an alarm; it may then carry a reference instead of bytes.
CREATE TABLE incident_attachments (
  id              TEXT PRIMARY KEY,
  incident_id     TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  kind            TEXT NOT NULL CHECK (kind IN ('snapshot', 'file', 'clip')),
  content_type    TEXT NOT NULL,
  size            INTEGER NOT NULL,
  sha256          TEXT NOT NULL,
  file_name       TEXT NOT NULL,
  data            BLOB,
  ref             TEXT,
  source_alarm_id TEXT,
  created_by      TEXT,
  created_at      INTEGER NOT NULL
);
CREATE INDEX incident_attachments_incident ON incident_attachments(incident_id, created_at);
`;
