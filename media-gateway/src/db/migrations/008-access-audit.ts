export const sql = `
-- Roles, sessions and audit (issue 6).
-- A password set by an administrator (a reset, or a new account) must be changed at the next login.
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
-- Audit search by camera (target) and by action, both over time.
CREATE INDEX audit_log_target ON audit_log(target_type, target_id, at);
CREATE INDEX audit_log_action ON audit_log(action, at);
`;
