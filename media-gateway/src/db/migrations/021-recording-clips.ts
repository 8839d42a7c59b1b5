export const sql = `
-- Clips (issue 14): the recorded range an alarm needs (pre + post seconds around it), protected from retention until
-- kept_until (event clips: 90 days by default). incident_id: the incident the alarm became (the clip is kept while it
-- is open: kept_until NULL).
CREATE TABLE recording_clips (
  id INTEGER PRIMARY KEY,
  camera_id TEXT NOT NULL,
  profile TEXT NOT NULL CHECK (profile IN ('main', 'sub')),
  start_ms INTEGER NOT NULL,
  end_ms INTEGER NOT NULL,
  alarm_id TEXT,
  incident_id TEXT,
  kept_until INTEGER,
  created_at INTEGER NOT NULL
);
CREATE INDEX recording_clips_camera ON recording_clips(camera_id, start_ms);
CREATE INDEX recording_clips_alarm ON recording_clips(alarm_id);
`;
