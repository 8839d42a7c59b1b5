export const sql = `
-- "Last viewed" per camera for the camera-views report (未查看点位): the latest end of a session before the period's
-- end is one index seek per camera, instead of a scan of the whole viewing history (which only grows).
CREATE INDEX view_sessions_camera_end ON view_sessions(camera_id, ended_at);
`;
