export const sql = `
-- Default recording plans (issue 14): per org unit (its whole subtree; the nearest one wins) and per camera category.
-- A camera's own plan wins over both, an org unit's over its category's.
CREATE TABLE recording_plan_defaults (
  kind TEXT NOT NULL CHECK (kind IN ('org-unit', 'category')),
  target TEXT NOT NULL,
  plan TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_by TEXT,
  PRIMARY KEY (kind, target)
);
`;
