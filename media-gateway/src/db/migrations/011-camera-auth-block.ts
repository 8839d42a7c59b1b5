export const sql = `
-- Cameras that refused the stored credentials (issue 10). Real cameras lock an account after about five failed logins,
-- so the block outlives a restart (which used to spend one more attempt per camera). A row goes when the credentials
-- change or an operator retries; since = when blocked, or last tried by the health check's rare re-probe.
CREATE TABLE camera_auth_blocks (
  camera_id  TEXT PRIMARY KEY REFERENCES cameras(id) ON DELETE CASCADE,
  since      INTEGER NOT NULL
);
`;
