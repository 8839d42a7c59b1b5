export const sql = `
-- Alarm sources managed from the admin screens (issue 13): a source can be switched off without losing its key or
-- name (its webhook is refused while disabled), and its key can be replaced; the old key stops working at once.
ALTER TABLE alarm_sources ADD COLUMN disabled_at INTEGER;
ALTER TABLE alarm_sources ADD COLUMN key_rotated_at INTEGER;
`;
